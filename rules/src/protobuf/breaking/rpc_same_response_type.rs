//! RPC_SAME_RESPONSE_TYPE: An RPC keeps its response type.

use super::pairs::check_method_type;
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
    check_method_type(ctx, sink, "response", tag::METHOD_OUTPUT, |m| {
        &m.output_type
    });
}
