//! RPC_SAME_SERVER_STREAMING: An RPC stays server-streaming or server-unary.

use super::pairs::check_streaming;
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_SAME_SERVER_STREAMING",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An RPC stays server-streaming or server-unary."#,
            why: r#"Streaming and unary RPCs have different generated stubs and different call semantics; switching the server side breaks every handler and caller of the RPC."#,
            before: r#"service OrderService {
  rpc ListOrders(ListOrdersRequest) returns (ListOrdersResponse);
}
"#,
            after: r#"service OrderService {
  rpc ListOrders(ListOrdersRequest) returns (stream ListOrdersResponse);
}
"#,
            evolve: r#"Add a new RPC with the server streaming you need, migrate callers, then deprecate the old RPC."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    check_streaming(ctx, sink, "server", |m| m.server_streaming);
}
