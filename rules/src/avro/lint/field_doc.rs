//! AVRO_FIELD_DOC: Record fields have a doc.

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
        id: "AVRO_FIELD_DOC",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["DOCS"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Record fields have a doc.",
            why: "A field's `doc` is the only place to say what its value means (units, time zone, who sets it); without it every consumer reverse-engineers the meaning from sample data.",
            before: r#"{"name": "total", "type": "long"}"#,
            after: r#"{"name": "total", "type": "long", "doc": "Order total in cents."}"#,
            evolve: "Adding or changing a `doc` never affects compatibility.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (n, fields) in ctx.records() {
        for (i, f) in fields.iter().enumerate() {
            if !f.documented {
                sink.report(
                    &format!("{}/name", field_pointer(n, i)),
                    format!("field `{}` of record `{}` has no doc", f.name, fullname(n)),
                );
            }
        }
    }
}
