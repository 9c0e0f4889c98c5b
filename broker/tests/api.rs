//! The schema registry API over real HTTP on 127.0.0.1:0: every endpoint and error code,
//! against SQLite and PostgreSQL.

mod common;

use accord_broker::auth::Tokens;
use accord_broker::{AnyStore, AppState};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;

const V1: &str = "application/vnd.schemaregistry.v1+json";

struct Api {
    base: String,
    http: reqwest::Client,
    auth: Option<String>,
}

async fn start(state: AppState) -> Api {
    Api {
        base: common::start(state).await,
        http: reqwest::Client::new(),
        auth: None,
    }
}

struct Reply {
    status: StatusCode,
    content_type: String,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    fn code(&self) -> i64 {
        self.json()["error_code"].as_i64().unwrap_or(-1)
    }
}

impl Api {
    async fn raw(&self, method: Method, path: &str, body: Option<String>, accept: &str) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Accept", accept);
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        if let Some(b) = body {
            req = req.header("Content-Type", V1).body(b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let content_type = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        Reply {
            status,
            content_type,
            text: res.text().await.expect("body"),
        }
    }
    async fn get(&self, path: &str) -> Reply {
        self.raw(Method::GET, path, None, "*/*").await
    }
    async fn post(&self, path: &str, body: Value) -> Reply {
        self.raw(Method::POST, path, Some(body.to_string()), "*/*")
            .await
    }
    async fn put(&self, path: &str, body: Value) -> Reply {
        self.raw(Method::PUT, path, Some(body.to_string()), "*/*")
            .await
    }
    async fn delete(&self, path: &str) -> Reply {
        self.raw(Method::DELETE, path, None, "*/*").await
    }
}

fn proto(body: &str) -> Value {
    json!({"schemaType": "PROTOBUF", "schema": format!("syntax = \"proto3\";\npackage shop;\n{body}\n")})
}

#[track_caller]
fn expect(r: &Reply, status: u16, code: i64) {
    assert_eq!(r.status.as_u16(), status, "{}", r.text);
    assert_eq!(r.code(), code, "{}", r.text);
}

async fn scenario(api: &Api) {
    // Types, content negotiation.
    let r = api.get("/schemas/types").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type, V1);
    assert_eq!(r.json(), json!(["JSON", "PROTOBUF", "AVRO", "OPENAPI"]));
    let r = api
        .raw(Method::GET, "/subjects", None, "application/json")
        .await;
    assert_eq!(r.content_type, "application/json");
    assert_eq!(r.json(), json!([]));
    let r = api
        .raw(
            Method::GET,
            "/subjects",
            None,
            "application/vnd.schemaregistry+json",
        )
        .await;
    assert_eq!(r.content_type, "application/vnd.schemaregistry+json");

    // Register; same text again and under another subject → the same id.
    let v1 = proto("message Order { string id = 1; }");
    let r = api
        .post("/subjects/orders-value/versions", v1.clone())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let id1 = r.json()["id"].as_i64().expect("id");
    let r = api
        .post(
            "/subjects/orders-value/versions?normalize=False",
            v1.clone(),
        )
        .await;
    assert_eq!(r.json()["id"].as_i64(), Some(id1));
    let r = api.post("/subjects/other/versions", v1.clone()).await;
    assert_eq!(r.json()["id"].as_i64(), Some(id1));

    // Incompatible (BACKWARD by default) → 409 naming the finding; nothing written.
    let bad = proto("message Order { int64 id = 1; }");
    let r = api
        .post("/subjects/orders-value/versions", bad.clone())
        .await;
    expect(&r, 409, 409);
    let msg = r.json()["message"].as_str().unwrap_or("").to_string();
    assert!(msg.contains("FIELD_WIRE_JSON_COMPATIBLE_TYPE"), "{msg}");
    assert!(msg.contains("schema.proto:"), "{msg}");
    assert_eq!(
        api.get("/subjects/orders-value/versions").await.json(),
        json!([1])
    );

