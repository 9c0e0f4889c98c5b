//! Webhooks as the Pact Broker keeps them: `GET|POST /webhooks`, `GET|POST
//! /webhooks/provider/{p}/consumer/{c}`, `GET|POST /webhooks/provider/{p}` and
//! `/webhooks/consumer/{c}`, `GET|PUT|DELETE /webhooks/{uuid}`.
//!
//! They are stored, validated and rendered as the Pact Broker does (the Ruby client's own
//! contract checks the shapes); `webhook_events` fires them and `webhook_run` sends them.

use crate::AppState;
use crate::pact::error::PactError;
use crate::pact::hal::{base_from, enc, hal};
use crate::pact::{now_ms, rfc3339};
use crate::store::{AnyStore, on_pool};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks", get(list_all).post(create))
        .route(
            "/webhooks/provider/{provider}/consumer/{consumer}",
            get(list_for_pair).post(create_for_pair),
        )
        .route(
            "/webhooks/provider/{provider}",
            get(list_for_provider).post(create_for_provider),
        )
        .route(
            "/webhooks/consumer/{consumer}",
            get(list_for_consumer).post(create_for_consumer),
        )
        .route(
            "/webhooks/{uuid}",
            get(show).put(create_or_update).delete(remove),
        )
}

/// The events a webhook may subscribe to (the Pact Broker's list).
pub const EVENTS: [&str; 6] = [
    "contract_content_changed",
    "contract_published",
    "contract_requiring_verification_published",
    "provider_verification_published",
    "provider_verification_succeeded",
    "provider_verification_failed",
];

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// What a webhook's consumer or provider is: a pacticipant, a label, or anyone.
#[derive(Debug, Clone, PartialEq)]
enum Party {
    Any,
    Named(i64, String),
    Label(String),
}

/// A validated webhook definition, ready to store.
#[derive(Debug, Clone, PartialEq)]
struct Definition {
    description: Option<String>,
    consumer: Party,
    provider: Party,
    events: Vec<String>,
    request: Value,
    enabled: bool,
}

async fn pacticipant(store: &AnyStore, name: &str) -> Result<Option<i64>, PactError> {
    let id = on_pool!(store, pool => {
        sqlx::query_scalar::<_, i64>("SELECT id FROM pacticipants WHERE name = $1")
            .bind(name)
            .fetch_optional(pool)
            .await
    })
    .map_err(crate::store::StoreError::from)?;
    Ok(id)
}

fn parse_body(body: &Bytes) -> Result<Map<String, Value>, PactError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(PactError::with(
            StatusCode::BAD_REQUEST,
            "The request body must be a JSON object",
        )),
        Err(e) => Err(PactError::with(
            StatusCode::BAD_REQUEST,
            format!("Error parsing JSON: {e}"),
        )),
    }
}

/// `consumer` / `provider` in a body: `{"name": …}` (must exist) or `{"label": …}`.
async fn party(
    store: &AnyStore,
    body: &Map<String, Value>,
    field: &str,
    errors: &mut Map<String, Value>,
) -> Result<Party, PactError> {
    let Some(v) = body.get(field).filter(|v| !v.is_null()) else {
        return Ok(Party::Any);
    };
    let Some(obj) = v.as_object() else {
        add(errors, field, "must be an object with a name or a label");
        return Ok(Party::Any);
    };
    let name = obj.get("name").and_then(Value::as_str);
    let label = obj.get("label").and_then(Value::as_str);
    match (name, label) {
        (Some(_), Some(_)) => {
            add(errors, field, "cannot specify both a name and a label");
            Ok(Party::Any)
        }
        (Some(name), None) => match pacticipant(store, name).await? {
            Some(id) => Ok(Party::Named(id, name.to_string())),
            None => {
                add(
                    errors,
                    &format!("{field}.name"),
                    &format!("does not match an existing pacticipant: {name}"),
                );
                Ok(Party::Any)
            }
        },
        (None, Some(label)) if !label.trim().is_empty() => Ok(Party::Label(label.to_string())),
        _ => {
            add(errors, field, "must have a name or a label");
            Ok(Party::Any)
        }
    }
}

