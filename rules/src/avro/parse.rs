//! `.avsc` text into a `Schema`, validated as the Avro specification asks: names and
//! namespaces (fullnames, inherited namespaces), duplicate fields and symbols, defaults that
//! match their type (a union's default matches its first branch), references to named types
//! defined earlier (or to the enclosing type, for recursion) and logical types. Invalid
//! logical types are dropped (the type reads as its underlying type) and remembered.
//! Every error carries file:line:col of the offending value.

use super::fasthash::FastHash;
use super::model::{
    BY_NAME_MIN, Field, IgnoredLogical, Kind, Logical, Name, Named, Node, NodeId, Schema, Text,
    last_dot, push_decimal,
};
use super::tree::{Doc, J, Key, Obj};
use crate::json::{self, JsonDoc, JsonError};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("{file}:{line}:{column}: {message}")]
pub struct AvroError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl From<JsonError> for AvroError {
    fn from(e: JsonError) -> AvroError {
        AvroError {
            file: e.file,
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

/// Reads and parses one `.avsc` file; `display` is how findings name it.
pub fn load(path: &Path, display: &str) -> Result<Schema, AvroError> {
    let text = std::fs::read_to_string(path).map_err(|e| AvroError {
        file: display.to_string(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    })?;
    parse(&text, display)
}

/// Parses `.avsc` text.
///
/// The text is read with the flat reader first (`tree.rs`: fast, no positions); positions
/// are computed only when something needs one (an error, a finding), by re-reading it with
/// the spanned parser. When the flat reader gives up, the spanned parser reads the text and
/// gives the located error (or, for nesting between the flat reader's limit and
/// `json::MAX_DEPTH`, the value).
pub fn parse(text: &str, file: &str) -> Result<Schema, AvroError> {
    let source: Arc<str> = Arc::from(text);
    let spans = OnceLock::new();
    let doc = match super::tree::from_str(text) {
        Some(d) => d,
        None => {
            let parsed = json::parse(text, file)?;
            let _ = spans.set(parsed);
            spans
                .get()
                .and_then(|d| Doc::from_value(&d.value))
                .unwrap_or_default()
        }
    };
    let mut p = Parser {
        doc: &doc,
        source: &source,
        spans: &spans,
        file,
        // About one node per 32 bytes of schema text (growing the vector moves every node),
        // but at first no more than fit in 1 KiB: the allocator serves blocks up to that size
        // from its fast path, and most schemas checked one by one are small.
        nodes: Vec::with_capacity((text.len() / 32 + 4).min(NODES_FIRST)),
        names: HashMap::default(),
        named: Vec::new(),
        ignored: Vec::new(),
        defaults: Vec::new(),
        scratch: String::new(),
    };
    let root = p.schema(&doc.root, &Ptr::ROOT, None)?;
    let Parser {
        nodes,
        named,
        ignored,
        defaults,
        ..
    } = p;
    for (record, index, ty, v) in defaults {
        if let Err(why) = default_matches(&doc, &nodes, ty, &v, 0) {
            let at = format!("{}/fields/{index}/default", nodes[record].pointer());
            let span = spans_of(&spans, &source, file).span(&at);
            let name = match &nodes[record].kind {
                Kind::Record(fields) => fields[index].name.as_str(),
                _ => "",
            };
            return Err(AvroError {
                file: file.to_string(),
                line: span.line,
                column: span.column,
                message: format!("default of field `{name}` does not match its type: {why}"),
            });
        }
    }
    let schema = Schema {
        file: Text::from(file),
        source,
        spans,
        nodes,
        root,
        named,
        ignored_logical: ignored,
    };
    super::tree::recycle(doc);
    Ok(schema)
}

/// The spans of `source`, computed on first use.
pub(crate) fn spans_of<'a>(cell: &'a OnceLock<JsonDoc>, source: &str, file: &str) -> &'a JsonDoc {
    cell.get_or_init(|| json::parse(source, file).unwrap_or_default())
}

/// Pointers up to this long are rendered on the stack (`Ptr::render_into`).
const INLINE_POINTER: usize = 64;

/// The most nodes the first allocation of a schema's node vector holds (1 KiB of them).
const NODES_FIRST: usize = 1024 / std::mem::size_of::<Node>();

/// Up to this many named types, `Parser::lookup` compares with each instead of hashing.
const NAMES_SCAN: usize = 16;

struct Parser<'a> {
    doc: &'a Doc<'a>,
    source: &'a str,
    spans: &'a OnceLock<JsonDoc>,
    file: &'a str,
    nodes: Vec<Node>,
    /// Named types by fullname, once there are more than `NAMES_SCAN` of them (fewer are
    /// found by comparing with each, which costs less than hashing and a map of owned keys).
    names: HashMap<Text, NodeId, FastHash>,
    named: Vec<NodeId>,
    ignored: Vec<IgnoredLogical>,
    /// Reused to build fullnames for lookups.
    scratch: String,
    /// Field defaults to check once every type is known: (record, field index, type, value).
    defaults: Vec<(NodeId, usize, NodeId, J)>,
}

/// One step of a JSON pointer: a member name the parser knows, or an array index.
#[derive(Debug, Clone, Copy)]
enum Tok {
    Key(&'static str),
    Index(usize),
}

impl From<&'static str> for Tok {
    fn from(k: &'static str) -> Tok {
        Tok::Key(k)
    }
}

impl From<usize> for Tok {
    fn from(i: usize) -> Tok {
        Tok::Index(i)
    }
}

/// A JSON pointer as a chain of stack frames: free to extend while walking, rendered to a
/// string only where one is kept (named types, fields) or reported (errors).
#[derive(Debug, Clone, Copy)]
struct Ptr<'p> {
    tok: Option<Tok>,
    parent: Option<&'p Ptr<'p>>,
}

