//! FILE_SAME_JAVA_MULTIPLE_FILES: A file must keep its `java_multiple_files` option (one Java file per type).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_JAVA_MULTIPLE_FILES",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `java_multiple_files` option (one Java file per type).",
            why: "Generated Java classes move between the outer class and top-level classes, breaking every Java reference to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption java_multiple_files = true;\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption java_multiple_files = false;\n",
            evolve: "Keep `java_multiple_files` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.java_multiple_files`.
const FIELD: i32 = 10;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "java_multiple_files", |o| {
        o.java_multiple_files().to_string()
    });
}
