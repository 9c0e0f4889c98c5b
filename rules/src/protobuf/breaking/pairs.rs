//! Helpers of the "same value" and wire-compatibility rules (group B): pairing fields, enum
//! values and methods of the two versions, buf-style descriptions of fields, cardinality and
//! type classification, and locations that follow buf's fallbacks (a map entry's generated
//! field is reported at the map field's type; a missing location is the file's 1:1).
//!
//! Kept apart from `util.rs` so that the two rule groups' helpers cannot collide.

use super::Ctx;
use super::index::paired;
use crate::finding::Span;
use crate::protobuf::check::{Hit, Sink};
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::*;
use std::collections::{BTreeMap, HashMap};

/// One side of a field pair: the file, the message holding it (`None` for an extension) and
/// the field.
#[derive(Clone, Copy)]
pub struct FieldRef<'a> {
    pub file: &'a File,
    pub message: Option<&'a Message>,
    pub field: &'a Field,
}

impl<'a> FieldRef<'a> {
    pub fn is_extension(&self) -> bool {
        self.field.extendee.is_some()
    }

    pub fn in_map_entry(&self) -> bool {
        self.message.is_some_and(|m| m.is_map_entry)
    }

    /// `Field "1" with name "foo" on message "Foo"`, or for an extension
    /// `Extension "1" with name "pkg.foo" on message "pkg.Foo"`.
    pub fn description(&self) -> String {
        self.description_with_name(&self.display_name())
    }

    /// The name buf knows a field by: its name, or an extension's full name.
    pub fn display_name(&self) -> String {
        if self.is_extension() {
            self.field.full_name.clone()
        } else {
            self.field.name.clone()
        }
    }

    /// The description with a given name; an empty name leaves the name out.
    pub fn description_with_name(&self, name: &str) -> String {
        let named = if name.is_empty() {
            String::new()
        } else {
            format!(" with name {name:?}")
        };
        match &self.field.extendee {
            Some(ext) => format!(
                "Extension \"{}\"{named} on message {ext:?}",
                self.field.number
            ),
            None => format!(
                "Field \"{}\"{named} on message {:?}",
                self.field.number,
                self.message.map(|m| m.name.as_str()).unwrap_or_default()
            ),
        }
    }

    /// The logical path findings carry: `pkg.Msg.field` (an extension's full name).
    pub fn logical(&self) -> String {
        self.field.full_name.clone()
    }

    /// The span of the field's declaration, or of its part `sub` (a `FieldDescriptorProto`
    /// tag) when given; a map entry's generated field falls back to the map field's type.
    pub fn span_of(&self, sub: &[i32]) -> Option<Span> {
        let mut path = self.field.path.clone();
        path.extend_from_slice(sub);
        if let Some(loc) = self.file.location(&path) {
            return Some(loc.span);
        }
        self.map_entry_span()
    }

    pub fn span(&self) -> Option<Span> {
        self.span_of(&[])
    }

    /// The type name's span (message, enum or group fields). For a proto2 group buf's
    /// compiler places it at the `group` keyword, which protox records as the type.
    pub fn type_name_span(&self) -> Option<Span> {
        if self.field.ty == FieldType::Group
            && let Some(span) = self.span_of(&[tag::FIELD_TYPE])
        {
            return Some(span);
        }
        self.span_of(&[tag::FIELD_TYPE_NAME])
    }

    /// The scalar type keyword's span.
    pub fn type_span(&self) -> Option<Span> {
        self.span_of(&[tag::FIELD_TYPE])
    }

    /// Where buf reports something about a field of a generated map entry: the map field's
    /// type (`map<K, V>`).
    fn map_entry_span(&self) -> Option<Span> {
        let map_field = self.map_field()?;
        let mut path = map_field.path.clone();
        path.push(tag::FIELD_TYPE_NAME);
        self.file.exact_span(&path)
    }