impl Ptr<'_> {
    const ROOT: Ptr<'static> = Ptr {
        tok: None,
        parent: None,
    };

    fn render(&self) -> Text {
        let mut out = String::new();
        self.render_into(&mut out)
    }

    /// Renders through `buf` (reused between calls, so rendering allocates only for a pointer
    /// too long to be held inline). A pointer is rendered for every named type: short ones
    /// (most) are written byte by byte into a buffer on the stack, without the recursion and
    /// a `memcpy` call per token.
    fn render_into(&self, buf: &mut String) -> Text {
        let mut out = [0u8; INLINE_POINTER];
        if let Some(n) = self.write_short(&mut out) {
            // Only ASCII was written.
            return Text::from(std::str::from_utf8(&out[..n]).unwrap_or_default());
        }
        buf.clear();
        self.write(buf);
        Text::from(buf.as_str())
    }

    /// Writes the pointer into `out`, back to front; its length, or `None` when it does not
    /// fit.
    fn write_short(&self, out: &mut [u8; INLINE_POINTER]) -> Option<usize> {
        let mut end = out.len();
        let mut at = Some(self);
        while let Some(p) = at {
            match p.tok {
                Some(Tok::Key(k)) => {
                    for &b in k.as_bytes().iter().rev() {
                        end = end.checked_sub(1)?;
                        out[end] = b;
                    }
                }
                Some(Tok::Index(mut i)) => loop {
                    end = end.checked_sub(1)?;
                    out[end] = b'0' + (i % 10) as u8;
                    i /= 10;
                    if i == 0 {
                        break;
                    }
                },
                None => {}
            }
            if p.tok.is_some() {
                end = end.checked_sub(1)?;
                out[end] = b'/';
            }
            at = p.parent;
        }
        out.copy_within(end.., 0);
        Some(out.len() - end)
    }

    fn write(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.write(out);
        }
        match self.tok {
            Some(Tok::Key(k)) => {
                out.push('/');
                out.push_str(k);
            }
            Some(Tok::Index(i)) => {
                out.push('/');
                push_decimal(out, i as u64);
            }
            None => {}
        }
    }
}

fn child<'p>(parent: &'p Ptr<'p>, tok: impl Into<Tok>) -> Ptr<'p> {
    Ptr {
        tok: Some(tok.into()),
        parent: Some(parent),
    }
}

/// Whether `s` is a valid Avro name component: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn valid_name(s: &str) -> bool {
    // Bytes, not chars: every valid byte is ASCII, and a non-ASCII byte fails either way.
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && bytes.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The fullname `name` denotes in namespace `space` (or the enclosing `default`).
pub fn fullname(name: &str, space: Option<&str>, default: Option<&str>) -> Text {
    let mut buf = String::new();
    fullname_into(&mut buf, name, space, default)
}

/// `fullname`, built in `buf` (reused between calls).
fn fullname_into(buf: &mut String, name: &str, space: Option<&str>, default: Option<&str>) -> Text {
    let space = match space {
        _ if last_dot(name).is_some() => None,
        Some("") => None,
        Some(s) => Some(s),
        None => default.filter(|d| !d.is_empty()),
    };
    match space {
        Some(s) => {
            buf.clear();
            buf.push_str(s);
            buf.push('.');
            buf.push_str(name);
            Text::from(buf.as_str())
        }
        None => Text::from(name),
    }
}

