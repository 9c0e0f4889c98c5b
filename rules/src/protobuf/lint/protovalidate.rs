//! PROTOVALIDATE: `(buf.validate.field)` and `(buf.validate.message)` rules that fit the
//! field and can be satisfied.
//!
//! Checked with buf's messages and locations: rule/field type
//! mismatches (scalars, wrappers, well-known types, repeated and map rules, recursively for
//! items, keys and values), `required` in a oneof or on an extension, contradictory
//! `ignore` settings, `const` alongside other rules, string/bytes length bounds (min above
//! max, equal bounds, `len` with bounds, characters against bytes, substrings longer than
//! the maximum or containing `not_contains`), unbalanced `pattern` brackets, repeated/map
//! size bounds, equal numeric/duration/timestamp bounds, invalid durations and timestamps,
//! `timestamp.within`/`lt_now`/`gt_now`, field mask in/not_in overlap,
//! `(buf.validate.message).oneof` entries, `cel` rule ids (characters, uniqueness) and empty
//! expressions, and `example` values against the standard number, bool, string,
//! bytes-length and enum `defined_only` rules.
//!
//! CEL (protovalidate_cel.rs, on accord's own CEL front end): `cel` and `cel_expression` rules
//! of fields (also of repeated items and map keys/values) and messages, and predefined rules of
//! extensions, must compile and evaluate to a bool or a string (with no redundant message);
//! `example` values are run through predefined rules. NaN float/double bounds and `in` /
//! `not_in` entries, and duration examples against bounds, are reported too.
//!
//! Not checked: `example` values against the field's own CEL rules, patterns, well-known
//! string formats and timestamps, other regular-expression syntax errors, and expressions
//! using functions accord's CEL checker does not know (they type as `dyn`).

#[path = "protovalidate_cel.rs"]
mod cel_rules;

use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity, Span};
use crate::protobuf::cel;
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{Field, File};
use prost_reflect::{
    DescriptorPool, DynamicMessage, ExtensionDescriptor, FieldDescriptor, Kind, MessageDescriptor,
    ReflectMessage, Value,
};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PROTOVALIDATE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "protovalidate rules (`(buf.validate.field)`, `(buf.validate.message)`, \
                      `(buf.validate.predefined)`) must fit the field's type, be satisfiable, \
                      have CEL expressions that compile to a bool or a string, and accept \
                      their own examples. accord checks what buf checks except examples \
                      against the field's own CEL rules, patterns or well-known formats.",
            why: "A rule that does not fit its field is rejected when the validator is built \
                  (every message of the type then fails validation at runtime), and a rule \
                  no value can satisfy rejects every message.",
            before: "message User {\n  int32 age = 1 [(buf.validate.field).string.min_len = 1];\n  string name = 2 [(buf.validate.field).string = {min_len: 5, max_len: 2}];\n}",
            after: "message User {\n  int32 age = 1 [(buf.validate.field).int32.gte = 0];\n  string name = 2 [(buf.validate.field).string = {min_len: 2, max_len: 5}];\n}",
            evolve: "Fix the rule to match the field's type, or relax contradictory bounds. \
                     Tightening a rule on a published field rejects data that was valid \
                     before, so loosen rules freely but tighten them with care.",
        },
    },
    check,
};

const FIELD_EXT: &str = "buf.validate.field";
const FIELD_EXT_NUMBER: i32 = 1159;

// FieldRules field numbers.
const REPEATED: u32 = 18;
const MAP: u32 = 19;
const REQUIRED: u32 = 25;
const IGNORE: u32 = 27;
const STRING: u32 = 14;
const BYTES: u32 = 15;

/// The rule families of `FieldRules.type` and the field kinds / message types they fit.
fn allowed(rule: u32, kind: &Kind) -> bool {
    let scalar = matches!(
        (rule, kind),
        (1, Kind::Float)
            | (2, Kind::Double)
            | (3, Kind::Int32)
            | (4, Kind::Int64)
            | (5, Kind::Uint32)
            | (6, Kind::Uint64)
            | (7, Kind::Sint32)
            | (8, Kind::Sint64)
            | (9, Kind::Fixed32)
            | (10, Kind::Fixed64)
            | (11, Kind::Sfixed32)
            | (12, Kind::Sfixed64)
            | (13, Kind::Bool)
            | (14, Kind::String)
            | (15, Kind::Bytes)
            | (16, Kind::Enum(_))
    );
    if scalar {
        return true;
    }
    let Kind::Message(m) = kind else {
        return false;
    };
    let want = match rule {
        1 => "google.protobuf.FloatValue",
        2 => "google.protobuf.DoubleValue",
        3 => "google.protobuf.Int32Value",
        4 => "google.protobuf.Int64Value",
        5 => "google.protobuf.UInt32Value",
        6 => "google.protobuf.UInt64Value",
        13 => "google.protobuf.BoolValue",
        14 => "google.protobuf.StringValue",
        15 => "google.protobuf.BytesValue",
        20 => "google.protobuf.Any",
        21 => "google.protobuf.Duration",
        22 => "google.protobuf.Timestamp",
        28 => "google.protobuf.FieldMask",
        _ => return false,
    };
    m.full_name() == want
}

const WRAPPERS: &[&str] = &[
    "google.protobuf.FloatValue",
    "google.protobuf.DoubleValue",
    "google.protobuf.Int32Value",
    "google.protobuf.Int64Value",
    "google.protobuf.UInt32Value",
    "google.protobuf.UInt64Value",
    "google.protobuf.BoolValue",
    "google.protobuf.StringValue",
    "google.protobuf.BytesValue",
];

/// What the checks need to know about a field (a message field or an extension).
struct FieldInfo {
    kind: Kind,
    is_list: bool,
    is_map: bool,
    oneof: Option<String>,
    presence: bool,
    extension: bool,
}

impl FieldInfo {
    fn of_field(fd: &FieldDescriptor) -> FieldInfo {
        FieldInfo {
            kind: fd.kind(),
            is_list: fd.is_list(),
            is_map: fd.is_map(),
            oneof: fd.containing_oneof().map(|o| o.name().to_string()),
            presence: fd.supports_presence(),
            extension: false,
        }
    }

    fn of_extension(x: &ExtensionDescriptor) -> FieldInfo {
        FieldInfo {
            kind: x.kind(),
            is_list: x.is_list(),
            is_map: x.is_map(),
            oneof: None,
            presence: x.supports_presence(),
            extension: true,
        }
    }

    /// The element of a map (`key` or `value`) as a field of its own.
    fn map_part(&self, value: bool) -> Option<FieldInfo> {
        let Kind::Message(entry) = &self.kind else {
            return None;
        };
        let fd = if value {
            entry.map_entry_value_field()
        } else {
            entry.map_entry_key_field()
        };
        Some(FieldInfo {
            oneof: None,
            extension: false,
            ..FieldInfo::of_field(&fd)
        })
    }

    fn pretty_type(&self) -> String {
        kind_name(&self.kind, self.is_map)
    }
}

fn kind_name(kind: &Kind, is_map: bool) -> String {
    match kind {
        Kind::Double => "double".into(),
        Kind::Float => "float".into(),
        Kind::Int32 => "int32".into(),
        Kind::Int64 => "int64".into(),
        Kind::Uint32 => "uint32".into(),
        Kind::Uint64 => "uint64".into(),
        Kind::Sint32 => "sint32".into(),
        Kind::Sint64 => "sint64".into(),
        Kind::Fixed32 => "fixed32".into(),
        Kind::Fixed64 => "fixed64".into(),
        Kind::Sfixed32 => "sfixed32".into(),
        Kind::Sfixed64 => "sfixed64".into(),
        Kind::Bool => "bool".into(),
        Kind::String => "string".into(),
        Kind::Bytes => "bytes".into(),
        Kind::Enum(_) => "enum".into(),
        Kind::Message(m) if is_map => {
            let k = m.map_entry_key_field();
            let v = m.map_entry_value_field();
            format!(
                "map<{}, {}>",
                kind_name(&k.kind(), k.is_map()),
                kind_name(&v.kind(), v.is_map())
            )
        }
        Kind::Message(m) => m.full_name().to_string(),
    }
}

