//! FIELD_SAME_NAME: A field keeps its name (an extension its full name).

use super::pairs::{field_pairs, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_NAME",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field keeps its name (an extension its full name)."#,
            why: r#"The name is what generated code calls the field and what the JSON and text formats write: a rename breaks every caller at compile time and every JSON or text-format client at run time, even though the binary encoding only uses the number."#,
            before: r#"message Order {
  string note = 2;
}
"#,
            after: r#"message Order {
  string comment = 2;
}
"#,
            evolve: r#"Add the field under the new name with a new number, deprecate the old one, and reserve the old name and number once nothing uses them."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        let (before, after) = (p.display_name(), c.display_name());
        if before != after {
            report_at(
                sink,
                c.file,
                c.span_of(&[tag::FIELD_NAME]),
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed name from {before:?} to {after:?}.",
                    c.description_with_name("")
                ),
            )
            .change(before, after);
        }
    }
}
