//! FIELD_NO_DELETE: TODO.

use super::BreakingRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "TODO",
            why: "TODO",
            before: "TODO",
            after: "TODO",
            evolve: "TODO",
        },
    },
    check,
};

// Minimal check written in the CLI branch so end-to-end tests have a breaking rule that
// fires; the breaking helper's full version replaces it on merge.
fn check(ctx: &super::Ctx, sink: &mut crate::protobuf::check::Sink) {
    let pairs = super::index::paired(&ctx.previous.messages, &ctx.current.messages);
    for ((_, prev), (file, cur)) in pairs {
        for old in &prev.fields {
            if !cur.fields.iter().any(|f| f.number == old.number) {
                sink.report(
                    file,
                    &cur.path,
                    cur.full_name.clone(),
                    format!(
                        "Previously present field \"{}\" with name \"{}\" on message \"{}\" was deleted.",
                        old.number, old.name, cur.name
                    ),
                );
            }
        }
    }
}
