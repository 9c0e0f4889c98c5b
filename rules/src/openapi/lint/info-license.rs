//! `info-license` (Spectral `spectral:oas`): The `info` object has a `license`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "info-license",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "The `info` object has a `license`.",
            why: "Consumers need to know under which terms they may use the API description.",
            before: "info: {title: Pets, version: '1'}",
            after: "info: {title: Pets, version: '1', license: {name: MIT}}",
            evolve: "Add `info.license`.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    match root.get("info") {
        Some(info) => super::require_field(sink, &info, "license", MESSAGE),
        None => sink.report(&root, MESSAGE),
    }
}

const MESSAGE: &str = "Info object must have \"license\" object.";
