//! `info-description` (Spectral `spectral:oas`): The `info` object has a non-empty `description`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "info-description",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "The `info` object has a non-empty `description`.",
            why: "The description is the front page of the API documentation.",
            before: "info: {title: Pets, version: '1'}",
            after: "info: {title: Pets, version: '1', description: Adopt pets.}",
            evolve: "Describe what the API is for.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    match root.get("info") {
        Some(info) => super::require_field(sink, &info, "description", MESSAGE),
        None => sink.report(&root, MESSAGE),
    }
}

const MESSAGE: &str = "Info \"description\" must be present and non-empty string.";
