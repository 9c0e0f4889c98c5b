//! SYNTAX_SPECIFIED: Every file states its `syntax` (or `edition`).

use super::util::report_file;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "SYNTAX_SPECIFIED",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Every file states its `syntax` (or `edition`).",
            why: "A file without a `syntax` statement is silently proto2, which surprises readers who expect proto3 semantics (field presence, default values, enum openness) and makes the file's meaning depend on a default.",
            before: r#"package acme.v1;

message Order {}"#,
            after: r#"syntax = "proto3";

package acme.v1;

message Order {}"#,
            evolve: r#"Adding `syntax = "proto2";` to such a file changes nothing; switching it to proto3 or editions changes semantics and deserves its own review."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        if !file.syntax_specified {
            report_file(
                sink,
                file,
                "Files must have a syntax explicitly specified. If no syntax is specified, the file defaults to \"proto2\".",
            );
        }
    }
}
