//! ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED: An enum value may only be removed if its number is reserved.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An enum value may only be removed if its number is reserved.",
            why: "The binary encoding carries enum numbers. If a removed number is later given to a new value, data written with the old meaning is silently read with the new one; reserving the number prevents that reuse.",
            before: "enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_GONE = 2;\n}\n",
            after: "enum Status {\n  reserved 2;\n  STATUS_UNSPECIFIED = 0;\n}\n",
            evolve: "When deleting a value, add `reserved N;` for its number to the enum (and reserve the name for JSON).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_enum_value_deletions(ctx, sink, Unless::NumberReserved);
}
