//! ENUM_NO_ALLOW_ALIAS: Enums do not set `allow_alias`.

use super::util::{report_exact, sub};
use crate::protobuf::descriptor::tag;

/// `allow_alias` is field 2 of `EnumOptions`.
const ALLOW_ALIAS: i32 = 2;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_NO_ALLOW_ALIAS",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enums do not set `allow_alias`.",
            why: "With aliases, two names share one number: the wire keeps only the number, so a reader cannot tell which name was written, JSON output picks one of them arbitrarily per language, and renaming through an alias invites the two names to drift apart.",
            before: r#"enum Color {
  option allow_alias = true;
  COLOR_UNSPECIFIED = 0;
  COLOR_GREY = 1;
  COLOR_GRAY = 1;
}"#,
            after: r#"enum Color {
  COLOR_UNSPECIFIED = 0;
  COLOR_GRAY = 1;
}"#,
            evolve: "To rename a value, add the new name with a new number, migrate writers and readers, then reserve the old name and number. Remove `allow_alias` once only one name per number remains.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            if e.options.allow_alias() {
                report_exact(
                    sink,
                    file,
                    &sub(&e.path, &[tag::ENUM_OPTIONS, ALLOW_ALIAS]),
                    e.full_name.clone(),
                    format!(
                        "Enum option \"allow_alias\" on enum \"{}\" must be false.",
                        e.name
                    ),
                )
                .change("true", "false");
            }
        }
    }
}
