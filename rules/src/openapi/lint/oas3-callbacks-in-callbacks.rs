//! `oas3-callbacks-in-callbacks` (Spectral `spectral:oas`): A callback operation defines no callbacks of its own.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-callbacks-in-callbacks",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "A callback operation defines no callbacks of its own.",
            why: "Nested callbacks are almost never implementable and most tools do not support them.",
            before: "callbacks: {onEvent: {'{$request.body#/url}': {post: {callbacks: {}}}}}",
            after: "callbacks: {onEvent: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}",
            evolve: "Describe the nested interaction as a separate callback of the operation.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        let Some(callbacks) = op.op.get("callbacks") else {
            continue;
        };
        for (_, cb) in callbacks.members() {
            for (_, item) in cb.members() {
                for (_, inner) in item.members() {
                    if let Some(c) = inner.get("callbacks") {
                        sink.report(&c, MESSAGE);
                    }
                }
            }
        }
    }
}

const MESSAGE: &str = "Callbacks should not be defined within a callback";
