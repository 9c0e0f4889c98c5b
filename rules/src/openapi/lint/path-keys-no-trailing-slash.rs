//! `path-keys-no-trailing-slash` (Spectral `spectral:oas`): Path templates do not end with `/`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "path-keys-no-trailing-slash",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Path templates do not end with `/`.",
            why: "Servers often treat `/pets/` and `/pets` differently; the trailing slash is usually unintended and breaks clients that build URLs.",
            before: "/pets/: {}",
            after: "/pets: {}",
            evolve: "Drop the trailing slash (keep a redirect on the server if clients used it).",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(paths) = cx.root().get("paths") else {
        return;
    };
    for (key, item) in paths.members() {
        if key.len() > 1 && key.ends_with('/') {
            // Spectral's `@key` target is reported at the path item's value.
            sink.report(&item, "Path must not end with slash.");
        }
    }
}
