//! accord-rules: the schema models, parsers, compatibility engines, lint rules and the one
//! rule catalogue behind every accord command.
//!
//! - `finding.rs`: the `Finding` every rule of every format produces.
//! - `catalogue.rs`: the list of all rules with their documentation.
//! - `config.rs`: accord.yaml (and buf.yaml) into the set of rules to run and how to report.
//! - `suppress.rs`: inline `accord:ignore` comments.
//! - `protobuf/`: `.proto` loading and buf-compatible breaking and lint rules.
//! - `jsonschema/`: JSON Schema loading and the reader/writer compatibility engine.
//! - `avro/`: `.avsc` parsing, reader/writer resolution as Apache Avro's reference, lint.
//! - `pact/`: pact files (V1–V4) and their comparison with a provider's OpenAPI document.
//! - `docs.rs`: renders the catalogue as `docs/rules.md`.
//! - `par.rs`: the order-keeping parallel map the rule phases share.

pub mod avro;
pub mod catalogue;
pub mod compat;
pub mod config;
pub mod docs;
pub mod finding;
pub mod json;
pub mod jsonschema;
pub mod openapi;
pub mod pact;
mod par;
pub mod protobuf;
pub mod suppress;

pub use finding::{Finding, Format, Location, RuleKind, Severity, Span, Summary};
