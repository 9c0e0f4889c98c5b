//! `/schemas`: schemas by global id, where they are used, and the supported types.

use super::subjects::{raw_schema, references_json};
use super::{Params, Seg, json};
use crate::AppState;
use crate::error::ApiError;
use crate::schema_types::TYPES;
use crate::store::{SchemaRow, Store, StoreError};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde_json::json;
use std::sync::Arc;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/schemas/types", get(types))
        .route("/schemas/ids/{id}", get(by_id))
        .route("/schemas/ids/{id}/schema", get(raw))
        .route("/schemas/ids/{id}/subjects", get(subjects))
        .route("/schemas/ids/{id}/versions", get(versions))
}

async fn types() -> Response {
    json(json!(TYPES))
}

async fn schema(st: &AppState, raw: &str) -> Result<Arc<SchemaRow>, ApiError> {
    let id: i64 = raw.parse().map_err(|_| ApiError::schema_not_found())?;
    if let Some(s) = st.schemas.get(id) {
        return Ok(s);
    }
    match st.store.schema(id).await {
        Ok(s) => Ok(st.schemas.put(s)),
        Err(StoreError::NotFound) => {
            st.schemas.forget(id);
            Err(ApiError::schema_not_found())
        }
        Err(e) => Err(e.into()),
    }
}

async fn by_id(State(st): State<AppState>, Seg(id): Seg<String>) -> Result<Response, ApiError> {
    let s = schema(&st, &id).await?;
    let mut v = json!({});
    if s.schema_type != "AVRO" {
        v["schemaType"] = json!(s.schema_type);
    }
    if !s.references.is_empty() {
        v["references"] = references_json(&s.references);
    }
    v["schema"] = json!(&s.schema);
    Ok(json(v))
}

async fn raw(State(st): State<AppState>, Seg(id): Seg<String>) -> Result<Response, ApiError> {
    Ok(raw_schema(schema(&st, &id).await?.schema.clone()))
}

async fn usages(st: &AppState, id: &str, p: &Params) -> Result<Vec<(String, i32, bool)>, ApiError> {
    let s = schema(st, id).await?;
    let deleted = p.flag("deleted");
    let used: Vec<_> = st
        .store
        .usages(s.id)
        .await?
        .into_iter()
        .filter(|(_, _, d)| deleted || !d)
        .collect();
    Ok(used)
}

async fn subjects(
    State(st): State<AppState>,
    Seg(id): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    let mut names: Vec<String> = usages(&st, &id, &p)
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    names.dedup();
    Ok(json(json!(names)))
}

async fn versions(
    State(st): State<AppState>,
    Seg(id): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    let list: Vec<_> = usages(&st, &id, &p)
        .await?
        .into_iter()
        .map(|(subject, version, _)| json!({"subject": subject, "version": version}))
        .collect();
    Ok(json(json!(list)))
}
