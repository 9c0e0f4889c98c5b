//! AVRO_LOGICAL_TYPE_VALID: Logical types are valid for their underlying type (an invalid one is silently ignored).

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_LOGICAL_TYPE_VALID",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["TYPES"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Logical types are valid for their underlying type (an invalid one is silently ignored).",
            why: "The specification says an invalid logical type is ignored: a `decimal` whose scale exceeds its precision, or a `date` on a long, is read as plain bytes or long, so consumers get raw values where the author expected dates or decimals.",
            before: r#"{"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 6}"#,
            after: r#"{"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 6}"#,
            evolve: "Fixing the annotation changes how values are interpreted, not how they are encoded; check what readers did with the raw values before.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for i in &ctx.schema.ignored_logical {
        sink.report(&i.pointer, i.message.clone());
    }
}
