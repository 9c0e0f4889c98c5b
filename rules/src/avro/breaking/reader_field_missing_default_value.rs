//! READER_FIELD_MISSING_DEFAULT_VALUE: The reader has a field the writer lacks, and the field has no default.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "READER_FIELD_MISSING_DEFAULT_VALUE",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "The reader has a field the writer lacks, and the field has no default.",
        why: "When data written without a field is read, the reader fills the field from its default; with no default there is nothing to fill it with and decoding fails.",
        before: r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}"#,
        after: r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}, {"name": "total", "type": "long"}]}"#,
        evolve: "Add new fields with a `default` (for optional values, a union with null first and `\"default\": null`). To rename a field, keep the old name in the field's `aliases`.",
    },
};
