//! FIELD_LOWER_SNAKE_CASE: Field names are lower_snake_case.

use super::util::{fields, report_exact, sub, to_lower_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "FIELD_LOWER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Field names are lower_snake_case.",
            why: "Generators turn lower_snake_case field names into each language's idiom (camelCase getters, JSON names); other spellings produce awkward accessors and JSON names that differ from what users expect.",
            before: r#"message Order {
  string orderId = 1;
  int64 TotalCents = 2;
}"#,
            after: r#"message Order {
  string order_id = 1;
  int64 total_cents = 2;
}"#,
            evolve: "Renaming a field keeps the binary format but changes generated accessors and the JSON name. Rename before the first release, or set `json_name` to the old JSON name while clients migrate.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for (f, _) in fields(file).filter(|(_, m)| !m.is_some_and(|m| m.is_map_entry)) {
            let expected = to_lower_snake_case(&f.name);
            if f.name != expected {
                report_exact(
                    sink,
                    file,
                    &sub(&f.path, &[tag::FIELD_NAME]),
                    f.full_name.clone(),
                    format!(
                        "Field name \"{}\" should be lower_snake_case, such as \"{}\".",
                        f.name, expected
                    ),
                )
                .change(f.name.clone(), expected);
            }
        }
    }
}
