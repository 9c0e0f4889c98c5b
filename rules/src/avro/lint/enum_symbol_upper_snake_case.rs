//! AVRO_ENUM_SYMBOL_UPPER_SNAKE_CASE: Enum symbols are UPPER_SNAKE_CASE.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_ENUM_SYMBOL_UPPER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["NAMING"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum symbols are UPPER_SNAKE_CASE.",
            why: "Enum symbols become constants in generated code, where UPPER_SNAKE_CASE is the convention across languages; symbols differing only by case also collide in case-insensitive targets.",
            before: r#"{"type": "enum", "name": "Status", "symbols": ["open", "Closed"]}"#,
            after: r#"{"type": "enum", "name": "Status", "symbols": ["OPEN", "CLOSED"]}"#,
            evolve: "Renaming a symbol is removing one and adding another: readers without the new symbol fail unless the enum has a `default`. Add the new symbol first, move writers over, and remove the old one last.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (_, n) in ctx.named() {
        if let Kind::Enum { symbols, .. } = &n.kind {
            for (i, s) in symbols.iter().enumerate() {
                if !super::is_upper_snake(s) {
                    sink.report(
                        &format!("{}/symbols/{i}", n.pointer()),
                        format!(
                            "symbol `{s}` of enum `{}` should be UPPER_SNAKE_CASE",
                            fullname(n)
                        ),
                    );
                }
            }
        }
    }
}
