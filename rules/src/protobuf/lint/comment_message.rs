//! COMMENT_MESSAGE: Messages have a leading comment.

use super::util::check_comment;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_MESSAGE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Messages have a leading comment.",
            why: "A leading comment on a message is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: "message Order {}",
            after: r#"// An order placed by a customer.
message Order {}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for m in file.messages.iter().filter(|m| !m.is_map_entry) {
            check_comment(sink, file, &m.path, &m.full_name, "Message", &m.name);
        }
    }
}
