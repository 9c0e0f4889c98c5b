//! accord-broker: the contract broker (schema registry and pact broker over SQLite or
//! PostgreSQL). It lands with the broker issue; today it only re-exports the rule engine the
//! broker will run on every registration, so the workspace shape is in place.

pub use accord_rules as rules;