fn add(errors: &mut Map<String, Value>, field: &str, message: &str) {
    let list = errors
        .entry(field.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = list {
        items.push(Value::String(message.to_string()));
    }
}

/// The parts of a definition that need no database: events, request, description, enabled.
fn check_fields(body: &Map<String, Value>, errors: &mut Map<String, Value>) -> Definition {
    let events = match body.get("events") {
        // The Pact Broker's default when none is given.
        None | Some(Value::Null) => vec!["contract_content_changed".to_string()],
        Some(Value::Array(items)) if items.is_empty() => {
            add(errors, "events", "must have at least one event");
            Vec::new()
        }
        Some(Value::Array(items)) => {
            let mut names = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.get("name").and_then(Value::as_str) {
                    Some(n) if EVENTS.contains(&n) => names.push(n.to_string()),
                    Some(n) => add(
                        errors,
                        &format!("events[{i}].name"),
                        &format!("{n} is not one of {}", EVENTS.join(", ")),
                    ),
                    None => add(errors, &format!("events[{i}].name"), "is missing"),
                }
            }
            names
        }
        Some(_) => {
            add(errors, "events", "must be an array");
            Vec::new()
        }
    };
    let request = match body.get("request") {
        Some(Value::Object(r)) => {
            match r.get("method").and_then(Value::as_str) {
                None => add(errors, "request.method", "is missing"),
                Some(m) if !METHODS.contains(&m.to_ascii_uppercase().as_str()) => add(
                    errors,
                    "request.method",
                    &format!("{m} is not a valid HTTP method"),
                ),
                Some(_) => {}
            }
            match r.get("url").and_then(Value::as_str) {
                None => add(errors, "request.url", "is missing"),
                Some(u) if !valid_url(u) => add(
                    errors,
                    "request.url",
                    &format!("{u} is not a valid http or https URL"),
                ),
                Some(_) => {}
            }
            if r.get("headers").is_some_and(|h| !h.is_object()) {
                add(errors, "request.headers", "must be an object");
            }
            Value::Object(r.clone())
        }
        Some(_) => {
            add(errors, "request", "must be an object");
            Value::Null
        }
        None => {
            add(errors, "request", "is missing");
            Value::Null
        }
    };
    let description = match body.get("description") {
        Some(Value::String(s)) => Some(s.clone()),
        None | Some(Value::Null) => None,
        Some(_) => {
            add(errors, "description", "must be a string");
            None
        }
    };
    let enabled = match body.get("enabled") {
        Some(Value::Bool(b)) => *b,
        None | Some(Value::Null) => true,
        Some(_) => {
            add(errors, "enabled", "must be true or false");
            true
        }
    };
    Definition {
        description,
        consumer: Party::Any,
        provider: Party::Any,
        events,
        request,
        enabled,
    }
}

/// An absolute http(s) URL with a host. Templates like `${pactbroker.pactUrl}` may stand
/// anywhere after the host, as the Pact Broker allows.
fn valid_url(u: &str) -> bool {
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains(char::is_whitespace)
    })
}

/// Validates a body; a consumer or provider given by the path wins over the body's.
async fn definition(
    store: &AnyStore,
    body: &Map<String, Value>,
    consumer: Option<Party>,
    provider: Option<Party>,
) -> Result<Definition, PactError> {
    let mut errors = Map::new();
    let mut def = check_fields(body, &mut errors);
    def.consumer = match consumer {
        Some(c) => c,
        None => party(store, body, "consumer", &mut errors).await?,
    };
    def.provider = match provider {
        Some(p) => p,
        None => party(store, body, "provider", &mut errors).await?,
    };
    if errors.is_empty() {
        Ok(def)
    } else {
        Err(PactError::invalid_fields(errors))
    }
}

