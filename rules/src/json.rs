//! JSON with source positions: a `serde_json::Value` plus the span of every value, addressed
//! by JSON pointer, so findings and errors in `.avsc` and JSON Schema files can say
//! file:line:col. Nesting is bounded (`MAX_DEPTH`) so a hostile document gets an error, not a
//! stack overflow, in the parser or in the engines that walk the value after it.

use crate::finding::Span;
use serde_json::{Map, Number, Value};
use thiserror::Error;

/// Deepest nesting accepted. Real schemas stay far below; Jackson (behind the Confluent
/// registry) stops at 1,000, and accord's engines recurse over the value, so we stop earlier.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("{file}:{line}:{column}: {message}")]
pub struct JsonError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A parsed document and where each of its values is.
///
/// Spans are kept in document order with the size of each value's subtree, and a pointer is
/// resolved by walking the value: parsing allocates nothing per value beyond the value itself
/// (a map of pointer strings cost more than the parse on small schemas).
#[derive(Debug, Clone, Default)]
pub struct JsonDoc {
    pub value: Value,
    /// Pre-order: (span, number of values in the subtree, itself included).
    spans: Vec<(Span, u32)>,
}

impl JsonDoc {
    /// The span of the value at `pointer` (RFC 6901, e.g. `/fields/1/type`), or of its nearest
    /// ancestor that has one.
    pub fn span(&self, pointer: &str) -> Span {
        let (index, _) = self.locate(pointer);
        self.spans
            .get(index)
            .map(|s| s.0)
            .unwrap_or(Span::FILE_START)
    }

    pub fn has(&self, pointer: &str) -> bool {
        self.locate(pointer).1
    }

    /// The pre-order index of the deepest value on `pointer`'s path, and whether that value is
    /// the one `pointer` names.
    fn locate(&self, pointer: &str) -> (usize, bool) {
        let mut value = &self.value;
        let mut index = 0;
        if pointer.is_empty() {
            return (0, true);
        }
        let Some(rest) = pointer.strip_prefix('/') else {
            return (0, false);
        };
        for raw in rest.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            // Children follow their parent; skip the subtrees of earlier siblings.
            let mut child = index + 1;
            let found = match value {
                Value::Object(map) => map.iter().find_map(|(k, v)| {
                    if *k == token {
                        Some(v)
                    } else {
                        child += self.size(child);
                        None
                    }
                }),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|n| {
                    let v = items.get(n)?;
                    for _ in 0..n {
                        child += self.size(child);
                    }
                    Some(v)
                }),
                _ => None,
            };
            match found {
                Some(v) => {
                    value = v;
                    index = child;
                }
                None => return (index, false),
            }
        }
        (index, true)
    }

    fn size(&self, index: usize) -> usize {
        self.spans.get(index).map_or(1, |s| s.1 as usize)
    }
}

/// Escapes one pointer token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

