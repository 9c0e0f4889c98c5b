//! RPC_SAME_RESPONSE_TYPE: An RPC keeps its response type.

use super::pairs::{method_pairs, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_SAME_RESPONSE_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An RPC keeps its response type."#,
            why: r#"Callers and servers serialize the response message by its type; replacing it breaks generated stubs and makes the two sides decode each other's messages as the wrong type."#,
            before: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}
"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (Order);
}
"#,
            evolve: r#"Evolve the existing response message by adding fields, or add a new RPC that uses the new type."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, _, pm), (cf, cs, cm)) in method_pairs(ctx) {
        let (before, after) = (&pm.output_type, &cm.output_type);
        if before == after {
            continue;
        }
        let mut path = cm.path.clone();
        path.push(tag::METHOD_OUTPUT);
        report_at(
            sink,
            cf,
            span_at(cf, &path),
            &cm.path,
            format!("{}.{}", cs.full_name, cm.name),
            format!(
                "RPC {:?} on service {:?} changed response type from {before:?} to {after:?}.",
                cm.name, cs.name
            ),
        )
        .change(before.clone(), after.clone());
    }
}
