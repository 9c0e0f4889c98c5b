//! FILE_SAME_GO_PACKAGE: A file must keep its `go_package` option (the Go import path and package name).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_GO_PACKAGE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `go_package` option (the Go import path and package name).",
            why: "Generated Go code moves to another import path or package name, breaking every Go import of it. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption go_package = \"example.com/acme/v1;acmev1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption go_package = \"example.com/acme/orders/v1;ordersv1\";\n",
            evolve: "Keep `go_package` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.go_package`.
const FIELD: i32 = 11;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "go_package", |o| {
        o.go_package().to_string()
    });
}
