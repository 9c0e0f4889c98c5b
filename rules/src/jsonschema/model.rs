//! How the compatibility engine sees one schema node: the shapes the Confluent Schema
//! Registry's diff distinguishes (empty/true, false, combined, not, enum, one JSON type), read
//! straight from the JSON value. A node is a pointer into the document plus a view, because
//! one JSON object can stand for several shapes at once (`{"type": ["string", "null"]}` is a
//! sum of two types; `{"type": "object", "oneOf": [...]}` a product of an object and a sum).

use super::parse::{Draft, Schema};
use serde_json::{Map, Value};

/// The JSON types of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl Ty {
    pub fn parse(s: &str) -> Option<Ty> {
        Some(match s {
            "null" => Ty::Null,
            "boolean" => Ty::Boolean,
            "integer" => Ty::Integer,
            "number" => Ty::Number,
            "string" => Ty::String,
            "array" => Ty::Array,
            "object" => Ty::Object,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ty::Null => "null",
            Ty::Boolean => "boolean",
            Ty::Integer => "integer",
            Ty::Number => "number",
            Ty::String => "string",
            Ty::Array => "array",
            Ty::Object => "object",
        }
    }

    /// Integer and number share one family (the number diff tells them apart).
    pub fn family(self) -> Ty {
        match self {
            Ty::Integer => Ty::Number,
            t => t,
        }
    }

    /// Whether a JSON value is of this type.
    pub fn admits(self, v: &Value) -> bool {
        match (self, v) {
            (Ty::Null, Value::Null) => true,
            (Ty::Boolean, Value::Bool(_)) => true,
            (Ty::Number, Value::Number(_)) => true,
            (Ty::Integer, Value::Number(n)) => {
                n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
            }
            (Ty::String, Value::String(_)) => true,
            (Ty::Array, Value::Array(_)) => true,
            (Ty::Object, Value::Object(_)) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    AllOf,
    AnyOf,
    OneOf,
}

impl Criterion {
    pub fn keyword(self) -> &'static str {
        match self {
            Criterion::AllOf => "allOf",
            Criterion::AnyOf => "anyOf",
            Criterion::OneOf => "oneOf",
        }
    }
}

/// Which facet of a JSON object a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The whole schema (after following `$ref`).
    Whole,
    /// One combinator keyword of it.
    Combinator(Criterion),
    /// Its `not`.
    Not,
    /// Its `enum` / `const`.
    Enum,
    /// Its type and type-specific keywords.
    Typed,
    /// Its type-specific keywords for one of the types it lists.
    Type(Ty),
    /// Its own keywords, without its `$ref` (2019-09 and later apply both).
    Local,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Node {
    /// JSON pointer of the schema object in its document.
    pub ptr: String,
    pub view: View,
}

impl Node {
    pub fn whole(ptr: impl Into<String>) -> Node {
        Node {
            ptr: ptr.into(),
            view: View::Whole,
        }
    }
}

/// The shape of a node.
#[derive(Debug, Clone)]
pub enum Class<'a> {
    /// Accepts every value: `true`, `{}`, or a schema with annotations only.
    True,
    /// Rejects every value.
    False,
    /// allOf / anyOf / oneOf; `synthetic` when accord split one object into parts.
    Combined {
        criterion: Criterion,
        subs: Vec<Node>,
        synthetic: bool,
    },
    Not(Node),
    /// `enum` values (or the one `const`).
    Enum(Vec<&'a Value>),
    /// One JSON type, with the object holding its keywords.
    Typed(Ty, &'a Map<String, Value>),
}

impl Class<'_> {
    /// A short name of the shape, for messages.
    pub fn describe(&self) -> String {
        match self {
            Class::True => "any value".into(),
            Class::False => "no value (false schema)".into(),
            Class::Combined { subs, .. }
                if !subs.is_empty() && subs.iter().all(|s| matches!(s.view, View::Type(_))) =>
            {
                let names: Vec<&str> = subs
                    .iter()
                    .filter_map(|s| match s.view {
                        View::Type(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                format!("types [{}]", names.join(", "))
            }
            Class::Combined {
                criterion, subs, ..
            } => {
                format!("a {} of {} subschemas", criterion.keyword(), subs.len())
            }
            Class::Not(_) => "a `not` schema".into(),
            Class::Enum(v) => format!("an enum of {} values", v.len()),
            Class::Typed(t, _) => t.as_str().to_string(),
        }
    }

    pub fn same_shape(&self, other: &Class<'_>) -> bool {
        match (self, other) {
            (Class::True, Class::True) | (Class::False, Class::False) => true,
            (Class::Combined { .. }, Class::Combined { .. }) => true,
            (Class::Not(_), Class::Not(_)) => true,
            (Class::Enum(_), Class::Enum(_)) => true,
            (Class::Typed(a, _), Class::Typed(b, _)) => a.family() == b.family(),
            _ => false,
        }
    }
}

/// Keywords that assert nothing about instances.
const ANNOTATIONS: &[&str] = &[
    "$ref",
    "$id",
    "id",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$comment",
    "$schema",
    "$vocabulary",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

const OBJECT_KEYS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "minProperties",
    "maxProperties",
    "dependencies",
    "dependentRequired",
    "dependentSchemas",
    "propertyNames",
    "unevaluatedProperties",
];
const ARRAY_KEYS: &[&str] = &[
    "items",
    "prefixItems",
    "additionalItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "unevaluatedItems",
];
const STRING_KEYS: &[&str] = &["minLength", "maxLength", "pattern", "format"];
const NUMBER_KEYS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// The types a schema object constrains to: its `type`, or those its keywords imply.
pub fn types_of(map: &Map<String, Value>) -> Vec<Ty> {
    match map.get("type") {
        Some(Value::String(s)) => Ty::parse(s).into_iter().collect(),
        Some(Value::Array(a)) => {
            let mut out: Vec<Ty> = Vec::new();
            for t in a.iter().filter_map(Value::as_str).filter_map(Ty::parse) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            out
        }
        _ => {
            let has = |keys: &[&str]| keys.iter().any(|k| map.contains_key(*k));
            let mut out = Vec::new();
            if has(OBJECT_KEYS) {
                out.push(Ty::Object);
            }
            if has(ARRAY_KEYS) {
                out.push(Ty::Array);
            }
            if has(STRING_KEYS) {
                out.push(Ty::String);
            }
            if has(NUMBER_KEYS) {
                out.push(Ty::Number);
            }
            out
        }
    }
}

impl Schema {
    /// The shape of a node.
    pub fn class<'a>(&'a self, node: &Node) -> Class<'a> {
        // From 2019-09 on, keywords next to `$ref` apply too: the schema is a product of the
        // referenced schema and its own keywords.
        if node.view == View::Whole
            && self.draft >= Draft::Draft201909
            && let Some(Value::Object(raw)) = self.value(&node.ptr)
            && raw.contains_key("$ref")
            && raw.keys().any(|k| !ANNOTATIONS.contains(&k.as_str()))
        {
            return Class::Combined {
                criterion: Criterion::AllOf,
                subs: vec![
                    Node::whole(self.deref(&node.ptr)),
                    Node {
                        ptr: node.ptr.clone(),
                        view: View::Local,
                    },
                ],
                synthetic: true,
            };
        }
        let ptr = if node.view == View::Whole {
            self.deref(&node.ptr)
        } else {
            node.ptr.as_str()
        };
        let Some(value) = self.value(ptr) else {
            return Class::True;
        };
        let map = match value {
            Value::Bool(true) => return Class::True,
            Value::Bool(false) => return Class::False,
            Value::Object(m) => m,
            _ => return Class::True,
        };
        let at = |view: View| Node {
            ptr: ptr.to_string(),
            view,
        };
        match node.view {
            View::Whole | View::Local => {
                let mut parts = Vec::new();
                for c in [Criterion::AllOf, Criterion::AnyOf, Criterion::OneOf] {
                    if map.get(c.keyword()).is_some_and(Value::is_array) {
                        parts.push(View::Combinator(c));
                    }
                }
                if map.contains_key("not") {
                    parts.push(View::Not);
                }
                if map.contains_key("enum")
                    || (self.draft >= Draft::Draft6 && map.contains_key("const"))
                {
                    parts.push(View::Enum);
                } else if !types_of(map).is_empty() {
                    parts.push(View::Typed);
                }
                match parts.len() {
                    0 => Class::True,
                    1 => self.class(&at(parts[0])),
                    _ => Class::Combined {
                        criterion: Criterion::AllOf,
                        subs: parts.into_iter().map(at).collect(),
                        synthetic: true,
                    },
                }
            }
            View::Combinator(c) => {
                let subs = match map.get(c.keyword()) {
                    Some(Value::Array(a)) => (0..a.len())
                        .map(|i| Node::whole(format!("{ptr}/{}/{i}", c.keyword())))
                        .collect(),
                    _ => Vec::new(),
                };
                Class::Combined {
                    criterion: c,
                    subs,
                    synthetic: false,
                }
            }
            View::Not => Class::Not(Node::whole(format!("{ptr}/not"))),
            View::Enum => match map.get("enum") {
                Some(Value::Array(a)) => Class::Enum(a.iter().collect()),
                _ => Class::Enum(map.get("const").into_iter().collect()),
            },
            View::Typed => {
                let types = types_of(map);
                match types.as_slice() {
                    [] => Class::True,
                    [t] => Class::Typed(*t, map),
                    _ => Class::Combined {
                        criterion: Criterion::AnyOf,
                        subs: types.iter().map(|t| at(View::Type(*t))).collect(),
                        synthetic: true,
                    },
                }
            }
            View::Type(t) => Class::Typed(t, map),
        }
    }
}
