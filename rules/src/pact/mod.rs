//! Pacts (consumer contracts, specification 1 to 4) and the bi-directional comparison of a
//! pact with the provider's OpenAPI document.
//!
//! - `model.rs`: `parse_pact`, the pact model and `PactError` (what `accord publish` uses to
//!   refuse a broken pact before sending it).
//! - `matchers.rs`: matching rules of every version in one form, and which rule governs a place.
//! - `validate.rs`: a consumer's example (matchers applied) against an OpenAPI schema.
//! - `route.rs`: which operation a request reaches (path templates, server base paths).
//! - `compare.rs`: interaction by interaction against the document, into findings.
//! - `rules.rs`: the rule ids (swagger-mock-validator's) with their docs.
//!
//! ```no_run
//! let pact = accord_rules::pact::parse_pact(&std::fs::read_to_string("pact.json").unwrap()).unwrap();
//! let spec = accord_rules::openapi::load("openapi.yaml".as_ref()).unwrap();
//! let result = accord_rules::pact::compare(&pact, &spec);
//! assert!(result.success(), "{:?}", result.findings);
//! ```

pub mod compare;
pub mod matchers;
pub mod model;
pub mod route;
pub mod rules;
pub mod validate;

pub use compare::{Comparison, ContractFinding, compare};
pub use model::{Interaction, Message, Pact, PactError, PactSpec, parse_pact};
pub use rules::RULES;
