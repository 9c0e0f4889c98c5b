//! Per-schema-type behaviour behind one small trait: validating a schema, normalizing it
//! (`?normalize=true`), and deciding compatibility under a level with accord's engines.
//!
//! PROTOBUF runs accord's buf-compatible rules; AVRO and JSON answer "not yet supported"
//! until their engines (`accord_rules::avro`, `accord_rules::jsonschema`) are wired here.

use accord_rules::Finding;
use accord_rules::compat::Mode;
use accord_rules::config::{Policy, Section};
use accord_rules::finding::{Format, RuleKind};
use accord_rules::protobuf;
use std::sync::LazyLock;
use thiserror::Error;

/// One schema's text and the texts of what it references (import name → text, the
/// references of references included).
#[derive(Debug, Clone, Copy)]
pub struct SchemaText<'a> {
    pub text: &'a str,
    pub references: &'a [(String, String)],
}

/// Why a schema cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SchemaError {
    /// The schema does not parse or validate; the message names the position.
    #[error("{message}")]
    Invalid { message: String },
    /// A type this server knows of but cannot check yet.
    #[error("schema type {0} not yet supported")]
    Unsupported(String),
    /// Not a schema type at all.
    #[error("unknown schema type {0}")]
    Unknown(String),
}

/// What a schema type must provide.
pub trait SchemaKind: Send + Sync {
    /// The type's name as the API spells it (`PROTOBUF`).
    fn name(&self) -> &'static str;

