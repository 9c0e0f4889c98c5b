//! `operation-tag-defined` (Spectral `spectral:oas`): Every tag an operation uses is declared in the top-level `tags`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-tag-defined",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every tag an operation uses is declared in the top-level `tags`.",
            why: "Documentation tools group operations by the declared tags, with their descriptions; an undeclared tag is usually a typo and gets no description.",
            before: "tags: [{name: pets}]\npaths: {/a: {get: {tags: [pet]}}}",
            after: "tags: [{name: pets}]\npaths: {/a: {get: {tags: [pets]}}}",
            evolve: "Declare the tag at the top level, or fix its spelling.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let global: Vec<&str> = root
        .node
        .get("tags")
        .map(|t| t.items().iter().filter_map(|t| t.get("name")?.as_str()).collect())
        .unwrap_or_default();
    for op in cx.operations() {
        let Some(tags) = op.op.get("tags") else {
            continue;
        };
        for t in tags.items() {
            if !t.str().is_some_and(|s| global.contains(&s)) {
                sink.report(&t, "Operation tags must be defined in global tags.");
            }
        }
    }
}
