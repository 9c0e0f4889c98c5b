//! FILE_SAME_JAVA_GENERIC_SERVICES: A file must keep its `java_generic_services` option (Java generic service stubs).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_JAVA_GENERIC_SERVICES",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `java_generic_services` option (Java generic service stubs).",
            why: "Turning it off removes the generated Java service classes; turning it on adds classes that can clash with plugin-generated ones. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption java_generic_services = true;\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption java_generic_services = false;\n",
            evolve: "Keep `java_generic_services` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.java_generic_services`.
const FIELD: i32 = 17;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "java_generic_services", |o| {
        o.java_generic_services().to_string()
    });
}
