//! SERVICE_PASCAL_CASE: Service names are PascalCase.

use super::util::{NAME, report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "SERVICE_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Service names are PascalCase.",
            why: "Client and server stubs are named after services; PascalCase keeps them idiomatic and keeps service names consistent across a schema.",
            before: r#"service order_api {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            after: r#"service OrderApi {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "The service name is part of every RPC's path (`/pkg.Service/Method`), so renaming a deployed service breaks all callers. Rename before the first release, or serve both names during a migration.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            let expected = to_pascal_case(&s.name);
            if s.name != expected {
                report_exact(
                    sink,
                    file,
                    &sub(&s.path, &[NAME]),
                    s.full_name.clone(),
                    format!(
                        "Service name \"{}\" should be PascalCase, such as \"{}\".",
                        s.name, expected
                    ),
                )
                .change(s.name.clone(), expected);
            }
        }
    }
}
