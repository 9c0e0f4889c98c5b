//! ENUM_NO_DELETE: An enum declared in a file must not be removed from that file.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An enum declared in a file must not be removed from that file.",
            why: "Generated code defines a type for every enum in the code of the file that declares it. Deleting the enum (or moving it to another file) removes that type, so code that names it no longer compiles, and fields typed with it can no longer be declared.",
            before: "syntax = \"proto3\";\npackage acme.v1;\nenum Status { STATUS_UNSPECIFIED = 0; STATUS_OK = 1; }\nenum Color { COLOR_UNSPECIFIED = 0; }\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\nenum Status { STATUS_UNSPECIFIED = 0; STATUS_OK = 1; }\n",
            evolve: "Keep the enum, mark it `option deprecated = true;` and stop using it; remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (prev, cur) in util::file_pairs(ctx) {
        let now: HashSet<&str> = cur.enums.iter().map(|e| e.nested_name.as_str()).collect();
        for old in &prev.enums {
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
                    "Previously present enum \"{}\" was deleted from file.",
                    old.nested_name
                ),
            );
        }
    }
}
