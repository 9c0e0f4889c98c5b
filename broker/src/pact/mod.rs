//! The Pact Broker API (HAL+JSON), on the same server and database as the registry.
//!
//! One module per resource, each with its `router()`:
//! - `index`: `GET /` and its `pb:` relations; `hal`: links, HAL responses, URL encoding.
//! - `model`: pacticipants, versions, branches, tags and environments — lookups and upserts
//!   every resource shares.
//! - `labels`: pacticipant labels (webhooks may name one instead of a pacticipant).
//! - `pacticipants`, `versions`, `environments`, `deployments` (deployed and released
//!   versions): their resources.
//! - `publish` (`POST /contracts/publish`), `pacts` (`PUT|PATCH|GET /pacts/provider/…`),
//!   `verifications` (verification results), `for_verification` (pacts for verification:
//!   selectors, pending, WIP).
//! - `matrix` (the matrix and can-i-deploy, one query engine) and `can_i_deploy` (its routes).
//! - `provider_contracts` (bi-directional: a provider's OpenAPI document against its
//!   consumers' pacts) and `schema_links` (which schema a version writes or reads).
//! - `provider_states`: the provider-state endpoint the Pact Broker client's own contract
//!   needs; compiled only with the `provider-states` feature, never in a release binary, and
//!   served only by `accord serve --provider-states` (`provider_states::wrap`).
//! - `webhooks`: webhooks, stored and rendered as the Pact Broker does; `webhook_events`:
//!   what fires them (publications, verifications, a test run) and their status and logs;
//!   `webhook_run`: rendering, whitelists and sending one request.
//! - `error`: `PactError`, the Pact Broker's error bodies.

pub mod can_i_deploy;
pub mod deployments;
pub mod environments;
pub mod error;
pub mod for_verification;
pub mod hal;
pub mod index;
pub mod labels;
pub mod matrix;
pub mod model;
pub mod pacticipants;
pub mod pacts;
pub mod provider_contracts;
#[cfg(feature = "provider-states")]
pub mod provider_states;
pub mod publish;
pub mod schema_links;
pub mod verifications;
pub mod versions;
pub mod webhook_events;
pub mod webhook_run;
pub mod webhooks;

use crate::AppState;
use axum::Router;

pub use error::PactError;

/// Every Pact Broker route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(index::router())
        .merge(pacticipants::router())
        .merge(labels::router())
        .merge(versions::router())
        .merge(environments::router())
        .merge(deployments::router())
        .merge(publish::router())
        .merge(pacts::router())
        .merge(verifications::router())
        .merge(for_verification::router())
        .merge(can_i_deploy::router())
        .merge(provider_contracts::router())
        .merge(schema_links::router())
        .merge(webhooks::router())
        .merge(webhook_events::router())
    // The provider-state endpoint is not merged here: `provider_states::wrap` adds it, with
    // the placeholder rewrite, only when `accord serve --provider-states` asks for it.
}

/// Whether this build can serve provider states (the `provider-states` feature).
pub const PROVIDER_STATES: bool = cfg!(feature = "provider-states");

/// `app` with the provider-state endpoint and the placeholder rewrite (`provider_states`);
/// `None` in builds without the `provider-states` feature, which must refuse to serve them.
pub fn with_provider_states(app: axum::Router, state: AppState) -> Option<axum::Router> {
    #[cfg(feature = "provider-states")]
    return Some(provider_states::wrap(app, state));
    #[cfg(not(feature = "provider-states"))]
    {
        let _ = (app, state);
        None
    }
}

/// Milliseconds since the Unix epoch: how every time is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A stored time as the Pact Broker renders it: RFC 3339 in UTC.
pub fn rfc3339(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_renders_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            super::rfc3339(1_700_000_000_123),
            "2023-11-14T22:13:20.123Z"
        );
    }
}
