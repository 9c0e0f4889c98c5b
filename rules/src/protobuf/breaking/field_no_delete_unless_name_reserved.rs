//! FIELD_NO_DELETE_UNLESS_NAME_RESERVED: A field may only be removed if its name is reserved.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NO_DELETE_UNLESS_NAME_RESERVED",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A field may only be removed if its name is reserved.",
            why: "JSON (and text format) identify fields by name. If the name is later reused for a field of another type or meaning, JSON written before is misread; reserving the name prevents that reuse.",
            before: "message Order {\n  string id = 1;\n  string note = 2;\n}\n",
            after: "message Order {\n  reserved \"note\";\n  string id = 1;\n}\n",
            evolve: "When deleting a field, add `reserved \"name\";` (and `reserved N;` for its number).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_field_deletions(ctx, sink, Unless::NameReserved);
}
