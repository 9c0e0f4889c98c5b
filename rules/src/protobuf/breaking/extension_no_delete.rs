//! EXTENSION_NO_DELETE: An extension declared in a file must not be removed from that file.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::HashSet;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "EXTENSION_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An extension declared in a file must not be removed from that file.",
            why: "Code generated from the file exposes every extension as a symbol (a Go variable, a Java static field, a C++ identifier). Removing the extension deletes that symbol, so code that sets or reads it no longer compiles, and the extension number becomes free for reuse with another type.",
            before: "syntax = \"proto2\";\npackage acme.v1;\nmessage Order { extensions 100 to 199; }\nextend Order { optional string note = 100; }\n",
            after: "syntax = \"proto2\";\npackage acme.v1;\nmessage Order { extensions 100 to 199; }\n",
            evolve: "Keep the extension and mark it `[deprecated = true]`; stop writing it, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (prev, cur) in util::file_pairs(ctx) {
        let now: HashSet<String> = util::extensions_by_nested_name(cur)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        for (name, old) in util::extensions_by_nested_name(prev) {
            if now.contains(&name) {
                continue;
            }
            let (span, path) = util::deleted_element_location(cur, &name);
            sink.report_span(
                cur,
                span,
                &path,
                old.full_name.clone(),
                format!("Previously present extension \"{name}\" was deleted from file."),
            );
        }
    }
}
