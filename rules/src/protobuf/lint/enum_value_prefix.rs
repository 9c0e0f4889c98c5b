//! ENUM_VALUE_PREFIX: Enum value names start with the enum name in UPPER_SNAKE_CASE followed by `_`.

use super::util::{report_exact, sub, to_upper_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_PREFIX",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum value names start with the enum name in UPPER_SNAKE_CASE followed by `_`.",
            why: "Enum values are scoped like C++ enums: they share the namespace of the enclosing package or message, so two enums with a value `UNKNOWN` collide. Prefixing each value with its enum name avoids collisions and tells readers which enum a value belongs to.",
            before: r#"enum OrderStatus {
  UNSPECIFIED = 0;
  SHIPPED = 1;
}"#,
            after: r#"enum OrderStatus {
  ORDER_STATUS_UNSPECIFIED = 0;
  ORDER_STATUS_SHIPPED = 1;
}"#,
            evolve: "Value names appear in JSON, so renaming breaks JSON clients. Prefix values before the first release, or add the prefixed names as aliases (with `allow_alias`) during a migration.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            let prefix = format!("{}_", to_upper_snake_case(&e.name));
            for v in e.values.iter().filter(|v| !v.name.starts_with(&prefix)) {
                report_exact(
                    sink,
                    file,
                    &sub(&v.path, &[tag::ENUM_VALUE_NAME]),
                    format!("{}.{}", e.full_name, v.name),
                    format!(
                        "Enum value name \"{}\" should be prefixed with \"{prefix}\".",
                        v.name
                    ),
                );
            }
        }
    }
}
