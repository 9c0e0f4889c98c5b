//! AVRO_NULLABLE_DEFAULT_NULL: Optional fields (a union with null first) have `"default": null`.

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
        id: "AVRO_NULLABLE_DEFAULT_NULL",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["EVOLUTION"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Optional fields (a union with null first) have `\"default\": null`.",
            why: "A field typed `[\"null\", ...]` says the value is optional, but without `\"default\": null` a reader that has the field cannot read data written before it existed, and a writer cannot omit it: the field is required in practice.",
            before: r#"{"name": "coupon", "type": ["null", "string"]}"#,
            after: r#"{"name": "coupon", "type": ["null", "string"], "default": null}"#,
            evolve: "Adding a default is always compatible. Add `\"default\": null` in the same version that introduces an optional field.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let s = ctx.schema;
    for (n, fields) in ctx.records() {
        for (i, f) in fields.iter().enumerate() {
            if let Kind::Union(branches) = s.kind(f.ty)
                && branches.first().is_some_and(|b| *s.kind(*b) == Kind::Null)
                && !f.has_default
            {
                sink.report(
                    &format!("{}/name", field_pointer(n, i)),
                    format!(
                        "optional field `{}` of record `{}` has no `\"default\": null`",
                        f.name,
                        fullname(n)
                    ),
                );
            }
        }
    }
}
