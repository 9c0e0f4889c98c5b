//! A flat JSON document for reading `.avsc` text. Values are small and copyable: a string or a
//! number is a range of the text (or, for a string with escapes, of one buffer of decoded
//! strings), an array or object the range of its children in two shared vectors, and an
//! object member's key also carries which Avro attribute it is (`Key`), so looking a member
//! up compares one byte. Reading a schema thus allocates a few vectors, not one per value,
//! and those vectors are kept per thread and reused by the next schema (`recycle`).
//!
//! `from_str` is a strict RFC 8259 reader of its own, written for speed on small schemas; it
//! gives up (`None`) on anything it does not accept, and the caller then reads the text with
//! the spanned parser (`crate::json`), which either accepts it (`Doc::from_value`) or reports
//! where it is wrong — so error messages and locations are the spanned parser's.

use serde_json::{Map, Number, Value};
use std::cell::RefCell;

/// A string: `len` bytes at `at` in the text, or in the decoded buffer when `len`'s top bit
/// (`DECODED`) is set — one bit, so that a value is 12 bytes, not 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str {
    at: u32,
    len: u32,
}

const DECODED: u32 = 1 << 31;

impl Str {
    /// `len` bytes at `at`, or `None` when they do not fit the 31 bits a length has.
    fn new(at: usize, len: usize, decoded: bool) -> Option<Str> {
        let (at, len) = (u32::try_from(at).ok()?, u32::try_from(len).ok()?);
        if len >= DECODED || at >= DECODED {
            return None;
        }
        Some(Str {
            at,
            len: if decoded { len | DECODED } else { len },
        })
    }

    fn decoded(self) -> bool {
        self.len & DECODED != 0
    }

    fn bytes(self) -> std::ops::Range<usize> {
        let at = self.at as usize;
        at..at + (self.len & !DECODED) as usize
    }
}

/// One value; arrays and objects refer to their children in the `Doc`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum J {
    #[default]
    Null,
    Bool(bool),
    /// The number's text, exactly as written (read on demand, as serde_json reads it).
    Num(Str),
    Str(Str),
    Arr(Range),
    Obj(Range),
}

/// Where an array's elements or an object's members are in the `Doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    start: u32,
    end: u32,
}

impl Range {
    fn span(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The object members an Avro schema gives meaning to; any other key is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Type,
    Name,
    Namespace,
    Fields,
    Items,
    Values,
    Symbols,
    Default,
    Aliases,
    Doc,
    Size,
    LogicalType,
    Precision,
    Scale,
    Order,
    Other,
}

impl Key {
    fn of(k: &[u8]) -> Key {
        match k {
            b"type" => Key::Type,
            b"name" => Key::Name,
            b"namespace" => Key::Namespace,
            b"fields" => Key::Fields,
            b"items" => Key::Items,
            b"values" => Key::Values,
            b"symbols" => Key::Symbols,
            b"default" => Key::Default,
            b"aliases" => Key::Aliases,
            b"doc" => Key::Doc,
            b"size" => Key::Size,
            b"logicalType" => Key::LogicalType,
            b"precision" => Key::Precision,
            b"scale" => Key::Scale,
            b"order" => Key::Order,
            _ => Key::Other,
        }
    }
}

/// An object member.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub key: Key,
    name: Str,
    pub value: J,
}

/// A parsed document: its root and the storage its values point into.
#[derive(Debug, Default)]
pub struct Doc<'a> {
    pub root: J,
    text: &'a str,
    /// Strings with escapes, decoded (and, for `from_value`, every string and number).
    decoded: String,
    items: Vec<J>,
    members: Vec<Member>,
    /// Scratch for `from_str`, kept only so that `recycle` can hand it back.
    open_items: Vec<J>,
    open_members: Vec<Member>,
}

/// An object's members in document order.
#[derive(Debug, Clone, Copy)]
pub struct Obj<'d>(pub &'d [Member]);

impl<'d> Obj<'d> {
    /// The last member that is `key` (JSON parsers keep the last of duplicate keys).
    pub fn get(&self, key: Key) -> Option<&'d J> {
        self.0.iter().rev().find(|m| m.key == key).map(|m| &m.value)
    }
}