type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    bool,
    i64,
    i64,
);

const SELECT: &str = "SELECT w.uuid, w.description, c.name, w.consumer_label, p.name, \
     w.provider_label, w.events, w.request, w.enabled, w.created_at, w.updated_at \
     FROM webhooks w LEFT JOIN pacticipants c ON c.id = w.consumer_id \
     LEFT JOIN pacticipants p ON p.id = w.provider_id";

fn render(base: &str, row: &Row) -> Value {
    let (uuid, description, consumer, consumer_label, provider, provider_label, events, request) = (
        &row.0, &row.1, &row.2, &row.3, &row.4, &row.5, &row.6, &row.7,
    );
    let description = description
        .clone()
        .unwrap_or_else(|| default_description(consumer.as_deref(), provider.as_deref()));
    let events: Vec<Value> = serde_json::from_str::<Vec<String>>(events)
        .unwrap_or_default()
        .into_iter()
        .map(|n| json!({ "name": n }))
        .collect();
    let mut request: Value = serde_json::from_str(request).unwrap_or(Value::Null);
    redact(&mut request);
    let self_href = format!("{base}/webhooks/{}", enc(uuid));
    let mut links = json!({
        "self": {"title": description, "href": self_href},
        "pb:execute": {
            "title": "Test the execution of the webhook with the latest matching pact or verification by sending a POST request to this URL",
            "href": format!("{self_href}/execute"),
        },
        "pb:webhooks": {"title": "All webhooks", "href": format!("{base}/webhooks")},
    });
    let mut body = json!({
        "uuid": uuid,
        "description": description,
        "enabled": row.8,
        "request": request,
        "events": events,
        "createdAt": rfc3339(row.9),
        "updatedAt": rfc3339(row.10),
    });
    for (field, name, label, rel) in [
        ("consumer", consumer, consumer_label, "pb:consumer"),
        ("provider", provider, provider_label, "pb:provider"),
    ] {
        if let Some(name) = name {
            body[field] = json!({ "name": name });
            links[rel] = json!({
                "title": name, "name": name,
                "href": format!("{base}/pacticipants/{}", enc(name)),
            });
        } else if let Some(label) = label {
            body[field] = json!({ "label": label });
        }
    }
    if let (Some(c), Some(p)) = (consumer, provider) {
        links["pb:pact-webhooks"] = json!({
            "title": format!("Webhooks for the pact between {c} and {p}"),
            "href": format!("{base}/webhooks/provider/{}/consumer/{}", enc(p), enc(c)),
        });
    }
    body["_links"] = links;
    body
}

pub(crate) fn default_description(consumer: Option<&str>, provider: Option<&str>) -> String {
    match (consumer, provider) {
        (Some(c), Some(p)) => format!("Webhook for the pact between {c} and {p}"),
        (Some(c), None) => format!("Webhook for pacts with consumer {c}"),
        (None, Some(p)) => format!("Webhook for pacts with provider {p}"),
        (None, None) => "Webhook for all pacts".to_string(),
    }
}

/// Whether a header's value is a secret: Authorization, and anything naming a token or key.
pub(crate) fn is_secret_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "authorization" || n.contains("token") || n.contains("api-key")
}

/// Secrets never leave the broker: the password and Authorization-like header values.
pub(crate) fn redact(request: &mut Value) {
    if let Some(r) = request.as_object_mut() {
        if r.get("password").is_some_and(|p| !p.is_null()) {
            r.insert("password".into(), json!("**********"));
        }
        if let Some(Value::Object(h)) = r.get_mut("headers") {
            for (name, value) in h.iter_mut() {
                if is_secret_header(name) {
                    *value = json!("**********");
                }
            }
        }
    }
}

fn party_columns(p: &Party) -> (Option<i64>, Option<String>) {
    match p {
        Party::Any => (None, None),
        Party::Named(id, _) => (Some(*id), None),
        Party::Label(l) => (None, Some(l.clone())),
    }
}

