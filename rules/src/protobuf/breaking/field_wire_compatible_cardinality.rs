//! FIELD_WIRE_COMPATIBLE_CARDINALITY: A field's cardinality only changes in ways the binary encoding tolerates.

use super::pairs::{Cardinality, check_cardinality};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_WIRE_COMPATIBLE_CARDINALITY",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["WIRE"],
        default_severity: Severity::Error,
        aliases: &["FIELD_SAME_LABEL"],
        doc: RuleDoc {
            summary: r#"A field's cardinality only changes in ways the binary encoding tolerates."#,
            why: r#"Parsers read singular fields (explicit or implicit presence) alike on the wire, and repeated fields and maps alike, but a singular field read as repeated (or the reverse) loses or garbles values, and a required field added or removed makes messages fail to parse on one side."#,
            before: r#"message Order {
  int32 quantity = 1;
}
"#,
            after: r#"message Order {
  repeated int32 quantity = 1;
}
"#,
            evolve: r#"Keep the field singular or repeated as it was; for a list, add a new repeated field under a new number and deprecate the old one."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    check_cardinality(ctx, sink, Cardinality::wire_group);
}
