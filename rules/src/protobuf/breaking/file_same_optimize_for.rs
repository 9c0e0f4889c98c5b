//! FILE_SAME_OPTIMIZE_FOR: A file must keep its `optimize_for` option (the code-generation mode (SPEED, CODE_SIZE, LITE_RUNTIME)).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_OPTIMIZE_FOR",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `optimize_for` option (the code-generation mode (SPEED, CODE_SIZE, LITE_RUNTIME)).",
            why: "Switching modes changes the base classes and runtime of generated C++ and Java code (e.g. LITE_RUNTIME drops descriptors and reflection), which breaks code relying on them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption optimize_for = SPEED;\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption optimize_for = LITE_RUNTIME;\n",
            evolve: "Keep `optimize_for` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.optimize_for`.
const FIELD: i32 = 9;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "optimize_for", |o| {
        o.optimize_for().as_str_name().to_string()
    });
}
