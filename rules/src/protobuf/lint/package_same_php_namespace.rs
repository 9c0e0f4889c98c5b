//! PACKAGE_SAME_PHP_NAMESPACE: all files of a package agree on `option php_namespace`.

use super::package_util::same_option_value;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_SAME_PHP_NAMESPACE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "All files of a package must set `option php_namespace` to the same value, or all leave it unset.",
            why: "The PHP code of one protobuf package must share one namespace; files that \
                  disagree split the package's generated code, so types of one package cannot \
                  see each other or land in unexpected places.",
            before: "// a.proto\npackage acme.order.v1;\noption php_namespace = \"Acme\\\\Order\";\n\n// b.proto\npackage acme.order.v1;\noption php_namespace = \"Acme\\\\Orders\";",
            after: "// a.proto\npackage acme.order.v1;\noption php_namespace = \"Acme\\\\Order\";\n\n// b.proto\npackage acme.order.v1;\noption php_namespace = \"Acme\\\\Order\";",
            evolve: "Pick one value and set it in every file of the package. Changing the value \
                     moves the generated PHP code, which is a source-breaking change for PHP \
                     users: make it in one release for the whole package.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    same_option_value(ctx.image, sink, 41, "php_namespace", |f| {
        f.options.php_namespace().to_string()
    });
}
