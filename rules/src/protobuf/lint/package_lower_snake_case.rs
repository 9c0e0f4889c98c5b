//! PACKAGE_LOWER_SNAKE_CASE: Packages are lower_snake.case: dot-separated lower_snake_case components.

use super::util::{report_exact, to_lower_snake_case};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_LOWER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Packages are lower_snake.case: dot-separated lower_snake_case components.",
            why: "The package becomes the namespace of generated code in every language and the prefix of every RPC path; lower-case components map cleanly onto directories, Go import paths and Java packages.",
            before: "package Acme.OrderService.v1;",
            after: "package acme.order_service.v1;",
            evolve: "The package is part of every type's full name and every RPC path, so renaming it is breaking for JSON `Any`, reflection and gRPC. Choose the name before the first release, or publish a new package and migrate.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        let package = &file.package;
        if package.is_empty() {
            continue;
        }
        let expected = package
            .split('.')
            .map(to_lower_snake_case)
            .collect::<Vec<_>>()
            .join(".");
        if *package != expected {
            report_exact(
                sink,
                file,
                &[tag::FILE_PACKAGE],
                package.clone(),
                format!(
                    "Package name \"{package}\" should be lower_snake.case, such as \"{expected}\"."
                ),
            )
            .change(package.clone(), expected);
        }
    }
}
