//! RPC_REQUEST_RESPONSE_UNIQUE: Every RPC has its own request and response messages, used by no other RPC.

use super::util::report_exact;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{File, Method};
use std::collections::BTreeMap;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_REQUEST_RESPONSE_UNIQUE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Every RPC has its own request and response messages, used by no other RPC.",
            why: "When RPCs share a request or response type (or one RPC uses the same type both ways), a field added for one RPC silently appears in the others, so the RPCs can no longer evolve independently.",
            before: r#"service OrderService {
  rpc GetOrder(OrderRef) returns (Order);
  rpc CancelOrder(OrderRef) returns (Order);
}"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
  rpc CancelOrder(CancelOrderRequest) returns (CancelOrderResponse);
}"#,
            evolve: "Give each RPC wire-compatible copies of the shared types (same field numbers and types), switch the RPCs one at a time, and keep the shared type while anything still uses it. The `rpc_allow_same_request_response` and `rpc_allow_google_protobuf_empty_*` options relax the rule.",
        },
    },
    check,
};

const EMPTY: &str = "google.protobuf.Empty";

fn report(sink: &mut Sink, name: &str, (file, m): (&File, &Method), message: String) {
    report_exact(sink, file, &m.path, name.to_string(), message);
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    let o = &ctx.options;
    // Every method of every target, by full name (a duplicate full name cannot compile).
    let mut methods: BTreeMap<String, (&File, &Method)> = BTreeMap::new();
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in &s.methods {
                methods.insert(format!("{}.{}", s.full_name, m.name), (file, m));
            }
        }
    }
    if !o.rpc_allow_same_request_response {
        for (name, &(file, m)) in &methods {
            let both_empty_allowed = m.input_type == EMPTY
                && o.rpc_allow_google_protobuf_empty_requests
                && o.rpc_allow_google_protobuf_empty_responses;
            if m.input_type == m.output_type && !both_empty_allowed {
                report(
                    sink,
                    name,
                    (file, m),
                    format!(
                        "RPC \"{}\" has the same type \"{}\" for the request and response.",
                        m.name, m.input_type
                    ),
                );
            }
        }
    }
    // Which methods use each type, as request or response.
    let mut users: BTreeMap<&str, BTreeMap<&str, (&File, &Method)>> = BTreeMap::new();
    for (name, &(file, m)) in &methods {
        for ty in [m.input_type.as_str(), m.output_type.as_str()] {
            users.entry(ty).or_default().insert(name, (file, m));
        }
    }
    for (ty, used_by) in users {
        if used_by.len() < 2 {
            continue;
        }
        let allow_req = o.rpc_allow_google_protobuf_empty_requests;
        let allow_resp = o.rpc_allow_google_protobuf_empty_responses;
        if ty == EMPTY && (allow_req || allow_resp) {
            if allow_req && allow_resp {
                continue;
            }
            let as_request: Vec<_> = used_by
                .iter()
                .filter(|(_, (_, m))| m.input_type == EMPTY)
                .collect();
            let as_response: Vec<_> = used_by
                .iter()
                .filter(|(_, (_, m))| m.output_type == EMPTY)
                .collect();
            if !allow_req && as_request.len() > 1 {
                for (name, &fm) in as_request {
                    report(
                        sink,
                        name,
                        fm,
                        format!("\"{ty}\" is used as the request for multiple RPCs."),
                    );
                }
            }
            if !allow_resp && as_response.len() > 1 {
                for (name, &fm) in as_response {
                    report(
                        sink,
                        name,
                        fm,
                        format!("\"{ty}\" is used as the response for multiple RPCs."),
                    );
                }
            }
        } else {
            for (name, &fm) in &used_by {
                report(
                    sink,
                    name,
                    fm,
                    format!("\"{ty}\" is used as the request or response type for multiple RPCs."),
                );
            }
        }
    }
}
