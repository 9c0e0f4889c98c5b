//! PACKAGE_ENUM_NO_DELETE: An enum must not be removed from its package.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{Enum, File};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "PACKAGE_ENUM_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "An enum must not be removed from its package.",
            why: "Code refers to enums by package-qualified name. Deleting an enum from the package removes the type from generated code and breaks every field and caller using it; moving it between files of the package is allowed by this rule.",
            before: "package acme.v1;\nenum Status { STATUS_UNSPECIFIED = 0; }\nenum Color { COLOR_UNSPECIFIED = 0; }\n",
            after: "package acme.v1;\nenum Status { STATUS_UNSPECIFIED = 0; }\n",
            evolve: "Keep the enum (it may move between files of the package), deprecate it, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_package_deletions(ctx, sink, "enum", false, |f: &File| {
        f.enums
            .iter()
            .map(|e| (e.nested_name.clone(), e))
            .collect::<Vec<(String, &Enum)>>()
    });
}
