//! RPC_SAME_IDEMPOTENCY_LEVEL: An RPC keeps its `idempotency_level` option.

use super::pairs::{method_pairs, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_SAME_IDEMPOTENCY_LEVEL",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An RPC keeps its `idempotency_level` option."#,
            why: r#"The idempotency level tells clients and proxies whether an RPC may be retried or sent as an HTTP GET (Connect, gRPC-Web); changing it changes how existing clients call the RPC."#,
            before: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse) {
    option idempotency_level = NO_SIDE_EFFECTS;
  }
}
"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}
"#,
            evolve: r#"Keep the level; for other semantics add a new RPC."#,
        },
    },
    check,
};

/// `MethodOptions.idempotency_level`.
const IDEMPOTENCY_LEVEL: i32 = 34;

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, _, pm), (cf, cs, cm)) in method_pairs(ctx) {
        let before = pm.options.idempotency_level().as_str_name();
        let after = cm.options.idempotency_level().as_str_name();
        if before == after {
            continue;
        }
        let mut path = cm.path.clone();
        path.extend_from_slice(&[tag::METHOD_OPTIONS, IDEMPOTENCY_LEVEL]);
        report_at(
            sink,
            cf,
            span_at(cf, &path),
            &cm.path,
            format!("{}.{}", cs.full_name, cm.name),
            format!(
                "RPC {:?} on service {:?} changed option \"idempotency_level\" from {before:?} to {after:?}.",
                cm.name, cs.name
            ),
        )
        .change(before, after);
    }
}
