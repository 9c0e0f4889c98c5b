//! MISSING_UNION_BRANCH: The writer can write a type that the reader's union has no branch for.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "MISSING_UNION_BRANCH",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "The writer can write a type that the reader's union has no branch for.",
        why: "A reader union picks the first branch that can read the writer's value; if none can, a value of that type cannot be decoded, so data the writer may produce would fail.",
        before: r#"{"type": "record", "name": "Event", "fields": [{"name": "payload", "type": ["null", "string", "bytes"]}]}"#,
        after: r#"{"type": "record", "name": "Event", "fields": [{"name": "payload", "type": ["null", "string"]}]}"#,
        evolve: "Only add branches to a union in a reader-first order: widen the reader's union before any writer uses the new branch, and never remove a branch writers may still produce.",
    },
};
