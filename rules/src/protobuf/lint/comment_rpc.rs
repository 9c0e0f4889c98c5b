//! COMMENT_RPC: RPCs have a leading comment.

use super::util::check_comment;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_RPC",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPCs have a leading comment.",
            why: "A leading comment on an RPC is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: r#"// Manages orders.
service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            after: r#"// Manages orders.
service OrderService {
  // Returns one order by id.
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in &s.methods {
                check_comment(
                    sink,
                    file,
                    &m.path,
                    &format!("{}.{}", s.full_name, m.name),
                    "RPC",
                    &m.name,
                );
            }
        }
    }
}
