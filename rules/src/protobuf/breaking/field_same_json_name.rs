//! FIELD_SAME_JSON_NAME: TODO.

use super::BreakingRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_JSON_NAME",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
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