/// Whether every dot-separated part of `full` is a valid name (one pass over the bytes).
fn valid_fullname(full: &str) -> bool {
    let mut start = true;
    for c in full.bytes() {
        let ok = match c {
            b'.' if !start => {
                start = true;
                continue;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => true,
            b'0'..=b'9' => !start,
            _ => false,
        };
        if !ok {
            return false;
        }
        start = false;
    }
    !start
}

impl<'a> Parser<'a> {
    fn err(&self, pointer: &Ptr<'_>, message: impl Into<String>) -> AvroError {
        let s = spans_of(self.spans, self.source, self.file).span(&pointer.render());
        AvroError {
            file: self.file.to_string(),
            line: s.line,
            column: s.column,
            message: message.into(),
        }
    }

    /// The named type defined as `full`, if any.
    fn lookup(&self, full: &str) -> Option<NodeId> {
        if self.named.len() <= NAMES_SCAN {
            self.named
                .iter()
                .copied()
                .find(|&n| fullname_of(&self.nodes[n]) == full)
        } else {
            self.names.get(full).copied()
        }
    }

    fn push(&mut self, kind: Kind) -> NodeId {
        self.nodes.push(Node {
            kind,
            logical: None,
            named: None,
        });
        self.nodes.len() - 1
    }

    /// Any schema: a type name, a union (array) or a type object.
    fn schema(
        &mut self,
        v: &'a J,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        match v {
            J::Str(s) => self.reference(self.doc.text(*s), ptr, space),
            J::Arr(branches) => self.union(self.doc.arr(*branches), ptr, space),
            J::Obj(o) => self.object(self.doc.obj(*o), ptr, space),
            other => Err(self.err(
                ptr,
                format!(
                    "not an Avro schema: expected a type name, a union (array) or a type object, found {}",
                    describe(self.doc, other)
                ),
            )),
        }
    }

    fn reference(
        &mut self,
        s: &str,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        // Primitive names cannot name a type in any namespace (`define` refuses them), so
        // they are never looked up.
        if let Some(k) = Kind::primitive(s) {
            return Ok(self.push(k));
        }
        let found = match space {
            Some(ns) if !ns.is_empty() && last_dot(s).is_none() => {
                self.scratch.clear();
                self.scratch.push_str(ns);
                self.scratch.push('.');
                self.scratch.push_str(s);
                self.lookup(&self.scratch)
            }
            _ => self.lookup(s),
        };
        if let Some(id) = found {
            return Ok(id);
        }
        let full = fullname(s, None, space);
        if matches!(
            s,
            "record" | "enum" | "fixed" | "array" | "map" | "error" | "union"
        ) {
            return Err(self.err(
                ptr,
                format!("`{s}` must be written as an object: {{\"type\": \"{s}\", ...}}"),
            ));
        }
        Err(self.err(
            ptr,
            format!("unknown type `{full}`: not a primitive type and no named type of that name is defined before this point"),
        ))
    }

    fn union(
        &mut self,
        branches: &'a [J],
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        let mut ids: Vec<NodeId> = Vec::with_capacity(branches.len());
        // Unions are short: comparing with the branches before costs less than hashing.
        let mut seen: HashSet<String, FastHash> = HashSet::default();
        for (i, b) in branches.iter().enumerate() {
            let bp = child(ptr, i);
            if b.is_array() {
                return Err(self.err(&bp, "a union cannot directly contain another union"));
            }
            let id = self.schema(b, &bp, space)?;
            let key = branch_key(&self.nodes[id]);
            let duplicate = if branches.len() <= BY_NAME_MIN {
                ids.iter().any(|&j| branch_key(&self.nodes[j]) == key)
            } else {
                !seen.insert(key.to_string())
            };
            if duplicate {
                let key = key.to_string();
                return Err(self.err(&bp, format!("duplicate `{key}` branch in union")));
            }
            ids.push(id);
        }
        Ok(self.push(Kind::Union(ids)))
    }

    fn object(
        &mut self,
        o: Obj<'a>,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        let tp = child(ptr, "type");
        let ty = match o.get(Key::Type) {
            Some(J::Str(s)) => self.doc.text(*s),
            Some(other) => {
                return Err(self.err(
                    &tp,
                    format!(
                        "`type` must be a string, found {}",
                        describe(self.doc, other)
                    ),
                ));
            }
            None => return Err(self.err(ptr, "schema object has no `type`")),
        };
        let id = match ty {
            "record" | "error" => self.record(o, ptr, space)?,
            "enum" => self.enumeration(o, ptr, space)?,
            "fixed" => self.fixed(o, ptr, space)?,
            "array" => {
                let items = o
                    .get(Key::Items)
                    .ok_or_else(|| self.err(ptr, "array has no `items`"))?;
                let it = self.schema(items, &child(ptr, "items"), space)?;
                self.push(Kind::Array(it))
            }
            "map" => {
                let values = o
                    .get(Key::Values)
                    .ok_or_else(|| self.err(ptr, "map has no `values`"))?;
                let vt = self.schema(values, &child(ptr, "values"), space)?;
                self.push(Kind::Map(vt))
            }
            other => match Kind::primitive(other) {
                Some(k) => self.push(k),
                // `{"type": "acme.Order"}` refers to a named type, as Java's parser allows.
                None => return self.reference(other, &tp, space),
            },
        };
        self.logical(id, o, ptr)?;
        Ok(id)
    }

    /// Registers a named type's name; returns the node and the namespace its fields' types
    /// inherit (that of its fullname).
    fn define(
        &mut self,
        o: Obj<'a>,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
        kind: Kind,
    ) -> Result<(NodeId, Option<&'a str>), AvroError> {
        let name = match o.get(Key::Name) {
            Some(J::Str(s)) if !self.doc.text(*s).is_empty() => self.doc.text(*s),
            Some(J::Str(_)) => {
                return Err(self.err(&child(ptr, "name"), "name must not be empty"));
            }
            Some(other) => {
                return Err(self.err(
                    &child(ptr, "name"),
                    format!("name must be a string, found {}", describe(self.doc, other)),
                ));
            }
            None => return Err(self.err(ptr, "named type has no `name`")),
        };
        let ns = match o.get(Key::Namespace) {
            None | Some(J::Null) => None,
            Some(J::Str(s)) => Some(self.doc.text(*s)),
            Some(other) => {
                return Err(self.err(
                    &child(ptr, "namespace"),
                    format!(
                        "namespace must be a string, found {}",
                        describe(self.doc, other)
                    ),
                ));
            }
        };
        let full = Name::new(fullname_into(&mut self.scratch, name, ns, space));
        let last = full.name();
        let full_text = full.fullname.as_str();
        if !valid_fullname(full_text) {
            return Err(self.invalid_fullname(full_text, name, ns, ptr));
        }
        if Kind::primitive(last).is_some() {
            return Err(self.err(
                &child(ptr, "name"),
                format!(
                    "`{full_text}` is a primitive type name and cannot name a {}",
                    kind.type_name()
                ),
            ));
        }
        if self.lookup(full_text).is_some() {
            return Err(self.err(
                &child(ptr, "name"),
                format!("`{full_text}` is already defined"),
            ));
        }
        let aliases = self.aliases(o, ptr)?;
        let id = self.push(kind);
        if self.named.len() == NAMES_SCAN {
            for &n in &self.named {
                self.names
                    .insert(Text::from(fullname_of(&self.nodes[n])), n);
            }
        }
        if self.named.len() >= NAMES_SCAN {
            self.names.insert(full.fullname.clone(), id);
        }
        self.nodes[id].named = Some(Box::new(Named {
            name: full,
            aliases,
            documented: documented(self.doc, o),
            by_name: Vec::new(),
            pointer: ptr.render_into(&mut self.scratch),
        }));
        self.named.push(id);
        // The namespace of `full`, as a slice of the text (no allocation).
        let namespace = match last_dot(name) {
            Some(dot) => name.get(..dot),
            None => match ns {
                Some("") => None,
                Some(n) => Some(n),
                None => space.filter(|d| !d.is_empty()),
            },
        };
        Ok((id, namespace))
    }

    /// The error for a fullname `valid_fullname` refused: which part is wrong, located at
    /// `namespace` when the part comes from it, else at `name`.
    #[cold]
    fn invalid_fullname(
        &self,
        full: &str,
        name: &str,
        ns: Option<&str>,
        ptr: &Ptr<'_>,
    ) -> AvroError {
        let part = full.split('.').find(|p| !valid_name(p)).unwrap_or(full);
        let at = if ns.is_some_and(|n| n.split('.').any(|p| p == part)) && !name.contains('.') {
            child(ptr, "namespace")
        } else {
            child(ptr, "name")
        };
        self.err(
            &at,
            format!(
                "`{full}` is not a valid Avro fullname: `{part}` must match [A-Za-z_][A-Za-z0-9_]*"
            ),
        )
    }

    fn aliases(&self, o: Obj<'a>, ptr: &Ptr<'_>) -> Result<Vec<Text>, AvroError> {
        match o.get(Key::Aliases) {
            None => Ok(Vec::new()),
            Some(J::Arr(a)) => self
                .doc
                .arr(*a)
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    J::Str(s) => Ok(Text::from(self.doc.text(*s))),
                    other => Err(self.err(
                        &child(&child(ptr, "aliases"), i),
                        format!(
                            "an alias must be a string, found {}",
                            describe(self.doc, other)
                        ),
                    )),
                })
                .collect(),
            Some(other) => Err(self.err(
                &child(ptr, "aliases"),
                format!(
                    "`aliases` must be an array of strings, found {}",
                    describe(self.doc, other)
                ),
            )),
        }
    }

    fn record(
        &mut self,
        o: Obj<'a>,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        let fields_v = match o.get(Key::Fields) {
            Some(J::Arr(a)) => self.doc.arr(*a),
            Some(other) => {
                return Err(self.err(
                    &child(ptr, "fields"),
                    format!(
                        "`fields` must be an array, found {}",
                        describe(self.doc, other)
                    ),
                ));
            }
            None => return Err(self.err(ptr, "record has no `fields`")),
        };
        // Registered before its fields are read, so fields may refer to the record itself.
        let (id, inner) = self.define(o, ptr, space, Kind::Record(Vec::new()))?;
        let mut fields = Vec::with_capacity(fields_v.len());
        let mut seen: HashSet<&str, FastHash> = HashSet::default();
        let fp = child(ptr, "fields");
        for (i, f) in fields_v.iter().enumerate() {
            let p = child(&fp, i);
            let J::Obj(fo) = f else {
                return Err(self.err(
                    &p,
                    format!("a field must be an object, found {}", describe(self.doc, f)),
                ));
            };
            let fo = self.doc.obj(*fo);
            let fname: &str = match fo.get(Key::Name) {
                Some(J::Str(s)) => self.doc.text(*s),
                Some(other) => {
                    return Err(self.err(
                        &child(&p, "name"),
                        format!(
                            "field name must be a string, found {}",
                            describe(self.doc, other)
                        ),
                    ));
                }
                None => return Err(self.err(&p, "field has no `name`")),
            };
            if !valid_name(fname) {
                return Err(self.err(
                    &child(&p, "name"),
                    format!(
                        "`{fname}` is not a valid field name: it must match [A-Za-z_][A-Za-z0-9_]*"
                    ),
                ));
            }
            // Narrow records compare with the fields before; wide ones use the set.
            let duplicate = if fields_v.len() <= BY_NAME_MIN {
                fields.iter().any(|x: &Field| x.name == fname)
            } else {
                !seen.insert(fname)
            };
            if duplicate {
                return Err(self.err(
                    &child(&p, "name"),
                    format!(
                        "duplicate field `{fname}` in record `{}`",
                        fullname_of(&self.nodes[id])
                    ),
                ));
            }
            let tv = fo
                .get(Key::Type)
                .ok_or_else(|| self.err(&p, format!("field `{fname}` has no `type`")))?;
            let ty = self.schema(tv, &child(&p, "type"), inner)?;
            if let Some(order) = fo.get(Key::Order)
                && !matches!(
                    self.doc.str(order),
                    Some("ascending" | "descending" | "ignore")
                )
            {
                return Err(self.err(
                    &child(&p, "order"),
                    "field `order` must be \"ascending\", \"descending\" or \"ignore\"",
                ));
            }
            fields.push(Field {
                name: Text::from(fname),
                ty,
                has_default: match fo.get(Key::Default) {
                    Some(d) => {
                        self.defaults.push((id, i, ty, *d));
                        true
                    }
                    None => false,
                },
                aliases: self.aliases(fo, &p)?,
                documented: documented(self.doc, fo),
            });
        }
        if fields.len() > BY_NAME_MIN {
            let mut order: Vec<u32> = (0..fields.len() as u32).collect();
            order.sort_by(|a, b| fields[*a as usize].name.cmp(&fields[*b as usize].name));
            if let Some(named) = self.nodes[id].named.as_mut() {
                named.by_name = order;
            }
        }
        self.nodes[id].kind = Kind::Record(fields);
        Ok(id)
    }

    fn enumeration(
        &mut self,
        o: Obj<'a>,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        let sp = child(ptr, "symbols");
        let raw = match o.get(Key::Symbols) {
            Some(J::Arr(a)) => self.doc.arr(*a),
            Some(other) => {
                return Err(self.err(
                    &sp,
                    format!(
                        "`symbols` must be an array, found {}",
                        describe(self.doc, other)
                    ),
                ));
            }
            None => return Err(self.err(ptr, "enum has no `symbols`")),
        };
        let mut symbols = Vec::with_capacity(raw.len());
        for (i, s) in raw.iter().enumerate() {
            let p = child(&sp, i);
            let Some(s) = self.doc.str(s) else {
                return Err(self.err(
                    &p,
                    format!(
                        "an enum symbol must be a string, found {}",
                        describe(self.doc, s)
                    ),
                ));
            };
            if !valid_name(s) {
                return Err(self.err(
                    &p,
                    format!(
                        "`{s}` is not a valid enum symbol: it must match [A-Za-z_][A-Za-z0-9_]*"
                    ),
                ));
            }
            if symbols.iter().any(|x| x == s) {
                return Err(self.err(&p, format!("duplicate enum symbol `{s}`")));
            }
            symbols.push(Text::from(s));
        }
        let default = match o.get(Key::Default) {
            None => None,
            Some(J::Str(d)) if symbols.iter().any(|x| x == self.doc.text(*d)) => {
                Some(Text::from(self.doc.text(*d)))
            }
            Some(other) => {
                return Err(self.err(
                    &child(ptr, "default"),
                    format!(
                        "enum default {} is not one of the enum's symbols",
                        self.doc.to_value(other)
                    ),
                ));
            }
        };
        let (id, _) = self.define(o, ptr, space, Kind::Enum { symbols, default })?;
        Ok(id)
    }

    fn fixed(
        &mut self,
        o: Obj<'a>,
        ptr: &Ptr<'_>,
        space: Option<&'a str>,
    ) -> Result<NodeId, AvroError> {
        let size = match o.get(Key::Size) {
            Some(v) => self.doc.as_u64(v).ok_or_else(|| {
                self.err(
                    &child(ptr, "size"),
                    format!(
                        "fixed `size` must be a non-negative integer, found {}",
                        self.doc.to_value(v)
                    ),
                )
            })?,
            None => return Err(self.err(ptr, "fixed has no `size`")),
        };
        let (id, _) = self.define(o, ptr, space, Kind::Fixed(size))?;
        Ok(id)
    }

    /// Reads `logicalType`; an invalid one is ignored (recorded) and the type stays as it is.
    fn logical(&mut self, id: NodeId, o: Obj<'a>, ptr: &Ptr<'_>) -> Result<(), AvroError> {
        let Some(lt) = o.get(Key::LogicalType) else {
            return Ok(());
        };
        let lp = child(ptr, "logicalType");
        let Some(lt) = self.doc.str(lt) else {
            self.ignored.push(IgnoredLogical {
                pointer: lp.render().into(),
                message: "`logicalType` is not a string; ignored".into(),
            });
            return Ok(());
        };
        let kind = &self.nodes[id].kind;
        let under = kind.type_name();
        let want: &[&str] = match lt {
            "decimal" => &["bytes", "fixed"],
            "uuid" => &["string", "fixed"],
            "date" | "time-millis" => &["int"],
            "time-micros"
            | "timestamp-millis"
            | "timestamp-micros"
            | "timestamp-nanos"
            | "local-timestamp-millis"
            | "local-timestamp-micros"
            | "local-timestamp-nanos" => &["long"],
            "duration" => &["fixed"],
            _ => {
                self.ignored.push(IgnoredLogical {
                    pointer: lp.render().into(),
                    message: format!(
                        "unknown logical type `{lt}`; the value is read as plain {under}"
                    ),
                });
                return Ok(());
            }
        };
        if !want.contains(&under) {
            self.ignored.push(IgnoredLogical {
                pointer: lp.render().into(),
                message: format!(
                    "logical type `{lt}` needs {}, not {under}; it is ignored and the value is read as plain {under}",
                    want.join(" or ")
                ),
            });
            return Ok(());
        }
        let size = match kind {
            Kind::Fixed(n) => Some(*n),
            _ => None,
        };
        let logical = match lt {
            "decimal" => {
                let precision = o
                    .get(Key::Precision)
                    .and_then(|v| self.doc.as_u64(v))
                    .filter(|p| *p > 0);
                let scale = match o.get(Key::Scale) {
                    None => Some(0),
                    Some(v) => self.doc.as_u64(v),
                };
                let problem = match (precision, scale) {
                    (None, _) => Some("decimal `precision` must be a positive integer".to_string()),
                    (_, None) => Some("decimal `scale` must be a non-negative integer".to_string()),
                    (Some(p), Some(s)) if s > p => Some(format!(
                        "decimal scale {s} is greater than its precision {p}"
                    )),
                    (Some(p), Some(_)) => match size {
                        Some(n) if p > max_decimal_precision(n) => Some(format!(
                            "decimal precision {p} does not fit in fixed({n}) (at most {} digits)",
                            max_decimal_precision(n)
                        )),
                        _ => None,
                    },
                };
                if let Some(m) = problem {
                    self.ignored.push(IgnoredLogical {
                        pointer: lp.render().into(),
                        message: format!("{m}; the logical type is ignored and the value is read as plain {under}"),
                    });
                    return Ok(());
                }
                Logical::Decimal {
                    precision: precision.unwrap_or(0),
                    scale: scale.unwrap_or(0),
                }
            }
            "uuid" => {
                if size.is_some_and(|n| n != 16) {
                    self.ignored.push(IgnoredLogical {
                        pointer: lp.render().into(),
                        message: "logical type `uuid` on fixed needs size 16; ignored".into(),
                    });
                    return Ok(());
                }
                Logical::Uuid
            }
            "duration" => {
                if size != Some(12) {
                    self.ignored.push(IgnoredLogical {
                        pointer: lp.render().into(),
                        message: "logical type `duration` needs fixed of size 12; ignored".into(),
                    });
                    return Ok(());
                }
                Logical::Duration
            }
            "date" => Logical::Date,
            "time-millis" => Logical::TimeMillis,
            "time-micros" => Logical::TimeMicros,
            "timestamp-millis" => Logical::TimestampMillis,
            "timestamp-micros" => Logical::TimestampMicros,
            "timestamp-nanos" => Logical::TimestampNanos,
            "local-timestamp-millis" => Logical::LocalTimestampMillis,
            "local-timestamp-micros" => Logical::LocalTimestampMicros,
            _ => Logical::LocalTimestampNanos,
        };
        self.nodes[id].logical = Some(logical);
        Ok(())
    }
}