/// Reports findings of one field, at the location of a rule path below
/// `(buf.validate.field)`.
struct Adder<'a, 'b, 's> {
    sink: &'a mut Sink<'s>,
    file: &'b File,
    field: &'b Field,
    rules: MessageDescriptor,
    /// The rule path of the rules being checked (`[]`, or `[18, 4]` for repeated items).
    base: Vec<u32>,
    /// The field's type as messages name it (`map<int64, string>` for map keys and values
    /// too, as buf does).
    pretty: String,
}

impl<'b, 's> Adder<'_, 'b, 's> {
    fn full(&self, path: &[u32]) -> Vec<u32> {
        self.base.iter().chain(path).copied().collect()
    }

    /// `(buf.validate.field).string.min_len` for the rule path.
    fn rule_name(&self, path: &[u32]) -> String {
        let mut name = "(buf.validate.field)".to_string();
        let mut desc = Some(self.rules.clone());
        for n in self.full(path) {
            let Some(fd) = desc.as_ref().and_then(|d| d.get_field(n)) else {
                return name;
            };
            name.push('.');
            name.push_str(fd.name());
            desc = match fd.kind() {
                Kind::Message(m) => Some(m),
                _ => return name,
            };
        }
        name
    }

    fn add(&mut self, path: &[u32], message: String) {
        self.add_all(&[path], message);
    }

    /// Reports at each distinct location of `paths`.
    fn add_all(&mut self, paths: &[&[u32]], message: String) {
        let mut seen: Vec<Span> = Vec::new();
        for p in paths {
            let full = self.full(p);
            let span = option_span(self.file, &self.field.path, &full, &self.rules);
            if seen.contains(&span) {
                continue;
            }
            seen.push(span);
            let mut src: Vec<i32> = self.field.path.clone();
            src.extend([tag::FIELD_OPTIONS, FIELD_EXT_NUMBER]);
            src.extend(full.iter().map(|n| *n as i32));
            self.sink.report_span(
                self.file,
                span,
                &src,
                self.field.full_name.clone(),
                message.clone(),
            );
        }
    }

    fn with_base(&mut self, base: &[u32]) -> Adder<'_, 'b, 's> {
        Adder {
            sink: &mut *self.sink,
            file: self.file,
            field: self.field,
            rules: self.rules.clone(),
            base: base.to_vec(),
            pretty: self.pretty.clone(),
        }
    }
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    // Without protovalidate's own package in the image no file can set its options, and the
    // reflection pool below is costly to build.
    if !ctx.image.files.iter().any(|f| f.package == "buf.validate") {
        return;
    }
    let Some(pool) = ctx.image.pool() else {
        return;
    };
    let Some(ext) = pool.get_extension_by_name(FIELD_EXT) else {
        return;
    };
    let Some(rules_desc) = pool.get_message_by_name("buf.validate.FieldRules") else {
        return;
    };
    for file in ctx.image.targets() {
        check_messages(file, pool, sink);
        cel_rules::check_predefined(file, pool, sink);
        let fields = file
            .messages
            .iter()
            .flat_map(|m| m.fields.iter().map(move |f| (Some(m), f)))
            .chain(file.extensions.iter().map(|f| (None, f)));
        for (message, field) in fields {
            let (info, options) = match (message, &field.extendee) {
                (_, Some(_)) => match pool.get_extension_by_name(&field.full_name) {
                    Some(x) => (FieldInfo::of_extension(&x), x.options()),
                    None => continue,
                },
                (Some(m), None) => match pool
                    .get_message_by_name(&m.full_name)
                    .and_then(|d| d.get_field_by_name(&field.name))
                {
                    Some(fd) => (FieldInfo::of_field(&fd), fd.options()),
                    None => continue,
                },
                (None, None) => continue,
            };
            if !options.has_extension(&ext) {
                continue;
            }
            let Value::Message(rules) = options.get_extension(&ext).into_owned() else {
                continue;
            };
            let mut adder = Adder {
                sink: &mut *sink,
                file,
                field,
                rules: rules_desc.clone(),
                base: Vec::new(),
                pretty: info.pretty_type(),
            };
            // Maps are repeated fields too.
            let repeated = info.is_list || info.is_map;
            check_rules(
                &mut adder,
                &rules,
                &info,
                repeated,
                field.proto3_optional,
                pool,
            );
        }
    }
}

/// What can be said about `cel` rules (field number `cel_n` of the rules message) without
/// compiling them: ids with invalid characters, ids used twice, empty expressions. Returns
/// (rule path, message) pairs.
fn cel_rule_problems(
    rules: &DynamicMessage,
    cel_n: u32,
    parent: &str,
    capital: &str,
    cel_name: &str,
) -> Vec<(Vec<u32>, String)> {
    let mut out = Vec::new();
    let Some(Value::List(list)) = get(rules, cel_n) else {
        return out;
    };
    let mut ids: Vec<(String, Vec<u32>)> = Vec::new();
    for (i, rule) in list.iter().enumerate() {
        let Value::Message(rule) = rule else {
            continue;
        };
        let i = i as u32;
        let id = get(rule, 1).and_then(Value::as_str).unwrap_or_default();
        if !id.is_empty() {
            let valid = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !valid {
                out.push((
                    vec![cel_n, i],
                    format!("{capital} has invalid characters for {cel_name}.id. IDs must contain only characters a-z, A-Z, 0-9, '.', '_', '-'."),
                ));
            }
            match ids.iter_mut().find(|(k, _)| k == id) {
                Some((_, v)) => v.push(i),
                None => ids.push((id.to_string(), vec![i])),
            }
        }
        let expression = get(rule, 3).and_then(Value::as_str).unwrap_or_default();
        if expression.trim().is_empty() {
            out.push((
                vec![cel_n, i],
                format!("{capital} has an empty {cel_name}.expression. Expressions should always be specified."),
            ));
        }
    }
    for (id, indices) in ids {
        if indices.len() < 2 {
            continue;
        }
        for i in indices {
            out.push((
                vec![cel_n, i],
                format!("{cel_name}.id ({id:?}) is not unique within {parent}."),
            ));
        }
    }
    out
}

/// `(buf.validate.message).oneof` entries: empty, duplicate, unknown or shared fields.
fn check_messages(file: &File, pool: &DescriptorPool, sink: &mut Sink) {
    let (Some(ext), Some(rules_desc)) = (
        pool.get_extension_by_name("buf.validate.message"),
        pool.get_message_by_name("buf.validate.MessageRules"),
    ) else {
        return;
    };
    for message in &file.messages {
        let Some(desc) = pool.get_message_by_name(&message.full_name) else {
            continue;
        };
        let options = desc.options();
        if !options.has_extension(&ext) {
            continue;
        }
        let Value::Message(rules) = options.get_extension(&ext).into_owned() else {
            continue;
        };
        let name = &message.name;
        let at = OptionAt {
            element: &message.path,
            options_tag: tag::MESSAGE_OPTIONS,
            ext_number: FIELD_EXT_NUMBER,
            rules: &rules_desc,
            logical: &message.full_name,
        };
        let mut report = |rule: &[u32], text: String| report_option(sink, file, &at, rule, text);
        let names = cel_rules::Names {
            cel: "(buf.validate.message).cel",
            cel_expression: "(buf.validate.message).cel_expression",
            on: &format!("message {name:?}"),
            capital: &format!("Message {name:?}"),
        };
        let vars = [
            ("this", cel::Type::Message(message.full_name.clone())),
            ("now", cel::Type::Timestamp),
        ];
        let problems = cel_rule_problems(&rules, 3, names.on, names.capital, names.cel)
            .into_iter()
            .chain(cel_rules::compile_problems(
                &rules,
                (3, 5),
                &vars,
                pool,
                &names,
            ));
        for (path, text) in problems {
            report(&path, text);
        }
        let Some(Value::List(entries)) = get(&rules, 4) else {
            continue;
        };
        let mut entries_of: Vec<(String, Vec<u32>)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let i = i as u32;
            let fields: Vec<String> = match entry {
                Value::Message(m) => match get(m, 1) {
                    Some(Value::List(names)) => names
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                },
                _ => continue,
            };
            if fields.is_empty() {
                report(
                    &[4, i],
                    format!(
                        "Message {name:?} has a (buf.validate.message).oneof entry with no fields. Each oneof entry must specify at least one field."
                    ),
                );
                continue;
            }
            let mut seen: Vec<&str> = Vec::new();
            for (j, f) in fields.iter().enumerate() {
                let at = [4, i, 1, j as u32];
                if seen.contains(&f.as_str()) {
                    report(
                        &at,
                        format!(
                            "Message {name:?} has a (buf.validate.message).oneof entry that references field {f:?} more than once. Duplicate field names are not permitted."
                        ),
                    );
                    continue;
                }
                seen.push(f);
                if desc.get_field_by_name(f).is_none() {
                    report(
                        &at,
                        format!(
                            "Message {name:?} has a (buf.validate.message).oneof entry that references field {f:?}, which is not defined in the message."
                        ),
                    );
                    continue;
                }
                match entries_of.iter_mut().find(|(n, _)| n == f) {
                    Some((_, list)) => list.push(i),
                    None => entries_of.push((f.clone(), vec![i])),
                }
            }
        }
        for (f, indices) in entries_of {
            if indices.len() < 2 {
                continue;
            }
            let mut spans: Vec<Span> = Vec::new();
            for i in indices {
                let span = option_span_at(
                    file,
                    &message.path,
                    tag::MESSAGE_OPTIONS,
                    &[4, i],
                    &rules_desc,
                );
                if spans.contains(&span) {
                    continue;
                }
                spans.push(span);
                report(
                    &[4, i],
                    format!(
                        "Message {name:?} references field {f:?} in more than one (buf.validate.message).oneof entry. A field may only appear in one oneof entry."
                    ),
                );
            }
        }
    }
}

