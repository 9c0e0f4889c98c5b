//! `operation-success-response` (Spectral `spectral:oas`): Every operation has at least one 2xx or 3xx response.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-success-response",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every operation has at least one 2xx or 3xx response.",
            why: "Clients and generated SDKs need a success response to know what a call returns; an operation that only documents errors cannot be used as written.",
            before: "responses:\n  '400': {description: bad}",
            after: "responses:\n  '200': {description: ok}\n  '400': {description: bad}",
            evolve: "Document the success response the operation really sends.",
        },
    ),
    check,
};

const MESSAGE: &str = "Operation must have at least one \"2xx\" or \"3xx\" response.";

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        let Some(responses) = op.op.get("responses") else {
            continue;
        };
        if !responses.node.is_obj() {
            continue;
        }
        let ok = responses.members().any(|(code, _)| {
            code == "2XX"
                || code == "3XX"
                || code.trim().parse::<f64>().is_ok_and(|n| (200.0..400.0).contains(&n))
        });
        if !ok {
            sink.report(&responses, MESSAGE);
        }
    }
}
