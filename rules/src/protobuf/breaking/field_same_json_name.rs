//! FIELD_SAME_JSON_NAME: A field keeps its JSON name (explicit `json_name` or the default camelCase form).

use super::pairs::{field_pairs, report_at, widen_to_option_name};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_JSON_NAME",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field keeps its JSON name (explicit `json_name` or the default camelCase form)."#,
            why: r#"The JSON name is the key JSON clients read and write; changing it - by setting, changing or removing `json_name`, or by renaming the field - makes old and new JSON payloads unreadable to each other."#,
            before: r#"message Order {
  string order_id = 1; // JSON: "orderId"
}
"#,
            after: r#"message Order {
  string order_id = 1 [json_name = "id"];
}
"#,
            evolve: r#"Keep the JSON name; to change it, add a new field with the new name and number and deprecate the old field."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        // An extension cannot set a JSON name.
        if p.is_extension() {
            continue;
        }
        let (before, after) = (&p.field.json_name, &c.field.json_name);
        if before != after {
            let span = c
                .span_of(&[tag::FIELD_JSON_NAME])
                .map(|s| widen_to_option_name(c.file, s, "json_name"))
                .or_else(|| c.span());
            report_at(
                sink,
                c.file,
                span,
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed option \"json_name\" from {before:?} to {after:?}.",
                    c.description()
                ),
            )
            .change(before.clone(), after.clone());
        }
    }
}
