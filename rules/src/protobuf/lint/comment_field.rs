//! COMMENT_FIELD: Fields have a leading comment.

use super::util::check_comment;
use super::util::fields;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_FIELD",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Fields have a leading comment.",
            why: "A leading comment on a field is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: r#"// An order placed by a customer.
message Order {
  string id = 1;
}"#,
            after: r#"// An order placed by a customer.
message Order {
  // The unique id assigned when the order was placed.
  string id = 1;
}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        // Map entry fields are synthetic, and a group's comments belong to its message.
        for (f, _) in fields(file)
            .filter(|(_, m)| !m.is_some_and(|m| m.is_map_entry))
            .filter(|(f, _)| f.ty != FieldType::Group)
        {
            check_comment(sink, file, &f.path, &f.full_name, "Field", &f.name);
        }
    }
}
