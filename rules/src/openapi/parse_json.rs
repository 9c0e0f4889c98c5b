//! A JSON parser straight into `Node`s: byte offsets only, no pointer strings, so a 12 MB
//! description parses in tens of milliseconds. Nesting is capped (`MAX_DEPTH`).

use super::node::{Member, Node, Val};

pub const MAX_DEPTH: usize = 256;

/// Where and why parsing stopped (a byte offset; the loader turns it into line:col).
#[derive(Debug)]
pub struct SyntaxError {
    pub off: usize,
    pub message: String,
    pub too_deep: bool,
}

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut p = P {
        s: text.as_bytes(),
        t: text,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("unexpected content after the JSON value"));
    }
    Ok(v)
}

struct P<'a> {
    s: &'a [u8],
    t: &'a str,
    i: usize,
}

impl P<'_> {
    fn err(&self, m: impl Into<String>) -> SyntaxError {
        SyntaxError {
            off: self.i,
            message: m.into(),
            too_deep: false,
        }
    }

    fn ws(&mut self) {
        while let Some(b) = self.s.get(self.i) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError {
                off: self.i,
                message: format!("nested deeper than {MAX_DEPTH} levels"),
                too_deep: true,
            });
        }
        let off = self.i as u32;
        let v = match self.s.get(self.i) {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Val::Str(self.string()?.into()),
            Some(b't') => self.lit("true", Val::Bool(true))?,
            Some(b'f') => self.lit("false", Val::Bool(false))?,
            Some(b'n') => self.lit("null", Val::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.err("unexpected character")),
            None => return Err(self.err("expected a value but the document ended")),
        };
        Ok(Node { off, v })
    }

    fn lit(&mut self, w: &str, v: Val) -> Result<Val, SyntaxError> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.err(format!("invalid literal (expected `{w}`)")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Val, SyntaxError> {
        self.i += 1;
        let mut ms: Vec<Member> = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Val::Obj(ms.into()));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("expected a property name in double quotes"));
            }
            let key_off = self.i as u32;
            let key = self.string()?;
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return Err(self.err("expected ':' after a property name"));
            }
            self.i += 1;
            self.ws();
            let val = self.value(depth + 1)?;
            ms.push(Member {
                key: key.into(),
                key_off,
                val,
            });
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Val::Obj(ms.into()));
                }
                _ => return Err(self.err("expected ',' or '}' after a property")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Val, SyntaxError> {
        self.i += 1;
        let mut xs = Vec::new();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Val::Arr(xs.into()));
        }
        loop {
            self.ws();
            xs.push(self.value(depth + 1)?);
            self.ws();
            match self.s.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Val::Arr(xs.into()));
                }
                _ => return Err(self.err("expected ',' or ']' after an array item")),
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // Both ends sit on ASCII bytes, so the slice is on character boundaries.
            out.push_str(&self.t[start..self.i]);
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.err("invalid escape in string")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.err("control character in string")),
                None => return Err(self.err("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self
                .s
                .get(self.i)
                .and_then(|b| (*b as char).to_digit(16))
                .ok_or_else(|| self.err("invalid \\u escape"))?;
            self.i += 1;
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn unicode(&mut self) -> Result<char, SyntaxError> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.s.get(self.i) != Some(&b'\\') || self.s.get(self.i + 1) != Some(&b'u') {
                return Err(self.err("unpaired surrogate in \\u escape"));
            }
            self.i += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.err("invalid low surrogate in \\u escape"));
            }
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            return char::from_u32(c).ok_or_else(|| self.err("invalid \\u escape"));
        }
        char::from_u32(hi).ok_or_else(|| self.err("invalid \\u escape"))
    }

    fn number(&mut self) -> Result<Val, SyntaxError> {
        let start = self.i;
        while let Some(&b) = self.s.get(self.i) {
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.i += 1;
            } else {
                break;
            }
        }
        let s = &self.t[start..self.i];
        s.parse::<f64>().map(Val::Num).map_err(|_| SyntaxError {
            off: start,
            message: format!("invalid number `{s}`"),
            too_deep: false,
        })
    }
}
