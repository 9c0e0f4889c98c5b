//! SERVICE_NO_DELETE: A service declared in a file must not be removed from that file.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::Span;
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "SERVICE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A service declared in a file must not be removed from that file.",
            why: "Generated clients and server stubs are named after the service and live in the code generated for its file. Deleting the service removes those types, breaking every caller and implementation, and any deployed client still calling it gets `UNIMPLEMENTED`.",
            before: "syntax = \"proto3\";\npackage acme.v1;\nservice OrderService { rpc Get(GetRequest) returns (GetResponse); }\nservice LegacyService { rpc Ping(PingRequest) returns (PingResponse); }\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\nservice OrderService { rpc Get(GetRequest) returns (GetResponse); }\n",
            evolve: "Mark the service `option deprecated = true;`, move callers to its replacement, and delete it only once no client calls it (or in a new major package version).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (prev, cur) in util::file_pairs(ctx) {
        let now: HashSet<&str> = cur.services.iter().map(|s| s.name.as_str()).collect();
        for old in &prev.services {
            if now.contains(old.name.as_str()) {
                continue;
            }
            sink.report_span(
                cur,
                Span::FILE_START,
                &[],
                old.full_name.clone(),
                format!(
                    "Previously present service \"{}\" was deleted from file.",
                    old.name
                ),
            );
        }
    }
}