    /// For a field of a generated map entry: the `map<K, V>` field that generated it.
    pub fn map_field(&self) -> Option<&'a Field> {
        let msg = self.message?;
        if !msg.is_map_entry {
            return None;
        }
        let parent = &self.file.messages[msg.parent?];
        parent
            .fields
            .iter()
            .find(|f| f.type_name == msg.full_name && f.label == Label::Repeated)
    }

    /// The path editions features resolve from: the field's own, or for a map entry's key and
    /// value the map field's (they inherit its features).
    pub fn feature_path(&self) -> &'a [i32] {
        match self.map_field() {
            Some(m) => &m.path,
            None => &self.field.path,
        }
    }

    /// A standard feature's effective value for this field.
    pub fn feature(&self, name: &str) -> String {
        self.file.feature(self.feature_path(), name)
    }

    /// A feature written (on the field or an enclosing element) in an editions file.
    pub fn explicit_feature(&self, name: &str) -> Option<String> {
        match self.file.syntax {
            Syntax::Editions(_) => self
                .file
                .explicit_feature(self.feature_path(), name)
                .map(|s| s.value.clone()),
            _ => None,
        }
    }

    /// An option's span on the field: `[.., FIELD_OPTIONS, number]`.
    pub fn option_span(&self, option: i32) -> Option<Span> {
        let mut path = self.field.path.clone();
        path.extend_from_slice(&[tag::FIELD_OPTIONS, option]);
        self.file.exact_span(&path)
    }

    /// The span of an editions feature written on the field itself.
    pub fn feature_span(&self, name: &str) -> Option<Span> {
        self.file
            .features_at(&self.field.path)
            .iter()
            .rev()
            .find(|s| s.name == name)
            .map(|s| s.span)
    }

    /// The field's kind as the runtime sees it: an editions message field with delimited
    /// encoding is a group.
    pub fn kind(&self) -> FieldType {
        if self.field.ty == FieldType::Message && self.file.is_delimited(self.field) {
            FieldType::Group
        } else {
            self.field.ty
        }
    }

    pub fn cardinality(&self) -> Cardinality {
        let f = self.field;
        if f.label == Label::Repeated {
            if f.ty == FieldType::Message && self.is_map() {
                return Cardinality::Map;
            }
            return Cardinality::Repeated;
        }
        match self.file.presence(f) {
            Presence::LegacyRequired => Cardinality::Required,
            Presence::Explicit => Cardinality::Explicit,
            Presence::Implicit => Cardinality::Implicit,
        }
    }

    fn is_map(&self) -> bool {
        self.file
            .messages
            .iter()
            .any(|m| m.full_name == self.field.type_name && m.is_map_entry)
    }

    /// The oneof the field is really in (synthetic proto3-optional oneofs don't count).
    pub fn real_oneof(&self) -> Option<&'a Oneof> {
        let msg = self.message?;
        let o = msg.oneofs.get(self.field.oneof_index?)?;
        (!o.synthetic).then_some(o)
    }
}

/// How often a field may occur, as buf names it in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    Explicit,
    Implicit,
    Required,
    Repeated,
    Map,
}

impl Cardinality {
    pub fn name(self) -> &'static str {
        match self {
            Cardinality::Explicit => "optional with explicit presence",
            Cardinality::Implicit => "optional with implicit presence",
            Cardinality::Required => "required",
            Cardinality::Repeated => "repeated",
            Cardinality::Map => "map",
        }
    }

    /// Changes within a group keep the binary encoding readable.
    pub fn wire_group(self) -> u8 {
        match self {
            Cardinality::Explicit | Cardinality::Implicit => 1,
            Cardinality::Required => 2,
            Cardinality::Repeated | Cardinality::Map => 3,
        }
    }

    /// Changes within a group keep both the binary and the JSON encoding readable (maps and
    /// repeated fields look different in JSON).
    pub fn wire_json_group(self) -> u8 {
        match self {
            Cardinality::Map => 4,
            c => c.wire_group(),
        }
    }
}

/// Every field present under the same number in both versions, as (previous, current):
/// fields of messages paired by full name, then extensions paired by extendee and number.
pub fn field_pairs<'a>(ctx: &Ctx<'a>) -> Vec<(FieldRef<'a>, FieldRef<'a>)> {
    ctx.cache
        .fields
        .get_or_init(|| compute_field_pairs(ctx))
        .clone()
}

fn compute_field_pairs<'a>(ctx: &Ctx<'a>) -> Vec<(FieldRef<'a>, FieldRef<'a>)> {
    let mut out = Vec::new();
    for ((pf, pm), (cf, cm)) in super::util::message_pairs(ctx) {
        let current: HashMap<i32, &Field> = cm.fields.iter().map(|f| (f.number, f)).collect();
        for p in &pm.fields {
            if let Some(c) = current.get(&p.number) {
                out.push((
                    FieldRef {
                        file: pf,
                        message: Some(pm),
                        field: p,
                    },
                    FieldRef {
                        file: cf,
                        message: Some(cm),
                        field: c,
                    },
                ));
            }
        }
    }
    let extensions = |ix: &super::Index<'a>| {
        let mut map: BTreeMap<(String, i32), FieldRef<'a>> = BTreeMap::new();
        for f in ix.files.values() {
            for x in &f.extensions {
                let key = (x.extendee.clone().unwrap_or_default(), x.number);
                map.entry(key).or_insert(FieldRef {
                    file: f,
                    message: None,
                    field: x,
                });
            }
        }
        map
    };
    let previous = extensions(&ctx.previous);
    let current = extensions(&ctx.current);
    for (key, p) in &previous {
        if let Some(c) = current.get(key) {
            out.push((*p, *c));
        }
    }
    out
}

