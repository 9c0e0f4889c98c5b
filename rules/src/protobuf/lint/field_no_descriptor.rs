//! FIELD_NO_DESCRIPTOR: no field is named `descriptor` in any capitalization, with any
//! number of leading or trailing underscores (buf v1beta1).

use super::util::{fields, report_exact, sub};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "FIELD_NO_DESCRIPTOR",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        // Only buf v1beta1 configurations select it through categories (MINIMAL, BASIC,
        // DEFAULT, SENSIBLE: see config.rs); later versions by its id alone.
        categories: &[],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "No field is named `descriptor` in any capitalization, with any number \
                      of leading or trailing underscores (a buf v1beta1 rule).",
            why: "Generated message classes have a `descriptor` member in several languages \
                  (Python's `DESCRIPTOR`, Java's `getDescriptor()`); a field of that name \
                  collides with it, and generators rename the accessor or fail.",
            before: "message Doc {\n  string descriptor = 1;\n  string _Descriptor_ = 2;\n}",
            after: "message Doc {\n  string description = 1;\n  string type_descriptor = 2;\n}",
            evolve: "Renaming a field keeps the binary format but changes generated code and \
                     the JSON name. Rename it before the first release, or reserve the old \
                     name and add a new field.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for (f, _) in fields(file) {
            if !f.name.trim_matches('_').eq_ignore_ascii_case("descriptor") {
                continue;
            }
            report_exact(
                sink,
                file,
                &sub(&f.path, &[tag::FIELD_NAME]),
                f.full_name.clone(),
                format!(
                    "Field name {:?} cannot be any capitalization of \"descriptor\" with any number of prefix or suffix underscores.",
                    f.name
                ),
            );
        }
    }
}
