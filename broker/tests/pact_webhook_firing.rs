//! Webhooks fired for real, over HTTP on 127.0.0.1:0, on SQLite and PostgreSQL: a pact
//! publication and a verification send the matching webhooks to a local receiver with the
//! placeholders filled in; an unchanged republication fires no `contract_content_changed`;
//! a failing target is retried on the schedule and ends `failure` with its log (secrets
//! masked); `/webhooks/{uuid}/execute` runs one now; the whitelists refuse what they must.

mod common;

use accord_broker::AppState;
use accord_broker::pact::webhook_events::Webhooks;
use accord_broker::pact::webhook_run::WebhookSettings;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxStatus, Uri};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the receiver saw: path and query, Authorization header, body.
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

async fn receiver() -> (String, Seen) {
    let seen: Seen = Arc::default();
    async fn record(
        State(seen): State<Seen>,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> AxStatus {
        let auth = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let failing = uri.path() == "/fail";
        seen.lock().unwrap().push((uri.to_string(), auth, body));
        if failing {
            AxStatus::INTERNAL_SERVER_ERROR
        } else {
            AxStatus::OK
        }
    }
    let app = axum::Router::new()
        .fallback(record)
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), seen)
}

use common::{call, start};

fn state(store: accord_broker::AnyStore) -> AppState {
    let mut s = AppState::new(store);
    s.webhooks = Arc::new(Webhooks::new(WebhookSettings {
        schemes: vec!["http".into()],
        hosts: vec!["127.0.0.1".parse().unwrap()],
        retry_schedule: vec![0],
        ..WebhookSettings::default()
    }));
    s
}

fn pact(description: &str) -> Value {
    json!({
        "consumer": {"name": "web"},
        "provider": {"name": "orders"},
        "interactions": [{"description": description, "request": {"method": "GET", "path": "/orders"},
                          "response": {"status": 200}}],
        "metadata": {"pactSpecification": {"version": "2.0.0"}}
    })
}

/// Waits until `done` holds (the sends run in the background).
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..200 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