/// Methods present under the same name in services paired by full name: (previous, current)
/// with their services.
pub type MethodRef<'a> = (&'a File, &'a Service, &'a Method);

pub fn method_pairs<'a>(ctx: &Ctx<'a>) -> Vec<(MethodRef<'a>, MethodRef<'a>)> {
    let mut out = Vec::new();
    for ((pf, ps), (cf, cs)) in paired(&ctx.previous.services, &ctx.current.services) {
        for pm in &ps.methods {
            if let Some(cm) = cs.methods.iter().find(|m| m.name == pm.name) {
                out.push(((pf, ps, pm), (cf, cs, cm)));
            }
        }
    }
    out
}

/// RPC_SAME_CLIENT_STREAMING and RPC_SAME_SERVER_STREAMING: `side` ("client" or "server")
/// and how to read that side's streaming flag.
pub fn check_streaming(ctx: &Ctx, sink: &mut Sink, side: &str, streaming: fn(&Method) -> bool) {
    for ((_, _, pm), (cf, cs, cm)) in method_pairs(ctx) {
        if streaming(pm) == streaming(cm) {
            continue;
        }
        let (before, after) = if streaming(cm) {
            ("unary", "streaming")
        } else {
            ("streaming", "unary")
        };
        report_at(
            sink,
            cf,
            span_at(cf, &cm.path),
            &cm.path,
            format!("{}.{}", cs.full_name, cm.name),
            format!(
                "RPC {:?} on service {:?} changed from {side} {before} to {side} {after}.",
                cm.name, cs.name
            ),
        )
        .change(before, after);
    }
}

/// RPC_SAME_REQUEST_TYPE and RPC_SAME_RESPONSE_TYPE: `what` ("request" or "response"), the
/// method's source tag for that type, and how to read it.
pub fn check_method_type(
    ctx: &Ctx,
    sink: &mut Sink,
    what: &str,
    tag: i32,
    type_of: fn(&Method) -> &String,
) {
    for ((_, _, pm), (cf, cs, cm)) in method_pairs(ctx) {
        let (before, after) = (type_of(pm), type_of(cm));
        if before == after {
            continue;
        }
        let mut path = cm.path.clone();
        path.push(tag);
        report_at(
            sink,
            cf,
            span_at(cf, &path),
            &cm.path,
            format!("{}.{}", cs.full_name, cm.name),
            format!(
                "RPC {:?} on service {:?} changed {what} type from {before:?} to {after:?}.",
                cm.name, cs.name
            ),
        )
        .change(before.clone(), after.clone());
    }
}

/// Reports at `span`, or at the file's 1:1 when buf would have no location.
pub fn report_at<'s>(
    sink: &'s mut Sink,
    file: &File,
    span: Option<Span>,
    path: &[i32],
    logical: impl Into<String>,
    message: impl Into<String>,
) -> &'s mut Hit {
    sink.report_span(
        file,
        span.unwrap_or(Span::FILE_START),
        path,
        logical,
        message,
    )
}

/// The span of exactly `path` in `file`, if it has one.
pub fn span_at(file: &File, path: &[i32]) -> Option<Span> {
    file.exact_span(path)
}

/// The span of an editions feature written on the element at `path` itself.
pub fn feature_span_at(file: &File, path: &[i32], name: &str) -> Option<Span> {
    file.features_at(path)
        .iter()
        .rev()
        .find(|s| s.name == name)
        .map(|s| s.span)
}

/// A field type's name as buf prints it (`int32`, `message`, …); a delimited message outside
/// proto2 is a "message (delimited encoding)".
pub fn kind_name(kind: FieldType, syntax: Syntax) -> &'static str {
    match kind {
        FieldType::Double => "double",
        FieldType::Float => "float",
        FieldType::Int64 => "int64",
        FieldType::Uint64 => "uint64",
        FieldType::Int32 => "int32",
        FieldType::Fixed64 => "fixed64",
        FieldType::Fixed32 => "fixed32",
        FieldType::Bool => "bool",
        FieldType::String => "string",
        FieldType::Group if syntax != Syntax::Proto2 => "message (delimited encoding)",
        FieldType::Group => "group",
        FieldType::Message => "message",
        FieldType::Bytes => "bytes",
        FieldType::Uint32 => "uint32",
        FieldType::Enum => "enum",
        FieldType::Sfixed32 => "sfixed32",
        FieldType::Sfixed64 => "sfixed64",
        FieldType::Sint32 => "sint32",
        FieldType::Sint64 => "sint64",
    }
}

