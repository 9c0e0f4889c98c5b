//! FIELD_NO_DELETE: A field (by number) must not be removed from its message.

use super::BreakingRule;
use super::Ctx;
use super::util::{self, Unless};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A field (by number) must not be removed from its message.",
            why: "Generated code loses the field's accessors, so code using them no longer compiles; data written by older peers still carries the field, which newer readers drop as unknown.",
            before: "message Order {\n  string id = 1;\n  string note = 2;\n}\n",
            after: "message Order {\n  string id = 1;\n}\n",
            evolve: "Keep the field and mark it `[deprecated = true]`. If it must go, reserve its number and name (`reserved 2; reserved \"note\";`); the WIRE and WIRE_JSON categories, which use the FIELD_NO_DELETE_UNLESS_* rules instead of this one, then accept the deletion.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_field_deletions(ctx, sink, Unless::Never);
}
