//! ENUM_VALUE_NO_DELETE: An enum value (by number) must not be removed from its enum.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An enum value (by number) must not be removed from its enum.",
            why: "Generated code loses the constant, so code that names it no longer compiles; and peers on the old schema keep sending the number, which new readers then treat as unknown.",
            before: "enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_OK = 1;\n  STATUS_GONE = 2;\n}\n",
            after: "enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_OK = 1;\n}\n",
            evolve: "Keep the value and mark it `[deprecated = true]`. If it must go, reserve its number and name (`reserved 2; reserved \"STATUS_GONE\";`); the WIRE and WIRE_JSON categories, which use the ENUM_VALUE_NO_DELETE_UNLESS_* rules instead of this one, then accept the deletion.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_enum_value_deletions(ctx, sink, Unless::Never);
}
