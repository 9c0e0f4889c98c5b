//! FILE_SAME_CC_ENABLE_ARENAS: A file must keep its `cc_enable_arenas` option (C++ arena allocation).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_CC_ENABLE_ARENAS",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `cc_enable_arenas` option (C++ arena allocation).",
            why: "Changing it switches generated C++ between arena and heap allocation APIs, which breaks C++ code written against the old ones. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption cc_enable_arenas = true;\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption cc_enable_arenas = false;\n",
            evolve: "Keep `cc_enable_arenas` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.cc_enable_arenas`.
const FIELD: i32 = 31;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "cc_enable_arenas", |o| {
        o.cc_enable_arenas().to_string()
    });
}
