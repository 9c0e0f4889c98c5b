//! Per-schema-type behaviour behind one small trait: validating a schema, normalizing it
//! (`?normalize=true`), and deciding compatibility under a level with accord's engines.
//!
//! PROTOBUF runs accord's buf-compatible rules; AVRO and JSON run the reader/writer engines
//! (`accord_rules::avro`, Apache Avro's resolution rules; `accord_rules::jsonschema`,
//! Confluent's content-model rules) through the shared compatibility modes; OPENAPI (an
//! accord extension) runs accord's OpenAPI breaking-change checks the same way, so REST
//! contracts live in the same registry.

mod normalize;

use accord_rules::Finding;
use accord_rules::compat::Mode;
use accord_rules::protobuf;
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

/// The types `GET /schemas/types` lists: Confluent's three, then accord's extension.
pub const TYPES: [&str; 4] = ["JSON", "PROTOBUF", "AVRO", "OPENAPI"];

/// The implementation for a type name (`None` in a request means AVRO).
pub fn kind(name: &str) -> Result<&'static dyn SchemaKind, SchemaError> {
    match name.to_ascii_uppercase().as_str() {
        "PROTOBUF" => Ok(&Protobuf),
        "AVRO" => Ok(&AVRO),
        "JSON" => Ok(&JSON),
        "OPENAPI" => Ok(&OPENAPI),
        _ => Err(SchemaError::Unknown(name.to_string())),
    }
}

