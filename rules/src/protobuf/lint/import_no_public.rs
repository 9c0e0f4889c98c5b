//! IMPORT_NO_PUBLIC: Imports are not `public`.

use super::util::report_exact;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "IMPORT_NO_PUBLIC",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Imports are not `public`.",
            why: "A public import re-exports another file's definitions, so users depend on types through a file that does not define them; several generators (Go among them) do not support it well, and moving or removing the re-export later breaks them.",
            before: r#"import public "acme/common/v1/money.proto";"#,
            after: r#"import "acme/common/v1/money.proto";"#,
            evolve: "Make every file import what it uses directly, then drop `public` from the re-exporting import.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for import in file.imports.iter().filter(|i| i.public) {
            report_exact(
                sink,
                file,
                &import.path,
                file.name.clone(),
                format!("Import \"{}\" must not be public.", import.name),
            );
        }
    }
}
