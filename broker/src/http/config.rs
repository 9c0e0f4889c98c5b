//! `/config` and `/mode`: compatibility levels and modes, global and per subject.
//!
//! Confluent's quirk, kept for its clients: `GET` answers `{"compatibilityLevel": …}`, while
//! `PUT` takes and answers `{"compatibility": …}`.

use super::{JsonBody, Params, Seg, json};
use crate::AppState;
use crate::error::ApiError;
use crate::store::{GLOBAL, Setting, Store};
use accord_rules::compat::Mode;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/config",
            get(get_global).put(put_global).delete(delete_global),
        )
        .route(
            "/config/{subject}",
            get(get_subject).put(put_subject).delete(delete_subject),
        )
        .route(
            "/mode",
            get(get_mode_global)
                .put(put_mode_global)
                .delete(delete_mode_global),
        )
        .route(
            "/mode/{subject}",
            get(get_mode_subject)
                .put(put_mode_subject)
                .delete(delete_mode_subject),
        )
}

#[derive(Deserialize)]
struct ConfigBody {
    compatibility: Option<String>,
    #[serde(rename = "compatibilityLevel")]
    compatibility_level: Option<String>,
}

#[derive(Deserialize)]
struct ModeBody {
    mode: Option<String>,
}

const MODES: [&str; 3] = ["READWRITE", "READONLY", "IMPORT"];

async fn level(st: &AppState, key: &str) -> Result<Option<String>, ApiError> {
    Ok(st.store.setting(Setting::Compatibility, key).await?)
}

async fn get_global(State(st): State<AppState>) -> Result<Response, ApiError> {
    let l = level(&st, GLOBAL)
        .await?
        .unwrap_or_else(|| Mode::Backward.as_str().to_string());
    Ok(json(json!({ "compatibilityLevel": l })))
}

async fn get_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    if let Some(l) = level(&st, &subject).await? {
        return Ok(json(json!({ "compatibilityLevel": l })));
    }
    if p.flag("defaultToGlobal") {
        return get_global(State(st)).await;
    }
    Err(ApiError::new(
        StatusCode::NOT_FOUND,
        40408,
        format!("Subject '{subject}' does not have subject-level compatibility configured"),
    ))
}

async fn put(st: &AppState, key: &str, body: ConfigBody) -> Result<Response, ApiError> {
    let raw = body
        .compatibility
        .or(body.compatibility_level)
        .unwrap_or_default();
    let mode = Mode::parse(&raw).ok_or_else(|| ApiError::invalid_compatibility(&raw))?;
    st.store
        .set_setting(Setting::Compatibility, key, mode.as_str())
        .await?;
    Ok(json(json!({ "compatibility": mode.as_str() })))
}

async fn put_global(
    State(st): State<AppState>,
    JsonBody(body): JsonBody<ConfigBody>,
) -> Result<Response, ApiError> {
    put(&st, GLOBAL, body).await
}

async fn put_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    JsonBody(body): JsonBody<ConfigBody>,
) -> Result<Response, ApiError> {
    put(&st, &subject, body).await
}

async fn delete_global(State(st): State<AppState>) -> Result<Response, ApiError> {
    let old = st
        .store
        .delete_setting(Setting::Compatibility, GLOBAL)
        .await?
        .unwrap_or_else(|| Mode::Backward.as_str().to_string());
    Ok(json(json!({ "compatibilityLevel": old })))
}

async fn delete_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
) -> Result<Response, ApiError> {
    match st
        .store
        .delete_setting(Setting::Compatibility, &subject)
        .await?
    {
        Some(old) => Ok(json(json!({ "compatibilityLevel": old }))),
        None => Err(ApiError::subject_not_found(&subject)),
    }
}

async fn mode_of(st: &AppState, key: &str) -> Result<Option<String>, ApiError> {
    Ok(st.store.setting(Setting::Mode, key).await?)
}

async fn get_mode_global(State(st): State<AppState>) -> Result<Response, ApiError> {
    let m = mode_of(&st, GLOBAL)
        .await?
        .unwrap_or_else(|| "READWRITE".to_string());
    Ok(json(json!({ "mode": m })))
}

async fn get_mode_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
) -> Result<Response, ApiError> {
    if let Some(m) = mode_of(&st, &subject).await? {
        return Ok(json(json!({ "mode": m })));
    }
    if p.flag("defaultToGlobal") {
        return get_mode_global(State(st)).await;
    }
    Err(ApiError::new(
        StatusCode::NOT_FOUND,
        40409,
        format!("Subject '{subject}' does not have subject-level mode configured"),
    ))
}

/// IMPORT keeps the ids of another registry; mixing them with ids this one allocated
/// would collide, so (as Confluent does) it is refused where schemas exist unless forced.
async fn put_mode(
    st: &AppState,
    key: &str,
    body: ModeBody,
    p: &Params,
) -> Result<Response, ApiError> {
    let raw = body.mode.unwrap_or_default();
    let m = MODES
        .iter()
        .find(|m| m.eq_ignore_ascii_case(&raw))
        .ok_or_else(|| ApiError::invalid_mode(&raw))?;
    if *m == "IMPORT" && !p.flag("force") {
        let occupied = if key == GLOBAL {
            !st.store.subjects(true).await?.is_empty()
        } else {
            !st.store.versions(key).await?.is_empty()
        };
        if occupied {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                42205,
                "Cannot import since found existing subjects",
            ));
        }
    }
    st.store.set_setting(Setting::Mode, key, m).await?;
    Ok(json(json!({ "mode": m })))
}

async fn put_mode_global(
    State(st): State<AppState>,
    p: Params,
    JsonBody(body): JsonBody<ModeBody>,
) -> Result<Response, ApiError> {
    put_mode(&st, GLOBAL, body, &p).await
}

async fn put_mode_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
    p: Params,
    JsonBody(body): JsonBody<ModeBody>,
) -> Result<Response, ApiError> {
    put_mode(&st, &subject, body, &p).await
}

async fn delete_mode_global(State(st): State<AppState>) -> Result<Response, ApiError> {
    let old = st
        .store
        .delete_setting(Setting::Mode, GLOBAL)
        .await?
        .unwrap_or_else(|| "READWRITE".to_string());
    Ok(json(json!({ "mode": old })))
}

async fn delete_mode_subject(
    State(st): State<AppState>,
    Seg(subject): Seg<String>,
) -> Result<Response, ApiError> {
    match st.store.delete_setting(Setting::Mode, &subject).await? {
        Some(old) => Ok(json(json!({ "mode": old }))),
        None => Err(ApiError::subject_not_found(&subject)),
    }
}
