//! ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED: An enum value may only be removed if its name is reserved.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An enum value may only be removed if its name is reserved.",
            why: "JSON encodes enum values by name. If a removed name is later reused for a different number, JSON written before the change is read as the wrong value; reserving the name prevents that reuse.",
            before: "enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_GONE = 2;\n}\n",
            after: "enum Status {\n  reserved \"STATUS_GONE\";\n  STATUS_UNSPECIFIED = 0;\n}\n",
            evolve: "When deleting a value, add `reserved \"NAME\";` to the enum (and reserve its number too, see ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_enum_value_deletions(ctx, sink, Unless::NameReserved);
}
