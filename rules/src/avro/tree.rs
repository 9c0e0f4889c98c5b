//! A flat JSON document for reading `.avsc` text: every array's elements and every object's
//! members live in two shared vectors (a value holds the range of its children), strings are
//! borrowed from the text where they have no escapes. Reading a schema thus allocates a few
//! vectors, not one per array or object, and dropping it frees those few.
//!
//! `from_str` is a strict RFC 8259 reader of its own, written for speed on small schemas; it
//! gives up (`None`) on anything it does not accept, and the caller then reads the text with
//! the spanned parser (`crate::json`), which either accepts it (`Doc::from_value`) or reports
//! where it is wrong — so error messages and locations are the spanned parser's.

use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// One value; arrays and objects refer to their children in the `Doc`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum J<'a> {
    #[default]
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Range),
    Obj(Range),
}

/// Where an array's elements or an object's members are in the `Doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    start: usize,
    end: usize,
}

impl Range {
    fn span(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A parsed document: its root and the storage its arrays and objects point into.
#[derive(Debug, Default)]
pub struct Doc<'a> {
    pub root: J<'a>,
    items: Vec<J<'a>>,
    members: Vec<(Cow<'a, str>, J<'a>)>,
}

/// An object's members in document order.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'d, 'a>(pub &'d [(Cow<'a, str>, J<'a>)]);

impl<'d, 'a> Obj<'d, 'a> {
    /// The last member named `key` (JSON parsers keep the last of duplicate keys).
    pub fn get(&self, key: &str) -> Option<&'d J<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<'a> J<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            J::Num(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn is_array(&self) -> bool {
        matches!(self, J::Arr(_))
    }
}

impl<'a> Doc<'a> {
    /// The elements of array `r`.
    pub fn arr(&self, r: Range) -> &[J<'a>] {
        self.items.get(r.span()).unwrap_or_default()
    }

    /// The members of object `r`.
    pub fn obj(&self, r: Range) -> Obj<'_, 'a> {
        Obj(self.members.get(r.span()).unwrap_or_default())
    }

    /// `v` as a `serde_json::Value` (for messages that quote a value).
    pub fn to_value(&self, v: &J<'a>) -> Value {
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Num(n) => Value::Number(n.clone()),
            J::Str(s) => Value::String(s.to_string()),
            J::Arr(r) => Value::Array(self.arr(*r).iter().map(|x| self.to_value(x)).collect()),
            J::Obj(r) => {
                let mut m = Map::new();
                for (k, x) in self.obj(*r).0 {
                    m.insert(k.to_string(), self.to_value(x));
                }
                Value::Object(m)
            }
        }
    }

    /// Borrows a `serde_json::Value` (for text only the spanned parser could read).
    pub fn from_value(v: &'a Value) -> Doc<'a> {
        let mut doc = Doc::default();
        doc.root = doc.add_value(v);
        doc
    }

    fn add_value(&mut self, v: &'a Value) -> J<'a> {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.clone()),
            Value::String(s) => J::Str(Cow::Borrowed(s)),
            Value::Array(a) => {
                let children: Vec<J<'a>> = a.iter().map(|x| self.add_value(x)).collect();
                let start = self.items.len();
                self.items.extend(children);
                J::Arr(Range {
                    start,
                    end: self.items.len(),
                })
            }
            Value::Object(o) => {
                let children: Vec<(Cow<'a, str>, J<'a>)> = o
                    .iter()
                    .map(|(k, x)| (Cow::Borrowed(k.as_str()), self.add_value(x)))
                    .collect();
                let start = self.members.len();
                self.members.extend(children);
                J::Obj(Range {
                    start,
                    end: self.members.len(),
                })
            }
        }
    }
}

/// Deeper than this, `from_str` gives up and the spanned parser (which has its own, larger,
/// bound and does not recurse on the machine stack per level in the same way) takes over.
const FAST_DEPTH: usize = 128;

/// Reads `text` as one JSON value (nothing but whitespace may follow), or `None` when the
/// text is not JSON this reader accepts.
pub fn from_str(text: &str) -> Option<Doc<'_>> {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        i: 0,
        doc: Doc {
            root: J::Null,
            items: Vec::with_capacity(text.len() / 24 + 4),
            members: Vec::with_capacity(text.len() / 12 + 4),
        },
        items: Vec::with_capacity(8),
        members: Vec::with_capacity(8),
    };
    let root = s.value(0)?;
    s.ws();
    if s.i != s.b.len() {
        return None;
    }
    s.doc.root = root;
    Some(s.doc)
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    doc: Doc<'a>,
    /// Elements and members of the arrays and objects open on the way down: each is moved
    /// into the document's storage, contiguously, when its array or object closes.
    items: Vec<J<'a>>,
    members: Vec<(Cow<'a, str>, J<'a>)>,
}

