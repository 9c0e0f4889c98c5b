//! `openapi-tags` (Spectral `spectral:oas`): The description has a non-empty top-level `tags` array.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "openapi-tags",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "The description has a non-empty top-level `tags` array.",
            why: "Declared tags group operations in documentation and carry descriptions of each group.",
            before: "openapi: 3.0.3\npaths: {}",
            after: "openapi: 3.0.3\ntags: [{name: pets}]\npaths: {}",
            evolve: "Declare the tags operations use.",
        },
    ),
    check,
};

const MESSAGE: &str = "OpenAPI object must have non-empty \"tags\" array.";

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    match root.get("tags") {
        None => sink.report(&root, MESSAGE),
        Some(t) if t.node.items().is_empty() => sink.report(&t, MESSAGE),
        Some(_) => {}
    }
}
