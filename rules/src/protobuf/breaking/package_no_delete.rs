//! PACKAGE_NO_DELETE: A package must not be removed entirely.

use super::BreakingRule;
use super::Ctx;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "PACKAGE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A package must not be removed entirely.",
            why: "Every generated artifact of a package (Go package, Java package, Python module tree) disappears with it, and every import of any of its files breaks.",
            before: "// acme/v1/order.proto\nsyntax = \"proto3\";\npackage acme.v1;\n\n// acme/legacy/old.proto\nsyntax = \"proto3\";\npackage acme.legacy;\n",
            after: "// acme/v1/order.proto (acme/legacy/old.proto deleted: no file is in acme.legacy any more)\nsyntax = \"proto3\";\npackage acme.v1;\n",
            evolve: "Keep at least the package's files with deprecated contents until every consumer has moved, then remove it as part of a planned major change.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (package, files) in &ctx.previous.packages {
        if ctx.current.packages.contains_key(package) {
            continue;
        }
        let first = files.iter().map(|f| f.name.as_str()).min();
        sink.report_unlocated(
            first,
            package.to_string(),
            format!("Previously present package \"{package}\" was deleted."),
        );
    }
}
