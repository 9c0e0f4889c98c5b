//! `path-not-include-query` (Spectral `spectral:oas`): Path templates contain no query string.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "path-not-include-query",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Path templates contain no query string.",
            why: "Query parameters belong in `parameters` with `in: query`; in the path key they are not described and are matched literally.",
            before: "/pets?limit=10: {}",
            after: "/pets: {get: {parameters: [{name: limit, in: query}]}}",
            evolve: "Move the query string into query parameters.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(paths) = cx.root().get("paths") else {
        return;
    };
    for (key, item) in paths.members() {
        if key.contains('?') {
            // Spectral's `@key` target is reported at the path item's value.
            sink.report(&item, "Path must not include query string.");
        }
    }
}
