//! RESERVED_MESSAGE_NO_DELETE: Reserved numbers and names of a message must not be un-reserved.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "RESERVED_MESSAGE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Reserved numbers and names of a message must not be un-reserved.",
            why: "A reservation records that a number or name was used before. Dropping it lets a future field reuse that number or name with another type or meaning, so old data and old clients are misread.",
            before: "message Order {\n  reserved 2, 5 to 9;\n  reserved \"note\";\n  string id = 1;\n}\n",
            after: "message Order {\n  reserved 2;\n  string id = 1;\n}\n",
            evolve: "Never remove reservations; add new ones as fields are deleted.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, prev), (file, cur)) in util::message_pairs(ctx) {
        util::check_message_ranges(
            sink,
            "reserved",
            file,
            cur,
            &prev.reserved_ranges,
            &cur.reserved_ranges,
        );
        for old in &prev.reserved_names {
            if cur.reserved_names.iter().any(|r| r.name == old.name) {
                continue;
            }
            sink.report(
                file,
                &cur.path,
                cur.full_name.clone(),
                format!(
                    "Previously present reserved name \"{}\" on message \"{}\" was deleted.",
                    old.name, cur.name
                ),
            );
        }
    }
}
