//! `no-$ref-siblings` (Spectral `spectral:oas`): A `$ref` has no sibling keys (OpenAPI 3.0).

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "no-$ref-siblings",
        Severity::Error,
        true,
        RuleDoc {
            summary: "A `$ref` has no sibling keys (OpenAPI 3.0).",
            why: "In OpenAPI 3.0 a Reference Object replaces itself with its target: keys next to `$ref` are ignored, so what they say (a description, `nullable`) silently has no effect.",
            before: "schema:\n  $ref: '#/components/schemas/Pet'\n  nullable: true",
            after: "schema:\n  allOf: [{$ref: '#/components/schemas/Pet'}]\n  nullable: true",
            evolve: "Wrap the reference in `allOf`, or move to OpenAPI 3.1 where siblings are allowed.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    if !cx.v30() {
        return;
    }
    super::walk::walk_all(cx.spec, &mut |v| {
        if v.node.member("$ref").is_none() {
            return;
        }
        let here = v.here();
        for (key, sibling) in here.members() {
            if key != "$ref" {
                sink.report(&sibling, "$ref must not be placed next to any other properties");
            }
        }
    });
}
