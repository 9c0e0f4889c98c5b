//! `oas3_1-callbacks-in-webhook` (Spectral `spectral:oas`): Webhooks define no callbacks (OpenAPI 3.1).

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3_1-callbacks-in-webhook",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Webhooks define no callbacks (OpenAPI 3.1).",
            why: "A webhook is itself a call to the consumer; a callback of it is not something an API can implement or document.",
            before: "webhooks: {newPet: {post: {callbacks: {}}}}",
            after: "webhooks: {newPet: {post: {requestBody: {content: {}}}}}",
            evolve: "Describe the follow-up as another webhook.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    if cx.v30() {
        return;
    }
    let Some(webhooks) = cx.root().get("webhooks") else {
        return;
    };
    for (_, item) in webhooks.members() {
        for (_, op) in item.members() {
            if let Some(c) = op.get("callbacks") {
                sink.report(&c, MESSAGE);
            }
        }
    }
}

const MESSAGE: &str = "Callbacks should not be defined in a webhook.";
