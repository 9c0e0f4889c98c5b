//! FILE_SAME_JAVA_PACKAGE: A file must keep its `java_package` option (the Java package).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_JAVA_PACKAGE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `java_package` option (the Java package).",
            why: "Generated Java classes move to another package, breaking every Java import. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption java_package = \"com.acme.v1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption java_package = \"com.acme.orders.v1\";\n",
            evolve: "Keep `java_package` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.java_package`.
const FIELD: i32 = 1;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "java_package", |o| {
        o.java_package().to_string()
    });
}
