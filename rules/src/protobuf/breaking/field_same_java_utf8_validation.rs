//! FIELD_SAME_JAVA_UTF8_VALIDATION: A string field keeps the UTF-8 validation Java applies to it.

use super::pairs::{FieldRef, field_pairs, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{FieldType, Syntax};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_JAVA_UTF8_VALIDATION",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A string field keeps the UTF-8 validation Java applies to it."#,
            why: r#"Java checks UTF-8 either by `option java_string_check_utf8` (before editions), by `features.(pb.java).utf8_validation`, or by the standard `utf8_validation` feature. If the effective setting changes, Java code starts rejecting data it used to accept, or the reverse."#,
            before: r#"syntax = "proto2";
option java_string_check_utf8 = true;
message Order {
  optional string note = 1;
}
"#,
            after: r#"syntax = "proto2";
message Order {
  optional string note = 1;
}
"#,
            evolve: r#"Keep the effective setting: when moving to editions, replace `java_string_check_utf8` by `features.(pb.java).utf8_validation = VERIFY` on the file."#,
        },
    },
    check,
};

/// `FileOptions.java_string_check_utf8`.
const JAVA_STRING_CHECK_UTF8: i32 = 27;

/// What Java does with a string field's UTF-8: `VERIFY`, or the standard feature's value.
fn java_validation(f: &FieldRef) -> String {
    let standard = f.feature("utf8_validation");
    let editions = matches!(f.file.syntax, Syntax::Editions(_));
    let verify = if !editions || f.file.options.java_string_check_utf8.is_some() {
        f.file.options.java_string_check_utf8()
    } else {
        f.explicit_feature("(pb.java).utf8_validation").as_deref() == Some("VERIFY")
    };
    if verify {
        "VERIFY".to_string()
    } else {
        standard
    }
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        if p.kind() != FieldType::String || c.kind() != FieldType::String {
            continue;
        }
        let (before, after) = (java_validation(&p), java_validation(&c));
        if before != after {
            let span = span_at(c.file, &[tag::FILE_OPTIONS, JAVA_STRING_CHECK_UTF8])
                .or_else(|| c.feature_span("(pb.java).utf8_validation"))
                .or_else(|| c.span());
            report_at(
                sink,
                c.file,
                span,
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed Java string UTF8 validation from {before:?} to {after:?}.",
                    c.description()
                ),
            )
            .change(before, after);
        }
    }
}
