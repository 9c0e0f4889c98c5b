//! AVRO_TYPE_NAME_PASCAL_CASE: Record, enum and fixed names are PascalCase.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_TYPE_NAME_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["NAMING"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Record, enum and fixed names are PascalCase.",
            why: "Named types become class names in Java, C#, Python and TypeScript code generators; a non-PascalCase name produces classes that break each language's conventions or get renamed differently per language.",
            before: r#"{"type": "record", "name": "order_line", "fields": []}"#,
            after: r#"{"type": "record", "name": "OrderLine", "fields": []}"#,
            evolve: "Renaming a type breaks readers that match by name: add the old full name to the new type's `aliases` so both resolve.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (_, n) in ctx.named() {
        if let Some(name) = n.name()
            && !super::is_pascal(name.name())
        {
            sink.report(
                &name_ptr(n),
                format!(
                    "{} name `{}` should be PascalCase",
                    n.kind.type_name(),
                    name.name()
                ),
            );
        }
    }
}
