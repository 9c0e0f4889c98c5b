//! `oas3_1-servers-in-webhook` (Spectral `spectral:oas`): Webhooks define no `servers` (OpenAPI 3.1).

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3_1-servers-in-webhook",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Webhooks define no `servers` (OpenAPI 3.1).",
            why: "A webhook is called by the API on the consumer's URL; a server list there means nothing.",
            before: "webhooks: {newPet: {post: {servers: [{url: 'https://a'}]}}}",
            after: "webhooks: {newPet: {post: {requestBody: {content: {}}}}}",
            evolve: "Remove the servers.",
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
    if let Some(s) = webhooks.get("servers") {
        sink.report(&s, MESSAGE);
    }
    for (_, item) in webhooks.members() {
        for (_, op) in item.members() {
            if let Some(s) = op.get("servers") {
                sink.report(&s, MESSAGE);
            }
        }
    }
}

const MESSAGE: &str = "Servers should not be defined in a webhook.";
