//! ONEOF_NO_DELETE: A oneof must not be removed from its message.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ONEOF_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A oneof must not be removed from its message.",
            why: "Generated code exposes each oneof as its own accessor and case enum (`getKindCase()`, `WhichOneof(\"kind\")`, a Go interface type). Removing the oneof deletes them, so code that switches on the case no longer compiles.",
            before: "message Payment {\n  oneof method {\n    string card = 1;\n    string iban = 2;\n  }\n}\n",
            after: "message Payment {\n  string card = 1;\n  string iban = 2;\n}\n",
            evolve: "Keep the oneof; add new members to it or deprecate its fields instead of dissolving it.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, prev), (file, cur)) in util::message_pairs(ctx) {
        let now: HashSet<&str> = cur.oneofs.iter().map(|o| o.name.as_str()).collect();
        for old in &prev.oneofs {
            if old.synthetic || now.contains(old.name.as_str()) {
                continue;
            }
            sink.report(
                file,
                &cur.path,
                format!("{}.{}", cur.full_name, old.name),
                format!(
                    "Previously present oneof \"{}\" on message \"{}\" was deleted.",
                    old.name, cur.name
                ),
            );
        }
    }
}
