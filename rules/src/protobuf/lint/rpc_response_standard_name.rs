//! RPC_RESPONSE_STANDARD_NAME: RPC response messages are named `<Rpc>Response` or `<Service><Rpc>Response`.

use super::util::{report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_RESPONSE_STANDARD_NAME",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPC response messages are named `<Rpc>Response` or `<Service><Rpc>Response`.",
            why: "A dedicated, predictably named response message per RPC can gain fields (pagination tokens, metadata) without affecting other RPCs, and readers find an RPC's output by name alone.",
            before: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (Order);
}"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "Changing an RPC's response type is breaking unless the new message is wire-compatible. A response that wraps the old type (`Order order = 1;`) is not; plan the switch before the first release. `rpc_allow_google_protobuf_empty_responses` permits `google.protobuf.Empty`.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let allow_empty = ctx.options.rpc_allow_google_protobuf_empty_responses;
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in &s.methods {
                let full = m.output_type.as_str();
                if allow_empty && full == "google.protobuf.Empty" {
                    continue;
                }
                let name = full.rsplit('.').next().unwrap_or(full);
                let short = format!("{}Response", to_pascal_case(&m.name));
                let long = format!("{}{short}", to_pascal_case(&s.name));
                if name != short && name != long {
                    report_exact(
                        sink,
                        file,
                        &sub(&m.path, &[tag::METHOD_OUTPUT]),
                        format!("{}.{}", s.full_name, m.name),
                        format!(
                            "RPC response type \"{name}\" should be named \"{short}\" or \"{long}\"."
                        ),
                    )
                    .change(name, short);
                }
            }
        }
    }
}
