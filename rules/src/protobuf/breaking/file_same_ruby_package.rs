//! FILE_SAME_RUBY_PACKAGE: A file must keep its `ruby_package` option (the Ruby module).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_RUBY_PACKAGE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `ruby_package` option (the Ruby module).",
            why: "Generated Ruby classes move to another module, breaking every reference to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption ruby_package = \"Acme::V1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption ruby_package = \"Acme::Orders\";\n",
            evolve: "Keep `ruby_package` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.ruby_package`.
const FIELD: i32 = 45;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "ruby_package", |o| {
        o.ruby_package().to_string()
    });
}
