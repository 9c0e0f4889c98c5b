//! `oas3-valid-media-example` (Spectral `spectral:oas`): Media, parameter and header examples are valid against their schema.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-valid-media-example",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Media, parameter and header examples are valid against their schema.",
            why: "Examples end up in documentation, mocks and generated tests; one the schema rejects teaches clients a payload the API will refuse or never send.",
            before: "schema: {type: object, required: [id], properties: {id: {type: integer}}}\nexample: {id: \"42\"}",
            after: "schema: {type: object, required: [id], properties: {id: {type: integer}}}\nexample: {id: 42}",
            evolve: "Fix the example (or the schema, if the example shows what the API really does).",
        },
    ),
    check,
};

use super::examples::{Relax, Validators, below_any, target};
use super::walk::walk_all;

fn check(cx: &Ctx, sink: &mut Sink) {
    // Spectral's `given`: `$..content..`, `$..headers..`, `$..parameters..` nodes with a
    // `schema` and an `example` or (truthy) `examples`.
    let mut found = Vec::new();
    walk_all(cx.spec, &mut |v| {
        let n = v.node;
        if n.member("schema").is_some()
            && (n.member("example").is_some()
                || n.member("examples").is_some() && super::truthy(v.here().get("examples").as_ref()))
            && below_any(v, &["content", "headers", "parameters"])
        {
            let relax = if v.under(&["components", "requestBodies"])
                || v.under(&["paths", "*", "*", "requestBody"])
            {
                Relax::ReadOnly
            } else if v.under(&["components", "responses"])
                || v.under(&["paths", "*", "*", "responses"])
            {
                Relax::WriteOnly
            } else {
                Relax::None
            };
            found.push((v.here(), relax));
        }
    });
    let mut validators = Validators::new(cx.spec);
    for (media, relax) in found {
        let schema_ptr = format!("{}/schema", media.ptr);
        let Some(schema) = media.node.get("schema") else {
            continue;
        };
        // With an `example`, Spectral looks no further (`examples` is not checked).
        if let Some(ex) = media.get("example") {
            validators.check(sink, relax, &schema_ptr, schema, &ex, ex.node);
            continue;
        }
        let Some(examples) = media.get("examples") else {
            continue;
        };
        for (key, e) in examples.members() {
            let e = match e.node.get("$ref").and_then(|r| r.as_str()) {
                Some(r) => match target(cx.spec, e.file, r) {
                    Some(t) => t,
                    None => continue,
                },
                None => e,
            };
            if !e.node.is_obj() || e.node.member("externalValue").is_some() {
                continue;
            }
            match e.get("value") {
                Some(value) => {
                    validators.check(sink, relax, &schema_ptr, schema, &value, value.node)
                }
                // Spectral validates the missing value and finds it missing.
                None => sink.report(&e, missing(key)),
            }
        }
    }
}

/// Spectral's message for an example without `value`: the key in its JS path notation.
fn missing(key: &str) -> String {
    if key.parse::<u64>().is_ok() {
        format!("\"[{key}].value\" property must exist")
    } else {
        format!("\"{key}.value\" property must exist")
    }
}
