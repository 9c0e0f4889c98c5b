//! MESSAGE_PASCAL_CASE: Message names are PascalCase.

use super::util::{NAME, report_exact, sub, to_pascal_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "MESSAGE_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Message names are PascalCase.",
            why: "Generated classes and structs are named after messages; PascalCase keeps them idiomatic in every target language and keeps a schema's type names predictable.",
            before: r#"message order_line {
  string sku = 1;
}"#,
            after: r#"message OrderLine {
  string sku = 1;
}"#,
            evolve: "A rename keeps the binary wire format but changes generated code and the fully qualified type name (seen by `Any`, reflection and gRPC). Rename before the first release, or introduce the new message and deprecate the old one.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for m in file.messages.iter().filter(|m| !m.is_map_entry) {
            let expected = to_pascal_case(&m.name);
            if m.name != expected {
                report_exact(
                    sink,
                    file,
                    &sub(&m.path, &[NAME]),
                    m.full_name.clone(),
                    format!(
                        "Message name \"{}\" should be PascalCase, such as \"{}\".",
                        m.name, expected
                    ),
                )
                .change(m.name.clone(), expected);
            }
        }
    }
}