/// Whether an object has a non-blank `doc`.
fn documented(doc: &Doc<'_>, o: Obj<'_>) -> bool {
    o.get(Key::Doc)
        .and_then(|v| doc.str(v))
        .is_some_and(|d| !d.trim().is_empty())
}

/// What makes two union branches the same: a named type's fullname, else the type's name.
fn branch_key(n: &Node) -> &str {
    match n.name() {
        Some(name) => &name.fullname,
        None => n.kind.type_name(),
    }
}

fn fullname_of(n: &Node) -> &str {
    n.name().map_or("", |x| x.fullname.as_str())
}

/// The most decimal digits a two's-complement number of `size` bytes holds:
/// floor(log10(2^(8*size-1) - 1)).
pub fn max_decimal_precision(size: u64) -> u64 {
    if size == 0 {
        return 0;
    }
    let bits = (8 * size.min(1 << 40) - 1) as f64;
    (bits * std::f64::consts::LOG10_2).floor() as u64
}

fn describe(doc: &Doc<'_>, v: &J) -> String {
    match v {
        J::Null => "null".into(),
        J::Bool(b) => format!("boolean {b}"),
        J::Num(n) => format!("number {}", doc.text(*n)),
        J::Str(s) => format!("string \"{}\"", doc.text(*s)),
        J::Arr(_) => "an array".into(),
        J::Obj(_) => "an object".into(),
    }
}

