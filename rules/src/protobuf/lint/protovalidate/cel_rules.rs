//! PROTOVALIDATE's CEL checks: `cel` and `cel_expression` rules of fields and messages and
//! `(buf.validate.predefined)` rules of extensions must compile (with `this` the field's,
//! message's or rule family's type) and evaluate to a bool or a string; and `example`
//! values are run through predefined rules.

use super::{OptionAt, get, report_option};
use crate::protobuf::cel::{self, Type, Val, proto};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::File;
use prost_reflect::{DescriptorPool, DynamicMessage, ExtensionDescriptor, Kind, Value};
use std::rc::Rc;

const PREDEFINED_EXT_NUMBER: i32 = 1160;

/// `this` for field rules: the field's value, a list or map for repeated and map fields.
pub(super) fn this_type(kind: &Kind, is_list: bool, is_map: bool) -> Type {
    if is_map && let Kind::Message(entry) = kind {
        let k = proto::kind_type(&entry.map_entry_key_field().kind());
        let v = proto::kind_type(&entry.map_entry_value_field().kind());
        return Type::Map(Box::new(k), Box::new(v));
    }
    let t = proto::kind_type(kind);
    if is_list { Type::List(Box::new(t)) } else { t }
}

/// Names of one set of CEL rules in messages: `(buf.validate.field).cel`, `field "x"`,
/// `Field "x"`.
pub(super) struct Names<'a> {
    pub cel: &'a str,
    pub cel_expression: &'a str,
    pub on: &'a str,
    pub capital: &'a str,
}

/// What compiling the `cel` rules (field `cel_n`, `Rule` messages) and `cel_expression`
/// strings (field `expr_n`) of `rules` finds: (rule path, message) pairs.
pub(super) fn compile_problems(
    rules: &DynamicMessage,
    (cel_n, expr_n): (u32, u32),
    vars: &[(&str, Type)],
    pool: &DescriptorPool,
    names: &Names,
) -> Vec<(Vec<u32>, String)> {
    let mut out = Vec::new();
    if let Some(Value::List(list)) = get(rules, cel_n) {
        for (i, rule) in list.iter().enumerate() {
            let Value::Message(rule) = rule else {
                continue;
            };
            let expression = get(rule, 3).and_then(Value::as_str).unwrap_or_default();
            let message = get(rule, 2).and_then(Value::as_str).unwrap_or_default();
            let what = format!("{}.expression", names.cel);
            for text in problems(expression, !message.is_empty(), vars, pool, &what, names) {
                out.push((vec![cel_n, i as u32], text));
            }
        }
    }
    if let Some(Value::List(list)) = get(rules, expr_n) {
        for (i, expression) in list.iter().enumerate() {
            let expression = expression.as_str().unwrap_or_default();
            for text in problems(expression, false, vars, pool, names.cel_expression, names) {
                out.push((vec![expr_n, i as u32], text));
            }
        }
    }
    out
}

fn problems(
    expression: &str,
    has_message: bool,
    vars: &[(&str, Type)],
    pool: &DescriptorPool,
    what: &str,
    names: &Names,
) -> Vec<String> {
    // Blank expressions are reported as such elsewhere.
    if expression.trim().is_empty() {
        return Vec::new();
    }
    let on = names.on;
    match cel::compile(expression, vars, pool) {
        Err(errors) => errors
            .into_iter()
            .map(|e| format!("{what} on {on} fails to compile: {e}"))
            .collect(),
        Ok(t) => match t {
            Type::Bool | Type::Dyn | Type::Error => Vec::new(),
            Type::Wrapper(inner) if matches!(*inner, Type::Bool | Type::String) => Vec::new(),
            Type::String if has_message => vec![format!(
                "{} has a {} with an expression that evaluates to a string, and also has a message. The message is redundant - since the expression evaluates to a string, its result will be printed instead of the message, so the message should be removed.",
                names.capital, names.cel
            )],
            Type::String => Vec::new(),
            other => vec![format!(
                "{what} on {on} evaluates to a {other}, only string and boolean are allowed."
            )],
        },
    }
}

