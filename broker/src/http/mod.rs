//! The HTTP API: one module per resource, each with its `router()`, DTOs and handlers, and
//! the pieces every resource shares — request extractors that turn every bad input into an
//! `ApiError`, query flags as Python clients send them (`True`/`False`), content
//! negotiation, authentication and request metrics.

mod compatibility;
mod config;
mod ops;
mod schemas;
mod subjects;

use crate::AppState;
use crate::auth::Role;
use crate::error::ApiError;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use std::time::Instant;

pub const V1: &str = "application/vnd.schemaregistry.v1+json";
const CONTENT_TYPES: [&str; 3] = [
    V1,
    "application/vnd.schemaregistry+json",
    "application/json",
];

/// All routes with the shared layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(subjects::router())
        .merge(schemas::router())
        .merge(config::router())
        .merge(compatibility::router())
        .merge(crate::pact::router())
        .layer(middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .merge(api)
        .merge(ops::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(negotiate))
        // A bug must not take the connection down without an answer: 500 in the usual shape.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(axum::extract::DefaultBodyLimit::max(state.max_body))
        .layer(
            // Method, path, status and latency at INFO; headers (credentials) are never logged.
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(
                    tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO),
                )
                .on_response(
                    tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO),
                ),
        )
        .layer(middleware::from_fn_with_state(state.clone(), measure))
        .with_state(state)
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("request handler panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        50001,
        "Internal error; the request changed nothing",
    )
    .into_response()
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, 404, "HTTP 404 Not Found")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        405,
        "HTTP 405 Method Not Allowed",
    )
}

/// Query parameters by name; a malformed query string counts as none (unknown parameters
/// are ignored, as Confluent does).
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean flag: `true`, `True` (Python's), `TRUE` or `1`.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("true") || v == "1"
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        Ok(Params(
            serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default(),
        ))
    }
}

/// Path parameters, with a malformed path answered as a 404.
pub struct Seg<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Seg<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Seg(p.0))
            .map_err(|e| ApiError::new(StatusCode::NOT_FOUND, 404, format!("HTTP 404: {e}")))
    }
}

/// A JSON request body: over the limit → 413, not JSON or not the expected shape → 422.
/// Any content type is accepted (clients send all three of Confluent's, or none).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    413,
                    "Request body is larger than the server accepts",
                )
            } else {
                ApiError::bad_request_body(e.body_text())
            }
        })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(ApiError::bad_request_body)
    }
}

/// A JSON response with the negotiated content type (set by `negotiate`).
pub fn json(value: serde_json::Value) -> Response {
    json_with(StatusCode::OK, value)
}

pub fn json_with(status: StatusCode, value: serde_json::Value) -> Response {
    let mut res = (status, value.to_string()).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// The content type to answer with: the first of Confluent's three the client accepts;
/// `*/*`, no Accept header or anything else gets the v1 type.
fn chosen(accept: Option<&str>) -> &'static str {
    let Some(accept) = accept else { return V1 };
    for range in accept.split(',') {
        let media = range.split(';').next().unwrap_or("").trim();
        if let Some(t) = CONTENT_TYPES.iter().find(|t| t.eq_ignore_ascii_case(media)) {
            return t;
        }
        if media == "*/*" || media.eq_ignore_ascii_case("application/*") {
            return V1;
        }
    }
    V1
}

async fn negotiate(req: Request, next: Next) -> Response {
    let want = chosen(
        req.headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok()),
    );
    let mut res = next.run(req).await;
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/json");
    if is_json {
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(want));
    }
    res
}

/// Path prefixes of the Pact Broker API (`crate::pact`).
const PACT_PREFIXES: [&str; 12] = [
    "/pacts",
    "/pacticipants",
    "/environments",
    "/deployed-versions",
    "/released-versions",
    "/contracts",
    "/provider-contracts",
    "/matrix",
    "/can-i-deploy",
    "/webhooks",
    "/triggered-webhooks",
    "/integrations",
];

