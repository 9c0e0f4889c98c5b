//! `openapi-tags-uniqueness` (Spectral `spectral:oas`): No two top-level tags share a name.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "openapi-tags-uniqueness",
        Severity::Error,
        true,
        RuleDoc {
            summary: "No two top-level tags share a name.",
            why: "Tools key tags by name; a repeated name makes one description disappear.",
            before: "tags: [{name: pets}, {name: pets}]",
            after: "tags: [{name: pets}]",
            evolve: "Merge the two tags.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(tags) = cx.root().get("tags") else {
        return;
    };
    let mut seen: Vec<&crate::openapi::node::Node> = Vec::new();
    for t in tags.items() {
        let Some(name) = t.get("name") else {
            continue;
        };
        if seen.iter().any(|s| s.same(name.node)) {
            sink.report(
                &name,
                format!("\"tags\" object contains duplicate tag name \"{}\".", name.node.render()),
            );
        } else {
            seen.push(name.node);
        }
    }
}
