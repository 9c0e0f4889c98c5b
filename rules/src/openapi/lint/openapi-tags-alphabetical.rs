//! `openapi-tags-alphabetical` (Spectral `spectral:oas`): The top-level `tags` are sorted by name.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "openapi-tags-alphabetical",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "The top-level `tags` are sorted by name.",
            why: "A sorted tag list is easier to scan and keeps diffs small.",
            before: "tags: [{name: b}, {name: a}]",
            after: "tags: [{name: a}, {name: b}]",
            evolve: "Sort the tags by name.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(tags) = cx.root().get("tags") else {
        return;
    };
    let names: Vec<Option<&str>> = tags
        .node
        .items()
        .iter()
        .map(|t| t.get("name").and_then(|n| n.as_str()))
        .collect();
    for w in names.windows(2) {
        if let [Some(a), Some(b)] = w
            && a > b
        {
            return sink.report(&tags, "OpenAPI object must have alphabetical \"tags\".");
        }
    }
}
