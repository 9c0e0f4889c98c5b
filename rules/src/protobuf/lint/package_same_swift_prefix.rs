//! PACKAGE_SAME_SWIFT_PREFIX: all files of a package agree on `option swift_prefix`.

use super::package_util::same_option_value;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_SAME_SWIFT_PREFIX",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "All files of a package must set `option swift_prefix` to the same value, or all leave it unset.",
            why: "The Swift code of one protobuf package must share one prefix; files that \
                  disagree split the package's generated code, so types of one package cannot \
                  see each other or land in unexpected places.",
            before: "// a.proto\npackage acme.order.v1;\noption swift_prefix = \"AO\";\n\n// b.proto\npackage acme.order.v1;\noption swift_prefix = \"AOS\";",
            after: "// a.proto\npackage acme.order.v1;\noption swift_prefix = \"AO\";\n\n// b.proto\npackage acme.order.v1;\noption swift_prefix = \"AO\";",
            evolve: "Pick one value and set it in every file of the package. Changing the value \
                     moves the generated Swift code, which is a source-breaking change for Swift \
                     users: make it in one release for the whole package.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    same_option_value(ctx.image, sink, 39, "swift_prefix", |f| {
        f.options.swift_prefix().to_string()
    });
}
