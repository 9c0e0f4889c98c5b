//! A light JSON tree for reading `.avsc` text: strings borrowed from the text where they have
//! no escapes, objects as small vectors of pairs (schema objects have a handful of keys), so
//! reading a wide schema allocates little. Field defaults become `serde_json::Value`s.

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum J<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Obj<'a>),
}

/// An object's members in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj<'a>(pub Vec<(Cow<'a, str>, J<'a>)>);

impl<'a> Obj<'a> {
    /// The last member named `key` (JSON parsers keep the last of duplicate keys).
    pub fn get(&self, key: &str) -> Option<&J<'a>> {
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

    pub fn to_value(&self) -> Value {
        match self {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Num(n) => Value::Number(n.clone()),
            J::Str(s) => Value::String(s.to_string()),
            J::Arr(a) => Value::Array(a.iter().map(J::to_value).collect()),
            J::Obj(o) => {
                let mut m = Map::new();
                for (k, v) in &o.0 {
                    m.insert(k.to_string(), v.to_value());
                }
                Value::Object(m)
            }
        }
    }

    /// Borrows a `serde_json::Value` (for text only the spanned parser could read).
    pub fn from_value(v: &'a Value) -> J<'a> {
        match v {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.clone()),
            Value::String(s) => J::Str(Cow::Borrowed(s)),
            Value::Array(a) => J::Arr(a.iter().map(J::from_value).collect()),
            Value::Object(o) => J::Obj(Obj(o
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), J::from_value(v)))
                .collect())),
        }
    }
}

impl fmt::Display for J<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_value())
    }
}

/// Reads `text` as one JSON value (nothing but whitespace may follow).
pub fn from_str(text: &str) -> Result<J<'_>, serde_json::Error> {
    let mut scratch = Scratch {
        items: Vec::with_capacity(32),
        members: Vec::with_capacity(32),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&mut scratch).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Elements and members being read, for every array and object open on the way down: each
/// array or object is copied out of here into a vector of exactly its size when it closes,
/// so reading allocates once per array or object instead of growing vectors (and moving
/// their values) member by member.
struct Scratch<'a> {
    items: Vec<J<'a>>,
    members: Vec<(Cow<'a, str>, J<'a>)>,
}

struct Seed<'s, 'a>(&'s mut Scratch<'a>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Seed<'_, 'a> {
    type Value = J<'a>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<J<'a>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Seed<'_, 'a> {
    type Value = J<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<J<'a>, E> {
        Ok(J::Null)
    }
    fn visit_none<E>(self) -> Result<J<'a>, E> {
        Ok(J::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<J<'a>, E> {
        Ok(J::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<J<'a>, E> {
        Ok(J::Num(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<J<'a>, E> {
        Ok(J::Num(n.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<J<'a>, E> {
        Number::from_f64(n)
            .map(J::Num)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<J<'a>, E> {
        Ok(J::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<J<'a>, E> {
        Ok(J::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<J<'a>, E> {
        Ok(J::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J<'a>, A::Error> {
        let scratch = self.0;
        let mark = scratch.items.len();
        while let Some(x) = seq.next_element_seed(Seed(scratch))? {
            scratch.items.push(x);
        }
        Ok(J::Arr(scratch.items.drain(mark..).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J<'a>, A::Error> {
        let scratch = self.0;
        let mark = scratch.members.len();
        while let Some(k) = map.next_key::<Key<'a>>()? {
            let val = map.next_value_seed(Seed(scratch))?;
            scratch.members.push((k.0, val));
        }
        Ok(J::Obj(Obj(scratch.members.drain(mark..).collect())))
    }
}

/// A member name, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'a>, D::Error> {
        struct KeyVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for KeyVisitor<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyVisitor(std::marker::PhantomData))
    }
}
