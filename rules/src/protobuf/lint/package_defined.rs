//! PACKAGE_DEFINED: every file declares a package.

use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_DEFINED",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["MINIMAL", "BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Every file must declare a package.",
            why: "Without a package every type lands in the global namespace, where names from \
                  unrelated schemas collide as soon as they are compiled together, and \
                  generators must guess where to put the code.",
            before: "syntax = \"proto3\";\n\nmessage Order {}",
            after: "syntax = \"proto3\";\n\npackage acme.order.v1;\n\nmessage Order {}",
            evolve: "Adding a package changes every type's full name, which is a wire-visible \
                     change for Any, gRPC paths and JSON type URLs: add it before the schema is \
                     published, or introduce the types anew in a packaged file.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        if file.package.is_empty() {
            sink.report_span(
                file,
                crate::finding::Span::FILE_START,
                &[],
                "",
                "Files must have a package defined.",
            );
        }
    }
}