    /// Checks that the schema parses and validates.
    fn validate(&self, schema: SchemaText<'_>) -> Result<(), SchemaError>;

    /// The text to store for `?normalize=true`.
    fn normalize(&self, schema: SchemaText<'_>) -> Result<String, SchemaError>;

    /// Why `new` may not follow `live` (the subject's live versions, oldest first, each with
    /// a label) under `mode`. `all` is every version the subject ever had, soft-deleted ones
    /// included, for checks that look at the whole history.
    fn check(
        &self,
        mode: Mode,
        new: SchemaText<'_>,
        live: &[(String, SchemaText<'_>)],
        all: &[(String, SchemaText<'_>)],
    ) -> Result<Vec<Finding>, SchemaError>;
}

/// The types `GET /schemas/types` lists.
pub const TYPES: [&str; 3] = ["JSON", "PROTOBUF", "AVRO"];

/// The implementation for a type name (`None` in a request means AVRO).
pub fn kind(name: &str) -> Result<&'static dyn SchemaKind, SchemaError> {
    match name.to_ascii_uppercase().as_str() {
        "PROTOBUF" => Ok(&Protobuf),
        "AVRO" | "JSON" => Err(SchemaError::Unsupported(name.to_ascii_uppercase())),
        _ => Err(SchemaError::Unknown(name.to_string())),
    }
}

/// Protobuf through accord's buf-compatible engine.
pub struct Protobuf;

/// The import path the registered schema compiles under (references keep their names).
const PROTO_NAME: &str = "schema.proto";

fn proto_name(schema: &SchemaText<'_>) -> String {
    let mut name = PROTO_NAME.to_string();
    while schema.references.iter().any(|(n, _)| *n == name) {
        name.insert(0, '_');
    }
    name
}

fn compile(schema: SchemaText<'_>) -> Result<protobuf::Loaded, SchemaError> {
    protobuf::load_text(&proto_name(&schema), schema.text, schema.references).map_err(|e| {
        SchemaError::Invalid {
            message: e.to_string(),
        }
    })
}

fn policy(use_: &[&str], except: &[&str]) -> Policy {
    let section = Section {
        use_: use_.iter().map(|s| s.to_string()).collect(),
        except: except.iter().map(|s| s.to_string()).collect(),
        ..Section::default()
    };
    // The names are the catalogue's own; a failure is a programming error caught by tests.
    Policy::resolve(
        Format::Protobuf,
        RuleKind::Breaking,
        Some(section),
        "registry",
    )
    .unwrap_or_else(|_| empty_policy())
}

fn empty_policy() -> Policy {
    let section = Section {
        disable_builtin: true,
        ..Section::default()
    };
    Policy::resolve(
        Format::Protobuf,
        RuleKind::Breaking,
        Some(section),
        "registry",
    )
    .expect("an empty policy always resolves")
}

const HISTORY_RULES: [&str; 2] = ["FIELD_NUMBER_NO_REUSE", "FIELD_NAME_NO_REUSE"];

/// BACKWARD (the new schema reads old data): buf's WIRE_JSON rules, new against old.
static READS_OLD: LazyLock<Policy> = LazyLock::new(|| policy(&["WIRE_JSON"], &HISTORY_RULES));

/// FORWARD (the old schema reads new data): the same rules with the roles swapped, less the
/// deletion rules: a field the old schema lacks is an unknown field it skips.
static READS_NEW: LazyLock<Policy> = LazyLock::new(|| {
    let mut p = policy(&["WIRE_JSON"], &HISTORY_RULES);
    p.rules.retain(|r| !r.id.contains("NO_DELETE"));
    p
});

/// Number and name reuse across the whole history, whatever the level.
static HISTORY: LazyLock<Policy> = LazyLock::new(|| policy(&HISTORY_RULES, &[]));

impl SchemaKind for Protobuf {
    fn name(&self) -> &'static str {
        "PROTOBUF"
    }

    fn validate(&self, schema: SchemaText<'_>) -> Result<(), SchemaError> {
        compile(schema).map(|_| ())
    }

    fn normalize(&self, schema: SchemaText<'_>) -> Result<String, SchemaError> {
        compile(schema)?;
        Ok(schema.text.trim().to_string())
    }

    fn check(
        &self,
        mode: Mode,
        new: SchemaText<'_>,
        live: &[(String, SchemaText<'_>)],
        all: &[(String, SchemaText<'_>)],
    ) -> Result<Vec<Finding>, SchemaError> {
        let current = compile(new)?;
        let previous = |label: &str, s: SchemaText<'_>| {
            compile(s).map_err(|e| SchemaError::Invalid {
                message: format!("{label} no longer compiles: {e}"),
            })
        };
        // Each earlier version compiles once, however many checks use it (FULL_TRANSITIVE
        // against a long history uses each twice, and the history rules once more).
        let mut compiled: Vec<Option<protobuf::Loaded>> = (0..live.len()).map(|_| None).collect();
        let mut out = Vec::new();
        for check in mode.checks(live.len()) {
            let (label, text) = &live[check.previous];
            if compiled[check.previous].is_none() {
                compiled[check.previous] = Some(previous(label, *text)?);
            }
            let Some(old) = compiled[check.previous].as_ref() else {
                continue;
            };
            let found = match check.direction {
                accord_rules::compat::Direction::NewReadsOld => {
                    protobuf::run::breaking(&current, &[(label.clone(), old)], &READS_OLD)
                }
                accord_rules::compat::Direction::OldReadsNew => {
                    let mut f = protobuf::run::breaking(
                        old,
                        &[("new schema".into(), &current)],
                        &READS_NEW,
                    );
                    for x in &mut f {
                        x.against = Some(label.clone());
                    }
                    f
                }
            };
            out.extend(found);
        }
        if all.len() >= 2 {
            let mut loaded: Vec<(String, protobuf::Loaded)> = Vec::with_capacity(all.len());
            for (label, s) in all {
                // Reuse a live version's compilation when the same label was compiled above.
                let reused = live
                    .iter()
                    .position(|(l, _)| l == label)
                    .and_then(|i| compiled[i].take());
                let l = match reused {
                    Some(l) => l,
                    None => previous(label, *s)?,
                };
                loaded.push((label.clone(), l));
            }
            let history: Vec<(String, &protobuf::Loaded)> =
                loaded.iter().map(|(l, x)| (l.clone(), x)).collect();
            out.extend(protobuf::run::breaking(&current, &history, &HISTORY));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> SchemaText<'_> {
        SchemaText {
            text: s,
            references: &[],
        }
    }

    #[test]
    fn policies_resolve_to_rules() {
        assert!(READS_OLD.rules.len() > 10);
        assert!(READS_NEW.rules.iter().all(|r| !r.id.contains("NO_DELETE")));
        assert_eq!(HISTORY.rules.len(), 2);
    }

    #[test]
    fn changing_a_field_type_is_backward_incompatible() {
        let v1 = "syntax = \"proto3\";\nmessage A { string a = 1; }\n";
        let v2 = "syntax = \"proto3\";\nmessage A { int64 a = 1; }\n";
        let live = [("version 1".to_string(), text(v1))];
        let found = Protobuf
            .check(Mode::Backward, text(v2), &live, &live)
            .expect("compiles");
        assert!(!found.is_empty());
        let none = Protobuf
            .check(Mode::None, text(v2), &live, &live)
            .expect("compiles");
        assert!(none.is_empty());
    }

    #[test]
    fn adding_a_field_is_fully_compatible() {
        let v1 = "syntax = \"proto3\";\nmessage A { string a = 1; }\n";
        let v2 = "syntax = \"proto3\";\nmessage A { string a = 1; int32 b = 2; }\n";
        let live = [("version 1".to_string(), text(v1))];
        let found = Protobuf
            .check(Mode::FullTransitive, text(v2), &live, &live)
            .expect("compiles");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn avro_and_json_are_not_yet_supported() {
        assert_eq!(
            kind("AVRO").err(),
            Some(SchemaError::Unsupported("AVRO".into()))
        );
        assert!(matches!(kind("XML"), Err(SchemaError::Unknown(_))));
    }
}
