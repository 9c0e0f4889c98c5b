//! AVRO_FIELD_NAME_CASE: Field names follow one convention: camelCase (default) or snake_case (`field_case: snake_case`).

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
        id: "AVRO_FIELD_NAME_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["NAMING"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Field names follow one convention: camelCase (default) or snake_case (`field_case: snake_case`).",
            why: "Field names become getters, properties and JSON keys in generated code; mixing conventions makes every consumer translate names and invites duplicates that differ only in case or underscores.",
            before: r#"{"name": "order_total", "type": "long"}"#,
            after: r#"{"name": "orderTotal", "type": "long"}"#,
            evolve: "Renaming a field breaks readers that do not know the new name: keep the old name in the field's `aliases`, and give it a default, so readers of either version resolve it.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let (ok, want): (fn(&str) -> bool, &str) = match ctx.options.field_case {
        super::FieldCase::Camel => (super::is_camel, "camelCase"),
        super::FieldCase::Snake => (super::is_snake, "snake_case"),
    };
    for (n, fields) in ctx.records() {
        for (i, f) in fields.iter().enumerate() {
            if !ok(&f.name) {
                sink.report(
                    &format!("{}/name", field_pointer(n, i)),
                    format!(
                        "field `{}` of record `{}` should be {want}",
                        f.name,
                        fullname(n)
                    ),
                );
            }
        }
    }
}