/// Inserts a webhook, or replaces the definition under `uuid`; true when it was created.
async fn save(store: &AnyStore, uuid: &str, def: &Definition) -> Result<bool, PactError> {
    let (cid, clabel) = party_columns(&def.consumer);
    let (pid, plabel) = party_columns(&def.provider);
    let events = serde_json::to_string(&def.events).unwrap_or_else(|_| "[]".into());
    let request = def.request.to_string();
    let now = now_ms();
    let created = on_pool!(store, pool => {
        // created_at = updated_at only on insert: that tells the caller 201 from 200.
        sqlx::query_scalar::<_, bool>(
            "INSERT INTO webhooks (uuid, description, consumer_id, consumer_label, provider_id, \
             provider_label, events, request, enabled, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
             ON CONFLICT (uuid) DO UPDATE SET description = excluded.description, \
             consumer_id = excluded.consumer_id, consumer_label = excluded.consumer_label, \
             provider_id = excluded.provider_id, provider_label = excluded.provider_label, \
             events = excluded.events, request = excluded.request, enabled = excluded.enabled, \
             updated_at = excluded.updated_at + 1 \
             RETURNING created_at = updated_at",
        )
        .bind(uuid)
        .bind(&def.description)
        .bind(cid)
        .bind(&clabel)
        .bind(pid)
        .bind(&plabel)
        .bind(&events)
        .bind(&request)
        .bind(def.enabled)
        .bind(now)
        .fetch_one(pool)
        .await
    })
    .map_err(crate::store::StoreError::from)?;
    Ok(created)
}

async fn fetch(store: &AnyStore, uuid: &str) -> Result<Option<Row>, PactError> {
    let sql = format!("{SELECT} WHERE w.uuid = $1");
    let row = on_pool!(store, pool => {
        sqlx::query_as::<_, Row>(&sql).bind(uuid).fetch_optional(pool).await
    })
    .map_err(crate::store::StoreError::from)?;
    Ok(row)
}

fn list_body(base: &str, rows: &[Row], self_href: String) -> Value {
    let links: Vec<Value> = rows
        .iter()
        .map(|r| {
            let d =
                r.1.clone()
                    .unwrap_or_else(|| default_description(r.2.as_deref(), r.4.as_deref()));
            json!({"title": d, "name": d, "href": format!("{base}/webhooks/{}", enc(&r.0))})
        })
        .collect();
    let embedded: Vec<Value> = rows.iter().map(|r| render(base, r)).collect();
    json!({
        "_embedded": {"webhooks": embedded},
        "_links": {
            "self": {"title": "Webhooks", "href": self_href},
            "pb:create": {"title": "POST to create a webhook", "href": format!("{base}/webhooks")},
            "pb:webhooks": links,
        },
    })
}

