//! MESSAGE_SAME_JSON_FORMAT: A message that fully supports JSON keeps doing so.

use super::index::paired;
use super::pairs::{feature_span_at, message_span, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "MESSAGE_SAME_JSON_FORMAT",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A message that fully supports JSON keeps doing so."#,
            why: r#"With `features.json_format = ALLOW` (proto3's behaviour) a message is guaranteed to round-trip through JSON; LEGACY_BEST_EFFORT (proto2's) allows field names that clash in JSON. Downgrading breaks clients that rely on JSON."#,
            before: r#"edition = "2023";
message Order {
  string id = 1;
}
"#,
            after: r#"edition = "2023";
message Order {
  option features.json_format = LEGACY_BEST_EFFORT;
  string id = 1;
}
"#,
            evolve: r#"Keep `json_format = ALLOW` (the default outside proto2) on messages that JSON clients use."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((pf, pm), (cf, cm)) in paired(&ctx.previous.messages, &ctx.current.messages) {
        let before = pf.feature(&pm.path, "json_format");
        let after = cf.feature(&cm.path, "json_format");
        if before == "ALLOW" && after != "ALLOW" {
            let span =
                feature_span_at(cf, &cm.path, "json_format").or_else(|| message_span(cf, cm));
            report_at(
                sink,
                cf,
                span,
                &cm.path,
                &cm.full_name,
                format!(
                    "Message {:?} JSON format support changed from {before} to {after}.",
                    cm.name
                ),
            )
            .change(before, after);
        }
    }
}
