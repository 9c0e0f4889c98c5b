//! AVRO_RECORD_DOC: Records have a doc.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_RECORD_DOC",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["DOCS"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Records have a doc.",
            why: "The `doc` of a record is carried into generated classes, registry UIs and data catalogues; without it consumers of a topic must guess what one record stands for.",
            before: r#"{"type": "record", "name": "Order", "fields": []}"#,
            after: r#"{"type": "record", "name": "Order", "doc": "A customer order as placed.", "fields": []}"#,
            evolve: "Adding or changing a `doc` never affects compatibility: it is not part of the schema's canonical form.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (n, _) in ctx.records() {
        if !n.documented() {
            sink.report(&name_ptr(n), format!("record `{}` has no doc", fullname(n)));
        }
    }
}
