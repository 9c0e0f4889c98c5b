//! ENUM_PASCAL_CASE: Enum names are PascalCase.

use super::util::{NAME, report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum names are PascalCase.",
            why: "Code generators derive type names from enum names; a consistent PascalCase keeps generated code idiomatic in every language and names predictable across a schema.",
            before: r#"enum order_status {
  ORDER_STATUS_UNSPECIFIED = 0;
}"#,
            after: r#"enum OrderStatus {
  ORDER_STATUS_UNSPECIFIED = 0;
}"#,
            evolve: "Renaming an enum keeps the binary wire format but changes generated code and the fully qualified name (breaking for JSON `Any`, reflection and gRPC users). Rename before the first release, or add a new enum and deprecate the old one.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            let expected = to_pascal_case(&e.name);
            if e.name != expected {
                report_exact(
                    sink,
                    file,
                    &sub(&e.path, &[NAME]),
                    e.full_name.clone(),
                    format!(
                        "Enum name \"{}\" should be PascalCase, such as \"{}\".",
                        e.name, expected
                    ),
                )
                .change(e.name.clone(), expected);
            }
        }
    }
}
