//! FILE_LOWER_SNAKE_CASE: File names are lower_snake_case.

use super::util::{report_file, to_lower_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "FILE_LOWER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "File names are lower_snake_case.",
            why: "File names become generated file and module names; mixed case breaks on case-insensitive file systems and produces inconsistent import paths.",
            before: r#"// acme/v1/OrderService.proto
syntax = "proto3";"#,
            after: r#"// acme/v1/order_service.proto
syntax = "proto3";"#,
            evolve: "Renaming a file changes its import path, breaking every file that imports it (and, for some languages, generated module names). Rename early, and update all importers in the same change.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        let base = file.name.rsplit('/').next().unwrap_or(&file.name);
        let (stem, ext) = match base.rfind('.') {
            Some(dot) => base.split_at(dot),
            None => (base, ""),
        };
        let expected = to_lower_snake_case(stem);
        if stem != expected {
            report_file(
                sink,
                file,
                format!(
                    "Filename \"{base}\" should be lower_snake_case{ext}, such as \"{expected}{ext}\"."
                ),
            )
            .change(base, format!("{expected}{ext}"));
        }
    }
}
