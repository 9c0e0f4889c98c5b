//! `array-items` (Spectral `spectral:oas`): A schema of `type: array` has `items`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "array-items",
        Severity::Error,
        true,
        RuleDoc {
            summary: "A schema of `type: array` has `items`.",
            why: "Without `items` the element type is unknown: generators produce untyped lists and validators accept anything.",
            before: "tags: {type: array}",
            after: "tags: {type: array, items: {type: string}}",
            evolve: "Say what the array holds.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let v31 = !cx.v30();
    super::walk::walk_all(cx.spec, &mut |v| {
        let Some(t) = v.node.get("type") else {
            return;
        };
        let array = t.as_str() == Some("array")
            || (v31 && t.items().iter().any(|x| x.as_str() == Some("array")));
        if array && !super::truthy(v.here().get("items").as_ref()) {
            sink.report(
                &v.here(),
                "Schemas with \"type: array\", require a sibling \"items\" field",
            );
        }
    });
}
