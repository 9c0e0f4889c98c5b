//! AVRO_FIELD_DEFAULT: Fields have a default, so they can later be added to or removed from the schema without breaking readers.

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
        id: "AVRO_FIELD_DEFAULT",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["EVOLUTION"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Fields have a default, so they can later be added to or removed from the schema without breaking readers.",
            why: "Under BACKWARD or FULL compatibility, a field can only be removed (by a FORWARD reader) or added (by a BACKWARD reader) when it has a default; a field without one is frozen into the schema for good.",
            before: r#"{"name": "channel", "type": "string"}"#,
            after: r#"{"name": "channel", "type": "string", "default": "web"}"#,
            evolve: "Adding a default is always compatible; add it before you need to remove the field. Optional fields are reported by AVRO_NULLABLE_DEFAULT_NULL instead.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let s = ctx.schema;
    for (n, fields) in ctx.records() {
        for (i, f) in fields.iter().enumerate() {
            let optional = matches!(s.kind(f.ty), Kind::Union(b)
                if b.first().is_some_and(|b| *s.kind(*b) == Kind::Null));
            if !f.has_default && !optional {
                sink.report(
                    &format!("{}/name", field_pointer(n, i)),
                    format!(
                        "field `{}` of record `{}` has no default",
                        f.name,
                        fullname(n)
                    ),
                );
            }
        }
    }
}
