//! STABLE_PACKAGE_NO_IMPORT_UNSTABLE: TODO.

use super::LintRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "STABLE_PACKAGE_NO_IMPORT_UNSTABLE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &[],
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