pub fn parse(text: &str, file: &str) -> Result<JsonDoc, JsonError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        col: 1,
        file,
        spans: Vec::new(),
    };
    p.skip_ws();
    if p.pos >= p.src.len() {
        return Err(p.error("empty document: expected a JSON value"));
    }
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error("unexpected content after the JSON value"));
    }
    Ok(JsonDoc {
        value,
        spans: p.spans,
    })
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    file: &'a str,
    spans: Vec<(Span, u32)>,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> JsonError {
        JsonError {
            file: self.file.to_string(),
            line: self.line,
            column: self.col,
            message: message.into(),
        }
    }

    fn bump(&mut self) -> Option<u8> {
        let b = *self.src.get(self.pos)?;
        self.pos += 1;
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            // Count characters, not UTF-8 continuation bytes.
            self.col += 1;
        }
        Some(b)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn expect(&mut self, want: u8) -> Result<(), JsonError> {
        match self.peek() {
            Some(b) if b == want => {
                self.bump();
                Ok(())
            }
            Some(b) => Err(self.error(format!(
                "expected '{}' but found '{}'",
                want as char,
                printable(b)
            ))),
            None => Err(self.error(format!(
                "expected '{}' but the document ended",
                want as char
            ))),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!(
                "nested deeper than {MAX_DEPTH} levels; refusing to parse further"
            )));
        }
        let (line, column) = (self.line, self.col);
        // Reserve this value's place in pre-order; its span and size are known at the end.
        let slot = self.spans.len();
        self.spans.push((Span::default(), 1));
        let v = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b) => return Err(self.error(format!("unexpected character '{}'", printable(b)))),
            None => return Err(self.error("expected a value but the document ended")),
        };
        let size = (self.spans.len() - slot) as u32;
        self.spans[slot] = (
            Span {
                line,
                column,
                end_line: self.line,
                end_column: self.col,
            },
            size,
        );
        Ok(v)
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, JsonError> {
        if self.src[self.pos..].starts_with(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(v)
        } else {
            Err(self.error(format!("invalid literal (expected `{word}`)")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.bump();
        let mut map = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a property name in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            self.expect(b':')?;
            self.skip_ws();
            let v = self.value(depth + 1)?;
            if map.contains_key(&key) {
                return Err(self.error(format!("duplicate property \"{key}\"")));
            }
            map.insert(key, v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                }
                Some(b'}') => {
                    self.bump();
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.error("expected ',' or '}' after a property")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.bump();
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            let v = self.value(depth + 1)?;
            items.push(v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                }
                Some(b']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' after an array item")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.bump();
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.bump();
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.bump();
                    let c = match self.bump() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode()?,
                        _ => return Err(self.error("invalid escape in string")),
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self
                .bump()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn unicode(&mut self) -> Result<char, JsonError> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                return Err(self.error("unpaired surrogate in \\u escape"));
            }
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("invalid low surrogate in \\u escape"));
            }
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            return char::from_u32(c).ok_or_else(|| self.error("invalid \\u escape"));
        }
        char::from_u32(hi).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.bump();
            } else {
                break;
            }
        }
        let s = &self.text[start..self.pos];
        let n: Number =
            serde_json::from_str(s).map_err(|_| self.error(format!("invalid number `{s}`")))?;
        Ok(Value::Number(n))
    }
}

fn printable(b: u8) -> String {
    if b.is_ascii_graphic() {
        (b as char).to_string()
    } else {
        format!("\\x{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_by_pointer() {
        let doc = parse("{\n  \"a\": [1, {\"b\": true}]\n}", "x.json").unwrap();
        assert_eq!(doc.span("/a").line, 2);
        assert_eq!(doc.span("/a").column, 8);
        assert_eq!(doc.span("/a/1/b").column, 18);
        assert_eq!(doc.span("/a/1/missing").column, 12);
        assert_eq!(doc.value["a"][1]["b"], Value::Bool(true));
    }

    #[test]
    fn pointers_with_escapes_and_siblings() {
        let doc = parse("{\"a/b\": 1, \"c\": [[1, 2], {\"~\": 3}]}", "x").unwrap();
        assert_eq!(doc.span("/a~1b").column, 9);
        assert_eq!(doc.span("/c/1/~0").column, 32);
        assert!(doc.has("/c/0/1"));
        assert!(!doc.has("/c/2"));
        assert_eq!(doc.span("/c/2").column, 17);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("{\n  \"a\": tru\n}", "x.json").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        let e = parse("{\"a\":1,\"a\":2}", "x.json").unwrap_err();
        assert!(e.message.contains("duplicate"));
        assert!(parse("", "x.json").is_err());
        assert!(parse("[1] x", "x.json").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse(&deep, "x.json").unwrap_err();
        assert!(e.message.contains("nested deeper"));
    }

    #[test]
    fn strings_and_unicode() {
        let doc = parse(r#""a\"\u00e9\ud83d\ude00""#, "x").unwrap();
        assert_eq!(doc.value, Value::String("a\"é😀".into()));
    }
}
