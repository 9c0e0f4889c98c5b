//! ENUM_VALUE_UPPER_SNAKE_CASE: Enum value names are UPPER_SNAKE_CASE.

use super::util::{report_exact, sub, to_upper_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_UPPER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum value names are UPPER_SNAKE_CASE.",
            why: "Enum values are constants in most generated languages and UPPER_SNAKE_CASE is the protobuf convention; consistent names also make the JSON form (which uses the value name) predictable.",
            before: r#"enum Status {
  statusUnspecified = 0;
  StatusActive = 1;
}"#,
            after: r#"enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
}"#,
            evolve: "Value names travel in JSON, so renaming breaks JSON clients. Rename before the first release, or add the new name as an alias during a migration.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            for v in &e.values {
                let expected = to_upper_snake_case(&v.name);
                if v.name != expected {
                    report_exact(
                        sink,
                        file,
                        &sub(&v.path, &[tag::ENUM_VALUE_NAME]),
                        format!("{}.{}", e.full_name, v.name),
                        format!(
                            "Enum value name \"{}\" should be UPPER_SNAKE_CASE, such as \"{}\".",
                            v.name, expected
                        ),
                    )
                    .change(v.name.clone(), expected);
                }
            }
        }
    }
}