fn get(msg: &DynamicMessage, number: u32) -> Option<&Value> {
    msg.fields()
        .find(|(fd, _)| fd.number() == number)
        .map(|(_, v)| v)
}

fn get_by_name<'m>(msg: &'m DynamicMessage, name: &str) -> Option<(u32, &'m Value)> {
    msg.fields()
        .find(|(fd, _)| fd.name() == name)
        .map(|(fd, v)| (fd.number(), v))
}

fn uint(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::U64(n) => Some(*n),
        Value::U32(n) => Some(u64::from(*n)),
        _ => None,
    }
}

fn check_rules(
    a: &mut Adder,
    rules: &DynamicMessage,
    field: &FieldInfo,
    expect_repeated: bool,
    proto3_optional: bool,
    pool: &DescriptorPool,
) {
    let name = a.field.name.clone();
    if field.extension {
        if get(rules, REQUIRED).and_then(Value::as_bool) == Some(true) {
            let msg = format!(
                "Field {name:?} is an extension field and cannot have {}.",
                a.rule_name(&[REQUIRED])
            );
            a.add(&[REQUIRED], msg);
        }
        if ignore_of(rules) == Some(1) {
            let msg = format!(
                "Field {name:?} is an extension field and cannot have {}=IGNORE_IF_ZERO_VALUE.",
                a.rule_name(&[IGNORE])
            );
            a.add(&[IGNORE], msg);
        }
    }
    if let Some(oneof) = &field.oneof
        && !proto3_optional
        && get(rules, REQUIRED).and_then(Value::as_bool) == Some(true)
    {
        let r = a.rule_name(&[REQUIRED]);
        let msg = format!(
            "Field {name:?} has {r} but is in a oneof ({oneof}). Oneof fields must not have {r}."
        );
        a.add(&[REQUIRED], msg);
    }
    check_flags(a, rules, field);
    let parent = format!("field {name:?}");
    let capital = format!("Field {name:?}");
    let cel_name = a.rule_name(&[23]);
    let findings = cel_rule_problems(rules, 23, &parent, &capital, &cel_name);
    for (path, msg) in findings {
        a.add(&path, msg);
    }
    let names = cel_rules::Names {
        cel: &cel_name,
        cel_expression: &a.rule_name(&[29]),
        on: &parent,
        capital: &capital,
    };
    let this = cel_rules::this_type(&field.kind, field.is_list, field.is_map);
    let vars = [("this", this), ("now", cel::Type::Timestamp)];
    for (path, msg) in cel_rules::compile_problems(rules, (23, 29), &vars, pool, &names) {
        a.add(&path, msg);
    }
    // The type rules: the set member of the `type` oneof.
    let Some((type_number, type_value)) = rules
        .fields()
        .find(|(fd, _)| {
            fd.containing_oneof()
                .is_some_and(|o| o.name() == "type" && !o.is_synthetic())
        })
        .map(|(fd, v)| (fd.number(), v.clone()))
    else {
        return;
    };
    if type_number == MAP {
        if let Value::Message(m) = &type_value {
            check_map(a, m, field, pool);
        }
        return;
    }
    if type_number == REPEATED {
        if let Value::Message(m) = &type_value {
            check_repeated(a, m, field, pool);
        }
        return;
    }
    if expect_repeated {
        let msg = format!(
            "Field {name:?} is of type repeated {} but has {} rules.",
            a.pretty,
            a.rule_name(&[type_number])
        );
        a.add(&[type_number], msg);
        return;
    }
    if !allowed(type_number, &field.kind) {
        let msg = format!(
            "Field {name:?} is of type {} but has {} rules.",
            a.pretty,
            a.rule_name(&[type_number])
        );
        a.add(&[type_number], msg);
        return;
    }
    let Value::Message(typed) = &type_value else {
        return;
    };
    check_examples(a, rules, typed, type_number, &field.kind, pool);
    match type_number {
        STRING => check_string(a, typed),
        BYTES => check_bytes(a, typed),
        1 | 2 => {
            check_nan(a, typed, type_number);
            check_numeric(a, typed, type_number, None);
        }
        3..=12 => check_numeric(a, typed, type_number, None),
        21 => check_numeric(a, typed, type_number, Some(duration_error)),
        22 => {
            check_numeric(a, typed, type_number, Some(timestamp_error));
            check_timestamp(a, typed);
        }
        28 => check_field_mask(a, typed),
        16 | 20 => check_const(a, typed, type_number),
        _ => {}
    }
}

/// A number as rules compare it.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn of(v: &Value) -> Option<Num> {
        Some(match v {
            Value::I32(n) => Num::Int(i128::from(*n)),
            Value::I64(n) => Num::Int(i128::from(*n)),
            Value::U32(n) => Num::Int(i128::from(*n)),
            Value::U64(n) => Num::Int(i128::from(*n)),
            Value::F32(f) => Num::Float(f64::from(*f)),
            Value::F64(f) => Num::Float(*f),
            Value::Message(m) if m.descriptor().full_name() == "google.protobuf.Duration" => {
                let (secs, nanos, _) = seconds_nanos(m);
                Num::Int(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
            }
            _ => return None,
        })
    }

    fn cmp(self, other: Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.float().partial_cmp(&b.float()),
        }
    }

    fn float(self) -> f64 {
        match self {
            Num::Int(n) => n as f64,
            Num::Float(f) => f,
        }
    }
}

/// A scalar as protovalidate's messages print it (`5`, `5.5`, `abc`, `true`).
fn show(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::I32(n) => n.to_string(),
        Value::I64(n) => n.to_string(),
        Value::U32(n) => n.to_string(),
        Value::U64(n) => n.to_string(),
        Value::F32(f) => f.to_string(),
        Value::F64(f) => f.to_string(),
        Value::String(s) => s.clone(),
        Value::EnumNumber(n) => n.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Value::Bytes(b) => format!(
            "[{}]",
            b.iter().map(u8::to_string).collect::<Vec<_>>().join(" ")
        ),
        Value::Message(m) if m.descriptor().full_name() == "google.protobuf.Duration" => {
            show_duration(m)
        }
        _ => String::new(),
    }
}

