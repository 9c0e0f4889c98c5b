//! PACKAGE_EXTENSION_NO_DELETE: An extension must not be removed from its package.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::File;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "PACKAGE_EXTENSION_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An extension must not be removed from its package.",
            why: "Extensions are referred to by package-qualified name in code and in options. Deleting one from the package removes its generated symbol and frees its number for conflicting reuse; moving it between files of the package is allowed by this rule.",
            before: "syntax = \"proto2\";\npackage acme.v1;\nextend Order { optional string note = 100; }\n",
            after: "syntax = \"proto2\";\npackage acme.v1;\n",
            evolve: "Keep the extension (it may move between files of the package), deprecate it, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_package_deletions(ctx, sink, "extension", false, |f: &File| {
        util::extensions_by_nested_name(f)
    });
}
