//! `/subjects`: listing, registering, looking up, reading and deleting subject versions.

use super::{JsonBody, Params, Seg, json};
use crate::AppState;
use crate::error::ApiError;
use crate::registry::{self, Submitted, VersionId};
use crate::store::{Reference, Store, VersionRow};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/subjects", get(list))
        .route("/subjects/{subject}", post(lookup).delete(delete_subject))
        .route("/subjects/{subject}/versions", get(versions).post(register))
        .route(
            "/subjects/{subject}/versions/{version}",
            get(version).delete(delete_version),
        )
        .route("/subjects/{subject}/versions/{version}/schema", get(raw))
        .route(
            "/subjects/{subject}/versions/{version}/referencedby",
            get(referenced_by),
        )
}

/// A schema in a request body (register, lookup, compatibility). Unknown fields (metadata,
/// ruleSet) are accepted and ignored.
#[derive(Debug, Deserialize)]
pub struct SchemaBody {
    pub schema: Option<String>,
    #[serde(rename = "schemaType")]
    pub schema_type: Option<String>,
    pub references: Option<Vec<ReferenceBody>>,
    /// IMPORT mode only: the id and version the schema had in the registry it comes from.
    pub id: Option<i64>,
    pub version: Option<i32>,
}

#[derive(Debug, Deserialize)]
pub struct ReferenceBody {
    pub name: String,
    pub subject: String,
    pub version: i32,
}

impl SchemaBody {
    pub fn submitted(self) -> Result<Submitted, ApiError> {
        let schema = self
            .schema
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| ApiError::invalid_schema("Empty schema"))?;
        Ok(Submitted {
            schema_type: self.schema_type.unwrap_or_else(|| "AVRO".to_string()),
            schema,
            references: self
                .references
                .unwrap_or_default()
                .into_iter()
                .map(|r| Reference {
                    name: r.name,
                    subject: r.subject,
                    version: r.version,
                })
                .collect(),
        })
    }
}

/// References as Confluent writes them.
pub fn references_json(refs: &[Reference]) -> Value {
    Value::Array(
        refs.iter()
            .map(|r| json!({"name": r.name, "subject": r.subject, "version": r.version}))
            .collect(),
    )
}

/// A version as `GET /subjects/{s}/versions/{v}` returns it: `schemaType` left out for
/// AVRO and `references` when empty, as Confluent does.
pub fn version_json(row: &VersionRow) -> Value {
    let mut v = json!({
        "subject": row.subject,
        "version": row.version,
        "id": row.schema.id,
    });
    if row.schema.schema_type != "AVRO" {
        v["schemaType"] = json!(row.schema.schema_type);
    }
    if !row.schema.references.is_empty() {
        v["references"] = references_json(&row.schema.references);
    }
    v["schema"] = json!(row.schema.schema);
    v
}

async fn list(State(st): State<AppState>, p: Params) -> Result<Response, ApiError> {
    let mut subjects = st.store.subjects(p.flag("deleted")).await?;
    if let Some(prefix) = p.get("subjectPrefix") {
        subjects.retain(|s| s.starts_with(prefix));
    }
    Ok(json(json!(subjects)))
}

async fn versions(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    let rows = registry::visible_versions(&st.store, &subject, p.flag("deleted")).await?;
    let list: Vec<i32> = rows.iter().map(|r| r.version).collect();
    Ok(json(json!(list)))
}

async fn register(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
    JsonBody(body): JsonBody<SchemaBody>,
) -> Result<Response, ApiError> {
    let requested = registry::Requested {
        id: body.id,
        version: body.version,
    };
    let submitted = body.submitted()?;
    let (id, _) = registry::register(
        &st.store,
        &st.locks,
        &subject,
        submitted,
        p.flag("normalize"),
        requested,
        &st.metrics,
    )
    .await?;
    Ok(json(json!({ "id": id })))
}

async fn lookup(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
    JsonBody(body): JsonBody<SchemaBody>,
) -> Result<Response, ApiError> {
    let deleted = p.flag("deleted");
    let rows = registry::visible_versions(&st.store, &subject, deleted).await?;
    let (new, _) = registry::prepare(&st.store, body.submitted()?, p.flag("normalize")).await?;
    let hash = new.hash();
    let row = rows
        .iter()
        .filter(|r| r.schema.hash == hash)
        .min_by_key(|r| (r.deleted, r.version))
        .ok_or_else(ApiError::schema_not_found)?;
    Ok(json(version_json(row)))
}

async fn version(
    State(st): State<AppState>,
    Seg((subject, version)): Seg<(String, String)>,
    p: Params,
) -> Result<Response, ApiError> {
    let v = VersionId::parse(&version)?;
    let row = registry::find_version(&st.store, &subject, v, p.flag("deleted")).await?;
    Ok(json(version_json(&row)))
}

async fn raw(
    State(st): State<AppState>,
    Seg((subject, version)): Seg<(String, String)>,
    p: Params,
) -> Result<Response, ApiError> {
    let v = VersionId::parse(&version)?;
    let row = registry::find_version(&st.store, &subject, v, p.flag("deleted")).await?;
    Ok(raw_schema(row.schema.schema))
}

/// A schema's text as the body, as Confluent's `/schema` endpoints return it.
pub fn raw_schema(text: String) -> Response {
    let mut res = text.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

async fn referenced_by(
    State(st): State<AppState>,
    Seg((subject, version)): Seg<(String, String)>,
) -> Result<Response, ApiError> {
    let v = VersionId::parse(&version)?;
    let row = registry::find_version(&st.store, &subject, v, false).await?;
    let ids = st.store.referenced_by(&subject, row.version).await?;
    Ok(json(json!(ids)))
}

async fn delete_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    let versions = registry::delete_subject(&st.store, &subject, p.flag("permanent")).await?;
    if p.flag("permanent") {
        st.schemas.clear();
    }
    Ok(json(json!(versions)))
}

async fn delete_version(
    State(st): State<AppState>,
    Seg((subject, version)): Seg<(String, String)>,
    p: Params,
) -> Result<Response, ApiError> {
    let v = VersionId::parse(&version)?;
    let deleted = registry::delete_version(&st.store, &subject, v, p.flag("permanent")).await?;
    if p.flag("permanent") {
        st.schemas.clear();
    }
    Ok(json(json!(deleted)))
}