impl J {
    pub fn is_array(&self) -> bool {
        matches!(self, J::Arr(_))
    }
}

impl<'a> Doc<'a> {
    /// The text of a string or number.
    pub fn text(&self, s: Str) -> &str {
        let from = if s.decoded() {
            self.decoded.as_str()
        } else {
            self.text
        };
        from.get(s.bytes()).unwrap_or_default()
    }

    /// `v`'s text when it is a string.
    pub fn str(&self, v: &J) -> Option<&str> {
        match v {
            J::Str(s) => Some(self.text(*s)),
            _ => None,
        }
    }

    /// `v` as serde_json reads it when it is a number.
    pub fn num(&self, v: &J) -> Option<Number> {
        match v {
            J::Num(s) => {
                let t = self.text(*s);
                // Plain non-negative integers are the common case and read without serde_json.
                if let Ok(n) = t.parse::<u64>() {
                    return Some(n.into());
                }
                serde_json::from_str::<Number>(t).ok()
            }
            _ => None,
        }
    }

    pub fn as_u64(&self, v: &J) -> Option<u64> {
        self.num(v)?.as_u64()
    }

    /// A member's key.
    pub fn key(&self, m: &Member) -> &str {
        self.text(m.name)
    }

    /// The elements of array `r`.
    pub fn arr(&self, r: Range) -> &[J] {
        self.items.get(r.span()).unwrap_or_default()
    }

    /// The members of object `r`.
    pub fn obj(&self, r: Range) -> Obj<'_> {
        Obj(self.members.get(r.span()).unwrap_or_default())
    }

    /// The member of object `o` named `name` (the last, as JSON parsers keep).
    pub fn member(&self, o: Obj<'_>, name: &str) -> Option<J> {
        o.0.iter()
            .rev()
            .find(|m| self.key(m) == name)
            .map(|m| m.value)
    }

    /// `v` as a `serde_json::Value` (for messages that quote a value).
    pub fn to_value(&self, v: &J) -> Value {
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Num(_) => self.num(v).map_or(Value::Null, Value::Number),
            J::Str(s) => Value::String(self.text(*s).to_string()),
            J::Arr(r) => Value::Array(self.arr(*r).iter().map(|x| self.to_value(x)).collect()),
            J::Obj(r) => {
                let mut m = Map::new();
                for x in self.obj(*r).0 {
                    m.insert(self.key(x).to_string(), self.to_value(&x.value));
                }
                Value::Object(m)
            }
        }
    }

    /// Copies a `serde_json::Value` (for text only the spanned parser could read; its
    /// strings and numbers go to the decoded buffer).
    pub fn from_value(v: &Value) -> Option<Doc<'a>> {
        let mut doc = Doc::default();
        doc.root = doc.add_value(v)?;
        Some(doc)
    }

    fn keep(&mut self, s: &str) -> Option<Str> {
        let at = self.decoded.len();
        self.decoded.push_str(s);
        Str::new(at, s.len(), true)
    }

    fn add_value(&mut self, v: &Value) -> Option<J> {
        Some(match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(self.keep(&n.to_string())?),
            Value::String(s) => J::Str(self.keep(s)?),
            Value::Array(a) => {
                let children = a
                    .iter()
                    .map(|x| self.add_value(x))
                    .collect::<Option<Vec<J>>>()?;
                let start = self.items.len();
                self.items.extend(children);
                J::Arr(range(start, self.items.len())?)
            }
            Value::Object(o) => {
                let mut children = Vec::with_capacity(o.len());
                for (k, x) in o {
                    children.push(Member {
                        key: Key::of(k.as_bytes()),
                        name: self.keep(k)?,
                        value: self.add_value(x)?,
                    });
                }
                let start = self.members.len();
                self.members.extend(children);
                J::Obj(range(start, self.members.len())?)
            }
        })
    }
}

fn range(start: usize, end: usize) -> Option<Range> {
    Some(Range {
        start: u32::try_from(start).ok()?,
        end: u32::try_from(end).ok()?,
    })
}

