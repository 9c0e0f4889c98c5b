//! FILE_SAME_PHP_METADATA_NAMESPACE: A file must keep its `php_metadata_namespace` option (the PHP metadata namespace).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_PHP_METADATA_NAMESPACE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `php_metadata_namespace` option (the PHP metadata namespace).",
            why: "Generated PHP metadata classes move, breaking code and autoloading that refer to them. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption php_metadata_namespace = \"Acme\\\\V1\\\\Meta\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption php_metadata_namespace = \"Acme\\\\Orders\\\\Meta\";\n",
            evolve: "Keep `php_metadata_namespace` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.php_metadata_namespace`.
const FIELD: i32 = 44;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "php_metadata_namespace", |o| {
        o.php_metadata_namespace().to_string()
    });
}