/// Whether `v` is a valid default for the type `id` (a union's default is one of its first
/// branch).
pub(crate) fn default_matches(
    doc: &Doc<'_>,
    s: &[Node],
    id: NodeId,
    v: &J,
    depth: usize,
) -> Result<(), String> {
    if depth > json::MAX_DEPTH {
        return Err("default nested too deeply".into());
    }
    let want = |ok: bool, what: &str| {
        if ok {
            Ok(())
        } else {
            Err(format!("expected {what}, found {}", describe(doc, v)))
        }
    };
    match &s[id].kind {
        Kind::Null => want(matches!(v, J::Null), "null"),
        Kind::Boolean => want(matches!(v, J::Bool(_)), "a boolean"),
        Kind::Int => want(
            doc.num(v)
                .and_then(|n| n.as_i64())
                .is_some_and(|n| i32::try_from(n).is_ok()),
            "a 32-bit integer",
        ),
        Kind::Long => want(doc.num(v).is_some_and(|n| n.is_i64()), "a 64-bit integer"),
        Kind::Float | Kind::Double => want(matches!(v, J::Num(_)), "a number"),
        Kind::Bytes | Kind::String => want(matches!(v, J::Str(_)), "a string"),
        Kind::Fixed(n) => match doc.str(v) {
            Some(t) if t.chars().count() as u64 == *n => Ok(()),
            _ => Err(format!(
                "expected a string of {n} characters, found {}",
                describe(doc, v)
            )),
        },
        Kind::Enum { symbols, .. } => match doc.str(v) {
            Some(t) if symbols.iter().any(|x| x == t) => Ok(()),
            _ => Err(format!(
                "expected one of the enum's symbols, found {}",
                describe(doc, v)
            )),
        },
        Kind::Array(items) => match v {
            J::Arr(a) => doc
                .arr(*a)
                .iter()
                .try_for_each(|x| default_matches(doc, s, *items, x, depth + 1)),
            _ => Err(format!("expected an array, found {}", describe(doc, v))),
        },
        Kind::Map(values) => match v {
            J::Obj(o) => doc
                .obj(*o)
                .0
                .iter()
                .try_for_each(|m| default_matches(doc, s, *values, &m.value, depth + 1)),
            _ => Err(format!("expected an object, found {}", describe(doc, v))),
        },
        Kind::Union(branches) => match branches.first() {
            Some(first) => default_matches(doc, s, *first, v, depth + 1).map_err(|e| {
                format!(
                    "a union's default must match its first branch ({}): {e}",
                    s[*first].kind.type_name()
                )
            }),
            None => Err("an empty union has no valid default".into()),
        },
        Kind::Record(fields) => match v {
            J::Obj(o) => {
                let o = doc.obj(*o);
                for f in fields {
                    match doc.member(o, &f.name) {
                        Some(x) => default_matches(doc, s, f.ty, &x, depth + 1)?,
                        None if f.has_default => {}
                        None => return Err(format!("record default lacks field `{}`", f.name)),
                    }
                }
                Ok(())
            }
            _ => Err(format!("expected an object, found {}", describe(doc, v))),
        },
    }
}

