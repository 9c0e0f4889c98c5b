//! FILE_SAME_OBJC_CLASS_PREFIX: A file must keep its `objc_class_prefix` option (the Objective-C class prefix).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_OBJC_CLASS_PREFIX",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `objc_class_prefix` option (the Objective-C class prefix).",
            why: "Generated Objective-C classes are renamed, breaking every reference to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption objc_class_prefix = \"AXX\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption objc_class_prefix = \"AOX\";\n",
            evolve: "Keep `objc_class_prefix` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.objc_class_prefix`.
const FIELD: i32 = 36;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "objc_class_prefix", |o| {
        o.objc_class_prefix().to_string()
    });
}
