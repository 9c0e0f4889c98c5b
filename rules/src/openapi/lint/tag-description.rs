//! `tag-description` (Spectral `spectral:oas`): Every top-level tag has a `description`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "tag-description",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "Every top-level tag has a `description`.",
            why: "Documentation shows the tag description as the introduction of each group of operations.",
            before: "tags: [{name: pets}]",
            after: "tags: [{name: pets, description: Everything about pets.}]",
            evolve: "Describe the tag.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(tags) = cx.root().get("tags") else {
        return;
    };
    for t in tags.items() {
        super::require_field(sink, &t, "description", "Tag object must have \"description\".");
    }
}
