//! `oas3-valid-schema-example` (Spectral `spectral:oas`): A schema's `example` and `default` are valid against the schema.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-valid-schema-example",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "A schema's `example` and `default` are valid against the schema.",
            why: "A default the schema rejects is applied by generated clients and servers anyway; an invalid example misleads every reader of the documentation.",
            before: "type: integer\nminimum: 1\ndefault: 0",
            after: "type: integer\nminimum: 1\ndefault: 1",
            evolve: "Fix the value, or the schema if the value is what the API really uses.",
        },
    ),
    check,
};

use super::examples::{Relax, Validators, below_any};
use super::walk::walk_all;

fn check(cx: &Ctx, sink: &mut Sink) {
    // Spectral's `given`: below `$.components.schemas`, `$..content`, `$..headers` or
    // `$..parameters`, a node (not a `properties` map) with an `example` or a `default`
    // and something that makes it a schema.
    let mut found = Vec::new();
    walk_all(cx.spec, &mut |v| {
        let n = v.node;
        if v.key() == Some("properties")
            || (n.member("example").is_none() && n.member("default").is_none())
        {
            return;
        }
        let here = v.here();
        let schemaish = ["enum", "type", "format", "$ref", "properties", "items"]
            .iter()
            .any(|k| super::truthy(here.get(k).as_ref()));
        if schemaish
            && ((v.under(&["components", "schemas"]) && v.stack.len() >= 3)
                || below_any(v, &["content", "headers", "parameters"]))
        {
            found.push(here);
        }
    });
    let mut validators = Validators::new(cx.spec);
    for schema in found {
        for field in ["example", "default"] {
            if let Some(value) = schema.get(field) {
                validators.check(sink, Relax::None, &schema.ptr, schema.node, &value, value.node);
            }
        }
    }
}
