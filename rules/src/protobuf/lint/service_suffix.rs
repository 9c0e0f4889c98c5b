//! SERVICE_SUFFIX: Service names end in `Service` (configurable with `service_suffix`).

use super::util::{NAME, report_exact, sub};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "SERVICE_SUFFIX",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Service names end in `Service` (configurable with `service_suffix`).",
            why: "A common suffix makes services easy to tell apart from messages in code and documentation, and keeps generated client and server types from colliding with message types.",
            before: r#"service Orders {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            after: r#"service OrderService {
  rpc GetOrder(GetOrderRequest) returns (GetOrderResponse);
}"#,
            evolve: "The service name is part of every RPC path, so renaming a deployed service breaks callers. Name services correctly before the first release, or serve both names during a migration.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let suffix = match ctx.options.service_suffix.as_str() {
        "" => "Service",
        s => s,
    };
    for file in ctx.image.targets() {
        for s in file.services.iter().filter(|s| !s.name.ends_with(suffix)) {
            report_exact(
                sink,
                file,
                &sub(&s.path, &[NAME]),
                s.full_name.clone(),
                format!(
                    "Service name \"{}\" should be suffixed with \"{suffix}\".",
                    s.name
                ),
            );
        }
    }
}
