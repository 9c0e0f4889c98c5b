//! Webhooks over real HTTP on 127.0.0.1:0, on SQLite and PostgreSQL: create (global, for a
//! pacticipant pair or one side, under a chosen uuid), read, list, update, delete, and the
//! Pact Broker's validation errors. (The Pact Broker client's own contract checks the create shapes too:
//! cli/tests/pact_clients.rs.)

mod common;

use accord_broker::AppState;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use common::{call, start};

fn hook(extra: Value) -> Value {
    let mut b = json!({
        "description": "notify CI",
        "events": [{"name": "contract_requiring_verification_published"}],
        "request": {
            "method": "POST",
            "url": "https://ci.example/build?pact=${pactbroker.pactUrl}",
            "headers": {"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
            "body": {"pact": "${pactbroker.pactUrl}"},
            "username": "ci",
            "password": "hunter2"
        }
    });
    if let (Some(b), Some(e)) = (b.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    b
}

async fn scenario(base: &str) {
    // Pacticipants come from the Pact Broker API itself.
    for name in ["web", "orders"] {
        let (s, body) = call(
            base,
            Method::POST,
            "/pacticipants",
            Some(json!({ "name": name })),
        )
        .await;
        assert!(s.is_success(), "{s} {body}");
    }

    // Global.
    let (s, created) = call(base, Method::POST, "/webhooks", Some(hook(json!({})))).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let uuid = created["uuid"].as_str().expect("uuid").to_string();
    assert_eq!(created["request"]["password"], "**********");
    assert_eq!(created["request"]["headers"]["Authorization"], "**********");
    assert_eq!(
        created["events"],
        json!([{"name": "contract_requiring_verification_published"}])
    );
    assert!(
        created["_links"]["self"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("http://") && h.ends_with(&uuid)),
        "{created}"
    );

    // For a pair.
    let (s, pair) = call(
        base,
        Method::POST,
        "/webhooks/provider/orders/consumer/web",
        Some(hook(json!({"description": "pair"}))),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{pair}");
    assert_eq!(pair["consumer"], json!({"name": "web"}));
    assert_eq!(pair["provider"], json!({"name": "orders"}));
    let (s, _) = call(
        base,
        Method::POST,
        "/webhooks/provider/orders/consumer/nobody",
        Some(hook(json!({}))),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Under a chosen uuid: 201, then 200 on update.
    let chosen = "0123456789abcdef-hook";
    let path = format!("/webhooks/{chosen}");
    let (s, body) = call(
        base,
        Method::PUT,
        &path,
        Some(hook(json!({"consumer": {"label": "frontend"}}))),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["consumer"], json!({"label": "frontend"}));
    let (s, body) = call(
        base,
        Method::PUT,
        &path,
        Some(hook(json!({"description": "renamed", "enabled": false}))),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, body) = call(base, Method::GET, &path, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["description"], "renamed");
    assert_eq!(body["enabled"], false);
    assert!(body.get("consumer").is_none(), "{body}");

    // Lists.
    let (s, all) = call(base, Method::GET, "/webhooks", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        all["_links"]["pb:webhooks"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        all["_embedded"]["webhooks"].as_array().map(Vec::len),
        Some(3)
    );
    let (s, for_pair) = call(
        base,
        Method::GET,
        "/webhooks/provider/orders/consumer/web",
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(for_pair["_links"]["pb:webhooks"][0]["title"], "pair");
    assert_eq!(
        for_pair["_links"]["pb:webhooks"].as_array().map(Vec::len),
        Some(1)
    );

    // For one side: the provider's list holds the pair's webhook and a new provider-only one.
    let (s, body) = call(
        base,
        Method::POST,
        "/webhooks/provider/orders",
        Some(hook(json!({"description": "any consumer of orders"}))),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["provider"], json!({"name": "orders"}));
    assert!(body.get("consumer").is_none(), "{body}");
    let (s, list) = call(base, Method::GET, "/webhooks/provider/orders", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        list["_links"]["pb:webhooks"].as_array().map(Vec::len),
        Some(2)
    );
    let (s, list) = call(base, Method::GET, "/webhooks/consumer/web", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        list["_links"]["pb:webhooks"].as_array().map(Vec::len),
        Some(1)
    );
    let (s, _) = call(base, Method::GET, "/webhooks/consumer/nobody", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Validation, as the Pact Broker words its fields.
    let (s, body) = call(
        base,
        Method::POST,
        "/webhooks",
        Some(json!({"request": {"method": "POST"}, "events": [{"name": "nope"}]})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body["errors"]["request.url"].is_array(), "{body}");
    assert!(body["errors"]["events[0].name"].is_array(), "{body}");
    let (s, body) = call(
        base,
        Method::POST,
        "/webhooks",
        Some(hook(json!({"consumer": {"name": "ghost"}}))),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(body["errors"]["consumer.name"].is_array(), "{body}");

    // Delete.
    let (s, _) = call(base, Method::DELETE, &format!("/webhooks/{uuid}"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = call(base, Method::GET, &format!("/webhooks/{uuid}"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(base, Method::DELETE, &format!("/webhooks/{uuid}"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_on_sqlite() {
    let db = common::sqlite().await;
    scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(&start(AppState::new(db.store.clone())).await).await;
}
