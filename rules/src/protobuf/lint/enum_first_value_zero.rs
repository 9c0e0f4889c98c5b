//! ENUM_FIRST_VALUE_ZERO: The first value of every enum is numbered zero.

use super::util::{report_exact, sub};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_FIRST_VALUE_ZERO",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "The first value of every enum is numbered zero.",
            why: "proto3 uses an enum's first value as its default, and a field that was never set reads as zero. When the first value is not zero, the default a reader sees depends on the syntax and language, and moving such an enum to proto3 or editions with open enums fails to compile.",
            before: r#"syntax = "proto2";

enum Status {
  STATUS_ACTIVE = 1;
  STATUS_INACTIVE = 2;
}"#,
            after: r#"syntax = "proto2";

enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_ACTIVE = 1;
  STATUS_INACTIVE = 2;
}"#,
            evolve: "Add a new zero value (e.g. `STATUS_UNSPECIFIED = 0`) as the first entry rather than renumbering existing values: numbers are what the wire carries, so changing them breaks every stored message.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            let Some(first) = e.values.first() else {
                continue;
            };
            if first.number != 0 {
                report_exact(
                    sink,
                    file,
                    &sub(&first.path, &[tag::ENUM_VALUE_NUMBER]),
                    format!("{}.{}", e.full_name, first.name),
                    format!(
                        "First enum value \"{}\" should have a numeric value of 0",
                        first.name
                    ),
                )
                .change(first.number.to_string(), "0");
            }
        }
    }
}