async fn list_all(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PactError> {
    let base = base_from(&headers).0;
    let sql = format!("{SELECT} ORDER BY w.id");
    let rows = on_pool!(&state.store, pool => {
        sqlx::query_as::<_, Row>(&sql).fetch_all(pool).await
    })
    .map_err(crate::store::StoreError::from)?;
    let self_href = format!("{base}/webhooks");
    Ok(hal(StatusCode::OK, list_body(&base, &rows, self_href)))
}

async fn pair(
    store: &AnyStore,
    provider: &str,
    consumer: &str,
) -> Result<(Party, Party), PactError> {
    let Some(pid) = pacticipant(store, provider).await? else {
        return Err(PactError::not_found(format!(
            "No pacticipant with name '{provider}' found"
        )));
    };
    let Some(cid) = pacticipant(store, consumer).await? else {
        return Err(PactError::not_found(format!(
            "No pacticipant with name '{consumer}' found"
        )));
    };
    Ok((
        Party::Named(cid, consumer.to_string()),
        Party::Named(pid, provider.to_string()),
    ))
}

async fn list_for_pair(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((provider, consumer)): Path<(String, String)>,
) -> Result<Response, PactError> {
    let (Party::Named(cid, _), Party::Named(pid, _)) =
        pair(&state.store, &provider, &consumer).await?
    else {
        return Err(PactError::not_found("No such pacticipants"));
    };
    let base = base_from(&headers).0;
    let sql = format!("{SELECT} WHERE w.consumer_id = $1 AND w.provider_id = $2 ORDER BY w.id");
    let rows = on_pool!(&state.store, pool => {
        sqlx::query_as::<_, Row>(&sql).bind(cid).bind(pid).fetch_all(pool).await
    })
    .map_err(crate::store::StoreError::from)?;
    let self_href = format!(
        "{base}/webhooks/provider/{}/consumer/{}",
        enc(&provider),
        enc(&consumer)
    );
    Ok(hal(StatusCode::OK, list_body(&base, &rows, self_href)))
}

/// The pacticipant a path names, or 404.
async fn named(store: &AnyStore, name: &str) -> Result<Party, PactError> {
    match pacticipant(store, name).await? {
        Some(id) => Ok(Party::Named(id, name.to_string())),
        None => Err(PactError::not_found(format!(
            "No pacticipant with name '{name}' found"
        ))),
    }
}

/// Webhooks whose consumer (`side` = "consumer") or provider is the pacticipant `name`.
async fn list_for_one(
    state: &AppState,
    headers: &HeaderMap,
    side: &str,
    name: &str,
) -> Result<Response, PactError> {
    let Party::Named(id, _) = named(&state.store, name).await? else {
        return Err(PactError::not_found(format!(
            "No pacticipant with name '{name}' found"
        )));
    };
    let base = base_from(headers).0;
    let column = if side == "consumer" {
        "consumer_id"
    } else {
        "provider_id"
    };
    let sql = format!("{SELECT} WHERE w.{column} = $1 ORDER BY w.id");
    let rows = on_pool!(&state.store, pool => {
        sqlx::query_as::<_, Row>(&sql).bind(id).fetch_all(pool).await
    })
    .map_err(crate::store::StoreError::from)?;
    let self_href = format!("{base}/webhooks/{side}/{}", enc(name));
    Ok(hal(StatusCode::OK, list_body(&base, &rows, self_href)))
}

async fn list_for_provider(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(provider): Path<String>,
) -> Result<Response, PactError> {
    list_for_one(&state, &headers, "provider", &provider).await
}

async fn list_for_consumer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(consumer): Path<String>,
) -> Result<Response, PactError> {
    list_for_one(&state, &headers, "consumer", &consumer).await
}

async fn create_for_provider(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(provider): Path<String>,
    body: Bytes,
) -> Result<Response, PactError> {
    let p = named(&state.store, &provider).await?;
    let body = parse_body(&body)?;
    let def = definition(&state.store, &body, None, Some(p)).await?;
    let uuid = uuid::Uuid::new_v4().to_string();
    save(&state.store, &uuid, &def).await?;
    created(&state.store, &headers, &uuid, StatusCode::CREATED).await
}

async fn create_for_consumer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(consumer): Path<String>,
    body: Bytes,
) -> Result<Response, PactError> {
    let c = named(&state.store, &consumer).await?;
    let body = parse_body(&body)?;
    let def = definition(&state.store, &body, Some(c), None).await?;
    let uuid = uuid::Uuid::new_v4().to_string();
    save(&state.store, &uuid, &def).await?;
    created(&state.store, &headers, &uuid, StatusCode::CREATED).await
}