fn is_pact_path(path: &str) -> bool {
    path == "/"
        || PACT_PREFIXES
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// The role a request needs: reads (and read-only POSTs) `read`; registrations and soft
/// deletes `write`; settings and permanent deletes `admin`. On the Pact Broker API,
/// publishing and recording (POST, PUT, PATCH) need `write`, asking for pacts for
/// verification (a POST) only `read`, and deleting anything but a tag `admin`.
fn required_role(method: &Method, path: &str, query: &str) -> Role {
    if is_pact_path(path) {
        return match *method {
            Method::GET | Method::HEAD | Method::OPTIONS => Role::Read,
            Method::POST if path.ends_with("/for-verification") => Role::Read,
            Method::POST | Method::PUT | Method::PATCH => Role::Write,
            Method::DELETE if path.contains("/tags/") => Role::Write,
            _ => Role::Admin,
        };
    }
    let permanent = query
        .split('&')
        .any(|kv| kv.eq_ignore_ascii_case("permanent=true") || kv == "permanent=1");
    match *method {
        Method::GET | Method::HEAD | Method::OPTIONS => Role::Read,
        Method::POST if path.starts_with("/compatibility/") => Role::Read,
        Method::POST if path.starts_with("/subjects/") && !path.contains("/versions") => Role::Read,
        Method::POST => Role::Write,
        Method::DELETE if path.starts_with("/subjects/") && !permanent => Role::Write,
        _ => Role::Admin,
    }
}

async fn authenticate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(tokens) = &state.tokens else {
        return next.run(req).await;
    };
    let need = required_role(
        req.method(),
        req.uri().path(),
        req.uri().query().unwrap_or(""),
    );
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(role) = presented.and_then(|h| tokens.role(h)) else {
        let mut res = ApiError::new(
            StatusCode::UNAUTHORIZED,
            40101,
            "Unauthorized: missing or invalid credentials",
        )
        .into_response();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"accord\", Bearer"),
        );
        return res;
    };
    if role < need {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            40301,
            format!("Forbidden: this operation needs the {need:?} role").to_lowercase(),
        )
        .into_response();
    }
    next.run(req).await
}

async fn measure(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    let start = Instant::now();
    let res = next.run(req).await;
    state
        .metrics
        .request(&method, &route, res.status().as_u16(), start.elapsed());
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(chosen(None), V1);
        assert_eq!(chosen(Some("*/*")), V1);
        assert_eq!(chosen(Some("application/json")), "application/json");
        assert_eq!(
            chosen(Some("text/html, application/vnd.schemaregistry+json;q=0.9")),
            "application/vnd.schemaregistry+json"
        );
    }

    #[test]
    fn roles() {
        assert_eq!(required_role(&Method::GET, "/subjects", ""), Role::Read);
        assert_eq!(required_role(&Method::POST, "/subjects/a", ""), Role::Read);
        assert_eq!(
            required_role(&Method::POST, "/subjects/a/versions", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::DELETE, "/subjects/a", "permanent=true"),
            Role::Admin
        );
        assert_eq!(required_role(&Method::PUT, "/config", ""), Role::Admin);
        assert_eq!(
            required_role(&Method::POST, "/pacts/provider/P/for-verification", ""),
            Role::Read
        );
        assert_eq!(
            required_role(&Method::PUT, "/pacts/provider/P/consumer/C/version/1", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::POST, "/contracts/publish", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::PATCH, "/pacticipants/P", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::PUT, "/environments/u", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::DELETE, "/pacticipants/P", ""),
            Role::Admin
        );
        assert_eq!(required_role(&Method::GET, "/", ""), Role::Read);
        assert_eq!(required_role(&Method::PUT, "/webhooks/u", ""), Role::Write);
        assert_eq!(required_role(&Method::POST, "/webhooks", ""), Role::Write);
        assert_eq!(
            required_role(&Method::DELETE, "/webhooks/u", ""),
            Role::Admin
        );
        // Running a webhook sends a request on the broker's behalf: write, like creating one.
        assert_eq!(
            required_role(&Method::POST, "/webhooks/u/execute", ""),
            Role::Write
        );
        assert_eq!(
            required_role(&Method::GET, "/triggered-webhooks/u/logs", ""),
            Role::Read
        );
        assert_eq!(
            required_role(&Method::DELETE, "/triggered-webhooks/u", ""),
            Role::Admin
        );
        assert_eq!(required_role(&Method::PUT, "/configx", ""), Role::Admin);
    }
}
