//! `operation-operationId-valid-in-url` (Spectral `spectral:oas`): An `operationId` uses only characters valid in a URL.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-operationId-valid-in-url",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "An `operationId` uses only characters valid in a URL.",
            why: "Documentation tools use operation ids in links and anchors; other characters break them.",
            before: "operationId: list pets",
            after: "operationId: listPets",
            evolve: "Use letters, digits and `-._~` style characters only.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        let Some(id) = op.op.get("operationId") else {
            continue;
        };
        let Some(s) = id.str() else {
            continue;
        };
        if !s.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=".contains(c)) {
            sink.report(
                &id,
                "operationId must not contain characters that are invalid when used in URL.",
            );
        }
    }
}
