//! `typed-enum` (Spectral `spectral:oas`): Every `enum` value has the schema's `type`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "typed-enum",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every `enum` value has the schema's `type`.",
            why: "A value of another type can never validate, so the enum promises values clients will never be able to send or receive.",
            before: "type: integer\nenum: [1, two]",
            after: "type: integer\nenum: [1, 2]",
            evolve: "Fix or remove the value of the wrong type.",
        },
    ),
    check,
};

use crate::openapi::node::{Node, Val};

/// The JSON type of a value as Spectral names it (`integer` only when the schema asks).
fn data_type(n: &Node, integer: bool) -> &'static str {
    match &n.v {
        Val::Str(_) => "string",
        Val::Bool(_) => "boolean",
        Val::Num(x) if integer && x.fract() == 0.0 => "integer",
        Val::Num(_) => "number",
        Val::Null => "null",
        Val::Arr(_) => "array",
        Val::Obj(_) => "object",
    }
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let v30 = cx.v30();
    super::walk::walk_all(cx.spec, &mut |v| {
        let (Some(e), Some(t)) = (v.node.get("enum"), v.node.get("type")) else {
            return;
        };
        let Val::Arr(values) = &e.v else {
            return;
        };
        let mut types: Vec<&str> = match &t.v {
            Val::Str(s) => vec![&**s as &str],
            Val::Arr(xs) if xs.iter().all(|x| x.as_str().is_some()) => {
                xs.iter().filter_map(Node::as_str).collect()
            }
            _ => return,
        };
        let nullable = v30 && v.node.get("nullable").and_then(Node::as_bool) == Some(true);
        let shown = if nullable {
            types.push("null");
            types.join(",")
        } else if let Val::Arr(_) = &t.v {
            types.join(",")
        } else {
            types[0].to_string()
        };
        let integer = types.contains(&"integer");
        let here = v.here();
        let Some(enum_here) = here.get("enum") else {
            return;
        };
        for (value, at) in values.iter().zip(enum_here.items()) {
            if !types.contains(&data_type(value, integer)) {
                sink.report(
                    &at,
                    format!("Enum value {} must be \"{shown}\".", super::print_value(value)),
                );
            }
        }
    });
}
