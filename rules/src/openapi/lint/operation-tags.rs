//! `operation-tags` (Spectral `spectral:oas`): Every operation has a non-empty `tags` array.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-tags",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every operation has a non-empty `tags` array.",
            why: "Documentation and SDK generators group operations by tag; untagged operations land in a catch-all group.",
            before: "get: {operationId: listPets}",
            after: "get: {operationId: listPets, tags: [pets]}",
            evolve: "Tag the operation.",
        },
    ),
    check,
};

const MESSAGE: &str = "Operation must have non-empty \"tags\" array.";

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        match op.op.get("tags") {
            None => sink.report(&op.op, MESSAGE),
            Some(t) if t.node.items().is_empty() => sink.report(&t, MESSAGE),
            Some(_) => {}
        }
    }
}
