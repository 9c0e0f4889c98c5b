//! FIELD_NOT_REQUIRED: Fields are not `required` (proto2 `required` or editions `LEGACY_REQUIRED` presence).

use super::util::{fields, report_exact, sub};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{Field, File, Label, Syntax};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "FIELD_NOT_REQUIRED",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Fields are not `required` (proto2 `required` or editions `LEGACY_REQUIRED` presence).",
            why: "A required field can never be removed or made optional: every reader built with the old schema rejects messages without it, so a required field freezes that part of the schema forever. Validation belongs in application code or in annotations such as protovalidate.",
            before: r#"syntax = "proto2";

message Order {
  required string id = 1;
}"#,
            after: r#"syntax = "proto2";

message Order {
  optional string id = 1;
}"#,
            evolve: "Changing an existing required field to optional is itself unsafe while old readers remain; make new fields optional from the start and enforce presence with validation.",
        },
    },
    check,
};

/// Whether a field has required cardinality: a proto2 `required` label, or editions presence
/// `LEGACY_REQUIRED`.
fn is_required(file: &File, f: &Field) -> bool {
    match file.syntax {
        Syntax::Editions(_) => {
            f.extendee.is_none() && file.feature(&f.path, "field_presence") == "LEGACY_REQUIRED"
        }
        _ => f.label == Label::Required,
    }
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for (f, _) in fields(file) {
            if is_required(file, f) {
                report_exact(
                    sink,
                    file,
                    &sub(&f.path, &[tag::FIELD_NAME]),
                    f.full_name.clone(),
                    format!("Field named \"{}\" should not be required.", f.name),
                );
            }
        }
    }
}
