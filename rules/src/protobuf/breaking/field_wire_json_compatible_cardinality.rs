//! FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY: A field's cardinality only changes in ways both the binary and the JSON encoding tolerate.

use super::pairs::{Cardinality, check_cardinality};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &["FIELD_SAME_LABEL"],
        doc: RuleDoc {
            summary: r#"A field's cardinality only changes in ways both the binary and the JSON encoding tolerate."#,
            why: r#"On top of the binary rules, JSON writes a repeated field as an array and a map as an object, so turning one into the other breaks JSON clients even though the bytes on the wire still parse."#,
            before: r#"message Order {
  map<string, string> labels = 1;
}
"#,
            after: r#"message Order {
  repeated Label labels = 1; // same wire form, but an array instead of an object in JSON
}
"#,
            evolve: r#"Add the new shape as a new field with a new number and JSON name, deprecate the old field, and reserve it once clients have moved."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    check_cardinality(ctx, sink, Cardinality::wire_json_group);
}
