//! FIELD_SAME_UTF8_VALIDATION: A string field keeps its UTF-8 validation (`features.utf8_validation`, or the syntax default).

use super::pairs::{field_pairs, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_UTF8_VALIDATION",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A string field keeps its UTF-8 validation (`features.utf8_validation`, or the syntax default)."#,
            why: r#"Whether parsers reject invalid UTF-8 in a string field is part of the contract: turning validation on makes messages that old writers produced fail to parse, turning it off lets invalid strings reach code that assumes valid ones. Changing syntax (proto2 defaults to NONE, proto3 to VERIFY) counts too."#,
            before: r#"edition = "2023";
message Order {
  string note = 1;
}
"#,
            after: r#"edition = "2023";
message Order {
  string note = 1 [features.utf8_validation = NONE];
}
"#,
            evolve: r#"Keep the effective setting; when migrating between syntaxes or editions, set `features.utf8_validation` explicitly to keep the old behaviour."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        if p.kind() != FieldType::String || c.kind() != FieldType::String {
            continue;
        }
        let (before, after) = (p.feature("utf8_validation"), c.feature("utf8_validation"));
        if before != after {
            let span = c.feature_span("utf8_validation").or_else(|| c.span());
            report_at(
                sink,
                c.file,
                span,
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed UTF8 validation from {before} to {after}.",
                    c.description()
                ),
            )
            .change(before, after);
        }
    }
}
