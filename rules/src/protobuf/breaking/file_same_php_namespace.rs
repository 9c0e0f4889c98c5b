//! FILE_SAME_PHP_NAMESPACE: A file must keep its `php_namespace` option (the PHP namespace).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_PHP_NAMESPACE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `php_namespace` option (the PHP namespace).",
            why: "Generated PHP classes move to another namespace, breaking every `use` of them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption php_namespace = \"Acme\\\\V1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption php_namespace = \"Acme\\\\Orders\";\n",
            evolve: "Keep `php_namespace` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.php_namespace`.
const FIELD: i32 = 41;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "php_namespace", |o| {
        o.php_namespace().to_string()
    });
}
