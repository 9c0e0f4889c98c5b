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

mod cel_rules;
mod examples;
mod location;
mod messages;
mod numeric;
mod repeated_map;
mod strings;
mod well_known;

use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity, Span};
use crate::protobuf::cel;
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{Field, File};
use examples::check_examples;
use location::{OptionAt, option_span, option_span_at, report_option};
use messages::{cel_rule_problems, check_messages};
use numeric::{check_nan, check_numeric};
use prost_reflect::{
    DescriptorPool, DynamicMessage, ExtensionDescriptor, FieldDescriptor, Kind, MessageDescriptor,
    ReflectMessage, Value,
};
use repeated_map::{check_map, check_repeated};
use strings::{check_bytes, check_const, check_string};
use well_known::{
    check_field_mask, check_timestamp, duration_error, seconds_nanos, timestamp_error,
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
