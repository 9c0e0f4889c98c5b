//! FILE_SAME_JAVA_OUTER_CLASSNAME: A file must keep its `java_outer_classname` option (the Java outer class name).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_JAVA_OUTER_CLASSNAME",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `java_outer_classname` option (the Java outer class name).",
            why: "The Java outer class is renamed, breaking every Java reference to it (and to nested types when java_multiple_files is off). An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption java_outer_classname = \"OrderProto\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption java_outer_classname = \"OrdersProto\";\n",
            evolve: "Keep `java_outer_classname` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.java_outer_classname`.
const FIELD: i32 = 8;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "java_outer_classname", |o| {
        o.java_outer_classname().to_string()
    });
}
