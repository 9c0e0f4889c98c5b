//! FIXED_SIZE_MISMATCH: A fixed type is read with a different size than it was written with.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "FIXED_SIZE_MISMATCH",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "A fixed type is read with a different size than it was written with.",
        why: "A fixed value is a run of exactly `size` bytes with no length prefix; a reader expecting another size would read the wrong bytes and lose its place in the rest of the record, so Avro refuses it.",
        before: r#"{"type": "fixed", "name": "Hash", "size": 16}"#,
        after: r#"{"type": "fixed", "name": "Hash", "size": 32}"#,
        evolve: "Never change a fixed's size. Add a new field with a new fixed type (with a default), fill both for a while, then retire the old field.",
    },
};