impl<'a> Scanner<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// Consumes `c` after optional whitespace.
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<J<'a>> {
        self.ws();
        match *self.b.get(self.i)? {
            b'"' => {
                self.i += 1;
                self.string().map(J::Str)
            }
            b'{' if depth < FAST_DEPTH => self.object(depth + 1),
            b'[' if depth < FAST_DEPTH => self.array(depth + 1),
            b't' => self.literal(b"true", J::Bool(true)),
            b'f' => self.literal(b"false", J::Bool(false)),
            b'n' => self.literal(b"null", J::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8], v: J<'a>) -> Option<J<'a>> {
        if self.b.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(v)
        } else {
            None
        }
    }

    fn array(&mut self, depth: usize) -> Option<J<'a>> {
        self.i += 1;
        let mark = self.items.len();
        if !self.eat(b']') {
            loop {
                let v = self.value(depth)?;
                self.items.push(v);
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    break;
                }
                return None;
            }
        }
        let start = self.doc.items.len();
        self.doc.items.extend(self.items.drain(mark..));
        Some(J::Arr(Range {
            start,
            end: self.doc.items.len(),
        }))
    }

    fn object(&mut self, depth: usize) -> Option<J<'a>> {
        self.i += 1;
        let mark = self.members.len();
        if !self.eat(b'}') {
            loop {
                if !self.eat(b'"') {
                    return None;
                }
                let key = self.string()?;
                if !self.eat(b':') {
                    return None;
                }
                let v = self.value(depth)?;
                self.members.push((key, v));
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b'}') {
                    break;
                }
                return None;
            }
        }
        let start = self.doc.members.len();
        self.doc.members.extend(self.members.drain(mark..));
        Some(J::Obj(Range {
            start,
            end: self.doc.members.len(),
        }))
    }

    /// A string's contents, the opening quote already consumed.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.i;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    let s = self.text.get(start..self.i)?;
                    self.i += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                0..0x20 => return None,
                _ => self.i += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.i)?);
        loop {
            let run = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.text.get(run..self.i)?);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.i += 1;
                    let c = *self.b.get(self.i)?;
                    self.i += 1;
                    out.push(match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                _ => return None,
            }
        }
    }

    /// The character of a `\u` escape (the `\u` consumed), surrogate pairs joined; a lone
    /// surrogate is refused.
    fn unicode(&mut self) -> Option<char> {
        let hi = self.hex4()?;
        if !(0xD800..0xE000).contains(&hi) {
            return char::from_u32(hi);
        }
        if hi >= 0xDC00 || self.b.get(self.i..self.i + 2)? != b"\\u" {
            return None;
        }
        self.i += 2;
        let lo = self.hex4()?;
        if !(0xDC00..0xE000).contains(&lo) {
            return None;
        }
        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.i..self.i + 4)?;
        if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number, by the RFC's grammar. Plain non-negative integers that fit a u64 are read
    /// here; anything else (signs, fractions, exponents, overflow) is handed to serde_json,
    /// so every number has exactly the value and form serde_json gives it.
    fn number(&mut self) -> Option<J<'a>> {
        let start = self.i;
        let digits = |s: &mut Self| {
            let from = s.i;
            while s.b.get(s.i).is_some_and(u8::is_ascii_digit) {
                s.i += 1;
            }
            s.i > from
        };
        let negative = self.b.get(self.i) == Some(&b'-');
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        if !digits(self) || (self.b[int_start] == b'0' && self.i - int_start > 1) {
            return None;
        }
        let mut plain = !negative;
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            plain = false;
            if !digits(self) {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            plain = false;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = self.text.get(start..self.i)?;
        if plain && let Ok(n) = text.parse::<u64>() {
            return Some(J::Num(n.into()));
        }
        serde_json::from_str::<Number>(text).ok().map(J::Num)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast reader must read exactly what serde_json reads, and refuse what it refuses.
    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            r#"{"type": "record", "name": "A", "fields": []}"#,
            r#"  [ "null" , {"a": [1, -2, 3.5, 1e3, -0, 0.0, 18446744073709551616]} ]  "#,
            r#""\u00e9\ud83d\ude00 \" \\ \/ \b \f \n \r \t""#,
            r#"{"a": true, "b": false, "c": null, "a": 2}"#,
            r#"[]"#,
            r#"{}"#,
            r#"-12"#,
            r#""é and ünïcödé""#,
            r#"[1,]"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"[01]"#,
            r#"[1.]"#,
            r#"[.5]"#,
            r#"[1e]"#,
            r#"[-]"#,
            r#"["\ud800"]"#,
            r#"["\x"]"#,
            "[\"tab\there\"]",
            r#"[tru]"#,
            r#"[nul]"#,
            r#"[1] x"#,
            r#""#,
            r#"{"a":1}}"#,
            r#"[1 2]"#,
        ];
        for text in cases {
            let ours = from_str(text).map(|d| d.to_value(&d.root));
            let theirs = serde_json::from_str::<Value>(text).ok();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    /// Every element and member is moved twice while reading (scratch, then document).
    #[test]
    fn values_stay_small() {
        assert!(std::mem::size_of::<J<'_>>() <= 32);
    }

    #[test]
    fn deep_nesting_is_left_to_the_spanned_parser() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(from_str(&deep).is_none());
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(from_str(&ok).is_some());
    }
}
