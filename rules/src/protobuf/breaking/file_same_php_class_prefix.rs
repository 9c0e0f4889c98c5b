//! FILE_SAME_PHP_CLASS_PREFIX: A file must keep its `php_class_prefix` option (the PHP class prefix).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_PHP_CLASS_PREFIX",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `php_class_prefix` option (the PHP class prefix).",
            why: "Generated PHP classes are renamed, breaking every reference to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption php_class_prefix = \"Acme\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption php_class_prefix = \"AcmeOrders\";\n",
            evolve: "Keep `php_class_prefix` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.php_class_prefix`.
const FIELD: i32 = 40;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "php_class_prefix", |o| {
        o.php_class_prefix().to_string()
    });
}
