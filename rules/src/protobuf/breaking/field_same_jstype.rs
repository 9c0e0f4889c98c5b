//! FIELD_SAME_JSTYPE: A 64-bit integer field keeps its `jstype` option.

use super::pairs::{field_pairs, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_JSTYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A 64-bit integer field keeps its `jstype` option."#,
            why: r#"`jstype` decides whether JavaScript code sees a 64-bit integer as a string or a number; changing it changes the generated JavaScript type and breaks code that uses the field."#,
            before: r#"message Order {
  int64 total = 1 [jstype = JS_STRING];
}
"#,
            after: r#"message Order {
  int64 total = 1;
}
"#,
            evolve: r#"Keep `jstype`; for another JavaScript representation add a new field."#,
        },
    },
    check,
};

fn is_64_bit_integer(t: FieldType) -> bool {
    matches!(
        t,
        FieldType::Int64
            | FieldType::Sint64
            | FieldType::Uint64
            | FieldType::Fixed64
            | FieldType::Sfixed64
    )
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        if !is_64_bit_integer(p.field.ty) || !is_64_bit_integer(c.field.ty) {
            continue;
        }
        let before = p.field.options.jstype().as_str_name();
        let after = c.field.options.jstype().as_str_name();
        if before != after {
            let span = c.option_span(JSTYPE).or_else(|| c.span());
            report_at(
                sink,
                c.file,
                span,
                &c.field.path,
                c.logical(),
                format!(
                    "{} changed option \"jstype\" from {before:?} to {after:?}.",
                    c.description()
                ),
            )
            .change(before, after);
        }
    }
}

/// `FieldOptions.jstype`.
const JSTYPE: i32 = 6;