/// A reader/writer engine (Avro, JSON Schema) under a compatibility mode: parse the versions
/// the mode compares with, then let `compat::run_mode` make the checks.
fn reader_writer_check<S: accord_rules::compat::ReaderWriter>(
    parse: impl Fn(SchemaText<'_>, &str) -> Result<S, String>,
    mode: Mode,
    new: SchemaText<'_>,
    live: &[(String, SchemaText<'_>)],
) -> Result<Vec<Finding>, SchemaError> {
    let current = parse(new, "schema").map_err(|message| SchemaError::Invalid { message })?;
    // Non-transitive modes compare with the latest version only: parse just that one.
    let from = if mode.transitive() {
        0
    } else {
        live.len().saturating_sub(1)
    };
    let previous = live[from..]
        .iter()
        .map(|(label, text)| {
            parse(*text, label)
                .map(|s| (label.clone(), s))
                .map_err(|e| SchemaError::Invalid {
                    message: format!("{label} no longer parses: {e}"),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(accord_rules::compat::run_mode(mode, &current, &previous))
}

/// A schema type decided by a reader/writer engine: Avro (resolved as Apache Avro's reference
/// `SchemaCompatibility` does) and JSON Schema (Confluent's strict content-model policy).
pub struct ReaderWriterType<S> {
    name: &'static str,
    parse: fn(SchemaText<'_>, &str) -> Result<S, String>,
    /// The canonical text for `?normalize=true` (the schema is valid when it runs).
    canonical: fn(&str) -> Result<String, String>,
}

pub static AVRO: ReaderWriterType<accord_rules::avro::Schema> = ReaderWriterType {
    name: "AVRO",
    parse: |s, file| accord_rules::avro::parse(s.text, file).map_err(|e| e.to_string()),
    canonical: normalize::avro,
};

pub static JSON: ReaderWriterType<accord_rules::jsonschema::Schema> = ReaderWriterType {
    name: "JSON",
    parse: |s, file| accord_rules::jsonschema::parse(s.text, file).map_err(|e| e.to_string()),
    canonical: normalize::json,
};

pub static OPENAPI: ReaderWriterType<OpenApiDoc> = ReaderWriterType {
    name: "OPENAPI",
    parse: OpenApiDoc::load,
    // A description's layout carries meaning for readers (key order in YAML, comments):
    // normalizing keeps its text.
    canonical: |text| Ok(text.trim().to_string()),
};

/// An OpenAPI description as a reader/writer pair member: a new description "reads" an
/// old one when clients written against the old one keep working (BACKWARD: no breaking
/// change from old to new; FORWARD: none from new to old).
pub struct OpenApiDoc(accord_rules::openapi::Spec);

impl OpenApiDoc {
    /// Loads a registered description. `$ref`s to other files resolve only to the
    /// schema's references (by name): the server's file system is never read.
    fn load(s: SchemaText<'_>, label: &str) -> Result<OpenApiDoc, String> {
        use std::path::{Path, PathBuf};
        let root = PathBuf::from(label);
        let read = |p: &Path| -> std::io::Result<Vec<u8>> {
            if p == root {
                return Ok(s.text.as_bytes().to_vec());
            }
            s.references
                .iter()
                .find(|(name, _)| Path::new(name.trim_start_matches("./")) == p)
                .map(|(_, text)| text.as_bytes().to_vec())
                .ok_or_else(|| {
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        format!("{} is not among the schema's references", p.display()),
                    )
                })
        };
        accord_rules::openapi::load_with(&root, &read)
            .map(OpenApiDoc)
            .map_err(|e| e.to_string())
    }
}

impl accord_rules::compat::ReaderWriter for OpenApiDoc {
    fn incompatibilities(reader: &Self, writer: &Self) -> Vec<Finding> {
        accord_rules::openapi::breaking(
            &writer.0,
            &reader.0,
            &accord_rules::openapi::Options::default(),
        )
    }
}

impl<S: accord_rules::compat::ReaderWriter> SchemaKind for ReaderWriterType<S> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn validate(&self, schema: SchemaText<'_>) -> Result<(), SchemaError> {
        (self.parse)(schema, "schema")
            .map(|_| ())
            .map_err(|message| SchemaError::Invalid { message })
    }

    fn normalize(&self, schema: SchemaText<'_>) -> Result<String, SchemaError> {
        self.validate(schema)?;
        (self.canonical)(schema.text).map_err(|message| SchemaError::Invalid { message })
    }

    fn check(
        &self,
        mode: Mode,
        new: SchemaText<'_>,
        live: &[(String, SchemaText<'_>)],
        _all: &[(String, SchemaText<'_>)],
    ) -> Result<Vec<Finding>, SchemaError> {
        reader_writer_check(self.parse, mode, new, live)
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

impl SchemaKind for Protobuf {
    fn name(&self) -> &'static str {
        "PROTOBUF"
    }

    fn validate(&self, schema: SchemaText<'_>) -> Result<(), SchemaError> {
        compile(schema).map(|_| ())
    }

    fn normalize(&self, schema: SchemaText<'_>) -> Result<String, SchemaError> {
        compile(schema)?;
        Ok(normalize::protobuf(schema.text))
    }

    fn check(
        &self,
        mode: Mode,
        new: SchemaText<'_>,
        live: &[(String, SchemaText<'_>)],
        all: &[(String, SchemaText<'_>)],
    ) -> Result<Vec<Finding>, SchemaError> {
        let current = compile(new)?;
        // Compile each version once: live versions are a subset of all of them.
        let mut compiled: Vec<(String, protobuf::Loaded)> = Vec::with_capacity(all.len());
        for (label, text) in all.iter().chain(live) {
            if compiled.iter().any(|(l, _)| l == label) {
                continue;
            }
            let loaded = compile(*text).map_err(|e| SchemaError::Invalid {
                message: format!("{label} no longer compiles: {e}"),
            })?;
            compiled.push((label.clone(), loaded));
        }
        let pick = |versions: &[(String, SchemaText<'_>)]| -> Vec<(String, &protobuf::Loaded)> {
            versions
                .iter()
                .filter_map(|(label, _)| {
                    compiled
                        .iter()
                        .find(|(l, _)| l == label)
                        .map(|(l, x)| (l.clone(), x))
                })
                .collect()
        };
        Ok(protobuf::run::breaking_mode(
            &current,
            &pick(live),
            &pick(all),
            mode,
        ))
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
    fn avro_and_json_are_checked_by_their_engines() {
        let v1 = r#"{"type":"record","name":"A","fields":[{"name":"a","type":"string"}]}"#;
        let v2 = r#"{"type":"record","name":"A","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}"#;
        let live = [("version 1".to_string(), text(v1))];
        let found = AVRO.check(Mode::Backward, text(v2), &live, &live).unwrap();
        assert_eq!(found[0].rule, "READER_FIELD_MISSING_DEFAULT_VALUE");
        assert!(
            AVRO.check(Mode::Forward, text(v2), &live, &live)
                .unwrap()
                .is_empty()
        );
        assert!(AVRO.validate(text("{\"type\": \"nope\"}")).is_err());

        let j1 = r#"{"type":"object","properties":{"a":{"type":"string"}}}"#;
        let j2 = r#"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#;
        let live = [("version 1".to_string(), text(j1))];
        let found = JSON.check(Mode::Backward, text(j2), &live, &live).unwrap();
        assert_eq!(found[0].rule, "REQUIRED_ATTRIBUTE_ADDED");
        assert!(
            JSON.check(Mode::Forward, text(j2), &live, &live)
                .unwrap()
                .is_empty()
        );
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

    const PETS_V1: &str = r#"{"openapi":"3.0.3","info":{"title":"pets","version":"1"},
      "paths":{"/pets":{"get":{"responses":{"200":{"description":"ok"}}}},
               "/pets/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,
                 "schema":{"type":"string"}}],"responses":{"200":{"description":"ok"}}}}}}"#;

    #[test]
    fn openapi_removing_an_operation_breaks_backward_and_adding_one_breaks_forward() {
        let v2 = r#"{"openapi":"3.0.3","info":{"title":"pets","version":"2"},
          "paths":{"/pets":{"get":{"responses":{"200":{"description":"ok"}}}}}}"#;
        let live = [("version 1".to_string(), text(PETS_V1))];
        let found = OPENAPI
            .check(Mode::Backward, text(v2), &live, &live)
            .expect("loads");
        assert!(!found.is_empty(), "removing GET /pets/{{id}} is breaking");
        assert!(
            found
                .iter()
                .all(|f| f.against.as_deref() == Some("version 1"))
        );
        // v1 → v2 removed an operation; read the other way round, v2 → v1 adds one.
        let live2 = [("version 1".to_string(), text(v2))];
        assert!(
            OPENAPI
                .check(Mode::Backward, text(PETS_V1), &live2, &live2)
                .expect("loads")
                .is_empty()
        );
        assert!(
            !OPENAPI
                .check(Mode::Forward, text(PETS_V1), &live2, &live2)
                .expect("loads")
                .is_empty()
        );
        assert!(
            OPENAPI
                .check(Mode::None, text(v2), &live, &live)
                .expect("loads")
                .is_empty()
        );
    }

    #[test]
    fn openapi_refs_resolve_to_references_never_to_the_file_system() {
        let doc = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{
          "/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
            {"schema":{"$ref":"common.json#/Thing"}}}}}}}}}"#;
        let common = r#"{"Thing":{"type":"object"}}"#;
        let refs = [("common.json".to_string(), common.to_string())];
        OPENAPI
            .validate(SchemaText {
                text: doc,
                references: &refs,
            })
            .expect("the reference resolves");
        let err = OPENAPI.validate(text(doc)).expect_err("no such reference");
        assert!(
            matches!(&err, SchemaError::Invalid { message } if message.contains("common.json")),
            "{err:?}"
        );
        let escape = doc.replace("common.json", "/etc/hostname");
        assert!(OPENAPI.validate(text(&escape)).is_err());
        assert!(OPENAPI.validate(text("{\"not\": \"openapi\"}")).is_err());
    }

    #[test]
    fn every_listed_type_has_an_engine() {
        for t in TYPES {
            assert_eq!(kind(t).map(|k| k.name()).ok(), Some(t));
        }
        assert!(matches!(kind("XML"), Err(SchemaError::Unknown(_))));
    }
}
