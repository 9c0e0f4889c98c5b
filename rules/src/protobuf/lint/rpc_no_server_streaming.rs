//! RPC_NO_SERVER_STREAMING: RPCs do not stream responses from the server.

use super::util::report_exact;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_NO_SERVER_STREAMING",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["UNARY_RPC"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPCs do not stream responses from the server.",
            why: "Server streaming is not supported by every transport and client (HTTP/JSON gateways, some proxies), and long-lived streams complicate retries, timeouts and load balancing; paginated unary calls are often simpler.",
            before: r#"service OrderService {
  rpc WatchOrders(WatchOrdersRequest) returns (stream WatchOrdersResponse);
}"#,
            after: r#"service OrderService {
  rpc ListOrders(ListOrdersRequest) returns (ListOrdersResponse);
}"#,
            evolve: "Turning a streaming RPC into a unary one (or back) changes its wire contract; add a new unary RPC beside the streaming one and migrate callers.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in s.methods.iter().filter(|m| m.server_streaming) {
                report_exact(
                    sink,
                    file,
                    &m.path,
                    format!("{}.{}", s.full_name, m.name),
                    format!("RPC \"{}\" is server streaming.", m.name),
                );
            }
        }
    }
}
