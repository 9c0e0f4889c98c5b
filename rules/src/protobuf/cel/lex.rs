//! CEL tokens (cel-spec `doc/langdef.md`, "Syntax").

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Int(i64),
    /// An int literal too large for i64: only valid right after a unary minus
    /// (`-9223372036854775808`).
    IntOverflow(u64),
    Uint(u64),
    Double(f64),
    Str(String),
    Bytes(Vec<u8>),
    Ident(String),
    /// Operators and punctuation, as written.
    Punct(&'static str),
    Eof,
}

impl Tok {
    /// How ANTLR (and so cel-go's messages) names the token.
    pub fn shown(&self, text: &str) -> String {
        match self {
            Tok::Eof => "'<EOF>'".into(),
            _ => format!("'{text}'"),
        }
    }
}

/// A token with its text.
#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub text: String,
}

const PUNCT: &[&str] = &[
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", ",",
    "(", ")", "[", "]", "{", "}",
];

pub fn lex(src: &str) -> Result<Vec<Token>, String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if src[i..].starts_with("//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let tok =
            if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
                let (tok, end) = number(src, i)?;
                i = end;
                tok
            } else if c.is_ascii_alphabetic() || c == b'_' {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                let prefix = word.to_ascii_lowercase();
                let quoted = b.get(i).is_some_and(|q| *q == b'"' || *q == b'\'');
                if quoted && matches!(prefix.as_str(), "r" | "b" | "rb" | "br") {
                    let raw = prefix.contains('r');
                    let (bytes, end) = string(src, i, raw)?;
                    i = end;
                    if prefix.contains('b') {
                        Tok::Bytes(bytes)
                    } else {
                        Tok::Str(String::from_utf8(bytes).map_err(|_| "invalid UTF-8 in string")?)
                    }
                } else {
                    Tok::Ident(word.to_string())
                }
            } else if c == b'"' || c == b'\'' {
                let (bytes, end) = string(src, i, false)?;
                i = end;
                Tok::Str(String::from_utf8(bytes).map_err(|_| "invalid UTF-8 in string")?)
            } else if let Some(p) = PUNCT.iter().find(|p| src[i..].starts_with(**p)) {
                i += p.len();
                Tok::Punct(p)
            } else {
                let ch = src[i..].chars().next().unwrap_or('?');
                return Err(format!("token recognition error at: '{ch}'"));
            };
        out.push(Token {
            tok,
            text: src[start..i].to_string(),
        });
    }
    out.push(Token {
        tok: Tok::Eof,
        text: String::new(),
    });
    Ok(out)
}

fn number(src: &str, start: usize) -> Result<(Tok, usize), String> {
    let b = src.as_bytes();
    let mut i = start;
    if src[i..].starts_with("0x") || src[i..].starts_with("0X") {
        i += 2;
        let digits = i;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        let v = u64::from_str_radix(&src[digits..i], 16).map_err(|_| "invalid int literal")?;
        return Ok(int_or_uint(src, i, v));
    }
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut float = false;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        float = true;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            float = true;
            i = j;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    let text = &src[start..i];
    if float {
        let v: f64 = text.parse().map_err(|_| "invalid double literal")?;
        return Ok((Tok::Double(v), i));
    }
    let v: u64 = text.parse().map_err(|_| "invalid int literal")?;
    Ok(int_or_uint(src, i, v))
}

fn int_or_uint(src: &str, i: usize, v: u64) -> (Tok, usize) {
    if matches!(src.as_bytes().get(i), Some(b'u' | b'U')) {
        return (Tok::Uint(v), i + 1);
    }
    match i64::try_from(v) {
        Ok(n) => (Tok::Int(n), i),
        Err(_) => (Tok::IntOverflow(v), i),
    }
}

/// A quoted literal starting at `start` (the quote): its bytes after escapes, and the end.
fn string(src: &str, start: usize, raw: bool) -> Result<(Vec<u8>, usize), String> {
    let b = src.as_bytes();
    let q = b[start];
    let triple = b.get(start + 1) == Some(&q) && b.get(start + 2) == Some(&q);
    let mut i = start + if triple { 3 } else { 1 };
    let mut out = Vec::new();
    loop {
        let Some(&c) = b.get(i) else {
            return Err("unterminated string literal".into());
        };
        if triple {
            if c == q && b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) {
                return Ok((out, i + 3));
            }
        } else if c == q {
            return Ok((out, i + 1));
        } else if c == b'\n' {
            return Err("unterminated string literal".into());
        }
        if c == b'\\' && !raw {
            let (bytes, next) = escape(src, i)?;
            out.extend(bytes);
            i = next;
            continue;
        }
        if c == b'\\' && raw && b.get(i + 1) == Some(&q) {
            // A raw string still cannot end at an escaped quote.
            out.extend([b'\\', q]);
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
}

fn escape(src: &str, i: usize) -> Result<(Vec<u8>, usize), String> {
    let b = src.as_bytes();
    let Some(&e) = b.get(i + 1) else {
        return Err("unterminated escape".into());
    };
    let simple = match e {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        b'\\' | b'\'' | b'"' | b'`' | b'?' => Some(e),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok((vec![c], i + 2));
    }
    let hex = |from: usize, n: usize| -> Result<u32, String> {
        src.get(from..from + n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| format!("invalid escape sequence at {i}"))
    };
    let (code, next) = match e {
        b'x' | b'X' => return Ok((vec![hex(i + 2, 2)? as u8], i + 4)),
        b'u' => (hex(i + 2, 4)?, i + 6),
        b'U' => (hex(i + 2, 8)?, i + 10),
        b'0'..=b'3' => {
            let oct = src
                .get(i + 1..i + 4)
                .and_then(|o| u32::from_str_radix(o, 8).ok())
                .ok_or_else(|| format!("invalid escape sequence at {i}"))?;
            return Ok((vec![oct as u8], i + 4));
        }
        _ => return Err(format!("invalid escape sequence at {i}")),
    };
    let ch = char::from_u32(code).ok_or_else(|| format!("invalid unicode code point at {i}"))?;
    let mut buf = [0; 4];
    Ok((ch.encode_utf8(&mut buf).as_bytes().to_vec(), next))
}
