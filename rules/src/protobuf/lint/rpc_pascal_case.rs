//! RPC_PASCAL_CASE: RPC names are PascalCase.

use super::util::{report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPC names are PascalCase.",
            why: "Stub methods are generated from RPC names; PascalCase is the protobuf convention every generator expects and keeps method names consistent.",
            before: r#"service OrderService {
  rpc get_order(GetOrderRequest) returns (GetOrderResponse);
}"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "The RPC name is part of its path (`/pkg.Service/Method`), so renaming a deployed RPC breaks callers. Rename before the first release, or add the new RPC beside the old one and deprecate the old one.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in &s.methods {
                let expected = to_pascal_case(&m.name);
                if m.name != expected {
                    report_exact(
                        sink,
                        file,
                        &sub(&m.path, &[tag::METHOD_NAME]),
                        format!("{}.{}", s.full_name, m.name),
                        format!(
                            "RPC name \"{}\" should be PascalCase, such as \"{}\".",
                            m.name, expected
                        ),
                    )
                    .change(m.name.clone(), expected);
                }
            }
        }
    }
}