/// Deeper than this, `from_str` gives up and the spanned parser (which has its own, larger,
/// bound and does not recurse on the machine stack per level in the same way) takes over.
const FAST_DEPTH: usize = 128;

thread_local! {
    /// Vectors of documents already read, cleared, for the next `from_str` on this thread.
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// A document's vectors without their contents.
struct Spare {
    decoded: String,
    items: Vec<J>,
    members: Vec<Member>,
    open_items: Vec<J>,
    open_members: Vec<Member>,
}

/// Keeps `doc`'s vectors for the next `from_str` on this thread (reading many small schemas
/// otherwise spends much of its time allocating and freeing them).
pub fn recycle(doc: Doc<'_>) {
    // Very large buffers are let go rather than held for the thread's life: a thread keeps
    // at most what a schema of some hundred kilobytes needed.
    const KEEP: usize = 1 << 16;
    if [
        doc.decoded.capacity(),
        doc.items.capacity(),
        doc.members.capacity(),
        doc.open_items.capacity(),
        doc.open_members.capacity(),
    ]
    .iter()
    .any(|&c| c > KEEP)
    {
        return;
    }
    let Doc {
        mut decoded,
        mut items,
        mut members,
        mut open_items,
        mut open_members,
        ..
    } = doc;
    decoded.clear();
    items.clear();
    members.clear();
    open_items.clear();
    open_members.clear();
    let _ = SPARE.try_with(|s| {
        *s.borrow_mut() = Some(Spare {
            decoded,
            items,
            members,
            open_items,
            open_members,
        });
    });
}

/// Reads `text` as one JSON value (nothing but whitespace may follow), or `None` when the
/// text is not JSON this reader accepts.
pub fn from_str(text: &str) -> Option<Doc<'_>> {
    // Ranges are 31-bit: larger texts go to the spanned parser (which refuses them anyway).
    if text.len() >= DECODED as usize {
        return None;
    }
    let spare = SPARE.try_with(|s| s.borrow_mut().take()).ok().flatten();
    let doc = match spare {
        Some(s) => Doc {
            root: J::Null,
            text,
            decoded: s.decoded,
            items: s.items,
            members: s.members,
            open_items: s.open_items,
            open_members: s.open_members,
        },
        None => Doc {
            root: J::Null,
            text,
            decoded: String::new(),
            items: Vec::with_capacity(text.len() / 24 + 4),
            members: Vec::with_capacity(text.len() / 12 + 4),
            open_items: Vec::with_capacity(16),
            open_members: Vec::with_capacity(16),
        },
    };
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        doc,
    };
    let root = s.value(0)?;
    s.ws();
    if s.i != s.b.len() {
        return None;
    }
    s.doc.root = root;
    Some(s.doc)
}

