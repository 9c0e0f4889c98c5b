//! `path-declarations-must-exist` (Spectral `spectral:oas`): Path templates have no empty `{}` parameter.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "path-declarations-must-exist",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Path templates have no empty `{}` parameter.",
            why: "An unnamed path parameter cannot be described, filled in by clients or routed by servers.",
            before: "/pets/{}: {}",
            after: "/pets/{id}: {}",
            evolve: "Name the parameter and describe it.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(paths) = cx.root().get("paths") else {
        return;
    };
    for (key, item) in paths.members() {
        if key.contains("{}") {
            // Spectral's `@key` target is reported at the path item's value.
            sink.report(&item, "Path parameter declarations must not be empty, ex.\"/given/{}\" is invalid.");
        }
    }
}