/// A duration as protobuf's JSON mapping writes it (`5s`, `1.500s`, `5.000000001s`).
fn show_duration(m: &DynamicMessage) -> String {
    let (secs, nanos, _) = seconds_nanos(m);
    let sign = if secs < 0 || nanos < 0 { "-" } else { "" };
    let (secs, nanos) = (secs.unsigned_abs(), nanos.unsigned_abs());
    let fraction = match nanos {
        0 => String::new(),
        n if n % 1_000_000 == 0 => format!(".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    };
    format!("{sign}{secs}{fraction}s")
}

/// `example` values that the field's own standard rules reject (as buf reports them). Only
/// number, bool and string rules are evaluated (not patterns, well-known formats, CEL or
/// predefined rules), so some failing examples go unreported.
fn check_examples(
    a: &mut Adder,
    field_rules: &DynamicMessage,
    typed: &DynamicMessage,
    family: u32,
    kind: &Kind,
    pool: &DescriptorPool,
) {
    if !matches!(family, 1..=16 | 21) {
        return;
    }
    let Some((example_n, Value::List(examples))) = get_by_name(typed, "example") else {
        return;
    };
    let examples = examples.clone();
    // Predefined rules are extensions, not among `fields()`.
    let has_rules =
        typed.fields().any(|(fd, _)| fd.name() != "example") || typed.extensions().next().is_some();
    if !has_rules || ignore_of(field_rules) == Some(3) {
        return;
    }
    // The field's own CEL rules are not evaluated here, and when one of them does not
    // compile buf reports no example at all: say nothing rather than guess.
    let has_cel = [23, 29]
        .iter()
        .any(|n| matches!(get(field_rules, *n), Some(Value::List(l)) if !l.is_empty()));
    if has_cel {
        return;
    }
    let prefix = match a.rules.get_field(family) {
        Some(fd) => fd.name().to_string(),
        None => return,
    };
    for (i, example) in examples.iter().enumerate() {
        if ignore_of(field_rules) == Some(1) && is_zero(example) {
            continue;
        }
        // Predefined rules are named by their full id, standard ones below the family.
        let Some(predefined) = cel_rules::predefined_violations(typed, example, pool) else {
            return;
        };
        let mut found = violations(typed, example);
        if let (Kind::Enum(e), Value::I32(n)) = (kind, example)
            && get_by_name(typed, "defined_only").is_some_and(|(_, v)| v.as_bool() == Some(true))
            && e.get_value(*n).is_none()
        {
            found.push((
                "defined_only".into(),
                "value must be one of the defined enum values".into(),
            ));
        }
        let standard = found
            .into_iter()
            .map(|(id, m)| (format!("{prefix}.{id}"), m));
        for (id, message) in standard.chain(predefined) {
            let msg = format!(
                "\"{}\" is an example value but does not satisfy rule \"{id}\": {message}",
                show(example)
            );
            a.add(&[family, example_n, i as u32], msg);
        }
    }
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        other => Num::of(other).is_some_and(|n| n.float() == 0.0),
    }
}

/// The standard rules of `rules` that `value` breaks: (rule id suffix, message).
fn violations(rules: &DynamicMessage, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let field = |name: &str| get_by_name(rules, name).map(|(_, v)| v.clone());
    if let Some(c) = field("const") {
        let equal = match (Num::of(&c), Num::of(value)) {
            (Some(a), Some(b)) => a.cmp(b) == Some(std::cmp::Ordering::Equal),
            _ => &c == value,
        };
        if !equal {
            let shown = match &c {
                Value::String(s) => format!("`{s}`"),
                other => show(other),
            };
            out.push(("const".into(), format!("must equal {shown}")));
        }
    }
    if let Some(v) = Num::of(value)
        && let Some(found) = bound_violation(&field, v)
    {
        out.push(found);
    }
    if let Value::String(s) = value {
        let chars = s.chars().count() as u64;
        let bytes = s.len() as u64;
        let n = |name: &str| uint(field(name).as_ref());
        let text = |name: &str| field(name).and_then(|v| v.as_str().map(str::to_string));
        let checks: [(&str, Option<u64>, bool, String); 6] = [
            (
                "len",
                n("len"),
                n("len").is_some_and(|l| chars != l),
                format!("must be {} characters", n("len").unwrap_or(0)),
            ),
            (
                "min_len",
                n("min_len"),
                n("min_len").is_some_and(|l| chars < l),
                format!("must be at least {} characters", n("min_len").unwrap_or(0)),
            ),
            (
                "max_len",
                n("max_len"),
                n("max_len").is_some_and(|l| chars > l),
                format!("must be at most {} characters", n("max_len").unwrap_or(0)),
            ),
            (
                "len_bytes",
                n("len_bytes"),
                n("len_bytes").is_some_and(|l| bytes != l),
                format!("must be {} bytes", n("len_bytes").unwrap_or(0)),
            ),
            (
                "min_bytes",
                n("min_bytes"),
                n("min_bytes").is_some_and(|l| bytes < l),
                format!("must be at least {} bytes", n("min_bytes").unwrap_or(0)),
            ),
            (
                "max_bytes",
                n("max_bytes"),
                n("max_bytes").is_some_and(|l| bytes > l),
                format!("must be at most {} bytes", n("max_bytes").unwrap_or(0)),
            ),
        ];
        for (id, _, broken, message) in checks {
            if broken {
                out.push((id.into(), message));
            }
        }
        if let Some(p) = text("prefix").filter(|p| !s.starts_with(p.as_str())) {
            out.push(("prefix".into(), format!("does not have prefix `{p}`")));
        }
        if let Some(p) = text("suffix").filter(|p| !s.ends_with(p.as_str())) {
            out.push(("suffix".into(), format!("does not have suffix `{p}`")));
        }
        if let Some(p) = text("contains").filter(|p| !s.contains(p.as_str())) {
            out.push((
                "contains".into(),
                format!("does not contain substring `{p}`"),
            ));
        }
        if let Some(p) = text("not_contains").filter(|p| s.contains(p.as_str())) {
            out.push(("not_contains".into(), format!("contains substring `{p}`")));
        }
    }
    if let Value::Bytes(b) = value {
        let len = b.len() as u64;
        let n = |name: &str| uint(field(name).as_ref());
        if let Some(l) = n("len").filter(|l| len != *l) {
            out.push(("len".into(), format!("must be {l} bytes")));
        }
        if let Some(l) = n("min_len").filter(|l| len < *l) {
            out.push(("min_len".into(), format!("must be at least {l} bytes")));
        }
        if let Some(l) = n("max_len").filter(|l| len > *l) {
            out.push(("max_len".into(), format!("must be at most {l} bytes")));
        }
    }
    if let Some(Value::List(items)) = field("in")
        && !items.is_empty()
        && !items.iter().any(|i| same(i, value))
    {
        out.push((
            "in".into(),
            format!("must be in list {}", show(&Value::List(items))),
        ));
    }
    if let Some(Value::List(items)) = field("not_in")
        && items.iter().any(|i| same(i, value))
    {
        out.push((
            "not_in".into(),
            format!("must not be in list {}", show(&Value::List(items))),
        ));
    }
    out
}

fn same(a: &Value, b: &Value) -> bool {
    match (Num::of(a), Num::of(b)) {
        (Some(x), Some(y)) => x.cmp(y) == Some(std::cmp::Ordering::Equal),
        _ => a == b,
    }
}

/// gt/gte/lt/lte as protovalidate combines them into one rule (`gt_lt`, `gte_lte_exclusive`…).
fn bound_violation(field: &dyn Fn(&str) -> Option<Value>, v: Num) -> Option<(String, String)> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let lower = ["gt", "gte"]
        .into_iter()
        .find_map(|n| field(n).map(|b| (n, b)));
    let upper = ["lt", "lte"]
        .into_iter()
        .find_map(|n| field(n).map(|b| (n, b)));
    let words = |n: &str| match n {
        "gt" => "greater than",
        "gte" => "greater than or equal to",
        "lt" => "less than",
        _ => "less than or equal to",
    };
    // Whether `v` passes one bound alone.
    let passes = |n: &str, b: Num| {
        let o = v.cmp(b);
        match n {
            "gt" => o == Some(Greater),
            "gte" => matches!(o, Some(Greater | Equal)),
            "lt" => o == Some(Less),
            _ => matches!(o, Some(Less | Equal)),
        }
    };
    match (lower, upper) {
        (Some((ln, lb)), Some((un, ub))) => {
            let (l, u) = (Num::of(&lb)?, Num::of(&ub)?);
            let ordered = matches!(u.cmp(l), Some(Greater | Equal));
            let ok = if ordered {
                passes(ln, l) && passes(un, u)
            } else {
                passes(ln, l) || passes(un, u)
            };
            if ok {
                return None;
            }
            let (suffix, joiner) = if ordered {
                ("", "and")
            } else {
                ("_exclusive", "or")
            };
            Some((
                format!("{ln}_{un}{suffix}"),
                format!(
                    "must be {} {} {joiner} {} {}",
                    words(ln),
                    show(&lb),
                    words(un),
                    show(&ub)
                ),
            ))
        }
        (Some((n, b)), None) | (None, Some((n, b))) => {
            let bound = Num::of(&b)?;
            (!passes(n, bound))
                .then(|| (n.to_string(), format!("must be {} {}", words(n), show(&b))))
        }
        (None, None) => None,
    }
}

