//! FIELD_SAME_TYPE: A field keeps its type (scalar kind, or the message or enum it refers to).

use super::pairs::{field_pairs, report_changed_type, report_changed_type_name};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::FieldType;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_TYPE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field keeps its type (scalar kind, or the message or enum it refers to)."#,
            why: r#"Generated code exposes the field with its type: changing it breaks every caller at compile time, and old and new binaries decode each other's values wrongly or not at all."#,
            before: r#"message Order {
  int32 quantity = 1;
  Customer buyer = 2;
}
"#,
            after: r#"message Order {
  int64 quantity = 1;
  Person buyer = 2;
}
"#,
            evolve: r#"Add a field of the new type under a new number and name, write both for a while, deprecate the old one and reserve its number and name when it is no longer read."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        if p.kind() != c.kind() {
            report_changed_type(sink, &p, &c, "");
            continue;
        }
        if matches!(
            c.field.ty,
            FieldType::Enum | FieldType::Group | FieldType::Message
        ) && p.field.type_name != c.field.type_name
        {
            report_changed_type_name(sink, &p, &c);
        }
    }
}
