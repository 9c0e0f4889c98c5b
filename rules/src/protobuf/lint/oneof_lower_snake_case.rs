//! ONEOF_LOWER_SNAKE_CASE: Oneof names are lower_snake_case.

use super::util::{report_exact, sub, to_lower_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ONEOF_LOWER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Oneof names are lower_snake_case.",
            why: "Generators derive case-enum and accessor names from oneof names; lower_snake_case, like fields, gives idiomatic names in every language.",
            before: r#"message Payment {
  oneof Method {
    string card = 1;
    string iban = 2;
  }
}"#,
            after: r#"message Payment {
  oneof method {
    string card = 1;
    string iban = 2;
  }
}"#,
            evolve: "A oneof's name is not on the wire, but renaming it changes generated code. Rename before the first release.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for m in &file.messages {
            for (i, o) in m.oneofs.iter().enumerate() {
                // The implicit oneof of a proto3 `optional` field is named by the compiler.
                let mut members = m.fields.iter().filter(|f| f.oneof_index == Some(i));
                if let (Some(only), None) = (members.next(), members.next())
                    && only.proto3_optional
                {
                    continue;
                }
                let expected = to_lower_snake_case(&o.name);
                if o.name != expected {
                    report_exact(
                        sink,
                        file,
                        &sub(&o.path, &[tag::ONEOF_NAME]),
                        format!("{}.{}", m.full_name, o.name),
                        format!(
                            "Oneof name \"{}\" should be lower_snake_case, such as \"{}\".",
                            o.name, expected
                        ),
                    )
                    .change(o.name.clone(), expected);
                }
            }
        }
    }
}