/// `ignore` as its enum number (1 = IGNORE_IF_ZERO_VALUE, 3 = IGNORE_ALWAYS).
fn ignore_of(rules: &DynamicMessage) -> Option<i32> {
    match get(rules, IGNORE)? {
        Value::EnumNumber(n) => Some(*n),
        _ => None,
    }
}

fn check_flags(a: &mut Adder, rules: &DynamicMessage, field: &FieldInfo) {
    let name = a.field.name.clone();
    let count = rules.fields().count();
    let ignore = ignore_of(rules);
    if ignore == Some(3) && count > 1 {
        let msg = format!(
            "Field {name:?} has {}=IGNORE_ALWAYS and therefore other rules in {} are not applied and should be removed.",
            a.rule_name(&[IGNORE]),
            a.rule_name(&[])
        );
        a.add(&[IGNORE], msg);
    }
    let required = get(rules, REQUIRED).and_then(Value::as_bool) == Some(true);
    if required && ignore == Some(1) {
        let msg = format!(
            "Field {name:?} has both {} and {}=IGNORE_IF_ZERO_VALUE. A field cannot be empty if it is required.",
            a.rule_name(&[REQUIRED]),
            a.rule_name(&[IGNORE])
        );
        a.add_all(&[&[REQUIRED], &[IGNORE]], msg);
    }
    if ignore == Some(1) && field.presence && !field.extension && a.base.is_empty() {
        let msg = format!(
            "Field {name:?} has {}=IGNORE_IF_ZERO_VALUE and tracks presence. This is the same as the default and the ignore option can be removed.",
            a.rule_name(&[IGNORE])
        );
        a.add(&[IGNORE], msg);
    }
}

fn check_repeated(a: &mut Adder, rules: &DynamicMessage, field: &FieldInfo, pool: &DescriptorPool) {
    let name = a.field.name.clone();
    if !field.is_list {
        let msg = format!(
            "Field {name:?} is not repeated but has {} rules.",
            a.rule_name(&[REPEATED])
        );
        a.add(&[REPEATED], msg);
        return;
    }
    if get(rules, 3).and_then(Value::as_bool) == Some(true)
        && let Kind::Message(m) = &field.kind
        && !WRAPPERS.contains(&m.full_name())
    {
        let msg = format!(
            "Field {name:?} is of type {} but has {} set to true, which is only allowed for scalar types and wrapper types.",
            a.pretty,
            a.rule_name(&[REPEATED, 3])
        );
        a.add(&[REPEATED, 3], msg);
    }
    bounds(a, rules, REPEATED, (1, 2));
    let base = a.full(&[REPEATED, 4]);
    let mut items = a.with_base(&base);
    if let Some(Value::Message(item_rules)) = get(rules, 4) {
        if get(item_rules, REQUIRED).and_then(Value::as_bool) == Some(true) {
            let r = items.rule_name(&[REQUIRED]);
            let msg = format!(
                "Field {name:?} has {r} on repeated item rules, which is unenforceable. The {r} constraint cannot be applied to individual items in a repeated field."
            );
            items.add(&[REQUIRED], msg);
        }
        let element = FieldInfo {
            is_list: false,
            is_map: false,
            oneof: None,
            presence: false,
            extension: false,
            kind: field.kind.clone(),
        };
        check_rules(&mut items, item_rules, &element, false, false, pool);
    }
}

fn check_map(a: &mut Adder, rules: &DynamicMessage, field: &FieldInfo, pool: &DescriptorPool) {
    let name = a.field.name.clone();
    if !field.is_map {
        let msg = format!(
            "Field {name:?} is not a map but has {}.",
            a.rule_name(&[MAP])
        );
        a.add(&[MAP], msg);
        return;
    }
    bounds(a, rules, MAP, (1, 2));
    for (number, value, what) in [(4, false, "map keys"), (5, true, "map values")] {
        let base = a.full(&[MAP, number]);
        let mut sub = a.with_base(&base);
        let Some(Value::Message(sub_rules)) = get(rules, number) else {
            continue;
        };
        if get(sub_rules, REQUIRED).and_then(Value::as_bool) == Some(true) {
            let r = sub.rule_name(&[REQUIRED]);
            let kind = if value { "map value" } else { "map key" };
            let msg = format!(
                "Field {name:?} has {r} on {kind} rules, which is unenforceable. The {r} constraint cannot be applied to {what}."
            );
            sub.add(&[REQUIRED], msg);
        }
        if let Some(part) = field.map_part(value) {
            check_rules(&mut sub, sub_rules, &part, false, false, pool);
        }
    }
}

/// min/max item (or pair) counts: min above max is reported on both.
fn bounds(a: &mut Adder, rules: &DynamicMessage, family: u32, (min_n, max_n): (u32, u32)) {
    let (Some(min), Some(max)) = (uint(get(rules, min_n)), uint(get(rules, max_n))) else {
        return;
    };
    if min <= max {
        return;
    }
    let name = a.field.name.clone();
    let (min_name, max_name) = (a.rule_name(&[family, min_n]), a.rule_name(&[family, max_n]));
    let msg = format!(
        "Field {name:?} has value {min} for {min_name}, which must be lower than value {max} for {max_name}."
    );
    a.add(&[family, min_n], msg);
    let msg = format!(
        "Field {name:?} has value {max} for {max_name}, which must be higher than value {min} for {min_name}."
    );
    a.add(&[family, max_n], msg);
}

/// A comparable form of a bound: the number, or a Duration/Timestamp's seconds and nanos.
fn bound_key(v: &Value) -> Option<(i128, i128, u64)> {
    Some(match v {
        Value::I32(n) => (i128::from(*n), 0, 0),
        Value::I64(n) => (i128::from(*n), 0, 0),
        Value::U32(n) => (i128::from(*n), 0, 0),
        Value::U64(n) => (i128::from(*n), 0, 0),
        Value::F32(f) => (0, 0, f64::from(*f).to_bits()),
        Value::F64(f) => (0, 0, f.to_bits()),
        Value::Message(m) => {
            let secs = match get(m, 1) {
                Some(Value::I64(s)) => i128::from(*s),
                _ => 0,
            };
            let nanos = match get(m, 2) {
                Some(Value::I32(n)) => i128::from(*n),
                _ => 0,
            };
            (secs, nanos, 0)
        }
        _ => return None,
    })
}

/// Number, duration and timestamp rules: `const` with others, and equal lower and upper
/// bounds (which reject everything, or should be `const`).
fn check_numeric(
    a: &mut Adder,
    rules: &DynamicMessage,
    family: u32,
    invalid: Option<fn(&DynamicMessage) -> Option<String>>,
) {
    let name = a.field.name.clone();
    // Durations and timestamps must be valid; an invalid bound is reported and not compared.
    let mut bad: Vec<u32> = Vec::new();
    if let Some(invalid) = invalid {
        for (fd, v) in rules.fields() {
            if !matches!(fd.name(), "const" | "gt" | "gte" | "lt" | "lte") {
                continue;
            }
            if let Value::Message(m) = v
                && let Some(err) = invalid(m)
            {
                bad.push(fd.number());
                let msg = format!(
                    "Field {name:?} has an invalid {}: {err}.",
                    a.rule_name(&[family, fd.number()])
                );
                a.add(&[family, fd.number()], msg);
            }
        }
    }
    check_const(a, rules, family);
    let find = |names: [&str; 2]| {
        names.iter().find_map(|n| {
            get_by_name(rules, n)
                .filter(|(num, _)| !bad.contains(num))
                .map(|(num, v)| (num, bound_key(v), *n == names[1]))
        })
    };
    let (Some((lo_n, Some(lo), lo_inc)), Some((hi_n, Some(hi), hi_inc))) =
        (find(["gt", "gte"]), find(["lt", "lte"]))
    else {
        return;
    };
    if lo != hi {
        return;
    }
    let (lo_name, hi_name) = (a.rule_name(&[family, lo_n]), a.rule_name(&[family, hi_n]));
    let msg = if lo_inc && hi_inc {
        format!(
            "Field {name:?} has equal {lo_name} and {hi_name}, use {}.const instead.",
            a.rule_name(&[family])
        )
    } else {
        format!(
            "Field {name:?} has equal {lo_name} and {hi_name}. All values are rejected by these checks."
        )
    };
    a.add_all(&[&[family, lo_n], &[family, hi_n]], msg);
}

