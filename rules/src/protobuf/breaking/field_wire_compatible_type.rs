//! FIELD_WIRE_COMPATIBLE_TYPE: A field's type only changes to one with the same binary encoding.

use super::pairs::{
    check_enum_type_change, field_pairs, report_changed_type, report_changed_type_name, wire_group,
};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_WIRE_COMPATIBLE_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field's type only changes to one with the same binary encoding."#,
            why: r#"Some types share a wire encoding: int32, int64, uint32, uint64 and bool are all varints; sint32 and sint64 zigzag varints; fixed32 and sfixed32, fixed64 and sfixed64 fixed-width; string can become bytes. Any other change makes old and new binaries misread each other's data."#,
            before: r#"message Order {
  int32 quantity = 1;
  bytes note = 2;
}
"#,
            after: r#"message Order {
  sint32 quantity = 1; // zigzag varint: old readers decode other numbers
  string note = 2;     // bytes may not be valid UTF-8
}
"#,
            evolve: r#"Stay within the type's wire-compatibility group; to change the encoding, add a new field under a new number, migrate writers and readers, then reserve the old number."#,
        },
    },
    check,
};

const WIRE_RULES: &str = "See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.";

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        let (pk, ck) = (p.kind(), c.kind());
        if wire_group(pk) != wire_group(ck) {
            match (pk, ck) {
                // string -> bytes is safe: every string is valid bytes.
                (FieldType::String, FieldType::Bytes) => {}
                (FieldType::Bytes, FieldType::String) => {
                    let extra = format!(
                        "{WIRE_RULES} Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these fields may be incompatible."
                    );
                    report_changed_type(sink, &p, &c, &extra);
                }
                _ => report_changed_type(sink, &p, &c, WIRE_RULES),
            }
            continue;
        }
        if p.field.type_name == c.field.type_name {
            continue;
        }
        match c.field.ty {
            FieldType::Enum => check_enum_type_change(ctx, sink, &p, &c),
            FieldType::Group | FieldType::Message => report_changed_type_name(sink, &p, &c),
            _ => {}
        }
    }
}
