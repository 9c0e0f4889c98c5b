//! COMMENT_ONEOF: Oneofs have a leading comment.

use super::util::check_comment;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "COMMENT_ONEOF",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["COMMENTS"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Oneofs have a leading comment.",
            why: "A leading comment on a oneof is copied into generated code and shown in API references and IDE hovers; without it users must guess its meaning from its name alone.",
            before: r#"// How an order is paid.
message Payment {
  oneof method {
    // A card token.
    string card = 1;
  }
}"#,
            after: r#"// How an order is paid.
message Payment {
  // The payment method; exactly one is set.
  oneof method {
    // A card token.
    string card = 1;
  }
}"#,
            evolve: "Adding or editing comments never affects compatibility. A comment made only of `buf:lint:ignore` lines does not count as documentation.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for m in &file.messages {
            for o in m.oneofs.iter().filter(|o| !o.synthetic) {
                check_comment(
                    sink,
                    file,
                    &o.path,
                    &format!("{}.{}", m.full_name, o.name),
                    "Oneof",
                    &o.name,
                );
            }
        }
    }
}
