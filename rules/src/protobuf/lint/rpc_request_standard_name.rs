//! RPC_REQUEST_STANDARD_NAME: RPC request messages are named `<Rpc>Request` or `<Service><Rpc>Request`.

use super::util::{report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_REQUEST_STANDARD_NAME",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPC request messages are named `<Rpc>Request` or `<Service><Rpc>Request`.",
            why: "A dedicated, predictably named request message per RPC can gain fields without affecting any other RPC, and readers find an RPC's input by name alone. Sharing request types couples RPCs that should evolve independently.",
            before: r#"service OrderService {
  rpc GetOrder(OrderId) returns (GetOrderResponse);
}"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "Changing an RPC's request type is breaking unless the new message is wire-compatible. Introduce `GetOrderRequest` with the same fields and numbers as the old type, switch the RPC to it, and keep the old message for other users. `rpc_allow_google_protobuf_empty_requests` permits `google.protobuf.Empty`.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let allow_empty = ctx.options.rpc_allow_google_protobuf_empty_requests;
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in &s.methods {
                let full = m.input_type.as_str();
                if allow_empty && full == "google.protobuf.Empty" {
                    continue;
                }
                let name = full.rsplit('.').next().unwrap_or(full);
                let short = format!("{}Request", to_pascal_case(&m.name));
                let long = format!("{}{short}", to_pascal_case(&s.name));
                if name != short && name != long {
                    report_exact(
                        sink,
                        file,
                        &sub(&m.path, &[tag::METHOD_INPUT]),
                        format!("{}.{}", s.full_name, m.name),
                        format!(
                            "RPC request type \"{name}\" should be named \"{short}\" or \"{long}\"."
                        ),
                    )
                    .change(name, short);
                }
            }
        }
    }
}
