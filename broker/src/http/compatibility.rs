//! `/compatibility`: would a schema be accepted, against one version or per the subject's
//! level; `?verbose=true` adds one message per finding.

use super::subjects::SchemaBody;
use super::{JsonBody, Params, Seg, json};
use crate::AppState;
use crate::error::ApiError;
use crate::registry::{self, VersionId};
use crate::store::Store;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/compatibility/subjects/{subject}/versions/{version}",
            post(against_version),
        )
        .route(
            "/compatibility/subjects/{subject}/versions",
            post(against_level),
        )
}

async fn run(
    st: &AppState,
    subject: &str,
    version: Option<VersionId>,
    p: &Params,
    body: SchemaBody,
) -> Result<Response, ApiError> {
    let (new, refs) = registry::prepare(&st.store, body.submitted()?, p.flag("normalize")).await?;
    let rows = st.store.versions(subject).await?;
    let only = match version {
        None => None,
        Some(v) => Some(
            registry::find_version(&st.store, subject, v, false)
                .await?
                .version,
        ),
    };
    let mode = registry::effective_level(&st.store, subject).await?;
    let findings = match registry::check(&st.store, mode, &new, &refs, &rows, only).await {
        Ok(f) => registry::describe(&f),
        // A change of schema type is a compatibility answer here, not an error.
        Err(e) if e.code == 409 => vec![e.message],
        Err(e) => return Err(e),
    };
    st.metrics.compat_check(findings.is_empty());
    let mut v = json!({ "is_compatible": findings.is_empty() });
    if p.flag("verbose") {
        v["messages"] = json!(findings);
    }
    Ok(json(v))
}

async fn against_version(
    State(st): State<AppState>,
    Seg((subject, version)): Seg<(String, String)>,
    p: Params,
    JsonBody(body): JsonBody<SchemaBody>,
) -> Result<Response, ApiError> {
    let v = VersionId::parse(&version)?;
    run(&st, &subject, Some(v), &p, body).await
}

async fn against_level(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
    JsonBody(body): JsonBody<SchemaBody>,
) -> Result<Response, ApiError> {
    run(&st, &subject, None, &p, body).await
}
