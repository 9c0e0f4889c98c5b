//! ENUM_SAME_JSON_FORMAT: An enum that fully supports JSON keeps doing so.

use super::index::paired;
use super::pairs::{feature_span_at, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_SAME_JSON_FORMAT",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An enum that fully supports JSON keeps doing so."#,
            why: r#"With `features.json_format = ALLOW` (proto3's behaviour) an enum is guaranteed to round-trip through JSON; LEGACY_BEST_EFFORT (proto2's) allows names that clash in JSON. Downgrading breaks clients that rely on JSON."#,
            before: r#"syntax = "proto3";
enum Status {
  STATUS_UNSPECIFIED = 0;
}
"#,
            after: r#"syntax = "proto2";
enum Status {
  STATUS_UNSPECIFIED = 0;
}
"#,
            evolve: r#"Keep `json_format = ALLOW` (the default outside proto2) on enums that JSON clients use."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((pf, pe), (cf, ce)) in paired(&ctx.previous.enums, &ctx.current.enums) {
        let before = pf.feature(&pe.path, "json_format");
        let after = cf.feature(&ce.path, "json_format");
        if before == "ALLOW" && after != "ALLOW" {
            let span =
                feature_span_at(cf, &ce.path, "json_format").or_else(|| span_at(cf, &ce.path));
            report_at(
                sink,
                cf,
                span,
                &ce.path,
                &ce.full_name,
                format!(
                    "Enum {:?} JSON format support changed from {before} to {after}.",
                    ce.name
                ),
            )
            .change(before, after);
        }
    }
}
