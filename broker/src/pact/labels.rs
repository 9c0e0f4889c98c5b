//! Pacticipant labels, as the Pact Broker keeps them: `GET|PUT|DELETE
//! /pacticipants/{p}/labels/{label}` and `GET /pacticipants/label/{label}` (the pacticipants
//! with a label). A webhook may name a label instead of a pacticipant; `webhook_events`
//! matches it through `of`.

use super::PactError;
use super::hal::{Base, P, enc, hal, no_content, ok};
use super::model::{self, Pacticipant};
use super::now_ms;
use super::versions::pacticipant_or_404;
use crate::AppState;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/pacticipants/{pacticipant}/labels/{label}",
            get(show).put(put).delete(delete),
        )
        .route("/pacticipants/label/{label}", get(with_label))
}

/// A pacticipant's labels, in name order.
pub async fn of(store: &AnyStore, pacticipant_id: i64) -> Result<Vec<String>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT name FROM pacticipant_labels WHERE pacticipant_id = $1 ORDER BY name")
            .bind(pacticipant_id)
            .fetch_all(pool)
            .await?)
    })
}

fn render(base: &Base, p: &Pacticipant, label: &str) -> Value {
    let path = format!("/pacticipants/{}", enc(&p.name));
    json!({
        "name": label,
        "_links": {
            "self": base.named(&format!("{path}/labels/{}", enc(label)), "Label", label),
            "pb:pacticipant": base.named(&path, "Pacticipant", &p.name),
        }
    })
}

async fn has(store: &AnyStore, id: i64, label: &str) -> Result<bool, StoreError> {
    Ok(of(store, id).await?.iter().any(|l| l == label))
}

async fn show(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, label)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &pacticipant).await?;
    if !has(&s.store, p.id, &label).await? {
        return Err(PactError::not_found(format!(
            "No label '{label}' for pacticipant '{pacticipant}'"
        )));
    }
    Ok(ok(render(&base, &p, &label)))
}

/// 201 when the label is new, 200 when the pacticipant already had it. The Pact Broker
/// creates a missing pacticipant here; so does accord.
async fn put(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, label)): P<(String, String)>,
) -> Result<Response, PactError> {
    if label.trim().is_empty() {
        return Err(PactError::invalid("name", "Label name cannot be blank"));
    }
    let p = model::ensure_pacticipant(&s.store, &pacticipant).await?;
    let added = on_pool!(&s.store, pool => {
        sqlx::query(
            "INSERT INTO pacticipant_labels (pacticipant_id, name, created_at) \
             VALUES ($1, $2, $3) ON CONFLICT (pacticipant_id, name) DO NOTHING")
            .bind(p.id)
            .bind(&label)
            .bind(now_ms())
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(StoreError::from)?;
    let status = if added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(hal(status, render(&base, &p, &label)))
}

async fn delete(
    State(s): State<AppState>,
    P((pacticipant, label)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &pacticipant).await?;
    let removed = on_pool!(&s.store, pool => {
        sqlx::query("DELETE FROM pacticipant_labels WHERE pacticipant_id = $1 AND name = $2")
            .bind(p.id)
            .bind(&label)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(StoreError::from)?;
    if removed == 0 {
        return Err(PactError::not_found(format!(
            "No label '{label}' for pacticipant '{pacticipant}'"
        )));
    }
    Ok(no_content())
}

async fn with_label(
    State(s): State<AppState>,
    base: Base,
    P(label): P<String>,
) -> Result<Response, PactError> {
    let ids: Vec<i64> = on_pool!(&s.store, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT pacticipant_id FROM pacticipant_labels WHERE name = $1 ORDER BY pacticipant_id")
            .bind(&label)
            .fetch_all(pool)
            .await
    })
    .map_err(StoreError::from)?;
    let mut rendered = Vec::new();
    for id in ids {
        let p = model::pacticipant_by_id(&s.store, id).await?;
        rendered.push(super::pacticipants::render(&base, &p, None));
    }
    Ok(ok(json!({
        "_embedded": {"pacticipants": rendered},
        "_links": {
            "self": base.link(&format!("/pacticipants/label/{}", enc(&label)), "Pacticipants with the label"),
        }
    })))
}