    let v2 = proto("message Order { string id = 1; int32 qty = 2; }");
    let r = api
        .post("/subjects/orders-value/versions", v2.clone())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let id2 = r.json()["id"].as_i64().expect("id");
    assert_ne!(id1, id2);

    // Bad input.
    let r = api
        .post(
            "/subjects/orders-value/versions",
            proto("message Order { string id = 1 }"),
        )
        .await;
    expect(&r, 422, 42201);
    assert!(r.text.contains("schema.proto:3:31"), "{}", r.text);
    let r = api
        .post(
            "/subjects/x/versions",
            json!({"schema": "{\"type\": \"record\", \"name\": \"R\"}"}),
        )
        .await;
    expect(&r, 422, 42201);
    assert!(r.text.contains("schema:1:"), "{}", r.text);
    let r = api
        .post(
            "/subjects/x/versions",
            json!({"schema": "x", "schemaType": "XML"}),
        )
        .await;
    expect(&r, 422, 42201);
    let r = api
        .post("/subjects/x/versions", json!({"schemaType": "PROTOBUF"}))
        .await;
    expect(&r, 422, 42201);
    let r = api
        .raw(
            Method::POST,
            "/subjects/x/versions",
            Some("{\"schema\":".into()),
            "*/*",
        )
        .await;
    expect(&r, 422, 422);
    let r = api.post("/subjects/x/versions", json!({"schema": 5})).await;
    expect(&r, 422, 422);
    let r = api
        .post(
            "/subjects/x/versions",
            json!({"schemaType": "PROTOBUF", "schema": "syntax = \"proto3\"; import \"gone.proto\";",
                   "references": [{"name": "gone.proto", "subject": "nope", "version": 1}]}),
        )
        .await;
    expect(&r, 422, 42201);
    assert_eq!(
        api.get("/subjects").await.json(),
        json!(["orders-value", "other"])
    );

