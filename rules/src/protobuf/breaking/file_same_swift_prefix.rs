//! FILE_SAME_SWIFT_PREFIX: A file must keep its `swift_prefix` option (the Swift type prefix).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_SWIFT_PREFIX",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `swift_prefix` option (the Swift type prefix).",
            why: "Generated Swift types are renamed, breaking every reference to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption swift_prefix = \"AV1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption swift_prefix = \"AO\";\n",
            evolve: "Keep `swift_prefix` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.swift_prefix`.
const FIELD: i32 = 39;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "swift_prefix", |o| {
        o.swift_prefix().to_string()
    });
}
