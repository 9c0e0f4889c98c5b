//! RPC_NO_DELETE: An RPC must not be removed from its service.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An RPC must not be removed from its service.",
            why: "Removing a method deletes it from generated clients and server interfaces: callers no longer compile, and clients already deployed get `UNIMPLEMENTED` when they call it.",
            before: "service OrderService {\n  rpc Get(GetRequest) returns (GetResponse);\n  rpc Cancel(CancelRequest) returns (CancelResponse);\n}\n",
            after: "service OrderService {\n  rpc Get(GetRequest) returns (GetResponse);\n}\n",
            evolve: "Mark the method `option deprecated = true;`, migrate callers, and delete it only once no client calls it (or in a new major package version).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, prev), (file, cur)) in util::service_pairs(ctx) {
        let now: HashSet<&str> = cur.methods.iter().map(|m| m.name.as_str()).collect();
        for old in &prev.methods {
            if now.contains(old.name.as_str()) {
                continue;
            }
            sink.report(
                file,
                &cur.path,
                format!("{}.{}", cur.full_name, old.name),
                format!(
                    "Previously present RPC \"{}\" on service \"{}\" was deleted.",
                    old.name, cur.name
                ),
            );
        }
    }
}
