//! RPC_SAME_IDEMPOTENCY_LEVEL: TODO.

use super::BreakingRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RPC_SAME_IDEMPOTENCY_LEVEL",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
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
