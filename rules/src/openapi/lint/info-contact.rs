//! `info-contact` (Spectral `spectral:oas`): The `info` object has a `contact`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "info-contact",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "The `info` object has a `contact`.",
            why: "Consumers need to know whom to ask about the API.",
            before: "info: {title: Pets, version: '1'}",
            after: "info: {title: Pets, version: '1', contact: {email: api@example.org}}",
            evolve: "Add `info.contact` with a name, URL or email.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    match root.get("info") {
        Some(info) => super::require_field(sink, &info, "contact", MESSAGE),
        None => sink.report(&root, MESSAGE),
    }
}

const MESSAGE: &str = "Info object must have \"contact\" object.";