/// Binary-compatible type groups (protobuf's "updating a message type" rules): varints
/// int32/int64/uint32/uint64/bool together, sint32/sint64, fixed32/sfixed32,
/// fixed64/sfixed64; string and bytes apart (only string -> bytes is allowed, by the rule).
pub fn wire_group(kind: FieldType) -> u8 {
    match kind {
        FieldType::Int32
        | FieldType::Int64
        | FieldType::Uint32
        | FieldType::Uint64
        | FieldType::Bool => 1,
        FieldType::Sint32 | FieldType::Sint64 => 2,
        FieldType::String => 3,
        FieldType::Bytes => 4,
        FieldType::Fixed32 | FieldType::Sfixed32 => 5,
        FieldType::Fixed64 | FieldType::Sfixed64 => 6,
        FieldType::Double => 7,
        FieldType::Float => 8,
        FieldType::Group => 9,
        FieldType::Message => 10,
        FieldType::Enum => 11,
    }
}

/// Types that read each other's binary *and* JSON form: 32-bit varints, 64-bit varints
/// (JSON strings), fixed32/sfixed32, fixed64/sfixed64; everything else alone.
pub fn wire_json_group(kind: FieldType) -> u8 {
    match kind {
        FieldType::Int32 | FieldType::Uint32 => 1,
        FieldType::Int64 | FieldType::Uint64 => 2,
        FieldType::Fixed32 | FieldType::Sfixed32 => 3,
        FieldType::Fixed64 | FieldType::Sfixed64 => 4,
        FieldType::Bool => 5,
        FieldType::Sint32 => 6,
        FieldType::Sint64 => 7,
        FieldType::String => 8,
        FieldType::Bytes => 9,
        FieldType::Double => 10,
        FieldType::Float => 11,
        FieldType::Group => 12,
        FieldType::Message => 13,
        FieldType::Enum => 14,
    }
}

/// Reports a changed field type (`kind` differs): at the type name for message, enum and
/// group fields, else at the scalar type keyword.
pub fn report_changed_type(sink: &mut Sink, previous: &FieldRef, current: &FieldRef, extra: &str) {
    let (pk, ck) = (previous.kind(), current.kind());
    let span = if matches!(ck, FieldType::Message | FieldType::Enum | FieldType::Group) {
        current.type_name_span()
    } else {
        current.type_span()
    };
    let before = kind_name(pk, previous.file.syntax);
    let after = kind_name(ck, current.file.syntax);
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" {extra}")
    };
    report_at(
        sink,
        current.file,
        span,
        &current.field.path,
        current.logical(),
        format!(
            "{} changed type from {before:?} to {after:?}.{extra}",
            current.description()
        ),
    )
    .change(before, after);
}

/// Reports a message, enum or group field that now refers to another type, at its type name.
pub fn report_changed_type_name(sink: &mut Sink, previous: &FieldRef, current: &FieldRef) {
    let (before, after) = (&previous.field.type_name, &current.field.type_name);
    report_at(
        sink,
        current.file,
        current.type_name_span(),
        &current.field.path,
        current.logical(),
        format!(
            "{} changed type from {before:?} to {after:?}.",
            current.description()
        ),
    )
    .change(before.clone(), after.clone());
}

/// For a wire-compatibility rule: an enum field whose enum changed is still compatible when
/// the new enum has the same short name and keeps every old value name with its number.
pub fn check_enum_type_change(ctx: &Ctx, sink: &mut Sink, previous: &FieldRef, current: &FieldRef) {
    let old = ctx.previous.any_enum(&previous.field.type_name);
    let new = ctx.current.any_enum(&current.field.type_name);
    let compatible = match (old, new) {
        (Some((_, old)), Some((_, new))) => {
            old.name == new.name
                && old.values.iter().all(|ov| {
                    new.values
                        .iter()
                        .any(|nv| nv.name == ov.name && nv.number == ov.number)
                })
        }
        _ => false,
    };
    if !compatible {
        report_changed_type_name(sink, previous, current);
    }
}

