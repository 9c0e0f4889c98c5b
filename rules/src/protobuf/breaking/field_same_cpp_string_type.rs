//! FIELD_SAME_CPP_STRING_TYPE: A string or bytes field keeps its C++ string type (`ctype` or `features.(pb.cpp).string_type`).

use super::pairs::{FieldRef, both_kind, field_pairs, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{FieldType, Syntax};
use prost_types::field_options::CType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_CPP_STRING_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &["FIELD_SAME_CTYPE"],
        doc: RuleDoc {
            summary: r#"A string or bytes field keeps its C++ string type (`ctype` or `features.(pb.cpp).string_type`)."#,
            why: r#"The C++ string type (STRING, CORD, VIEW, STRING_PIECE) decides the generated C++ accessors; changing it breaks C++ code that uses the field. Moving from STRING_PIECE to STRING is allowed."#,
            before: r#"message Blob {
  bytes data = 1 [ctype = CORD];
}
"#,
            after: r#"message Blob {
  bytes data = 1;
}
"#,
            evolve: r#"Keep the string type; when moving to editions, replace `ctype` by the equivalent `features.(pb.cpp).string_type`."#,
        },
    },
    check,
};

/// `FieldOptions.ctype`.
const CTYPE: i32 = 1;

/// The C++ string type and whether it is the legacy STRING_PIECE.
fn string_type(f: &FieldRef) -> (String, bool) {
    // Edition 2024 drops `ctype` and makes VIEW the default.
    let edition_2024 = matches!(f.file.syntax, Syntax::Editions(y) if y >= 2024);
    if f.field.options.ctype.is_some() && !edition_2024 {
        match f.field.options.ctype() {
            CType::Cord => return ("CORD".into(), false),
            CType::StringPiece => return ("STRING".into(), true),
            CType::String => return ("STRING".into(), false),
        }
    }
    let written = f.explicit_feature("(pb.cpp).string_type");
    let default = if edition_2024 { "VIEW" } else { "STRING" };
    (written.unwrap_or_else(|| default.into()), false)
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    const STRINGS: &[FieldType] = &[FieldType::String, FieldType::Bytes];
    for (p, c) in field_pairs(ctx) {
        // Map entries cannot configure the string type.
        if p.in_map_entry() && c.in_map_entry() {
            continue;
        }
        if !both_kind(&p, &c, STRINGS) {
            continue;
        }
        let (pt, pp) = string_type(&p);
        let (ct, cp) = string_type(&c);
        // STRING_PIECE -> STRING is safe.
        if (pt == ct && pp == cp) || (pp && ct == "STRING" && !cp) {
            continue;
        }
        let before = if pp { "STRING_PIECE".to_string() } else { pt };
        let after = if cp { "STRING_PIECE".to_string() } else { ct };
        let span = c
            .option_span(CTYPE)
            .or_else(|| c.feature_span("(pb.cpp).string_type"))
            .or_else(|| c.span());
        report_at(
            sink,
            c.file,
            span,
            &c.field.path,
            c.logical(),
            format!(
                "{} changed C++ string type from {before:?} to {after:?}.",
                c.description()
            ),
        )
        .change(before, after);
    }
}