async fn scenario(db: &common::Db) {
    let (target, seen) = receiver().await;
    let base = start(state(db.store.clone())).await;
    let base = base.as_str();
    for name in ["web", "orders"] {
        let (s, b) = call(
            base,
            Method::POST,
            "/pacticipants",
            Some(json!({"name": name})),
        )
        .await;
        assert!(s.is_success(), "{s} {b}");
    }
    let hook = |url: String, events: &[&str]| {
        json!({
            "events": events.iter().map(|e| json!({"name": e})).collect::<Vec<_>>(),
            "request": {
                "method": "POST",
                "url": url,
                "headers": {"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
                "body": {"event": "${pactbroker.eventName}", "consumer": "${pactbroker.consumerName}",
                         "version": "${pactbroker.consumerVersionNumber}",
                         "provider_version": "${pactbroker.providerVersionNumber}",
                         "status": "${pactbroker.githubVerificationStatus}"}
            }
        })
    };
    let (s, ok_hook) = call(
        base,
        Method::POST,
        "/webhooks/provider/orders/consumer/web",
        Some(hook(
            format!("{target}/ok?pact=${{pactbroker.pactUrl}}"),
            &[
                "contract_content_changed",
                "provider_verification_succeeded",
            ],
        )),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{ok_hook}");
    let (s, fail_hook) = call(
        base,
        Method::POST,
        "/webhooks",
        Some(hook(format!("{target}/fail"), &["contract_published"])),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{fail_hook}");
    // A webhook for another pair: never sent here.
    let (s, _) = call(
        base,
        Method::POST,
        "/pacticipants",
        Some(json!({"name": "other"})),
    )
    .await;
    assert!(s.is_success());
    let (s, _) = call(
        base,
        Method::POST,
        "/webhooks/provider/orders/consumer/other",
        Some(hook(
            format!("{target}/other"),
            &["contract_content_changed"],
        )),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);

    // Labels: a webhook for consumers labelled `frontend` fires for web once it has the label.
    let label = "/pacticipants/web/labels/frontend";
    let (s, b) = call(base, Method::PUT, label, None).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["name"], "frontend");
    let (s, _) = call(base, Method::PUT, label, None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = call(base, Method::PUT, "/pacticipants/other/labels/gone", None).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = call(
        base,
        Method::DELETE,
        "/pacticipants/other/labels/gone",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = call(base, Method::GET, "/pacticipants/other/labels/gone", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, listed) = call(base, Method::GET, "/pacticipants/label/frontend", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        listed["_embedded"]["pacticipants"][0]["name"], "web",
        "{listed}"
    );
    let mut by_label = hook(format!("{target}/label"), &["contract_published"]);
    by_label["consumer"] = json!({"label": "frontend"});
    by_label["request"]["body"]["labels"] = json!("${pactbroker.consumerLabels}");
    let (s, b) = call(base, Method::POST, "/webhooks", Some(by_label)).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let mut other_label = hook(format!("{target}/other"), &["contract_published"]);
    other_label["provider"] = json!({"label": "frontend"});
    let (s, _) = call(base, Method::POST, "/webhooks", Some(other_label)).await;
    assert_eq!(s, StatusCode::CREATED);

    // Publishing: content changed (new), published (to the failing target).
    let (s, b) = call(
        base,
        Method::PUT,
        "/pacts/provider/orders/consumer/web/version/1.0.0",
        Some(pact("list orders")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let by_event = |event: &str| {
        seen.lock()
            .unwrap()
            .iter()
            .filter(|(_, _, b)| b["event"] == event)
            .cloned()
            .collect::<Vec<_>>()
    };
    until("the content-changed webhook", async || {
        !by_event("contract_content_changed").is_empty()
    })
    .await;
    until("the label webhook", async || {
        seen.lock().unwrap().iter().any(|(u, _, _)| u == "/label")
    })
    .await;
    let labelled = seen
        .lock()
        .unwrap()
        .iter()
        .find(|(u, _, _)| u == "/label")
        .cloned();
    assert_eq!(labelled.unwrap().2["labels"], "frontend");
    let (uri, auth, body) = by_event("contract_content_changed").remove(0);
    let pact_url = format!("{base}/pacts/provider/orders/consumer/web/version/1.0.0");
    let encoded = pact_url.replace(':', "%3A").replace('/', "%2F");
    assert_eq!(uri, format!("/ok?pact={encoded}"));
    assert_eq!(auth, "Bearer s3cret");
    assert_eq!(
        body,
        json!({"event": "contract_content_changed", "consumer": "web", "version": "1.0.0",
               "provider_version": "", "status": "pending"})
    );

    // The same content under a new version: published again, but not changed.
    let (s, _) = call(
        base,
        Method::PUT,
        "/pacts/provider/orders/consumer/web/version/1.0.1",
        Some(pact("list orders")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    // What was triggered, read from the database itself (its own connection).
    let count = |event: &'static str| {
        let url = db.url.clone();
        async move {
            let sql = "SELECT COUNT(*) FROM triggered_webhooks WHERE event = $1";
            if url.starts_with("sqlite") {
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                sqlx::query_scalar::<_, i64>(sql)
                    .bind(event)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            } else {
                let pool = sqlx::PgPool::connect(&url).await.unwrap();
                sqlx::query_scalar::<_, i64>(sql)
                    .bind(event)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        }
    };
    assert_eq!(count("contract_content_changed").await, 1);
    // The global failing webhook and the label one, for each of the two publications.
    assert_eq!(count("contract_published").await, 4);

    // A successful verification of that content.
    let (s, pact_doc) = call(
        base,
        Method::GET,
        "/pacts/provider/orders/consumer/web/version/1.0.1",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let results = pact_doc["_links"]["pb:publish-verification-results"]["href"]
        .as_str()
        .unwrap()
        .strip_prefix(base)
        .unwrap()
        .to_string();
    let (s, b) = call(
        base,
        Method::POST,
        &results,
        Some(json!({"success": true, "providerApplicationVersion": "2.0.0"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    until("the verification webhook", async || {
        !by_event("provider_verification_succeeded").is_empty()
    })
    .await;
    let (_, _, body) = by_event("provider_verification_succeeded").remove(0);
    assert_eq!(body["provider_version"], "2.0.0");
    assert_eq!(body["status"], "success");
    assert_eq!(body["version"], "1.0.1");
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .all(|(u, _, _)| !u.starts_with("/other"))
    );

    // The failing target: two attempts (one retry), then failure, with the log.
    let status_path = "/pacts/provider/orders/consumer/web/webhooks/status";
    until("the failing webhook to give up", async || {
        let (_, st) = call(base, Method::GET, status_path, None).await;
        st["_embedded"]["triggeredWebhooks"]
            .as_array()
            .is_some_and(|t| {
                t.iter().any(|w| {
                    w["eventName"] == "contract_published"
                        && w["status"] == "failure"
                        && w["attemptsMade"] == 2
                })
            })
    })
    .await;
    let (s, st) = call(base, Method::GET, status_path, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(st["summary"]["failed"], 1, "{st}");
    assert_eq!(st["summary"]["successful"], 3, "{st}");
    let failed = st["_embedded"]["triggeredWebhooks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["status"] == "failure")
        .unwrap()
        .clone();
    assert_eq!(failed["name"], "Webhook for all pacts");
    let logs_url = failed["_links"]["pb:logs"]["href"].as_str().unwrap();
    let log = reqwest::get(logs_url).await.unwrap().text().await.unwrap();
    assert_eq!(log.matches("response status 500").count(), 2, "{log}");
    assert!(log.contains("Webhook execution failed"), "{log}");
    assert!(
        log.contains("Authorization: **********") && !log.contains("s3cret"),
        "{log}"
    );

    // A test run now, answered with the outcome (once both label sends have landed).
    until("both label sends", async || {
        seen.lock()
            .unwrap()
            .iter()
            .filter(|(u, _, _)| u == "/label")
            .count()
            == 2
    })
    .await;
    let ok_uuid = ok_hook["uuid"].as_str().unwrap();
    let before = seen.lock().unwrap().len();
    let (s, run) = call(
        base,
        Method::POST,
        &format!("/webhooks/{ok_uuid}/execute"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{run}");
    assert_eq!(run["success"], true);
    assert_eq!(run["request"]["headers"]["Authorization"], "**********");
    assert!(
        run["request"]["url"]
            .as_str()
            .unwrap()
            .contains("version%2F1.0.1"),
        "{run}"
    );
    assert_eq!(seen.lock().unwrap().len(), before + 1);

    // Whitelists: a GET webhook, and one to a host not on the list, are never sent.
    let refused = async |hook: Value, why: &str| {
        let (_, created) = call(base, Method::POST, "/webhooks", Some(hook)).await;
        let uuid = created["uuid"].as_str().unwrap();
        let (s, run) = call(
            base,
            Method::POST,
            &format!("/webhooks/{uuid}/execute"),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(run["logs"].as_str().unwrap().contains(why), "{run}");
    };
    let mut get_hook = hook(format!("{target}/ok"), &["contract_published"]);
    get_hook["request"]["method"] = json!("GET");
    refused(get_hook, "HTTP method must be POST").await;
    let elsewhere = target.replace("127.0.0.1", "localhost") + "/ok";
    refused(
        hook(elsewhere, &["contract_published"]),
        "host localhost is not in the webhook host whitelist",
    )
    .await;
    assert_eq!(seen.lock().unwrap().len(), before + 1);
    let (s, _) = call(base, Method::POST, "/webhooks/nope/execute", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_fire_on_sqlite() {
    let db = common::sqlite().await;
    scenario(&db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_fire_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(&db).await;
}
