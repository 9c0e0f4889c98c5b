//! PACKAGE_SAME_JAVA_PACKAGE: all files of a package agree on `option java_package`.

use super::package_util::same_option_value;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_SAME_JAVA_PACKAGE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "All files of a package must set `option java_package` to the same value, or all leave it unset.",
            why: "The Java code of one protobuf package must share one package; files that \
                  disagree split the package's generated code, so types of one package cannot \
                  see each other or land in unexpected places.",
            before: "// a.proto\npackage acme.order.v1;\noption java_package = \"com.acme.order\";\n\n// b.proto\npackage acme.order.v1;\noption java_package = \"com.acme.orders\";",
            after: "// a.proto\npackage acme.order.v1;\noption java_package = \"com.acme.order\";\n\n// b.proto\npackage acme.order.v1;\noption java_package = \"com.acme.order\";",
            evolve: "Pick one value and set it in every file of the package. Changing the value \
                     moves the generated Java code, which is a source-breaking change for Java \
                     users: make it in one release for the whole package.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    same_option_value(ctx.image, sink, 1, "java_package", |f| {
        f.options.java_package().to_string()
    });
}
