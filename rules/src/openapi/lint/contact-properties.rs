//! `contact-properties` (Spectral `spectral:oas`): The contact has a `name`, a `url` and an `email`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "contact-properties",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "The contact has a `name`, a `url` and an `email`.",
            why: "Each is a different way for consumers to reach the API owners.",
            before: "contact: {name: Team}",
            after: "contact: {name: Team, url: 'https://example.org', email: team@example.org}",
            evolve: "Fill in all three fields.",
        },
    ),
    check,
};

const MESSAGE: &str = "Contact object must have \"name\", \"url\" and \"email\".";

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(contact) = cx.root().get("info").and_then(|i| i.get("contact")) else {
        return;
    };
    for field in ["name", "url", "email"] {
        super::require_field(sink, &contact, field, MESSAGE);
    }
}
