//! `operation-operationId-unique` (Spectral `spectral:oas`): No two operations share an `operationId`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-operationId-unique",
        Severity::Error,
        true,
        RuleDoc {
            summary: "No two operations share an `operationId`.",
            why: "Code generators name methods after `operationId`; two operations with one id produce clashing methods or one silently overwrites the other.",
            before: "/a: {get: {operationId: list}}\n/b: {get: {operationId: list}}",
            after: "/a: {get: {operationId: listA}}\n/b: {get: {operationId: listB}}",
            evolve: "Give each operation its own id; rename the newer one, since clients already use the older.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let mut seen: Vec<&crate::openapi::node::Node> = Vec::new();
    for op in cx.operations() {
        let Some(id) = op.op.get("operationId") else {
            continue;
        };
        if seen.iter().any(|s| s.same(id.node)) {
            sink.report(&id, "Every operation must have unique \"operationId\".");
        } else {
            seen.push(id.node);
        }
    }
}
