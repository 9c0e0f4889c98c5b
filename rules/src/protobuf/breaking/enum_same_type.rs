//! ENUM_SAME_TYPE: An enum stays open or closed.

use super::index::paired;
use super::pairs::{feature_span_at, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_SAME_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An enum stays open or closed."#,
            why: r#"Open enums (proto3, or `features.enum_type = OPEN`) keep unknown values in the field; closed enums (proto2, or `CLOSED`) move them to unknown fields. Switching changes what readers see for values they don't know and breaks generated code in several languages."#,
            before: r#"edition = "2023";
enum Status {
  STATUS_UNSPECIFIED = 0;
}
"#,
            after: r#"edition = "2023";
enum Status {
  option features.enum_type = CLOSED;
  STATUS_UNSPECIFIED = 0;
}
"#,
            evolve: r#"When changing syntax or edition, set `features.enum_type` explicitly so that every enum keeps its old behaviour."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((pf, pe), (cf, ce)) in paired(&ctx.previous.enums, &ctx.current.enums) {
        let before = state(pf.feature(&pe.path, "enum_type").as_str());
        let after = state(cf.feature(&ce.path, "enum_type").as_str());
        if before != after {
            let span = feature_span_at(cf, &ce.path, "enum_type").or_else(|| span_at(cf, &ce.path));
            report_at(
                sink,
                cf,
                span,
                &ce.path,
                &ce.full_name,
                format!("Enum {:?} changed from {before} to {after}.", ce.name),
            )
            .change(before, after);
        }
    }
}

fn state(enum_type: &str) -> &'static str {
    if enum_type == "CLOSED" {
        "closed"
    } else {
        "open"
    }
}
