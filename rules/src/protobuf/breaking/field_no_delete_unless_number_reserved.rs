//! FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: A field may only be removed if its number is reserved.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A field may only be removed if its number is reserved.",
            why: "The binary encoding identifies fields by number. If the number is later reused for a field with a different type or meaning, stored or in-flight data written with the old field is misparsed; reserving the number prevents that reuse.",
            before: "message Order {\n  string id = 1;\n  string note = 2;\n}\n",
            after: "message Order {\n  reserved 2;\n  string id = 1;\n}\n",
            evolve: "When deleting a field, add `reserved N;` for its number (and `reserved \"name\";` for JSON).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_field_deletions(ctx, sink, Unless::NumberReserved);
}