/// `seconds:1 nanos:-1` as Go prints a Duration or Timestamp (zero fields left out).
/// Float and double rules set to NaN: bounds no value satisfies, `in` entries that never
/// match, `not_in` entries without effect.
fn check_nan(a: &mut Adder, rules: &DynamicMessage, family: u32) {
    let name = a.field.name.clone();
    let is_nan = |v: &Value| match v {
        Value::F32(f) => f.is_nan(),
        Value::F64(f) => f.is_nan(),
        _ => false,
    };
    let set: Vec<(String, u32, Value)> = rules
        .fields()
        .map(|(fd, v)| (fd.name().to_string(), fd.number(), v.clone()))
        .collect();
    for (rule, n, v) in set {
        match (rule.as_str(), &v) {
            ("const" | "lt" | "lte" | "gt" | "gte", v) if is_nan(v) => {
                let msg = format!(
                    "Field {name:?} has {} set to NaN. Comparisons with NaN are always false, so this rule can never be satisfied.",
                    a.rule_name(&[family, n])
                );
                a.add(&[family, n], msg);
            }
            ("in" | "not_in", Value::List(items)) => {
                let effect = if rule == "in" {
                    "this entry can never match"
                } else {
                    "this entry has no effect"
                };
                for (i, _) in items.iter().enumerate().filter(|(_, v)| is_nan(v)) {
                    let msg = format!(
                        "Field {name:?} has NaN in {}. Comparisons with NaN are always false, so {effect}.",
                        a.rule_name(&[family, n])
                    );
                    a.add(&[family, n, i as u32], msg);
                }
            }
            _ => {}
        }
    }
}

fn seconds_nanos(m: &DynamicMessage) -> (i64, i32, String) {
    let secs = match get(m, 1) {
        Some(Value::I64(s)) => *s,
        _ => 0,
    };
    let nanos = match get(m, 2) {
        Some(Value::I32(n)) => *n,
        _ => 0,
    };
    let mut text = Vec::new();
    if secs != 0 {
        text.push(format!("seconds:{secs}"));
    }
    if nanos != 0 {
        text.push(format!("nanos:{nanos}"));
    }
    (secs, nanos, text.join(" "))
}

/// Why a Duration bound is invalid, in buf's words.
fn duration_error(m: &DynamicMessage) -> Option<String> {
    let (secs, nanos, text) = seconds_nanos(m);
    let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    let max = 9_223_372_036_i128 * 1_000_000_000 + 854_775_428;
    if nanos <= -1_000_000_000 || nanos >= 1_000_000_000 {
        Some(format!(
            "duration ({text}) must have nanos in the range 0 to 999999999"
        ))
    } else if (secs > 0 && nanos < 0) || (secs < 0 && nanos > 0) {
        Some(format!(
            "duration ({text}) has seconds and nanos with different signs"
        ))
    } else if total > max || total < -max {
        Some(format!(
            "duration ({text}) must be in the range seconds:-9223372036 nanos:-854775428 to seconds:9223372036 nanos:854775428"
        ))
    } else {
        None
    }
}

/// Why a Timestamp bound is invalid, in the words of Go's protobuf runtime.
fn timestamp_error(m: &DynamicMessage) -> Option<String> {
    let (secs, nanos, text) = seconds_nanos(m);
    if secs < -62_135_596_800 {
        Some(format!("proto:\u{a0}timestamp ({text}) before 0001-01-01"))
    } else if secs > 253_402_300_799 {
        Some(format!("proto:\u{a0}timestamp ({text}) after 9999-12-31"))
    } else if !(0..1_000_000_000).contains(&nanos) {
        Some(format!(
            "proto:\u{a0}timestamp ({text}) has out-of-range nanos"
        ))
    } else {
        None
    }
}

/// `lt_now` with `gt_now`, and `within` that is invalid or not positive.
fn check_timestamp(a: &mut Adder, rules: &DynamicMessage) {
    const FAMILY: u32 = 22;
    let name = a.field.name.clone();
    let set = |n: u32| get(rules, n).and_then(Value::as_bool) == Some(true);
    if set(7) && set(8) {
        let msg = format!(
            "Field {name:?} has both {} and {}. A timestamp cannot be both before and after validation time.",
            a.rule_name(&[FAMILY, 8]),
            a.rule_name(&[FAMILY, 7])
        );
        a.add_all(&[&[FAMILY, 8], &[FAMILY, 7]], msg);
    }
    if let Some(Value::Message(within)) = get(rules, 9) {
        let rule = a.rule_name(&[FAMILY, 9]);
        if let Some(err) = duration_error(within) {
            a.add(
                &[FAMILY, 9],
                format!("Field {name:?} has an invalid {rule}: {err}."),
            );
        } else {
            let (secs, nanos, text) = seconds_nanos(within);
            if secs <= 0 && nanos <= 0 {
                a.add(
                    &[FAMILY, 9],
                    format!("Field {name:?} must have a positive {rule} ({text})."),
                );
            }
        }
    }
}

fn check_bytes(a: &mut Adder, rules: &DynamicMessage) {
    check_const(a, rules, BYTES);
    check_len(a, rules, BYTES, "len", "min_len", "max_len");
    check_pattern(a, rules, BYTES, 4);
    let name = a.field.name.clone();
    let Some(max) = uint(get(rules, 3)) else {
        return;
    };
    for n in [5, 6, 7] {
        let Some(Value::Bytes(sub)) = get(rules, n) else {
            continue;
        };
        if sub.len() as u64 > max {
            let text = String::from_utf8_lossy(sub).into_owned();
            let msg = format!(
                "Field {name:?} has a {} of {} bytes, exceeding its max_len ({max}). It is impossible to contain {text:?} while having less than or equal to {max} bytes.",
                a.rule_name(&[BYTES, n]),
                sub.len()
            );
            a.add(&[BYTES, n], msg);
        }
    }
}

/// A `pattern` that RE2 cannot compile. Only unbalanced brackets and parentheses are
/// detected (with Go's RE2 error text); other syntax errors are not.
fn check_pattern(a: &mut Adder, rules: &DynamicMessage, family: u32, number: u32) {
    let Some(pattern) = get(rules, number)
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let Some(err) = regex_error(&pattern) else {
        return;
    };
    let name = a.field.name.clone();
    let msg = format!(
        "Field {name:?} has a {} that fails to compile: error parsing regexp: {err}.",
        a.rule_name(&[family, number])
    );
    a.add(&[family, number], msg);
}

