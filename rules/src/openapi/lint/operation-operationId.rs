//! `operation-operationId` (Spectral `spectral:oas`): Every operation has an `operationId`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-operationId",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every operation has an `operationId`.",
            why: "Code generators and documentation links name operations by their id; without one they invent unstable names.",
            before: "get: {summary: List pets}",
            after: "get: {summary: List pets, operationId: listPets}",
            evolve: "Add an id; never change it once clients use it.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        super::require_field(sink, &op.op, "operationId", "Operation must have \"operationId\".");
    }
}
