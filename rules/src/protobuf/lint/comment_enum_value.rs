//! COMMENT_ENUM_VALUE: Enum values have a leading comment.

use super::util::check_comment;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_ENUM_VALUE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enum values have a leading comment.",
            why: "A leading comment on an enum value is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: r#"// The state of an order.
enum Status {
  STATUS_UNSPECIFIED = 0;
}"#,
            after: r#"// The state of an order.
enum Status {
  // The state is not known.
  STATUS_UNSPECIFIED = 0;
}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for e in &file.enums {
            for v in &e.values {
                check_comment(
                    sink,
                    file,
                    &v.path,
                    &format!("{}.{}", e.full_name, v.name),
                    "Enum value",
                    &v.name,
                );
            }
        }
    }
}
