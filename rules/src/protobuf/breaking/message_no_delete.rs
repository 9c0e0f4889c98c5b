//! MESSAGE_NO_DELETE: A message declared in a file must not be removed from that file.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "MESSAGE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A message declared in a file must not be removed from that file.",
            why: "Generated code defines a type for every message in the code of the file that declares it. Deleting the message (or moving it to another file) removes that type: code naming it no longer compiles, and languages that generate per-file classes (Java outer classes, Python modules) lose it even when it moved within the package.",
            before: "syntax = \"proto3\";\npackage acme.v1;\nmessage Order { string id = 1; }\nmessage Draft { string id = 1; }\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\nmessage Order { string id = 1; }\n",
            evolve: "Keep the message and mark it `option deprecated = true;`; stop referencing it, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (prev, cur) in util::file_pairs(ctx) {
        let now: HashSet<&str> = cur
            .messages
            .iter()
            .map(|m| m.nested_name.as_str())
            .collect();
        for old in &prev.messages {
            if now.contains(old.nested_name.as_str()) {
                continue;
            }
            let (span, path) = util::deleted_element_location(cur, &old.nested_name);
            sink.report_span(
                cur,
                span,
                &path,
                old.full_name.clone(),
                format!(
                    "Previously present message \"{}\" was deleted from file.",
                    old.nested_name
                ),
            );
        }
    }
}
