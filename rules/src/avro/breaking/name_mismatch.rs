//! NAME_MISMATCH: A record, enum or fixed is read under a different name than it was written with.

use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static META: RuleMeta = RuleMeta {
    id: "NAME_MISMATCH",
    kind: RuleKind::Breaking,
    formats: &[Format::Avro],
    categories: &["COMPATIBILITY"],
    default_severity: Severity::Error,
    aliases: &[],
    doc: RuleDoc {
        summary: "A record, enum or fixed is read under a different name than it was written with.",
        why: "Avro resolves named types by name: a reader whose record, enum or fixed has another (unqualified) name than the writer's, and no alias naming the writer's full name, refuses the data instead of reading it.",
        before: r#"{"type": "record", "name": "Customer", "fields": []}"#,
        after: r#"{"type": "record", "name": "Client", "fields": []}"#,
        evolve: "To rename a type, keep the old full name in the new type's `aliases` (for example `\"aliases\": [\"acme.Customer\"]`) so readers with the new name still resolve data written under the old one.",
    },
};
