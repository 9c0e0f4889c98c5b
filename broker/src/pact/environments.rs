//! Environments: `POST /environments` → 201 with a uuid, `GET /environments` (embedded and
//! as a `pb:environments` link array, `?name=` filter), `GET|PUT|DELETE /environments/{uuid}`.
//! A name taken by another environment is a validation error (400), as in the Pact Broker.

use super::hal::{Base, Body, P, Query, enc, hal, no_content, ok};
use super::model::{self, Environment};
use super::{PactError, rfc3339};
use crate::AppState;
use crate::store::{AnyStore, StoreError};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/environments", get(list).post(create))
        .route("/environments/{uuid}", get(show).put(update).delete(delete))
}

pub fn env_path(e: &Environment) -> String {
    format!("/environments/{}", enc(&e.uuid))
}

pub fn render(base: &Base, e: &Environment) -> Value {
    let path = env_path(e);
    json!({
        "uuid": e.uuid,
        "name": e.name,
        "displayName": e.display_name.clone().unwrap_or_else(|| e.name.clone()),
        "production": e.production,
        "contacts": e.contacts,
        "createdAt": rfc3339(e.created_at),
        "updatedAt": rfc3339(e.updated_at),
        "_links": {
            "self": base.named(&path, "Environment", &e.name),
            "pb:currently-deployed-deployed-versions": base.link(
                &format!("{path}/deployed-versions/currently-deployed"),
                "Versions currently deployed to this environment"),
            "pb:currently-supported-released-versions": base.link(
                &format!("{path}/released-versions/currently-supported"),
                "Versions released and supported in this environment"),
            "pb:environments": base.link("/environments", "Environments"),
        }
    })
}

/// The environment fields of a body, checked as the Pact Broker's environment schema does.
async fn validated(
    store: &AnyStore,
    body: &Value,
    uuid: &str,
) -> Result<(String, Option<String>, bool, Value), PactError> {
    let mut errors = Map::new();
    let mut add = |k: &str, m: String| {
        errors.insert(k.to_string(), json!([m]));
    };
    let name = body.get("name").and_then(Value::as_str).map(str::trim);
    match name {
        None | Some("") => add("name", "name is missing".into()),
        Some(n) if n.chars().any(char::is_whitespace) => {
            add("name", format!("name '{n}' cannot contain spaces"))
        }
        Some(n) => {
            if let Some(other) = model::environment_by_name(store, n).await?
                && other.uuid != uuid
            {
                add(
                    "name",
                    format!("Another environment with name '{n}' already exists."),
                );
            }
        }
    }
    let display_name = match body.get("displayName") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            add("displayName", "displayName must be a string".into());
            None
        }
    };
    let production = match body.get("production") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            add("production", "production must be a boolean".into());
            false
        }
    };
    let contacts = match body.get("contacts") {
        None | Some(Value::Null) => json!([]),
        Some(Value::Array(a)) if a.iter().all(Value::is_object) => Value::Array(a.clone()),
        Some(_) => {
            add("contacts", "contacts must be an array of objects".into());
            json!([])
        }
    };
    if !errors.is_empty() {
        return Err(PactError::invalid_fields(errors));
    }
    Ok((
        name.unwrap_or_default().to_string(),
        display_name,
        production,
        contacts,
    ))
}

async fn list(State(s): State<AppState>, base: Base, q: Query) -> Result<Response, PactError> {
    let envs: Vec<Environment> = model::environments(&s.store)
        .await?
        .into_iter()
        .filter(|e| q.get("name").is_none_or(|n| n == e.name))
        .collect();
    let links: Vec<Value> = envs
        .iter()
        .map(|e| base.named(&env_path(e), "Environment", &e.name))
        .collect();
    Ok(ok(json!({
        "_embedded": {"environments": envs.iter().map(|e| render(&base, e)).collect::<Vec<_>>()},
        "_links": {
            "self": base.link("/environments", "Environments"),
            "pb:environments": links,
            "pb:environment": base.templated("/environments/{uuid}", "Environment"),
        }
    })))
}

async fn create(
    State(s): State<AppState>,
    base: Base,
    Body(body): Body,
) -> Result<Response, PactError> {
    let uuid = match body.get("uuid").and_then(Value::as_str) {
        Some(u) if !u.trim().is_empty() => u.trim().to_string(),
        _ => uuid::Uuid::new_v4().to_string(),
    };
    if model::environment_by_uuid(&s.store, &uuid).await?.is_some() {
        return Err(PactError::conflict(format!(
            "An environment with uuid {uuid} already exists"
        )));
    }
    let (name, display_name, production, contacts) = validated(&s.store, &body, &uuid).await?;
    let env = Environment {
        id: 0,
        uuid,
        name: name.clone(),
        display_name,
        production,
        contacts,
        created_at: 0,
        updated_at: 0,
    };
    let saved = match model::save_environment(&s.store, &env).await {
        Err(StoreError::Conflict) => {
            return Err(PactError::invalid(
                "name",
                format!("Another environment with name '{name}' already exists."),
            ));
        }
        other => other?,
    };
    let mut res = hal(StatusCode::CREATED, render(&base, &saved));
    if let Ok(loc) = base.url(&env_path(&saved)).parse() {
        res.headers_mut().insert(axum::http::header::LOCATION, loc);
    }
    Ok(res)
}

async fn find(store: &AnyStore, uuid: &str) -> Result<Environment, PactError> {
    model::environment_by_uuid(store, uuid)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No environment with uuid {uuid} found")))
}

async fn show(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
) -> Result<Response, PactError> {
    Ok(ok(render(&base, &find(&s.store, &uuid).await?)))
}

async fn update(
    State(s): State<AppState>,
    base: Base,
    P(uuid): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    let existing = find(&s.store, &uuid).await?;
    let (name, display_name, production, contacts) = validated(&s.store, &body, &uuid).await?;
    let env = Environment {
        name: name.clone(),
        display_name,
        production,
        contacts,
        ..existing
    };
    let saved = match model::save_environment(&s.store, &env).await {
        Err(StoreError::Conflict) => {
            return Err(PactError::invalid(
                "name",
                format!("Another environment with name '{name}' already exists."),
            ));
        }
        other => other?,
    };
    Ok(ok(render(&base, &saved)))
}

async fn delete(State(s): State<AppState>, P(uuid): P<String>) -> Result<Response, PactError> {
    let env = find(&s.store, &uuid).await?;
    model::delete_environment(&s.store, env.id).await?;
    Ok(no_content())
}