    // Lookup.
    let r = api.post("/subjects/orders-value", v1.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let j = r.json();
    assert_eq!(
        (j["id"].as_i64(), j["version"].as_i64()),
        (Some(id1), Some(1))
    );
    assert_eq!(j["schemaType"], "PROTOBUF");
    assert_eq!(j["subject"], "orders-value");
    expect(
        &api.post("/subjects/orders-value", proto("message Nope {}"))
            .await,
        404,
        40403,
    );
    expect(&api.post("/subjects/nobody", v1.clone()).await, 404, 40401);

    // Versions.
    assert_eq!(
        api.get("/subjects/orders-value/versions").await.json(),
        json!([1, 2])
    );
    for v in ["2", "latest", "-1"] {
        let j = api
            .get(&format!("/subjects/orders-value/versions/{v}"))
            .await
            .json();
        assert_eq!(j["version"], 2);
        assert_eq!(j["id"].as_i64(), Some(id2));
        assert_eq!(j["schema"], v2["schema"]);
    }
    let r = api.get("/subjects/orders-value/versions/1/schema").await;
    assert_eq!(r.text, v1["schema"].as_str().unwrap_or(""));
    expect(
        &api.get("/subjects/orders-value/versions/9").await,
        404,
        40402,
    );
    expect(
        &api.get("/subjects/orders-value/versions/abc").await,
        422,
        42202,
    );
    expect(
        &api.get("/subjects/orders-value/versions/0").await,
        422,
        42202,
    );
    expect(&api.get("/subjects/nobody/versions").await, 404, 40401);
    expect(&api.get("/subjects/nobody/versions/1").await, 404, 40401);

    // Schemas by id.
    let j = api.get(&format!("/schemas/ids/{id1}")).await.json();
    assert_eq!(j["schema"], v1["schema"]);
    assert_eq!(j["schemaType"], "PROTOBUF");
    let r = api.get(&format!("/schemas/ids/{id1}/schema")).await;
    assert_eq!(r.text, v1["schema"].as_str().unwrap_or(""));
    assert_eq!(
        api.get(&format!("/schemas/ids/{id1}/subjects"))
            .await
            .json(),
        json!(["orders-value", "other"])
    );
    assert_eq!(
        api.get(&format!("/schemas/ids/{id1}/versions"))
            .await
            .json(),
        json!([{"subject": "orders-value", "version": 1}, {"subject": "other", "version": 1}])
    );
    expect(&api.get("/schemas/ids/987654").await, 404, 40403);
    expect(&api.get("/schemas/ids/abc").await, 404, 40403);
    expect(&api.get("/schemas/ids/987654/subjects").await, 404, 40403);

    // References.
    let dep = json!({"schemaType": "PROTOBUF",
        "schema": "syntax = \"proto3\";\npackage dep;\nmessage Money { int64 units = 1; }\n"});
    let r = api.post("/subjects/money/versions", dep).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let refs = json!([{"name": "dep/money.proto", "subject": "money", "version": 1}]);
    let with_ref = json!({"schemaType": "PROTOBUF", "references": refs,
        "schema": "syntax = \"proto3\";\npackage shop;\nimport \"dep/money.proto\";\nmessage Price { dep.Money amount = 1; }\n"});
    let r = api.post("/subjects/price/versions", with_ref.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let id_ref = r.json()["id"].as_i64().expect("id");
    let j = api.get("/subjects/price/versions/1").await.json();
    assert_eq!(j["references"], refs);
    assert_eq!(
        api.get(&format!("/schemas/ids/{id_ref}")).await.json()["references"],
        refs
    );
    assert_eq!(
        api.get("/subjects/money/versions/1/referencedby")
            .await
            .json(),
        json!([id_ref])
    );
    expect(&api.delete("/subjects/money/versions/1").await, 422, 42206);
    expect(&api.delete("/subjects/money").await, 422, 42206);
    let r = api.post("/subjects/price", with_ref).await;
    assert_eq!(r.json()["id"].as_i64(), Some(id_ref), "{}", r.text);

    // Compatibility endpoint.
    let r = api
        .post(
            "/compatibility/subjects/orders-value/versions/latest?verbose=True",
            bad.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["is_compatible"], false);
    let messages = r.json()["messages"].as_array().cloned().unwrap_or_default();
    assert!(
        messages.iter().any(|m| m
            .as_str()
            .unwrap_or("")
            .contains("FIELD_WIRE_JSON_COMPATIBLE_TYPE")),
        "{messages:?}"
    );
    let r = api
        .post(
            "/compatibility/subjects/orders-value/versions/1",
            v2.clone(),
        )
        .await;
    assert_eq!(r.json(), json!({"is_compatible": true}));
    let r = api
        .post("/compatibility/subjects/orders-value/versions", bad.clone())
        .await;
    assert_eq!(r.json()["is_compatible"], false);
    let r = api
        .post(
            "/compatibility/subjects/fresh/versions?verbose=true",
            bad.clone(),
        )
        .await;
    assert_eq!(r.json(), json!({"is_compatible": true, "messages": []}));
    expect(
        &api.post("/compatibility/subjects/fresh/versions/latest", bad.clone())
            .await,
        404,
        40401,
    );
    expect(
        &api.post(
            "/compatibility/subjects/orders-value/versions/7",
            bad.clone(),
        )
        .await,
        404,
        40402,
    );

    // Config, with the compatibility / compatibilityLevel quirk.
    assert_eq!(
        api.get("/config").await.json(),
        json!({"compatibilityLevel": "BACKWARD"})
    );
    assert_eq!(
        api.put("/config", json!({"compatibility": "none"}))
            .await
            .json(),
        json!({"compatibility": "NONE"})
    );
    assert_eq!(
        api.get("/config").await.json(),
        json!({"compatibilityLevel": "NONE"})
    );
    expect(
        &api.put("/config", json!({"compatibility": "SIDEWAYS"}))
            .await,
        422,
        42203,
    );
    expect(&api.get("/config/orders-value").await, 404, 40408);
    assert_eq!(
        api.get("/config/orders-value?defaultToGlobal=true")
            .await
            .json(),
        json!({"compatibilityLevel": "NONE"})
    );
    assert_eq!(
        api.put("/config/orders-value", json!({"compatibility": "FULL"}))
            .await
            .json(),
        json!({"compatibility": "FULL"})
    );
    assert_eq!(
        api.get("/config/orders-value").await.json(),
        json!({"compatibilityLevel": "FULL"})
    );
    // Under NONE (global) the type change would pass, but the subject's FULL refuses it.
    expect(
        &api.post("/subjects/orders-value/versions", bad.clone())
            .await,
        409,
        409,
    );
    assert_eq!(
        api.delete("/config/orders-value").await.json(),
        json!({"compatibilityLevel": "FULL"})
    );
    expect(&api.delete("/config/orders-value").await, 404, 40401);

    // Number reuse is refused against every version ever, deleted ones too, even at NONE.
    let h1 = proto("message Item { string sku = 1; }");
    let h2 = proto("message Item { }");
    let h3 = proto("message Item { int64 count = 1; }");
    assert_eq!(api.post("/subjects/hist/versions", h1).await.status, 200);
    assert_eq!(api.post("/subjects/hist/versions", h2).await.status, 200);
    assert_eq!(
        api.delete("/subjects/hist/versions/1").await.json(),
        json!(1)
    );
    let r = api.post("/subjects/hist/versions", h3).await;
    expect(&r, 409, 409);
    assert!(r.text.contains("FIELD_NUMBER_NO_REUSE"), "{}", r.text);
    assert_eq!(
        api.delete("/config").await.json(),
        json!({"compatibilityLevel": "NONE"})
    );
    assert_eq!(
        api.get("/config").await.json(),
        json!({"compatibilityLevel": "BACKWARD"})
    );

    // Modes.
    assert_eq!(api.get("/mode").await.json(), json!({"mode": "READWRITE"}));
    expect(&api.get("/mode/orders-value").await, 404, 40409);
    assert_eq!(
        api.put("/mode/orders-value", json!({"mode": "READONLY"}))
            .await
            .json(),
        json!({"mode": "READONLY"})
    );
    let r = api
        .post(
            "/subjects/orders-value/versions",
            proto("message Order { string id = 1; int32 qty = 2; bool gift = 3; }"),
        )
        .await;
    expect(&r, 422, 42205);
    expect(
        &api.put("/mode", json!({"mode": "SLEEPY"})).await,
        422,
        42204,
    );
    assert_eq!(
        api.delete("/mode/orders-value").await.json(),
        json!({"mode": "READONLY"})
    );
    assert_eq!(
        api.put("/mode", json!({"mode": "READWRITE"})).await.json(),
        json!({"mode": "READWRITE"})
    );

    // Deleting versions: soft first, then permanent.
    expect(
        &api.delete("/subjects/other/versions/1?permanent=true")
            .await,
        404,
        40407,
    );
    assert_eq!(
        api.delete("/subjects/other/versions/1").await.json(),
        json!(1)
    );
    expect(&api.delete("/subjects/other/versions/1").await, 404, 40406);
    expect(&api.get("/subjects/other/versions/1").await, 404, 40401);
    assert_eq!(
        api.get("/subjects/other/versions/1?deleted=true")
            .await
            .json()["id"]
            .as_i64(),
        Some(id1)
    );
    assert_eq!(
        api.delete("/subjects/other/versions/1?permanent=True")
            .await
            .json(),
        json!(1)
    );
    expect(
        &api.delete("/subjects/orders-value/versions/9").await,
        404,
        40402,
    );
    expect(
        &api.delete("/subjects/orders-value/versions/x").await,
        422,
        42202,
    );

    // Deleting subjects.
    expect(
        &api.delete("/subjects/orders-value?permanent=true").await,
        404,
        40405,
    );
    assert_eq!(
        api.delete("/subjects/orders-value").await.json(),
        json!([1, 2])
    );
    assert!(
        !api.get("/subjects")
            .await
            .json()
            .as_array()
            .is_some_and(|a| a.contains(&json!("orders-value")))
    );
    assert!(
        api.get("/subjects?deleted=true")
            .await
            .json()
            .as_array()
            .is_some_and(|a| a.contains(&json!("orders-value")))
    );
    assert_eq!(
        api.get("/subjects/orders-value/versions?deleted=true")
            .await
            .json(),
        json!([1, 2])
    );
    expect(&api.delete("/subjects/orders-value").await, 404, 40404);
    // Soft-deleted schemas are still readable by id.
    assert_eq!(api.get(&format!("/schemas/ids/{id1}")).await.status, 200);
    assert_eq!(
        api.delete("/subjects/orders-value?permanent=true")
            .await
            .json(),
        json!([1, 2])
    );
    expect(&api.delete("/subjects/orders-value").await, 404, 40401);
    expect(
        &api.get("/subjects/orders-value/versions").await,
        404,
        40401,
    );
    expect(&api.get(&format!("/schemas/ids/{id1}")).await, 404, 40403);
    // After a permanent delete the subject starts again at version 1.
    let r = api.post("/subjects/orders-value/versions", v2).await;
    assert_eq!(r.json()["id"].as_i64(), Some(id2));
    assert_eq!(
        api.get("/subjects/orders-value/versions").await.json(),
        json!([1])
    );

    // Unknown routes and methods answer in the same JSON shape.
    expect(&api.get("/nowhere").await, 404, 404);
    expect(&api.put("/subjects", json!({})).await, 405, 405);

    // Operations endpoints.
    assert_eq!(api.get("/health").await.status, 200);
    assert_eq!(api.get("/ready").await.json(), json!({"status": "READY"}));
    let m = api.get("/metrics").await;
    assert!(m.content_type.starts_with("text/plain"));
    assert!(
        m.text.contains(
            "accord_http_requests_total{method=\"POST\",route=\"/subjects/{subject}/versions\",status=\"409\"}"
        ),
        "{}",
        m.text
    );
    assert!(
        m.text
            .contains("accord_compatibility_checks_total{result=\"incompatible\"}")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_api_on_sqlite() {
    let db = common::sqlite().await;
    scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_api_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let db = common::sqlite().await;
    let mut state = AppState::new(db.store.clone());
    state.max_body = 1024;
    let api = start(state).await;
    let big = proto(&format!("// {}\nmessage A {{}}", "x".repeat(4096)));
    let r = api.post("/subjects/a/versions", big).await;
    expect(&r, 413, 413);
    assert_eq!(api.get("/subjects").await.json(), json!([]));
    let small = api
        .post("/subjects/a/versions", proto("message A {}"))
        .await;
    assert_eq!(small.status, 200, "{}", small.text);
}

#[tokio::test]
async fn auth_roles() {
    let db = common::sqlite().await;
    let mut state = AppState::new(db.store.clone());
    let tokens = Tokens::parse(
        "read r-token\nwrite w-token\nadmin a-token\nwrite bob:secret\n",
        "tokens",
    )
    .expect("tokens");
    state.tokens = Some(Arc::new(tokens));
    let mut api = start(state).await;

    expect(&api.get("/subjects").await, 401, 40101);
    assert_eq!(api.get("/health").await.status, 200);
    api.auth = Some("Bearer wrong".into());
    expect(&api.get("/subjects").await, 401, 40101);

    api.auth = Some("Bearer r-token".into());
    assert_eq!(api.get("/subjects").await.status, 200);
    expect(
        &api.post("/subjects/a/versions", proto("message A {}"))
            .await,
        403,
        40301,
    );
    expect(
        &api.post("/subjects/a", proto("message A {}")).await,
        404,
        40401,
    );

    // HTTP Basic: bob:secret.
    api.auth = Some("Basic Ym9iOnNlY3JldA==".into());
    assert_eq!(
        api.post("/subjects/a/versions", proto("message A {}"))
            .await
            .status,
        200
    );
    expect(
        &api.put("/config", json!({"compatibility": "NONE"})).await,
        403,
        40301,
    );
    assert_eq!(api.delete("/subjects/a").await.status, 200);
    expect(&api.delete("/subjects/a?permanent=true").await, 403, 40301);

    api.auth = Some("Bearer a-token".into());
    assert_eq!(
        api.put("/config", json!({"compatibility": "NONE"}))
            .await
            .status,
        200
    );
    assert_eq!(api.delete("/subjects/a?permanent=true").await.status, 200);
}

/// Two servers with their own pools on one PostgreSQL database, registering concurrently:
/// no duplicate id or version, no lost registration.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    let other = AnyStore::connect(&db.url).await.expect("second pool");
    let apis = [
        Arc::new(start(AppState::new(db.store.clone())).await),
        Arc::new(start(AppState::new(other)).await),
    ];
    // NONE: the point here is allocation under contention, not the rules.
    let r = apis[0]
        .put("/config", json!({"compatibility": "NONE"}))
        .await;
    assert_eq!(r.status, 200);
    let n = 200;
    let mut tasks = Vec::new();
    for i in 0..n {
        let api = apis[i % 2].clone();
        tasks.push(tokio::spawn(async move {
            let subject = format!("s{}", i % 4);
            let r = api
                .post(
                    &format!("/subjects/{subject}/versions"),
                    proto(&format!("message M{i} {{ string f = 1; }}")),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.text);
            (subject, r.json()["id"].as_i64().expect("id"))
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.expect("task"));
    }
    let mut unique: Vec<i64> = ids.iter().map(|x| x.1).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), n);
    for s in 0..4 {
        let versions = apis[1]
            .get(&format!("/subjects/s{s}/versions"))
            .await
            .json();
        let expected: Vec<i64> = (1..=(n as i64 / 4)).collect();
        assert_eq!(versions, json!(expected));
    }
}

/// IMPORT mode: schemas keep the ids and versions of the registry they come from, with no
/// compatibility check; the mode is refused where subjects exist unless forced, ids are
/// refused outside it, and ids allocated afterwards do not collide with imported ones.
async fn import_scenario(api: &Api) {
    let a = proto("message A { string a = 1; }");
    expect(
        &api.post(
            "/subjects/old/versions",
            json!({"schemaType": "PROTOBUF", "schema": a["schema"], "id": 7}),
        )
        .await,
        422,
        42205,
    );
    assert_eq!(
        api.put("/mode", json!({"mode": "IMPORT"})).await.json(),
        json!({"mode": "IMPORT"})
    );
    let with = |schema: &Value, id: i64, version: Option<i32>| {
        let mut b = schema.clone();
        b["id"] = json!(id);
        if let Some(v) = version {
            b["version"] = json!(v);
        }
        b
    };
    // No id in IMPORT mode: refused.
    expect(
        &api.post("/subjects/old/versions", a.clone()).await,
        422,
        42205,
    );
    let r = api
        .post("/subjects/old/versions", with(&a, 100, Some(3)))
        .await;
    assert_eq!(r.json(), json!({"id": 100}), "{}", r.text);
    // Incompatible with version 3, yet imported: IMPORT mode checks nothing.
    let b = proto("message A { int64 a = 1; }");
    let r = api
        .post("/subjects/old/versions", with(&b, 205, None))
        .await;
    assert_eq!(r.json(), json!({"id": 205}), "{}", r.text);
    assert_eq!(
        api.get("/subjects/old/versions").await.json(),
        json!([3, 4])
    );
    assert_eq!(api.get("/schemas/ids/100").await.status, 200);
    // The same import again is a no-op; the id or the version with another schema is not.
    let r = api
        .post("/subjects/old/versions", with(&a, 100, Some(3)))
        .await;
    assert_eq!(r.json(), json!({"id": 100}), "{}", r.text);
    let c = proto("message C { string c = 1; }");
    expect(
        &api.post("/subjects/old/versions", with(&c, 100, Some(9)))
            .await,
        422,
        42207,
    );
    expect(
        &api.post("/subjects/old/versions", with(&c, 300, Some(3)))
            .await,
        422,
        42207,
    );
    // Back to READWRITE: new ids come after the imported ones.
    api.put("/mode", json!({"mode": "READWRITE"})).await;
    let r = api.post("/subjects/new/versions", c.clone()).await;
    let id = r.json()["id"].as_i64().expect("id");
    assert!(id > 205, "{id} collides with the imported ids");
    // Subjects exist now: IMPORT needs ?force=true, globally and per subject.
    expect(
        &api.put("/mode", json!({"mode": "IMPORT"})).await,
        422,
        42205,
    );
    expect(
        &api.put("/mode/new", json!({"mode": "IMPORT"})).await,
        422,
        42205,
    );
    assert_eq!(
        api.put("/mode/new?force=true", json!({"mode": "IMPORT"}))
            .await
            .json(),
        json!({"mode": "IMPORT"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_mode_on_sqlite() {
    let db = common::sqlite().await;
    import_scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_mode_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    import_scenario(&start(AppState::new(db.store.clone())).await).await;
}

/// accord's extension: OPENAPI subjects checked with the OpenAPI engine — registration,
/// lookup, a refused breaking change naming its findings, and verbose compatibility.
async fn openapi_scenario(api: &Api) {
    let doc = |paths: &str| {
        json!({"schemaType": "OPENAPI", "schema": format!(
            "openapi: 3.0.3\ninfo: {{title: pets, version: '1'}}\npaths:\n{paths}"
        )})
    };
    let list = "  /pets:\n    get:\n      responses: {'200': {description: ok}}\n";
    let one = "  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n";
    let v1 = doc(&format!("{list}{one}"));
    let r = api.post("/subjects/pets-api/versions", v1.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json()["id"].as_i64().expect("id");
    let r = api.post("/subjects/pets-api", v1.clone()).await;
    assert_eq!(r.json()["id"], json!(id), "{}", r.text);
    assert_eq!(r.json()["schemaType"], json!("OPENAPI"));
    assert_eq!(
        api.get(&format!("/schemas/ids/{id}")).await.json()["schemaType"],
        json!("OPENAPI")
    );
    // Dropping GET /pets/{id} breaks its clients: refused, the message names the finding.
    let v2 = doc(list);
    let r = api.post("/subjects/pets-api/versions", v2.clone()).await;
    expect(&r, 409, 409);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap_or("")
            .contains("/pets/{id}"),
        "{}",
        r.text
    );
    let r = api
        .post(
            "/compatibility/subjects/pets-api/versions/latest?verbose=true",
            v2.clone(),
        )
        .await;
    assert_eq!(r.json()["is_compatible"], json!(false), "{}", r.text);
    let messages = r.json()["messages"].as_array().cloned().unwrap_or_default();
    assert!(
        !messages.is_empty()
            && messages.iter().all(|m| m
                .as_str()
                .is_some_and(|m| m.contains("[against version 1]"))),
        "{}",
        r.text
    );
    // Adding an operation is backward compatible.
    let extra = "  /owners:\n    get:\n      responses: {'200': {description: ok}}\n";
    let v3 = doc(&format!("{list}{one}{extra}"));
    let r = api
        .post("/compatibility/subjects/pets-api/versions", v3.clone())
        .await;
    assert_eq!(r.json(), json!({"is_compatible": true}), "{}", r.text);
    assert_eq!(
        api.post("/subjects/pets-api/versions", v3).await.status,
        200
    );
    // Not an OpenAPI description: 42201 with the loader's message.
    expect(
        &api.post(
            "/subjects/pets-api/versions",
            json!({"schemaType": "OPENAPI", "schema": "{\"swag\": 1}"}),
        )
        .await,
        422,
        42201,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_subjects_on_sqlite() {
    let db = common::sqlite().await;
    openapi_scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_subjects_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    openapi_scenario(&start(AppState::new(db.store.clone())).await).await;
}

/// `?normalize=true`: layouts of one Avro or JSON schema register as one id, stored in the
/// canonical text, and lookup and compatibility normalize the same way.
async fn normalize_scenario(api: &Api) {
    let a = r#"{"type": "record", "name": "Pay", "namespace": "shop", "doc": "a payment",
        "fields": [{"name": "amount", "type": {"type": "long"}},
                   {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}"#;
    let b = r#"{"name":"shop.Pay","type":"record","fields":[{"name":"amount","type":"long"},
        {"type":{"logicalType":"timestamp-millis","type":"long"},"name":"at"}]}"#;
    let r = api
        .post(
            "/subjects/pay/versions?normalize=true",
            json!({ "schema": a }),
        )
        .await;
    let id = r.json()["id"].as_i64().expect("id");
    let r = api
        .post(
            "/subjects/pay/versions?normalize=True",
            json!({ "schema": b }),
        )
        .await;
    assert_eq!(
        r.json()["id"],
        json!(id),
        "{}: {} vs {}",
        r.text,
        api.get("/schemas/ids/1/schema").await.text,
        api.get("/schemas/ids/2/schema").await.text
    );
    assert_eq!(api.get("/subjects/pay/versions").await.json(), json!([1]));
    assert_eq!(
        api.get(&format!("/schemas/ids/{id}/schema")).await.text,
        r#"{"name":"shop.Pay","type":"record","fields":[{"name":"amount","type":"long"},{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}}]}"#
    );
    // Without normalize the other layout is another schema; lookup finds it only normalized.
    expect(
        &api.post("/subjects/pay", json!({ "schema": b })).await,
        404,
        40403,
    );
    let r = api
        .post("/subjects/pay?normalize=true", json!({ "schema": b }))
        .await;
    assert_eq!(r.json()["id"], json!(id), "{}", r.text);
    let r = api
        .post(
            "/compatibility/subjects/pay/versions/latest?normalize=true",
            json!({ "schema": b }),
        )
        .await;
    assert_eq!(r.json(), json!({"is_compatible": true}), "{}", r.text);

    let j1 =
        r#"{"type": "object", "properties": {"b": {"type": "string"}, "a": {"type": "integer"}}}"#;
    let j2 = r#"{"properties":{"a":{"type":"integer"},"b":{"type":"string"}},"type":"object"}"#;
    let r1 = api
        .post(
            "/subjects/doc/versions?normalize=true",
            json!({"schemaType": "JSON", "schema": j1}),
        )
        .await;
    let r2 = api
        .post(
            "/subjects/doc/versions?normalize=true",
            json!({"schemaType": "JSON", "schema": j2}),
        )
        .await;
    assert_eq!(r1.json(), r2.json(), "{} {}", r1.text, r2.text);

    // Protobuf: comments and layout do not make another schema.
    let p1 = "syntax = \"proto3\";\n// orders\nmessage Order {\n  int64 id = 1; // key\n  map<string, int32> counts = 2;\n}\n";
    let p2 = "syntax=\"proto3\"; message Order{ int64 id=1; map < string , int32 > counts=2; }";
    let r1 = api
        .post(
            "/subjects/proto/versions?normalize=true",
            json!({"schemaType": "PROTOBUF", "schema": p1}),
        )
        .await;
    let r2 = api
        .post(
            "/subjects/proto/versions?normalize=true",
            json!({"schemaType": "PROTOBUF", "schema": p2}),
        )
        .await;
    assert_eq!(r1.json(), r2.json(), "{} {}", r1.text, r2.text);
    let stored = api.get("/subjects/proto/versions/latest/schema").await;
    assert!(
        stored.text.contains("message Order {\n  int64 id = 1;") && !stored.text.contains("key"),
        "{}",
        stored.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn normalize_on_sqlite() {
    let db = common::sqlite().await;
    normalize_scenario(&start(AppState::new(db.store.clone())).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn normalize_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    normalize_scenario(&start(AppState::new(db.store.clone())).await).await;
}
