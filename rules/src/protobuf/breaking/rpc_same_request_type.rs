//! RPC_SAME_REQUEST_TYPE: An RPC keeps its request type.

use super::pairs::{method_pairs, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_SAME_REQUEST_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An RPC keeps its request type."#,
            why: r#"Callers and servers serialize the request message by its type; replacing it breaks generated stubs and makes the two sides decode each other's messages as the wrong type."#,
            before: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}
"#,
            after: r#"service OrderService {
  rpc GetOrder(OrderQuery) returns (GetOrderResponse);
}
"#,
            evolve: r#"Evolve the existing request message by adding fields, or add a new RPC that uses the new type."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, _, pm), (cf, cs, cm)) in method_pairs(ctx) {
        let (before, after) = (&pm.input_type, &cm.input_type);
        if before == after {
            continue;
        }
        let mut path = cm.path.clone();
        path.push(tag::METHOD_INPUT);
        report_at(
            sink,
            cf,
            span_at(cf, &path),
            &cm.path,
            format!("{}.{}", cs.full_name, cm.name),
            format!(
                "RPC {:?} on service {:?} changed request type from {before:?} to {after:?}.",
                cm.name, cs.name
            ),
        )
        .change(before.clone(), after.clone());
    }
}
