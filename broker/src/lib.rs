//! accord-broker: the contract broker behind `accord serve` — a Confluent-compatible schema
//! registry over SQLite or PostgreSQL, checking every registration with accord's engines.
//!
//! - `store/`: the `Store` trait and its SQLite and PostgreSQL implementations (the SQL is
//!   written once, in `store/mod.rs`); migrations in `migrations/{sqlite,postgres}/`.
//! - `registry.rs`: the registry's operations (register with compatibility check, lookups,
//!   deletion rules), independent of HTTP.
//! - `schema_types/`: per-type validation, normalization and compatibility (Avro, JSON
//!   Schema, Protobuf, OpenAPI).
//! - `http/`: one module per resource (`subjects`, `schemas`, `config`, `compatibility`,
//!   `ops`) and the shared extractors, negotiation, auth and metrics layers.
//! - `pact/`: the Pact Broker API (HAL+JSON): pacts, verifications, environments,
//!   deployments, the matrix and can-i-deploy.
//! - `error.rs`: `ApiError`, Confluent's `{"error_code", "message"}` bodies.
//! - `auth.rs`, `metrics.rs`, `cache.rs`: credentials and roles; Prometheus counters; the
//!   short-lived schema-by-id cache.
//!
//! `app(state)` builds the router without binding anything, so tests drive it on
//! `127.0.0.1:0`; `serve` runs it until a shutdown signal.

pub mod auth;
pub mod cache;
pub mod error;
mod http;
pub mod metrics;
pub mod pact;
pub mod registry;
pub mod schema_types;
pub mod store;

pub use accord_rules as rules;
pub use error::ApiError;
pub use store::{AnyStore, StoreError};

use axum::Router;
use std::future::Future;
use std::sync::Arc;

/// Request bodies larger than this are refused with 413 unless configured otherwise.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: AnyStore,
    /// Credentials; `None` leaves the API open.
    pub tokens: Option<Arc<auth::Tokens>>,
    pub metrics: Arc<metrics::Metrics>,
    pub max_body: usize,
    pub locks: Arc<registry::SubjectLocks>,
    pub schemas: Arc<cache::SchemaCache>,
    /// Webhook whitelists, retry schedule and the HTTP client that sends them.
    pub webhooks: Arc<pact::webhook_events::Webhooks>,
}

impl AppState {
    pub fn new(store: AnyStore) -> AppState {
        AppState {
            store,
            tokens: None,
            metrics: Arc::default(),
            max_body: DEFAULT_MAX_BODY,
            locks: Arc::default(),
            schemas: Arc::default(),
            webhooks: Arc::default(),
        }
    }
}

/// The whole API as a router.
pub fn app(state: AppState) -> Router {
    http::router(state)
}

/// Serves `app` on `listener` until `shutdown` completes; requests in flight finish first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
