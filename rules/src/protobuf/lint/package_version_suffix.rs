//! PACKAGE_VERSION_SUFFIX: The last component of every package is a version such as `v1`, `v1beta1`, `v1p1alpha1` or `v1test`.

use super::util::{package_version, report_exact};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_VERSION_SUFFIX",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "The last component of every package is a version such as `v1`, `v1beta1`, `v1p1alpha1` or `v1test`.",
            why: "A version in the package lets a new, incompatible major version live beside the old one (`acme.v2` next to `acme.v1`) instead of forcing a breaking change on every client, and it tells users how stable the API is.",
            before: "package acme.order;",
            after: "package acme.order.v1;",
            evolve: "Moving types to a versioned package changes their full names and RPC paths. Do it before the first release, or publish the versioned package beside the old one and migrate clients.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        let package = &file.package;
        if package.is_empty() || package_version(package).is_some() {
            continue;
        }
        report_exact(
            sink,
            file,
            &[tag::FILE_PACKAGE],
            package.clone(),
            format!(
                "Package name \"{package}\" should be suffixed with a correctly formed version, such as \"{package}.v1\"."
            ),
        );
    }
}
