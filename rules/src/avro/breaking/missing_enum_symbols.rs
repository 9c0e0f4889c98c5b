//! MISSING_ENUM_SYMBOLS: The writer's enum has symbols the reader's enum lacks, and the reader has no enum default.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "MISSING_ENUM_SYMBOLS",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "The writer's enum has symbols the reader's enum lacks, and the reader has no enum default.",
        why: "A reader that meets a symbol it does not know fails to decode the record unless its enum declares a `default` symbol to fall back to.",
        before: r#"{"type": "enum", "name": "Status", "symbols": ["OPEN", "CLOSED", "ARCHIVED"]}"#,
        after: r#"{"type": "enum", "name": "Status", "symbols": ["OPEN", "CLOSED"]}"#,
        evolve: "Only remove enum symbols once no data carrying them can still be read, or give the enum a `default` symbol (from the first version on) so readers map unknown symbols to it.",
    },
};
