//! AVRO_TIMESTAMP_LOGICAL_TYPE: Fields named like timestamps use a timestamp logical type rather than a bare long or int.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::avro::model::field_pointer;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_TIMESTAMP_LOGICAL_TYPE",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["TYPES"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Fields named like timestamps use a timestamp logical type rather than a bare long or int.",
            why: "A bare `long` named `createdAt` could be seconds, milliseconds or microseconds since the epoch; a `timestamp-millis` (or -micros) logical type states the unit and lets code generators produce date-time types.",
            before: r#"{"name": "createdAt", "type": "long"}"#,
            after: r#"{"name": "createdAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}"#,
            evolve: "A logical type does not change the encoding, so adding `timestamp-millis` to a long is compatible on the wire; make sure existing data used that unit.",
        },
    },
    check,
};

/// Whether a field name reads like a point in time.
fn timestamp_like(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("_at")
        || (name.ends_with("At") && name.len() > 2)
        || lower.contains("timestamp")
        || lower.ends_with("time")
        || lower.ends_with("_ts")
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    let s = ctx.schema;
    for (n, fields) in ctx.records() {
        for (i, f) in fields.iter().enumerate() {
            if !timestamp_like(&f.name) {
                continue;
            }
            let mut types = vec![f.ty];
            if let Kind::Union(b) = s.kind(f.ty) {
                types = b.clone();
            }
            if types.iter().any(|t| {
                matches!(s.kind(*t), Kind::Long | Kind::Int) && s.node(*t).logical.is_none()
            }) {
                sink.report(
                    &format!("{}/type", field_pointer(n, i)),
                    format!(
                        "field `{}` of record `{}` looks like a timestamp but is a plain number; use a timestamp-millis or timestamp-micros logical type",
                        f.name,
                        fullname(n)
                    ),
                );
            }
        }
    }
}