/// The length of the plain string content `b` starts with: up to the first closing quote,
/// escape or control character (`None` when there is none). Eight bytes are tested at a time,
/// as most strings in a schema are names of a few characters.
#[inline]
fn plain_run(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte's high bit is set in `stop` where x's byte is a quote, a backslash or below
        // 0x20 (the classic "has a zero byte" test on x^quote, x^backslash and x itself; a
        // byte of 0x80 or more never sets it, as `!x & HIGH` masks those out).
        let quote = x ^ (ONES * u64::from(b'"'));
        let slash = x ^ (ONES * u64::from(b'\\'));
        let stop = (quote.wrapping_sub(ONES) & !quote
            | slash.wrapping_sub(ONES) & !slash
            | x.wrapping_sub(ONES * 0x20) & !x)
            & HIGH;
        if stop != 0 {
            // The lowest flagged byte is exact (borrows only run towards higher bytes).
            return Some(at + (stop.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b.get(at..)?
        .iter()
        .position(|&c| STOPS_STRING[usize::from(c)])
        .map(|n| at + n)
}

/// The bytes that end a run of plain string content: the closing quote, an escape, and the
/// control characters JSON forbids in strings.
const STOPS_STRING: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Moves `from[mark..]` to the end of `to`, element by element: a container has a few
/// children, too few for a call to `memcpy` to pay.
#[inline]
fn move_tail<T: Copy>(from: &mut Vec<T>, mark: usize, to: &mut Vec<T>) {
    if let Some(tail) = from.get(mark..) {
        to.reserve(tail.len());
        for &x in tail {
            to.push(x);
        }
    }
    from.truncate(mark);
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// The document being built; its `open_*` vectors hold the elements and members of the
    /// arrays and objects open on the way down, each moved into the document's storage,
    /// contiguously, when its array or object closes.
    doc: Doc<'a>,
}

impl Scanner<'_> {
    #[inline]
    fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            // One test for the common case, a byte that is not whitespace.
            if c > b' ' || !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.i += 1;
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Scalars are read here, inline; arrays and objects in functions of their own, so that
    /// reading a string does not pay for the frame a container needs.
    #[inline]
    fn value(&mut self, depth: usize) -> Option<J> {
        self.ws();
        match self.peek()? {
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

    fn literal(&mut self, word: &[u8], v: J) -> Option<J> {
        if self.b.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(v)
        } else {
            None
        }
    }

    /// After an element or member: `true` past a comma, `false` past the closing `close`.
    #[inline]
    fn next_or_close(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let c = self.peek()?;
        self.i += 1;
        match c {
            b',' => Some(true),
            _ if c == close => Some(false),
            _ => None,
        }
    }

    #[inline(never)]
    fn array(&mut self, depth: usize) -> Option<J> {
        self.i += 1;
        let mark = self.doc.open_items.len();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
        } else {
            loop {
                let v = self.value(depth)?;
                self.doc.open_items.push(v);
                if !self.next_or_close(b']')? {
                    break;
                }
            }
        }
        let d = &mut self.doc;
        let start = d.items.len();
        move_tail(&mut d.open_items, mark, &mut d.items);
        range(start, d.items.len()).map(J::Arr)
    }

    #[inline(never)]
    fn object(&mut self, depth: usize) -> Option<J> {
        self.i += 1;
        let mark = self.doc.open_members.len();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                if self.peek() != Some(b'"') {
                    return None;
                }
                self.i += 1;
                let name = self.string()?;
                // The key's bytes as written (no character-boundary checks) unless decoded.
                let key = match name.decoded() {
                    false => Key::of(self.b.get(name.bytes()).unwrap_or_default()),
                    true => Key::of(self.doc.text(name).as_bytes()),
                };
                self.ws();
                if self.peek() != Some(b':') {
                    return None;
                }
                self.i += 1;
                let value = self.value(depth)?;
                self.doc.open_members.push(Member { key, name, value });
                if !self.next_or_close(b'}')? {
                    break;
                }
            }
        }
        let d = &mut self.doc;
        let start = d.members.len();
        move_tail(&mut d.open_members, mark, &mut d.members);
        range(start, d.members.len()).map(J::Obj)
    }

    /// A string's contents, the opening quote already consumed.
    #[inline]
    fn string(&mut self) -> Option<Str> {
        let start = self.i;
        let run = plain_run(self.b.get(start..)?)?;
        self.i = start + run;
        if self.b[self.i] == b'"' {
            self.i += 1;
            // In range: `from_str` refuses texts too long for a `Str`. The text is valid
            // UTF-8 and the quote is ASCII, so the range is on character boundaries.
            return Some(Str {
                at: start as u32,
                len: run as u32,
            });
        }
        self.escaped(start)
    }

    /// The rest of a string that has escapes (or a control character, refused), decoded
    /// into the document's buffer; `start` is where its contents begin.
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, start: usize) -> Option<Str> {
        let at = self.doc.decoded.len();
        let text = self.doc.text;
        self.doc.decoded.push_str(text.get(start..self.i)?);
        loop {
            let run = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if STOPS_STRING[usize::from(c)] {
                    break;
                }
                self.i += 1;
            }
            self.doc.decoded.push_str(text.get(run..self.i)?);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Str::new(at, self.doc.decoded.len() - at, true);
                }
                b'\\' => {
                    self.i += 1;
                    let c = *self.b.get(self.i)?;
                    self.i += 1;
                    let ch = match c {
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
                    };
                    self.doc.decoded.push(ch);
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
        let digits = self.doc.text.get(self.i..self.i + 4)?;
        if !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number, checked against the RFC's grammar and kept as text: `Doc::num` reads it
    /// when it is needed (few are), as serde_json does.
    fn number(&mut self) -> Option<J> {
        let start = self.i;
        let digits = |s: &mut Self| {
            let from = s.i;
            while s.b.get(s.i).is_some_and(u8::is_ascii_digit) {
                s.i += 1;
            }
            s.i > from
        };
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        if !digits(self) || (self.b[int_start] == b'0' && self.i - int_start > 1) {
            return None;
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let n = Str::new(start, self.i - start, false)?;
        // What serde_json cannot hold (e.g. 1e400) is refused here as it is there.
        self.doc.num(&J::Num(n))?;
        Some(J::Num(n))
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
            r#"{"t\u0079pe": "x", "type": 1, "k\"": [1e400]}"#,
            r#"[1e400]"#,
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
            let ours = from_str(text).map(|d| {
                let v = d.to_value(&d.root);
                recycle(d);
                v
            });
            let theirs = serde_json::from_str::<Value>(text).ok();
            assert_eq!(ours, theirs, "{text}");
            // And a copy of serde_json's value reads back the same.
            if let Some(t) = &theirs {
                let copy = Doc::from_value(t).expect("copy");
                assert_eq!(&copy.to_value(&copy.root), t, "{text}");
            }
        }
    }

    /// The eight-at-a-time scan finds what a byte-by-byte scan finds, wherever the stop is.
    #[test]
    fn plain_run_matches_a_byte_scan() {
        let stops = [b'"', b'\\', 0, 0x1f, b'\n'];
        let fillers = [
            b'a', b' ', 0x20, 0x7f, 0x80, 0xff, b'!', b'#', b'[', b']', 0x21, 0x5d,
        ];
        for len in 0..20 {
            for &stop in &stops {
                for &fill in &fillers {
                    for at in 0..=len {
                        let mut b = vec![fill; len];
                        if at < len {
                            b[at] = stop;
                        }
                        let want = b.iter().position(|&c| STOPS_STRING[usize::from(c)]);
                        assert_eq!(plain_run(&b), want, "{b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_key_is_recognised() {
        let all = [
            ("type", Key::Type),
            ("name", Key::Name),
            ("namespace", Key::Namespace),
            ("fields", Key::Fields),
            ("items", Key::Items),
            ("values", Key::Values),
            ("symbols", Key::Symbols),
            ("default", Key::Default),
            ("aliases", Key::Aliases),
            ("doc", Key::Doc),
            ("size", Key::Size),
            ("logicalType", Key::LogicalType),
            ("precision", Key::Precision),
            ("scale", Key::Scale),
            ("order", Key::Order),
        ];
        for (word, key) in all {
            assert_eq!(Key::of(word.as_bytes()), key);
            assert_eq!(Key::of(word.to_uppercase().as_bytes()), Key::Other);
            assert_eq!(Key::of(&word.as_bytes()[1..]), Key::Other);
        }
        for other in ["", "tipe", "nam", "namespaces", "x"] {
            assert_eq!(Key::of(other.as_bytes()), Key::Other);
        }
    }

    /// Keys are recognised whether or not they are written with escapes.
    #[test]
    fn keys_are_classified() {
        let d = from_str(r#"{"t\u0079pe": "record", "other": 1, "name": "A"}"#).expect("json");
        let J::Obj(r) = d.root else { panic!("object") };
        let o = d.obj(r);
        assert_eq!(o.get(Key::Type).and_then(|v| d.str(v)), Some("record"));
        assert_eq!(o.get(Key::Name).and_then(|v| d.str(v)), Some("A"));
        assert_eq!(d.member(o, "other").and_then(|v| d.as_u64(&v)), Some(1));
        assert!(o.get(Key::Fields).is_none());
    }

    /// Every element and member is moved twice while reading (scratch, then document).
    #[test]
    fn values_stay_small() {
        assert!(std::mem::size_of::<J>() <= 12);
        assert!(std::mem::size_of::<Member>() <= 24);
    }

    #[test]
    fn deep_nesting_is_left_to_the_spanned_parser() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(from_str(&deep).is_none());
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(from_str(&ok).is_some());
    }
}
