//! COMMENT_SERVICE: Services have a leading comment.

use super::util::check_comment;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_SERVICE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Services have a leading comment.",
            why: "A leading comment on a service is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: "service OrderService {}",
            after: r#"// Manages orders.
service OrderService {}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            check_comment(sink, file, &s.path, &s.full_name, "Service", &s.name);
        }
    }
}
