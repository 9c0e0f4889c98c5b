//! `oas3-server-not-example.com` (Spectral `spectral:oas`): No server URL points at example.com.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-server-not-example.com",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "No server URL points at example.com.",
            why: "A placeholder server left in a published description sends clients and \"try it\" consoles nowhere.",
            before: "servers: [{url: 'https://example.com/api'}]",
            after: "servers: [{url: 'https://api.acme.org'}]",
            evolve: "Put the real server URL.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(servers) = cx.root().get("servers") else {
        return;
    };
    for s in servers.items() {
        let Some(u) = s.get("url") else {
            continue;
        };
        let Some(url) = u.str() else {
            continue;
        };
        if url.contains("example.com") {
            sink.report(&u, "Server URL must not point at example.com.");
        }
    }
}
