//! ENUM_PASCAL_CASE: TODO.

use super::LintRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "ENUM_PASCAL_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
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