/// `this` for a predefined rule on an extension of `buf.validate.<Family>Rules`.
fn family_type(rules_message: &str) -> Type {
    let family = rules_message
        .strip_prefix("buf.validate.")
        .and_then(|r| r.strip_suffix("Rules"))
        .unwrap_or_default();
    match family {
        "Float" | "Double" => Type::Double,
        "Int32" | "Int64" | "SInt32" | "SInt64" | "SFixed32" | "SFixed64" | "Enum" => Type::Int,
        "UInt32" | "UInt64" | "Fixed32" | "Fixed64" => Type::Uint,
        "Bool" => Type::Bool,
        "String" => Type::String,
        "Bytes" => Type::Bytes,
        "Repeated" => Type::List(Box::new(Type::Dyn)),
        "Map" => Type::Map(Box::new(Type::Dyn), Box::new(Type::Dyn)),
        "Duration" => Type::Duration,
        "Timestamp" => Type::Timestamp,
        "FieldMask" => Type::Message("google.protobuf.FieldMask".into()),
        _ => Type::Dyn,
    }
}

/// The variables of a predefined rule: `this`, `rules` (the extended rules message), `rule`
/// (the extension's value) and `now`.
fn predefined_vars(x: &ExtensionDescriptor) -> [(&'static str, Type); 4] {
    let extendee = x.containing_message();
    let rule = this_type(&x.kind(), x.is_list(), x.is_map());
    [
        ("this", family_type(extendee.full_name())),
        ("rules", Type::Message(extendee.full_name().to_string())),
        ("rule", rule),
        ("now", Type::Timestamp),
    ]
}

/// The `(buf.validate.predefined).cel` rules of an extension: (id, message, expression).
fn predefined_rules(
    x: &ExtensionDescriptor,
    pool: &DescriptorPool,
) -> Vec<(String, String, String)> {
    let Some(ext) = pool.get_extension_by_name("buf.validate.predefined") else {
        return Vec::new();
    };
    let options = x.options();
    if !options.has_extension(&ext) {
        return Vec::new();
    }
    let Value::Message(predefined) = options.get_extension(&ext).into_owned() else {
        return Vec::new();
    };
    let Some(Value::List(list)) = get(&predefined, 1) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|r| match r {
            Value::Message(r) => {
                let s = |n| {
                    get(r, n)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                Some((s(1), s(2), s(3)))
            }
            _ => None,
        })
        .collect()
}

/// Predefined rules of the extensions `file` defines that do not compile.
pub(super) fn check_predefined(file: &File, pool: &DescriptorPool, sink: &mut Sink) {
    let Some(rules_desc) = pool.get_message_by_name("buf.validate.PredefinedRules") else {
        return;
    };
    for field in file.extensions.iter() {
        let Some(x) = pool.get_extension_by_name(&field.full_name) else {
            continue;
        };
        let vars = predefined_vars(&x);
        let names = Names {
            cel: "(buf.validate.predefined).cel",
            cel_expression: "(buf.validate.predefined).cel_expression",
            on: "extension field",
            capital: &format!("Extension field {:?}", field.name),
        };
        let at = OptionAt {
            element: &field.path,
            options_tag: tag::FIELD_OPTIONS,
            ext_number: PREDEFINED_EXT_NUMBER,
            rules: &rules_desc,
            logical: &field.full_name,
        };
        for (i, (_, message, expression)) in predefined_rules(&x, pool).iter().enumerate() {
            let what = format!("{}.expression", names.cel);
            for text in problems(expression, !message.is_empty(), &vars, pool, &what, &names) {
                report_option(sink, file, &at, &[1, i as u32], text);
            }
        }
    }
}

/// The predefined rules set on `typed` (a `<Family>Rules` message) that `example` breaks:
/// (rule id, message). `None` when one of them does not compile (buf then checks no
/// example); a rule the evaluator cannot run is left out.
pub(super) fn predefined_violations(
    typed: &DynamicMessage,
    example: &Value,
    pool: &DescriptorPool,
) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let this = proto::value(example);
    for (x, value) in typed.extensions() {
        let vars = predefined_vars(&x);
        for (id, message, expression) in predefined_rules(&x, pool) {
            cel::compile(&expression, &vars, pool).ok()?;
            let Ok(expr) = cel::parse(&expression) else {
                return None;
            };
            let (Some(this), Some(rule)) = (&this, proto::value(value)) else {
                continue;
            };
            let values = [
                ("this", this.clone()),
                ("rules", Val::Obj(Rc::new(proto::Msg(typed.clone())))),
                ("rule", rule),
            ];
            match cel::eval(&expr, &values) {
                Ok(Val::Bool(false)) => out.push((id, message)),
                Ok(Val::Str(s)) if !s.is_empty() => out.push((id, s)),
                _ => {}
            }
        }
    }
    Some(out)
}