async fn created(
    store: &AnyStore,
    headers: &HeaderMap,
    uuid: &str,
    status: StatusCode,
) -> Result<Response, PactError> {
    let row = fetch(store, uuid)
        .await?
        .ok_or_else(|| PactError::not_found("The webhook vanished while it was being saved"))?;
    let base = base_from(headers).0;
    let mut res = hal(status, render(&base, &row));
    if status == StatusCode::CREATED
        && let Ok(v) = HeaderValue::from_str(&format!("{base}/webhooks/{}", enc(uuid)))
    {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PactError> {
    let body = parse_body(&body)?;
    let def = definition(&state.store, &body, None, None).await?;
    let uuid = uuid::Uuid::new_v4().to_string();
    save(&state.store, &uuid, &def).await?;
    created(&state.store, &headers, &uuid, StatusCode::CREATED).await
}

async fn create_for_pair(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((provider, consumer)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PactError> {
    let (c, p) = pair(&state.store, &provider, &consumer).await?;
    let body = parse_body(&body)?;
    let def = definition(&state.store, &body, Some(c), Some(p)).await?;
    let uuid = uuid::Uuid::new_v4().to_string();
    save(&state.store, &uuid, &def).await?;
    created(&state.store, &headers, &uuid, StatusCode::CREATED).await
}

/// A client-chosen uuid: at least 16 URL-safe characters, as the Pact Broker requires.
fn valid_uuid(uuid: &str) -> bool {
    uuid.len() >= 16
        && uuid
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

async fn create_or_update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
    body: Bytes,
) -> Result<Response, PactError> {
    if !valid_uuid(&uuid) {
        return Err(PactError::invalid(
            "uuid",
            "must be at least 16 characters of letters, digits, - or _",
        ));
    }
    let body = parse_body(&body)?;
    let def = definition(&state.store, &body, None, None).await?;
    let new = save(&state.store, &uuid, &def).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    created(&state.store, &headers, &uuid, status).await
}

async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, PactError> {
    let row = fetch(&state.store, &uuid)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No webhook with uuid {uuid} found")))?;
    Ok(hal(StatusCode::OK, render(&base_from(&headers).0, &row)))
}

async fn remove(
    State(state): State<AppState>,
    Path(uuid): Path<String>,
) -> Result<Response, PactError> {
    let gone = on_pool!(&state.store, pool => {
        sqlx::query("DELETE FROM webhooks WHERE uuid = $1")
            .bind(&uuid)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(crate::store::StoreError::from)?;
    if gone == 0 {
        return Err(PactError::not_found(format!(
            "No webhook with uuid {uuid} found"
        )));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn missing_url_and_bad_event_are_field_errors() {
        let mut errors = Map::new();
        check_fields(
            &body(json!({"events": [{"name": "nope"}], "request": {"method": "POST"}})),
            &mut errors,
        );
        assert!(errors.contains_key("request.url"), "{errors:?}");
        assert!(errors.contains_key("events[0].name"), "{errors:?}");
        assert!(!errors.contains_key("request.method"));
    }

    #[test]
    fn defaults_to_contract_content_changed_and_enabled() {
        let mut errors = Map::new();
        let def = check_fields(
            &body(
                json!({"request": {"method": "post", "url": "https://ci/${pactbroker.pactUrl}"}}),
            ),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(def.events, vec!["contract_content_changed"]);
        assert!(def.enabled);
    }

    #[test]
    fn urls_need_http_and_a_host() {
        assert!(valid_url("https://webhook"));
        assert!(valid_url("http://ci.example/build?x=1"));
        assert!(!valid_url("ftp://x"));
        assert!(!valid_url("https://"));
        assert!(!valid_url("webhook"));
    }

    #[test]
    fn secrets_are_redacted() {
        let mut r =
            json!({"password": "p", "headers": {"Authorization": "Bearer x", "Foo": "bar"}});
        redact(&mut r);
        assert_eq!(r["password"], "**********");
        assert_eq!(r["headers"]["Authorization"], "**********");
        assert_eq!(r["headers"]["Foo"], "bar");
    }

    #[test]
    fn client_uuids_are_checked() {
        assert!(valid_uuid("696c5f93-1b7f-44bc-8d03-59440fcaa9a0"));
        assert!(!valid_uuid("short"));
        assert!(!valid_uuid("has/slash/in/it/yes"));
    }
}
