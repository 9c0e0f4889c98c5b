//! Avro: `.avsc` parsing with full validation (`parse.rs`) into an arena model
//! (`model.rs`), reader/writer resolution exactly as Apache Avro's reference checker
//! (`compat.rs`, rule entries in `breaking/`), and style rules (`lint/`, one file per rule).

pub mod breaking;
pub mod compat;
mod fasthash;
pub mod lint;
pub mod model;
pub mod parse;
pub mod run;
mod tree;

pub use compat::{IncompatKind, Incompatibility, Outcome, check};
pub use model::Schema;
pub use parse::{AvroError, load, parse};

use crate::compat::ReaderWriter;
use crate::finding::{Finding, Format, Location, RuleKind, Severity};

impl Schema {
    /// A finding located at `pointer` in this schema's file.
    pub fn finding(&self, rule: &str, kind: RuleKind, message: String, pointer: &str) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity: Severity::Error,
            kind,
            format: Format::Avro,
            message,
            location: Location {
                file: self.file.to_string(),
                span: self.span(pointer),
                path: if pointer.is_empty() {
                    "/".into()
                } else {
                    pointer.to_string()
                },
            },
            before: None,
            after: None,
            against: None,
        }
    }
}

/// Turns the reference's incompatibilities into findings located in the reader's file.
pub fn findings(reader: &Schema, outcome: &Outcome) -> Vec<Finding> {
    outcome
        .incompatibilities
        .iter()
        .map(|i| {
            let pointer = if i.location == "/" { "" } else { &i.location };
            let mut f = reader.finding(i.kind.id(), RuleKind::Breaking, describe(i), pointer);
            f.location.path = i.location.to_string();
            f.before = i.before.as_ref().map(|s| s.to_string());
            f.after = i.after.as_ref().map(|s| s.to_string());
            f
        })
        .collect()
}

impl ReaderWriter for Schema {
    fn incompatibilities(reader: &Schema, writer: &Schema) -> Vec<Finding> {
        findings(reader, &check(reader, writer))
    }
}

/// A finding's message: the reference's facts, in a sentence.
fn describe(i: &Incompatibility) -> String {
    let b = i.before.as_deref().unwrap_or("?");
    let a = i.after.as_deref().unwrap_or("?");
    match i.kind {
        IncompatKind::NameMismatch => format!(
            "reader type `{a}` does not match writer type `{b}` by name, and no reader alias names `{b}`"
        ),
        IncompatKind::FixedSizeMismatch => {
            format!("reader fixed has size {a} but the writer's has size {b}")
        }
        IncompatKind::MissingEnumSymbols => format!(
            "writer enum symbols {b} are missing from the reader's enum, which has no default symbol"
        ),
        IncompatKind::ReaderFieldMissingDefaultValue => {
            format!("reader field `{a}` has no default and the writer has no such field")
        }
        IncompatKind::TypeMismatch => {
            format!("reader type {a} cannot read writer type {b}")
        }
        IncompatKind::MissingUnionBranch => {
            format!("reader union has no branch that reads writer type {b}")
        }
    }
}