/// Whether both sides are string or bytes fields (kinds), for the string-only rules.
pub fn both_kind(previous: &FieldRef, current: &FieldRef, kinds: &[FieldType]) -> bool {
    kinds.contains(&previous.kind()) && kinds.contains(&current.kind())
}

/// The cardinality rules: reports each field whose cardinality moved to another `group`
/// (generated map entry fields are skipped: their presence is nominal).
pub fn check_cardinality(ctx: &Ctx, sink: &mut Sink, group: fn(Cardinality) -> u8) {
    for (p, c) in field_pairs(ctx) {
        if p.in_map_entry() && c.in_map_entry() {
            continue;
        }
        let (pc, cc) = (p.cardinality(), c.cardinality());
        if group(pc) != group(cc) {
            report_at(
                sink,
                c.file,
                c.span(),
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed cardinality from {:?} to {:?}.",
                    c.description(),
                    pc.name(),
                    cc.name()
                ),
            )
            .change(pc.name(), cc.name());
        }
    }
}

/// protox locates some pseudo-options (`json_name`, `default`) at their value only; buf's
/// compiler spans `name = value`. Widens `span` back over `name =` when the source shows it.
pub fn widen_to_option_name(file: &File, span: Span, name: &str) -> Span {
    let Some(src) = file.source.as_deref() else {
        return span;
    };
    let Some(line) = src.lines().nth(span.line.saturating_sub(1) as usize) else {
        return span;
    };
    let chars: Vec<char> = line.chars().collect();
    let mut i = (span.column as usize).saturating_sub(1).min(chars.len());
    let skip_ws = |i: &mut usize| {
        while *i > 0 && chars[*i - 1].is_whitespace() {
            *i -= 1;
        }
    };
    skip_ws(&mut i);
    if i == 0 || chars[i - 1] != '=' {
        return span;
    }
    i -= 1;
    skip_ws(&mut i);
    let name: Vec<char> = name.chars().collect();
    if i < name.len() || chars[i - name.len()..i] != name[..] {
        return span;
    }
    Span {
        column: (i - name.len() + 1) as u32,
        ..span
    }
}

/// A message's span; a generated map entry has none and is reported at its map field's type.
pub fn message_span(file: &File, message: &Message) -> Option<Span> {
    if let Some(loc) = file.location(&message.path) {
        return Some(loc.span);
    }
    if !message.is_map_entry {
        return None;
    }
    let parent = &file.messages[message.parent?];
    let map_field = parent
        .fields
        .iter()
        .find(|f| f.type_name == message.full_name && f.label == Label::Repeated)?;
    let mut path = map_field.path.clone();
    path.push(tag::FIELD_TYPE_NAME);
    span_at(file, &path)
}

// ---- accord's history rules (FIELD_NUMBER_NO_REUSE, FIELD_NAME_NO_REUSE) ----

/// What an element looked like in an earlier version, for the history rules: where it was
/// last seen (index into `ctx.history`) and the versions' labels around its deletion.
pub struct LastSeen<T> {
    pub value: T,
    /// Label of the newest version that still had it.
    pub last: String,
    /// Label of the version right after, which no longer had it.
    pub deleted_in: String,
}

/// Looks through the earlier versions, newest first, for the newest one in which `find`
/// finds something, provided `previous` (the latest version) does not have it: the element
/// was deleted somewhere in the history and is back in the current version. When `previous`
/// has it, buf's rules comparing with `previous` already cover the change.
pub fn last_seen_before_gap<'a, T>(
    ctx: &Ctx<'a>,
    find: impl Fn(&super::Index<'a>) -> Option<T>,
) -> Option<LastSeen<T>> {
    let n = ctx.history.len();
    if n < 2 || find(&ctx.history[n - 1]).is_some() {
        return None;
    }
    let label = |i: usize| {
        ctx.labels
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("version {}", i + 1))
    };
    (0..n - 1).rev().find_map(|j| {
        find(&ctx.history[j]).map(|value| LastSeen {
            value,
            last: label(j),
            deleted_in: label(j + 1),
        })
    })
}

/// A field's type for messages: the scalar kind, or the message or enum it refers to.
pub fn type_description(file: &File, field: &Field) -> String {
    let base = match field.ty {
        FieldType::Message | FieldType::Enum | FieldType::Group => field.type_name.clone(),
        t => kind_name(t, file.syntax).to_string(),
    };
    if field.label == Label::Repeated {
        format!("repeated {base}")
    } else {
        base
    }
}

/// Whether two fields have the same type (kind and referenced type; cardinality aside).
pub fn same_type(a: &Field, b: &Field) -> bool {
    a.ty == b.ty && a.type_name == b.type_name
}
