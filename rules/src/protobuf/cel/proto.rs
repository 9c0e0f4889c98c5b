//! Protobuf types and values as CEL sees them (cel-spec "Protocol Buffer Data Conversion").

use super::{Object, Schema, Type, Val};
use prost_reflect::{
    DescriptorPool, DynamicMessage, FieldDescriptor, Kind, MapKey, ReflectMessage, Value,
};
use std::rc::Rc;

/// The CEL type of a message type: well-known types are CEL's own.
pub fn message_type(full_name: &str) -> Type {
    let wrapped = |t| Type::Wrapper(Box::new(t));
    match full_name {
        "google.protobuf.Timestamp" => Type::Timestamp,
        "google.protobuf.Duration" => Type::Duration,
        "google.protobuf.Any" | "google.protobuf.Value" => Type::Dyn,
        "google.protobuf.Struct" => Type::Map(Box::new(Type::String), Box::new(Type::Dyn)),
        "google.protobuf.ListValue" => Type::List(Box::new(Type::Dyn)),
        "google.protobuf.DoubleValue" | "google.protobuf.FloatValue" => wrapped(Type::Double),
        "google.protobuf.Int32Value" | "google.protobuf.Int64Value" => wrapped(Type::Int),
        "google.protobuf.UInt32Value" | "google.protobuf.UInt64Value" => wrapped(Type::Uint),
        "google.protobuf.BoolValue" => wrapped(Type::Bool),
        "google.protobuf.StringValue" => wrapped(Type::String),
        "google.protobuf.BytesValue" => wrapped(Type::Bytes),
        other => Type::Message(other.to_string()),
    }
}

/// The CEL type of one value of `kind` (an element, for repeated fields).
pub fn kind_type(kind: &Kind) -> Type {
    match kind {
        Kind::Double | Kind::Float => Type::Double,
        Kind::Int32
        | Kind::Int64
        | Kind::Sint32
        | Kind::Sint64
        | Kind::Sfixed32
        | Kind::Sfixed64 => Type::Int,
        Kind::Uint32 | Kind::Uint64 | Kind::Fixed32 | Kind::Fixed64 => Type::Uint,
        Kind::Bool => Type::Bool,
        Kind::String => Type::String,
        Kind::Bytes => Type::Bytes,
        Kind::Enum(_) => Type::Int,
        Kind::Message(m) => message_type(m.full_name()),
    }
}

/// The CEL type of a field's whole value: lists and maps for repeated and map fields.
pub fn field_type(fd: &FieldDescriptor) -> Type {
    if fd.is_map()
        && let Kind::Message(entry) = fd.kind()
    {
        let k = kind_type(&entry.map_entry_key_field().kind());
        let v = kind_type(&entry.map_entry_value_field().kind());
        return Type::Map(Box::new(k), Box::new(v));
    }
    let t = kind_type(&fd.kind());
    if fd.is_list() {
        Type::List(Box::new(t))
    } else {
        t
    }
}

impl Schema for DescriptorPool {
    fn field(&self, message: &str, field: &str) -> Option<Type> {
        let m = self.get_message_by_name(message)?;
        m.get_field_by_name(field).map(|fd| field_type(&fd))
    }

    fn is_type(&self, name: &str) -> bool {
        let name = name.trim_start_matches('.');
        self.get_message_by_name(name).is_some() || self.get_enum_by_name(name).is_some()
    }

    fn is_enum_value(&self, name: &str) -> bool {
        let name = name.trim_start_matches('.');
        name.rsplit_once('.').is_some_and(|(e, v)| {
            self.get_enum_by_name(e)
                .is_some_and(|e| e.get_value_by_name(v).is_some())
        })
    }
}

/// A message as a CEL value.
pub struct Msg(pub DynamicMessage);

impl Object for Msg {
    fn get(&self, field: &str) -> Option<Val> {
        let fd = self.0.descriptor().get_field_by_name(field)?;
        value(&self.0.get_field(&fd))
    }

    fn has(&self, field: &str) -> bool {
        self.0.has_field_by_name(field)
    }
}

/// A protobuf value as a CEL value; `None` for what the evaluator does not model
/// (well-known message types).
pub fn value(v: &Value) -> Option<Val> {
    Some(match v {
        Value::Bool(b) => Val::Bool(*b),
        Value::I32(n) => Val::Int(i64::from(*n)),
        Value::I64(n) => Val::Int(*n),
        Value::U32(n) => Val::Uint(u64::from(*n)),
        Value::U64(n) => Val::Uint(*n),
        Value::F32(f) => Val::Double(f64::from(*f)),
        Value::F64(f) => Val::Double(*f),
        Value::String(s) => Val::Str(s.clone()),
        Value::Bytes(b) => Val::Bytes(b.to_vec()),
        Value::EnumNumber(n) => Val::Int(i64::from(*n)),
        Value::List(items) => Val::List(items.iter().map(value).collect::<Option<_>>()?),
        Value::Map(entries) => Val::Map(
            entries
                .iter()
                .map(|(k, v)| Some((key(k), value(v)?)))
                .collect::<Option<_>>()?,
        ),
        Value::Message(m) => match message_type(m.descriptor().full_name()) {
            Type::Message(_) => Val::Obj(Rc::new(Msg(m.clone()))),
            _ => return None,
        },
    })
}

fn key(k: &MapKey) -> Val {
    match k {
        MapKey::Bool(b) => Val::Bool(*b),
        MapKey::I32(n) => Val::Int(i64::from(*n)),
        MapKey::I64(n) => Val::Int(*n),
        MapKey::U32(n) => Val::Uint(u64::from(*n)),
        MapKey::U64(n) => Val::Uint(*n),
        MapKey::String(s) => Val::Str(s.clone()),
    }
}
