//! RPC_SAME_REQUEST_TYPE: An RPC keeps its request type.

use super::pairs::check_method_type;
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
    check_method_type(ctx, sink, "request", tag::METHOD_INPUT, |m| &m.input_type);
}