#[cfg(test)]
mod tests {
    /// The short path renders what the general one does.
    #[test]
    fn pointers_render_the_same_either_way() {
        use super::{Ptr, Tok};
        let root = Ptr::ROOT;
        let fields = super::child(&root, "fields");
        let f12 = super::child(&fields, 12usize);
        let ty = super::child(&f12, "type");
        let b0 = super::child(&ty, 0usize);
        for p in [&root, &fields, &f12, &ty, &b0] {
            let mut long = String::new();
            p.write(&mut long);
            assert_eq!(p.render_into(&mut String::new()).as_str(), long);
        }
        assert_eq!(b0.render().as_str(), "/fields/12/type/0");
        // Deeper than the stack buffer holds: the general path.
        let mut chain = vec![Ptr::ROOT];
        for i in 0..40 {
            let parent: &Ptr<'_> = chain.last().expect("root");
            let parent: &'static Ptr<'static> = Box::leak(Box::new(*parent));
            chain.push(Ptr {
                tok: Some(Tok::Index(i)),
                parent: Some(parent),
            });
        }
        let deep = chain.last().expect("deep");
        let mut long = String::new();
        deep.write(&mut long);
        assert!(long.len() > super::INLINE_POINTER);
        assert_eq!(deep.render().as_str(), long);
    }

