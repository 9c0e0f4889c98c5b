//! The parsed form of an Avro schema: an arena of nodes. A named type is one node however
//! often it is referenced (references point at its definition), every other occurrence of a
//! type is its own node — the same identity Apache Avro's checker memoizes on.

use crate::finding::Span;
use crate::json::JsonDoc;
use std::sync::{Arc, OnceLock};

pub type NodeId = usize;

/// Appends `n` in decimal: what `write!` does, without the formatting machinery, which
/// showed in profiles (the parser renders a pointer for every named type, the checker a
/// location for every incompatibility).
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: valid UTF-8.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// Where the last `.` of a name is. Names are short: a plain loop beats the general
/// searcher's set-up, and this is asked of every name and reference.
pub(crate) fn last_dot(s: &str) -> Option<usize> {
    s.bytes().rposition(|b| b == b'.')
}

/// A name, symbol or pointer of a schema: most are short enough to be held inline, so a
/// schema's many names cost no allocation each.
pub type Text = compact_str::CompactString;

/// An Avro type, with its children as node ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Array(NodeId),
    Map(NodeId),
    Union(Vec<NodeId>),
    Record(Vec<Field>),
    Enum {
        symbols: Vec<Text>,
        default: Option<Text>,
    },
    Fixed(u64),
}

impl Kind {
    /// The type's name as Avro's reference checker prints it (`record`, `int`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Int => "int",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::Bytes => "bytes",
            Kind::String => "string",
            Kind::Array(_) => "array",
            Kind::Map(_) => "map",
            Kind::Union(_) => "union",
            Kind::Record(_) => "record",
            Kind::Enum { .. } => "enum",
            Kind::Fixed(_) => "fixed",
        }
    }

    /// A primitive type by its Avro name.
    pub fn primitive(name: &str) -> Option<Kind> {
        Some(match name {
            "null" => Kind::Null,
            "boolean" => Kind::Boolean,
            "int" => Kind::Int,
            "long" => Kind::Long,
            "float" => Kind::Float,
            "double" => Kind::Double,
            "bytes" => Kind::Bytes,
            "string" => Kind::String,
            _ => return None,
        })
    }
}

/// A valid logical type annotation (invalid ones are dropped, as the specification says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logical {
    Decimal { precision: u64, scale: u64 },
    Uuid,
    Date,
    TimeMillis,
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    LocalTimestampMillis,
    LocalTimestampMicros,
    LocalTimestampNanos,
    Duration,
}

/// A named type's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// `acme.Order`, or `Order` in the null namespace.
    pub fullname: Text,
    /// Where the last component starts in `fullname` (the checker compares names by it on
    /// every step, so it is found once).
    last: usize,
}

impl Name {
    pub fn new(fullname: Text) -> Name {
        let last = last_dot(&fullname).map_or(0, |dot| dot + 1);
        Name { fullname, last }
    }

    /// The last component (`Order` of `acme.Order`).
    pub fn name(&self) -> &str {
        self.fullname.get(self.last..).unwrap_or_default()
    }

    /// The namespace, if any (`acme` of `acme.Order`).
    pub fn namespace(&self) -> Option<&str> {
        self.last
            .checked_sub(1)
            .and_then(|dot| self.fullname.get(..dot))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Text,
    pub ty: NodeId,
    /// Whether the field declares a default (`null` included); the parser checks it matches.
    pub has_default: bool,
    pub aliases: Vec<Text>,
    /// Whether the field has a non-blank `doc`.
    pub documented: bool,
}

/// One type occurrence. Kept small (the checker walks nodes of two schemas at once, and most
/// nodes are primitives): what only named types have is boxed in `named`.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub logical: Option<Logical>,
    /// For record, enum and fixed.
    pub named: Option<Box<Named>>,
}

/// What a named type (record, enum, fixed) has besides its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub name: Name,
    /// Raw `aliases`, as written.
    pub aliases: Vec<Text>,
    /// Whether the type has a non-blank `doc`.
    pub documented: bool,
    /// For records of more than `BY_NAME_MIN` fields: field indices sorted by field name, so
    /// the checker finds a writer's field without scanning (empty otherwise).
    pub by_name: Vec<u32>,
    /// JSON pointer of the definition.
    pub pointer: Text,
}

impl Node {
    /// A named type's name.
    pub fn name(&self) -> Option<&Name> {
        self.named.as_ref().map(|n| &n.name)
    }

    /// A named type's `aliases` (none for other types).
    pub fn aliases(&self) -> &[Text] {
        self.named.as_ref().map_or(&[], |n| &n.aliases)
    }

    /// Whether a named type has a non-blank `doc` (false for other types).
    pub fn documented(&self) -> bool {
        self.named.as_ref().is_some_and(|n| n.documented)
    }

    /// See `Named::by_name` (empty for other types).
    pub fn by_name(&self) -> &[u32] {
        self.named.as_ref().map_or(&[], |n| &n.by_name)
    }

    /// The JSON pointer of a named type's definition (empty for other types).
    pub fn pointer(&self) -> &str {
        self.named.as_ref().map_or("", |n| &n.pointer)
    }
}

/// A logical type the parser ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredLogical {
    pub pointer: String,
    pub message: String,
}

/// One parsed `.avsc` document.
#[derive(Debug, Clone)]
pub struct Schema {
    /// How findings name the file (held inline when short, as most file names are).
    pub file: Text,
    pub source: Arc<str>,
    /// Positions of the source's values, computed on first use (see `span`).
    pub(crate) spans: OnceLock<JsonDoc>,
    pub nodes: Vec<Node>,
    pub root: NodeId,
    /// Named types in definition order.
    pub named: Vec<NodeId>,
    pub ignored_logical: Vec<IgnoredLogical>,
}

impl Schema {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn kind(&self, id: NodeId) -> &Kind {
        &self.nodes[id].kind
    }

    /// Where the value at JSON pointer `pointer` (or its nearest ancestor) is in the file.
    pub fn span(&self, pointer: &str) -> Span {
        super::parse::spans_of(&self.spans, &self.source, &self.file).span(pointer)
    }
}

/// Records with more fields than this get a `by_name` index.
pub const BY_NAME_MIN: usize = 16;

/// The JSON pointer of field `index` of the record `record`.
pub fn field_pointer(record: &Node, index: usize) -> String {
    format!("{}/fields/{index}", record.pointer())
}

#[cfg(test)]
mod tests {
    /// The checker walks the nodes of two schemas at once; what only named types have is
    /// boxed so that the rest stay small.
    #[test]
    fn nodes_stay_small() {
        assert!(std::mem::size_of::<super::Node>() <= 88);
    }
}
