//! ENUM_ZERO_VALUE_SUFFIX: Enum values numbered zero end in `_UNSPECIFIED` (configurable with `enum_zero_value_suffix`).

use super::util::{report_exact, sub};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_ZERO_VALUE_SUFFIX",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum values numbered zero end in `_UNSPECIFIED` (configurable with `enum_zero_value_suffix`).",
            why: r#"The zero value is what a reader sees when the field was never set, so it should say "not set" rather than name a real state; otherwise an unset field is indistinguishable from a deliberate choice."#,
            before: r#"enum OrderStatus {
  ORDER_STATUS_NEW = 0;
  ORDER_STATUS_SHIPPED = 1;
}"#,
            after: r#"enum OrderStatus {
  ORDER_STATUS_UNSPECIFIED = 0;
  ORDER_STATUS_NEW = 1;
  ORDER_STATUS_SHIPPED = 2;
}"#,
            evolve: "Renumbering existing values breaks stored data. For a released enum, keep the numbers: rename the zero value (a JSON-visible change) or live with it, and design new enums with an `_UNSPECIFIED` zero value.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let suffix = match ctx.options.enum_zero_value_suffix.as_str() {
        "" => "_UNSPECIFIED",
        s => s,
    };
    for file in ctx.image.targets() {
        for e in &file.enums {
            for v in &e.values {
                if v.number == 0 && !v.name.ends_with(suffix) {
                    report_exact(
                        sink,
                        file,
                        &sub(&v.path, &[tag::ENUM_VALUE_NAME]),
                        format!("{}.{}", e.full_name, v.name),
                        format!(
                            "Enum zero value name \"{}\" should be suffixed with \"{suffix}\".",
                            v.name
                        ),
                    );
                }
            }
        }
    }
}