    /// A bad part of a fullname is named, and located where it was written.
    #[test]
    fn invalid_fullnames_point_at_their_part() {
        let text = r#"{"type": "record", "name": "R", "namespace": "acme.9b", "fields": []}"#;
        let e = super::parse(text, "ns.avsc").expect_err("invalid namespace");
        assert_eq!((e.line, e.column), (1, 46), "{e}");
        assert!(
            e.message.contains("`acme.9b.R`") && e.message.contains("`9b`"),
            "{e}"
        );
        let text = r#"{"type": "enum", "name": "x.-y", "symbols": ["A"]}"#;
        let e = super::parse(text, "n.avsc").expect_err("invalid name");
        assert_eq!((e.line, e.column), (1, 26), "{e}");
        assert!(e.message.contains("`-y`"), "{e}");
        assert!(
            super::parse(
                r#"{"type": "fixed", "name": "a.b_1.C", "size": 1}"#,
                "ok.avsc"
            )
            .is_ok()
        );
    }

    #[test]
    fn push_decimal_writes_decimal() {
        for i in [0, 7, 10, 99, 100, 12_345, u64::MAX] {
            let mut s = String::from("x");
            super::push_decimal(&mut s, i);
            assert_eq!(s, format!("x{i}"));
        }
    }
}
