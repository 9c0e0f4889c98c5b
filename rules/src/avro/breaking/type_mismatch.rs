//! TYPE_MISMATCH: A value is read as a type it cannot be resolved to.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "TYPE_MISMATCH",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "A value is read as a type it cannot be resolved to.",
        why: "Avro only resolves a writer's type to the same type or a promotion (int to long, float or double; long to float or double; float to double; string and bytes both ways); any other change makes the reader misinterpret the bytes, so it refuses them.",
        before: r#"{"type": "record", "name": "Order", "fields": [{"name": "total", "type": "long"}]}"#,
        after: r#"{"type": "record", "name": "Order", "fields": [{"name": "total", "type": "int"}]}"#,
        evolve: "Only widen types along Avro's promotions (int to long, long to double, …). For any other change add a new field with the new type and a default, and retire the old field later.",
    },
};
