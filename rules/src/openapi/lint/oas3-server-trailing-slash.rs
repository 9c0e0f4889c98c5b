//! `oas3-server-trailing-slash` (Spectral `spectral:oas`): Server URLs do not end with `/`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-server-trailing-slash",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Server URLs do not end with `/`.",
            why: "Paths start with `/`; a server URL ending in `/` produces `//` when the two are joined.",
            before: "servers: [{url: 'https://api.acme.org/'}]",
            after: "servers: [{url: 'https://api.acme.org'}]",
            evolve: "Drop the trailing slash.",
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
        // Spectral's `./$`: a slash at the end after at least one other character.
        if url.len() > 1 && url.ends_with('/') && !url.ends_with("\n/") {
            sink.report(&u, "Server URL must not have trailing slash.");
        }
    }
}
