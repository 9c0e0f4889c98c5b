//! `operation-singular-tag` (Spectral `spectral:oas`): An operation has at most one tag.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-singular-tag",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "An operation has at most one tag.",
            why: "Some documentation and SDK generators group by the first tag only; several tags duplicate or hide the operation.",
            before: "tags: [pets, store]",
            after: "tags: [pets]",
            evolve: "Keep the one tag that groups the operation best.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        if let Some(tags) = op.op.get("tags")
            && tags.node.items().len() > 1
        {
            sink.report(&tags, "Operation must not have more than a single tag.");
        }
    }
}
