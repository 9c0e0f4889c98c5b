//! EXTENSION_MESSAGE_NO_DELETE: Extension ranges of a message must not be removed or shrunk.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "EXTENSION_MESSAGE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Extension ranges of a message must not be removed or shrunk.",
            why: "Other files, possibly owned by other teams, may declare extensions numbered inside the range. Removing or narrowing the range makes those extension declarations fail to compile.",
            before: "message Order {\n  string id = 1;\n  extensions 100 to 199;\n}\n",
            after: "message Order {\n  string id = 1;\n  extensions 100 to 149;\n}\n",
            evolve: "Keep every extension range as it is; widen ranges if needed, never narrow them.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, prev), (file, cur)) in util::message_pairs(ctx) {
        util::check_message_ranges(
            sink,
            "extension",
            file,
            cur,
            &prev.extension_ranges,
            &cur.extension_ranges,
        );
    }
}
