//! `oas3-api-servers` (Spectral `spectral:oas`): The description has a non-empty `servers` array.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-api-servers",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "The description has a non-empty `servers` array.",
            why: "Without servers, clients, SDKs and \"try it\" consoles do not know where the API is.",
            before: "openapi: 3.0.3\npaths: {}",
            after: "openapi: 3.0.3\nservers: [{url: 'https://api.example.org'}]\npaths: {}",
            evolve: "List the base URL(s) of the API.",
        },
    ),
    check,
};

const MESSAGE: &str = "OpenAPI \"servers\" must be present and non-empty array.";

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let Some(servers) = root.get("servers") else {
        return sink.report(&root, MESSAGE);
    };
    if !matches!(servers.node.v, crate::openapi::node::Val::Arr(_)) || servers.node.items().is_empty() {
        return sink.report(&servers, MESSAGE);
    }
    for s in servers.items() {
        if !s.node.is_obj() {
            sink.report(&s, MESSAGE);
        }
    }
}
