//! `license-url` (Spectral `spectral:oas`): The license has a `url`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "license-url",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "The license has a `url`.",
            why: "A license name alone can be ambiguous; the URL says exactly which terms apply.",
            before: "license: {name: Custom}",
            after: "license: {name: Custom, url: 'https://example.org/license'}",
            evolve: "Add `info.license.url`.",
        },
    ),
    check,
};

const MESSAGE: &str = "License object must include \"url\".";

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let Some(info) = root.get("info") else {
        return sink.report(&root, MESSAGE);
    };
    match info.get("license") {
        Some(l) if l.node.is_obj() => super::require_field(sink, &l, "url", MESSAGE),
        Some(l) => sink.report(&l, MESSAGE),
        None => sink.report(&info, MESSAGE),
    }
}
