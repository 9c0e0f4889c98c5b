//! Operations endpoints, open without credentials: `/health` (the process is up),
//! `/ready` (the database answers) and `/metrics` (Prometheus text format).

use crate::AppState;
use crate::store::Store;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
}

async fn health() -> Response {
    super::json(serde_json::json!({"status": "UP"}))
}

async fn ready(State(st): State<AppState>) -> Response {
    match st.store.ping().await {
        Ok(()) => super::json(serde_json::json!({"status": "READY"})),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            super::json_with(
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({"status": "DATABASE_UNAVAILABLE"}),
            )
        }
    }
}

async fn metrics(State(st): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        st.metrics.render(),
    )
        .into_response()
}
