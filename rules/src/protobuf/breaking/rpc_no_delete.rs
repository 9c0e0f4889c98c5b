//! RPC_NO_DELETE: TODO.

use super::BreakingRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
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
    check: |_ctx, _sink| {},
};