fn regex_error(p: &str) -> Option<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut depth = 0i32;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => {
                let start = i;
                i += 1;
                if chars.get(i) == Some(&'^') {
                    i += 1;
                }
                // A `]` first in the class is literal.
                if chars.get(i) == Some(&']') {
                    i += 1;
                }
                loop {
                    match chars.get(i) {
                        None => {
                            let class: String = chars[start..].iter().collect();
                            return Some(format!("missing closing ]: `{class}`"));
                        }
                        Some('\\') => i += 2,
                        Some(']') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Some(format!("unexpected ): `{p}`"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (depth > 0).then(|| format!("missing closing ): `{p}`"))
}

fn check_field_mask(a: &mut Adder, rules: &DynamicMessage) {
    const FAMILY: u32 = 28;
    check_const(a, rules, FAMILY);
    let list = |n: u32| -> Vec<String> {
        match get(rules, n) {
            Some(Value::List(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let (ins, not_ins) = (list(2), list(3));
    let name = a.field.name.clone();
    for path in ins.iter().filter(|p| not_ins.contains(p)) {
        a.add(
            &[FAMILY, 2],
            format!("Field {name:?} has path {path:?} in both in and not_in rules."),
        );
    }
}

fn check_const(a: &mut Adder, rules: &DynamicMessage, family: u32) {
    let Some((const_n, _)) = get_by_name(rules, "const") else {
        return;
    };
    if rules.fields().count() > 1 {
        let name = a.field.name.clone();
        let msg = format!(
            "Field {name:?} has {}, therefore other rules in {} are not applied and should be removed.",
            a.rule_name(&[family, const_n]),
            a.rule_name(&[family])
        );
        a.add(&[family, const_n], msg);
    }
}

fn check_len(a: &mut Adder, rules: &DynamicMessage, family: u32, len: &str, min: &str, max: &str) {
    let name = a.field.name.clone();
    let exact = get_by_name(rules, len).map(|(n, v)| (n, uint(Some(v))));
    let lo = get_by_name(rules, min).and_then(|(n, v)| Some((n, uint(Some(v))?)));
    let hi = get_by_name(rules, max).and_then(|(n, v)| Some((n, uint(Some(v))?)));
    if let Some((len_n, _)) = exact {
        for (n, _) in [lo, hi].into_iter().flatten() {
            let msg = format!(
                "Field {name:?} has {} and therefore, {} is redundant and should be removed.",
                a.rule_name(&[family, len_n]),
                a.rule_name(&[family, n])
            );
            a.add(&[family, n], msg);
        }
    }
    let (Some((lo_n, lo_v)), Some((hi_n, hi_v))) = (lo, hi) else {
        return;
    };
    let (lo_name, hi_name) = (a.rule_name(&[family, lo_n]), a.rule_name(&[family, hi_n]));
    if lo_v > hi_v {
        let msg = format!(
            "Field {name:?} has value {lo_v} for {lo_name}, which must be lower than value {hi_v} for {hi_name}."
        );
        a.add(&[family, lo_n], msg);
        let msg = format!(
            "Field {name:?} has value {hi_v} for {hi_name}, which must be higher than value {lo_v} for {lo_name}."
        );
        a.add(&[family, hi_n], msg);
    } else if lo_v == hi_v {
        let msg = format!(
            "Field {name:?} has equal {lo_name} and {max}, use {}.{len} instead.",
            a.rule_name(&[family])
        );
        a.add_all(&[&[family, lo_n], &[family, hi_n]], msg);
    }
}

fn check_string(a: &mut Adder, rules: &DynamicMessage) {
    check_const(a, rules, STRING);
    check_len(a, rules, STRING, "len", "min_len", "max_len");
    check_len(a, rules, STRING, "len_bytes", "min_bytes", "max_bytes");
    let name = a.field.name.clone();
    let min_len = uint(get(rules, 2));
    let max_len = uint(get(rules, 3));
    let min_bytes = uint(get(rules, 4));
    let max_bytes = uint(get(rules, 5));
    let rn = |a: &Adder, n: u32| a.rule_name(&[STRING, n]);
    if let (Some(lo), Some(hi)) = (min_len, max_bytes)
        && hi < lo
    {
        let msg = format!(
            "Field {name:?} has value {lo} for {}, which must be lower than value {hi} for {}. A string with {lo} UTF-8 characters has at least {lo} bytes, which is higher than {hi} bytes.",
            rn(a, 2),
            rn(a, 5)
        );
        a.add(&[STRING, 2], msg);
        let msg = format!(
            "Field {name:?} has value {hi} for {}, which must be higher than value {lo} for {}. A string with {lo} UTF-8 characters has at least {lo} bytes, which is higher than {hi} bytes.",
            rn(a, 5),
            rn(a, 2)
        );
        a.add(&[STRING, 5], msg);
    }
    if let (Some(hi), Some(lo)) = (max_len, min_bytes)
        && hi.saturating_mul(4) < lo
    {
        let msg = format!(
            "Field {name:?} has value {lo} for {} but {hi} for {}. A string with {hi} UTF-8 characters has at most {} bytes.",
            rn(a, 4),
            rn(a, 3),
            hi * 4
        );
        a.add(&[STRING, 4], msg);
        let msg = format!(
            "Field {name:?} has value {hi} for {} but {lo} for {}. A string with {hi} UTF-8 characters has at most {} bytes.",
            rn(a, 3),
            rn(a, 4),
            hi * 4
        );
        a.add(&[STRING, 3], msg);
    }
    let not_contains = get(rules, 23).and_then(Value::as_str).map(str::to_string);
    for n in [7, 8, 9] {
        let Some(sub) = get(rules, n).and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let chars = sub.chars().count() as u64;
        if let Some(max) = max_len
            && chars > max
        {
            let msg = format!(
                "Field {name:?} has a {} of length {chars}, exceeding its max_len ({max}). It is impossible for a string to contain {sub:?} while having less than or equal to {chars} UTF-8 characters.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
        let bytes = sub.len() as u64;
        if let Some(max) = max_bytes
            && bytes > max
        {
            let msg = format!(
                "Field {name:?} has a {} of {bytes} bytes, exceeding its max_bytes ({max}). It is impossible for a string to contain {sub:?} while having less than or equal to {bytes} bytes.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
        if let Some(nc) = &not_contains
            && sub.contains(nc.as_str())
        {
            let msg = format!(
                "Field {name:?} has a {} ({sub:?}) containing its not_contains ({nc:?}). It is impossible for a string to contain {sub:?} without containing {nc:?}.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
    }
    check_pattern(a, rules, STRING, 6);
    let strict_off = get(rules, 25).and_then(Value::as_bool) == Some(false);
    let known = matches!(get(rules, 24), Some(Value::EnumNumber(n)) if *n != 0);
    if strict_off && !known {
        let (s, w) = (rn(a, 25), rn(a, 24));
        let msg = format!(
            "Field {name:?} has {s} without {w}. {s} only applies to {w} and is invalid without it."
        );
        a.add(&[STRING, 25], msg);
    }
}

/// Where a rule path below `(buf.validate.field)` is written, as buf finds it: the exact
/// option location; else the first location inside it; else the rule written inside a
/// message literal (`(buf.validate.field).string = {min_len: 5}`); else the nearest
/// enclosing option location; else 1:1.
fn option_span(file: &File, field_path: &[i32], rule: &[u32], rules: &MessageDescriptor) -> Span {
    option_span_at(file, field_path, tag::FIELD_OPTIONS, rule, rules)
}

/// Where findings about one element's protovalidate options go.
struct OptionAt<'a> {
    element: &'a [i32],
    /// The element's options field (`tag::MESSAGE_OPTIONS`, `tag::FIELD_OPTIONS`).
    options_tag: i32,
    /// The extension on the options (1159, or 1160 for `(buf.validate.predefined)`).
    ext_number: i32,
    /// The extension's message type.
    rules: &'a MessageDescriptor,
    logical: &'a str,
}

/// Reports `text` at the rule path `rule` below the option extension of `at`.
fn report_option(sink: &mut Sink, file: &File, at: &OptionAt, rule: &[u32], text: String) {
    let span = option_span_ext(
        file,
        at.element,
        at.options_tag,
        at.ext_number,
        rule,
        at.rules,
    );
    let mut src = at.element.to_vec();
    src.extend([at.options_tag, at.ext_number]);
    src.extend(rule.iter().map(|n| *n as i32));
    sink.report_span(file, span, &src, at.logical.to_string(), text);
}

/// [`option_span`] for the extension 1159 on the options (field `options_tag`) of any element.
fn option_span_at(
    file: &File,
    element: &[i32],
    options_tag: i32,
    rule: &[u32],
    rules: &MessageDescriptor,
) -> Span {
    option_span_ext(file, element, options_tag, FIELD_EXT_NUMBER, rule, rules)
}

/// [`option_span_at`] for any extension of the options (1160 for `(buf.validate.predefined)`).
fn option_span_ext(
    file: &File,
    element: &[i32],
    options_tag: i32,
    ext_number: i32,
    rule: &[u32],
    rules: &MessageDescriptor,
) -> Span {
    let mut base: Vec<i32> = element.to_vec();
    base.extend([options_tag, ext_number]);
    let ext_len = base.len();
    let mut full = base.clone();
    full.extend(rule.iter().map(|n| *n as i32));
    if let Some(l) = file.location(&full) {
        return l.span;
    }
    let mut best_desc: Option<Span> = None;
    let mut best_anc: Option<(usize, Span)> = None;
    for (p, l) in file.locations() {
        if p.len() > full.len() && p.starts_with(&full) {
            if best_desc.is_none_or(|b| (l.line, l.column) < (b.line, b.column)) {
                best_desc = Some(l);
            }
        } else if p.len() >= ext_len
            && p.len() < full.len()
            && full.starts_with(p)
            && best_anc.is_none_or(|(n, _)| p.len() > n)
        {
            best_anc = Some((p.len(), l));
        }
    }
    if let Some(s) = best_desc {
        return s;
    }
    let Some((anc_len, anc)) = best_anc else {
        return Span::FILE_START;
    };
    // Names of the rule path below the enclosing location, for a literal search.
    let mut desc = rules.clone();
    // (name, index for a repeated field) of each step below the enclosing location.
    let mut names: Vec<(String, Option<u32>)> = Vec::new();
    let mut i = 0;
    while i < rule.len() {
        let Some(fd) = desc.get_field(rule[i]) else {
            break;
        };
        let index = if fd.is_list() {
            rule.get(i + 1).copied()
        } else {
            None
        };
        let step_end = i + 1 + usize::from(index.is_some());
        if ext_len + step_end > anc_len {
            names.push((fd.name().to_string(), index));
        }
        i = step_end;
        match fd.kind() {
            Kind::Message(m) => desc = m,
            _ => break,
        }
    }
    file.source
        .as_deref()
        .and_then(|src| literal_span(src, anc, &names))
        .unwrap_or(anc)
}

/// Finds `a { b: ... }` inside the option value written at `span`: the span of the last
/// name's `name: value` entry.
fn literal_span(src: &str, span: Span, names: &[(String, Option<u32>)]) -> Option<Span> {
    if names.is_empty() {
        return None;
    }
    let lines: Vec<&str> = src.split('\n').collect();
    // Character positions (line, column) of the option text.
    let mut chars: Vec<(char, u32, u32)> = Vec::new();
    for l in span.line..=span.end_line {
        let text: Vec<char> = lines.get(l as usize - 1)?.chars().collect();
        let from = if l == span.line { span.column - 1 } else { 0 };
        let to = if l == span.end_line {
            (span.end_column - 1).min(text.len() as u32)
        } else {
            text.len() as u32
        };
        for c in from..to {
            chars.push((text[c as usize], l, c + 1));
        }
        chars.push(('\n', l, to + 1));
    }
    // Start inside the first `{` after the `=`.
    let eq = chars.iter().position(|(c, _, _)| *c == '=')?;
    let open = eq + chars[eq..].iter().position(|(c, _, _)| *c == '{')?;
    let mut at = open + 1;
    let mut found = None;
    for (depth, (name, index)) in names.iter().enumerate() {
        let (start, value_end) = match index {
            None => find_entry(&chars, at, name)?,
            Some(k) => find_nth_entry(&chars, at, name, *k)?,
        };
        found = Some((start, value_end));
        if depth + 1 < names.len() {
            // Descend into the entry's `{`.
            at = start
                + chars[start..value_end]
                    .iter()
                    .position(|(c, _, _)| *c == '{')?
                + 1;
        }
    }
    let (mut start, mut end) = found?;
    // Only scalar entries have locations of their own (as protocompile records them): for a
    // message entry, buf lands on the first scalar written inside it.
    // The value starts after the name, blanks and an optional colon.
    let value_start = |start: usize, end: usize| {
        (start..end).find(|&i| {
            let c = chars[i].0;
            !(c.is_ascii_alphanumeric() || c == '_' || c == ':' || c.is_whitespace())
        })
    };
    while let Some(open) = value_start(start, end) {
        if !matches!(chars[open].0, '{' | '<') {
            break;
        }
        match first_entry(&chars, open + 1) {
            Some((s, e)) => (start, end) = (s, e),
            None => break,
        }
    }
    let last = chars[end - 1];
    Some(Span {
        line: chars[start].1,
        column: chars[start].2,
        end_line: last.1,
        end_column: last.2 + 1,
    })
}

/// The entry holding element `k` of the repeated field `name`, when that element is the
/// first of its entry (a list value `[a, b]` is located by its first element only).
fn find_nth_entry(
    chars: &[(char, u32, u32)],
    mut at: usize,
    name: &str,
    k: u32,
) -> Option<(usize, usize)> {
    let mut seen = 0u32;
    loop {
        let (start, end) = find_entry(chars, at, name)?;
        let count = list_len(&chars[start..end]).unwrap_or(1);
        if k == seen {
            return Some((start, end));
        }
        if k < seen + count {
            return None;
        }
        seen += count;
        at = end;
    }
}

/// The number of elements of an entry whose value is a list `[a, b]`.
fn list_len(entry: &[(char, u32, u32)]) -> Option<u32> {
    let open = entry.iter().position(|(c, _, _)| *c == '[')?;
    let mut depth = 0i32;
    let mut count = 0u32;
    let mut any = false;
    let mut i = open;
    while i < entry.len() {
        match entry[i].0 {
            '[' | '{' | '<' => depth += 1,
            ']' | '}' | '>' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => count += 1,
            q @ ('"' | '\'') => {
                any = true;
                i = skip_string(entry, i, q);
            }
            c if depth == 1 && !c.is_whitespace() => any = true,
            _ => {}
        }
        i += 1;
    }
    Some(if any { count + 1 } else { 0 })
}

/// The first entry of the literal body starting at `at`.
fn first_entry(chars: &[(char, u32, u32)], at: usize) -> Option<(usize, usize)> {
    find_entry_by(chars, at, &|_| true)
}

/// In the literal body starting at `at` (just after a `{`), the entry `name: value`:
/// (index of the name, index just past the value).
fn find_entry(chars: &[(char, u32, u32)], at: usize, name: &str) -> Option<(usize, usize)> {
    find_entry_by(chars, at, &|ident| ident == name)
}

fn find_entry_by(
    chars: &[(char, u32, u32)],
    mut at: usize,
    wanted: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while at < chars.len() {
        let c = chars[at].0;
        match c {
            '}' => return None,
            c if c.is_whitespace() || c == ',' || c == ';' => at += 1,
            '#' => at = skip_line(chars, at),
            '/' if chars.get(at + 1).map(|c| c.0) == Some('/') => at = skip_line(chars, at),
            '/' if chars.get(at + 1).map(|c| c.0) == Some('*') => {
                at += 2;
                while at + 1 < chars.len() && !(chars[at].0 == '*' && chars[at + 1].0 == '/') {
                    at += 1;
                }
                at += 2;
            }
            c if is_ident(c) || c == '[' => {
                let start = at;
                let ident: String = if c == '[' {
                    let close = at + chars[at..].iter().position(|(c, _, _)| *c == ']')?;
                    at = close + 1;
                    String::new()
                } else {
                    let mut s = String::new();
                    while at < chars.len() && is_ident(chars[at].0) {
                        s.push(chars[at].0);
                        at += 1;
                    }
                    s
                };
                while at < chars.len() && chars[at].0.is_whitespace() {
                    at += 1;
                }
                if at < chars.len() && chars[at].0 == ':' {
                    at += 1;
                    while at < chars.len() && chars[at].0.is_whitespace() {
                        at += 1;
                    }
                }
                let end = skip_value(chars, at)?;
                if wanted(&ident) {
                    return Some((start, end));
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    None
}

/// Index of the end of the line holding `at`.
fn skip_line(chars: &[(char, u32, u32)], mut at: usize) -> usize {
    while at < chars.len() && chars[at].0 != '\n' {
        at += 1;
    }
    at
}

/// Index just past the value starting at `at`.
fn skip_value(chars: &[(char, u32, u32)], mut at: usize) -> Option<usize> {
    let first = chars.get(at)?.0;
    if first == '{' || first == '[' || first == '<' {
        let mut depth = 0i32;
        while at < chars.len() {
            match chars[at].0 {
                '{' | '[' | '<' => depth += 1,
                '}' | ']' | '>' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(at + 1);
                    }
                }
                q @ ('"' | '\'') => at = skip_string(chars, at, q),
                _ => {}
            }
            at += 1;
        }
        return None;
    }
    if first == '"' || first == '\'' {
        let mut end = skip_string(chars, at, first) + 1;
        // Adjacent strings concatenate.
        loop {
            let mut k = end;
            while k < chars.len() && chars[k].0.is_whitespace() {
                k += 1;
            }
            match chars.get(k).map(|c| c.0) {
                Some(q @ ('"' | '\'')) => end = skip_string(chars, k, q) + 1,
                _ => return Some(end),
            }
        }
    }
    let mut end = at;
    if chars.get(end).map(|c| c.0) == Some('-') {
        end += 1;
        while end < chars.len() && chars[end].0.is_whitespace() {
            end += 1;
        }
    }
    while end < chars.len() {
        let c = chars[end].0;
        if c.is_whitespace() || matches!(c, ',' | ';' | '}' | ']' | '>') {
            break;
        }
        end += 1;
    }
    Some(end)
}

/// Index of the closing quote of the string starting at `at`.
fn skip_string(chars: &[(char, u32, u32)], mut at: usize, quote: char) -> usize {
    at += 1;
    while at < chars.len() {
        match chars[at].0 {
            '\\' => at += 2,
            c if c == quote => return at,
            _ => at += 1,
        }
    }
    chars.len().saturating_sub(1)
}
