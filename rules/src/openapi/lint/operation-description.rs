//! `operation-description` (Spectral `spectral:oas`): Every operation has a non-empty `description`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-description",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every operation has a non-empty `description`.",
            why: "The description is what documentation shows for the call; without it users guess from the path.",
            before: "get: {operationId: listPets}",
            after: "get: {operationId: listPets, description: Lists the pets.}",
            evolve: "Describe what the operation does.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        super::require_field(sink, &op.op, "description", "Operation \"description\" must be present and non-empty string.");
    }
}
