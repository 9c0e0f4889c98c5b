//! FIELD_WIRE_JSON_COMPATIBLE_TYPE: A field's type only changes to one with the same binary and JSON encoding.

use super::pairs::{
    check_enum_type_change, field_pairs, report_changed_type, report_changed_type_name,
    wire_json_group,
};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_WIRE_JSON_COMPATIBLE_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field's type only changes to one with the same binary and JSON encoding."#,
            why: r#"JSON is stricter than the wire: 64-bit integers are JSON strings while 32-bit ones are numbers, bool is true/false, sint types are their own group. Only int32/uint32, int64/uint64, fixed32/sfixed32 and fixed64/sfixed64 can be swapped without breaking either binary or JSON clients."#,
            before: r#"message Order {
  int32 quantity = 1;
}
"#,
            after: r#"message Order {
  int64 quantity = 1; // fine on the wire, but JSON now writes "5" instead of 5
}
"#,
            evolve: r#"Stay within the JSON-and-wire compatible pairs; otherwise add a new field and migrate clients."#,
        },
    },
    check,
};

const RULES: &str = "See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON compatibility rules.";

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        let (pk, ck) = (p.kind(), c.kind());
        if wire_json_group(pk) != wire_json_group(ck) {
            report_changed_type(sink, &p, &c, RULES);
            continue;
        }
        if p.field.type_name == c.field.type_name {
            continue;
        }
        match ck {
            FieldType::Enum => check_enum_type_change(ctx, sink, &p, &c),
            FieldType::Group | FieldType::Message => report_changed_type_name(sink, &p, &c),
            _ => {}
        }
    }
}
