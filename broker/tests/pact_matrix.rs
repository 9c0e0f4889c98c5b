//! The matrix and can-i-deploy over real HTTP on 127.0.0.1:0, with data seeded straight
//! into the tables: cvp against cvpv, ignores, the checked application as consumer and as
//! provider, environments, tags and branches as destinations, unknown selectors, limits,
//! contract comparisons and schema (event contract) rows — on SQLite and PostgreSQL.

mod common;

use accord_broker::pact::matrix::seed;
use accord_broker::{AnyStore, AppState};
use serde_json::{Value, json};

struct Api {
    base: String,
    http: reqwest::Client,
}

async fn start(store: AnyStore) -> Api {
    Api {
        base: common::start(AppState::new(store)).await,
        http: reqwest::Client::new(),
    }
}

impl Api {
    /// GET, returning (status, body); the body must be HAL+JSON.
    async fn get(&self, path: &str) -> (u16, Value) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.text().await.expect("body");
        assert_eq!(ct, "application/hal+json;charset=utf-8", "{path}: {text}");
        let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        (status, body)
    }

    async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .put(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

fn summary(m: &Value) -> (Value, u64, u64, u64, u64) {
    let s = &m["summary"];
    (
        s["deployable"].clone(),
        s["success"].as_u64().unwrap(),
        s["failed"].as_u64().unwrap(),
        s["unknown"].as_u64().unwrap(),
        s["ignored"].as_u64().unwrap(),
    )
}

fn reason(m: &Value) -> String {
    m["summary"]["reason"].as_str().unwrap_or("").to_string()
}

fn rows(m: &Value) -> &Vec<Value> {
    m["matrix"].as_array().expect("matrix rows")
}

const PACT: &str = r#"{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[]}"#;

/// Web → Api (pact), Api v1 passes and v2 fails, both deployed side by side in prod.
async fn cvp_and_cvpv(store: &AnyStore, api: &Api) {
    let web = seed::pacticipant(store, "Web").await.unwrap();
    let api_id = seed::pacticipant(store, "Api").await.unwrap();
    let prod = seed::environment(store, "prod", true).await.unwrap();
    let web1 = seed::version(store, web, "1").await.unwrap();
    let pact = seed::pact(store, web1, api_id, PACT).await.unwrap();
    let api1 = seed::version(store, api_id, "1").await.unwrap();
    let api2 = seed::version(store, api_id, "2").await.unwrap();
    seed::verification(store, pact, api1, true, "verifier", "{}")
        .await
        .unwrap();
    seed::verification(store, pact, api2, false, "verifier", "{}")
        .await
        .unwrap();
    seed::deploy(store, api1, prod, Some("blue")).await.unwrap();
    seed::deploy(store, api2, prod, Some("green"))
        .await
        .unwrap();

    // The Rust CLI's query: one selector, latestby=cvp, an environment.
    let m = api
        .ok("/matrix?q%5B%5D%5Bpacticipant%5D=Web&q%5B%5D%5Bversion%5D=1&latestby=cvp&environment=prod")
        .await;
    assert_eq!(summary(&m), (json!(false), 1, 1, 0, 0), "{m}");
    assert!(
        reason(&m).contains(
            "The verification for the pact between version 1 of Web and one of the versions \
             of Api currently deployed to prod (2) failed"
        ),
        "{m}"
    );
    assert_eq!(rows(&m).len(), 2);
    let failing = rows(&m)
        .iter()
        .find(|r| r["provider"]["version"]["number"] == "2")
        .unwrap();
    assert_eq!(failing["verificationResult"]["success"], false);
    assert_eq!(failing["contract"]["kind"], "pact");
    assert_eq!(failing["contract"]["result"], "failure");
    assert!(
        failing["verificationResult"]["_links"]["self"]["href"]
            .as_str()
            .unwrap()
            .starts_with(&format!(
                "{}/pacts/provider/Api/consumer/Web/pact-version/",
                api.base
            ))
    );

    // The simple resource says the same.
    let m = api
        .ok("/can-i-deploy?pacticipant=Web&version=1&environment=prod")
        .await;
    assert_eq!(summary(&m).0, json!(false));

    // Without a target: cvpv keeps one row per provider version, cvp the latest only.
    let m = api
        .ok("/matrix?q[][pacticipant]=Web&q[][version]=1&q[][pacticipant]=Api&latestby=cvpv")
        .await;
    assert_eq!(rows(&m).len(), 2, "{m}");
    let m = api
        .ok("/matrix?q[][pacticipant]=Web&q[][version]=1&q[][pacticipant]=Api&latestby=cvp")
        .await;
    assert_eq!(rows(&m).len(), 1, "{m}");
    assert_eq!(rows(&m)[0]["provider"]["version"]["number"], "2");

    // Ignoring the provider, or only its failing version.
    let m = api
        .ok("/can-i-deploy?pacticipant=Web&version=1&environment=prod&ignore[][pacticipant]=Api")
        .await;
    assert_eq!(summary(&m), (json!(true), 0, 0, 0, 2), "{m}");
    assert!(rows(&m).iter().all(|r| r["ignored"] == true));
    let m = api
        .ok(
            "/matrix?q[][pacticipant]=Web&q[][version]=1&latestby=cvp&environment=prod\
             &ignore[][pacticipant]=Api&ignore[][version]=2",
        )
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 1), "{m}");
    assert!(reason(&m).contains("[IGNORED]"), "{m}");

    // The limit trims rows, never the decision.
    let m = api
        .ok("/matrix?q[][pacticipant]=Web&q[][version]=1&latestby=cvp&environment=prod&limit=1")
        .await;
    assert_eq!(rows(&m).len(), 1);
    assert_eq!(summary(&m), (json!(false), 1, 1, 0, 0), "{m}");

    // Once the failing provider is gone from prod, Web may go.
    seed::undeploy(store, api2, prod).await.unwrap();
    let m = api
        .ok("/can-i-deploy?pacticipant=Web&version=1&environment=prod")
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 0), "{m}");
    assert_eq!(
        reason(&m),
        "All required verification results are published and successful"
    );
    assert_eq!(m["notices"][0]["type"], "success");
}

/// The checked application as provider: only consumers in the environment count.
async fn provider_to_environment(store: &AnyStore, api: &Api) {
    let shop = seed::pacticipant(store, "Shop").await.unwrap();
    let stock = seed::pacticipant(store, "Stock").await.unwrap();
    let mobile = seed::pacticipant(store, "Mobile").await.unwrap();
    let stage = seed::environment(store, "stage", false).await.unwrap();
    let shop1 = seed::version(store, shop, "s1").await.unwrap();
    let shop_pact = seed::pact(store, shop1, stock, PACT).await.unwrap();
    seed::deploy(store, shop1, stage, None).await.unwrap();
    // Mobile has a pact with Stock but is not in stage: it must not matter.
    let mobile1 = seed::version(store, mobile, "m1").await.unwrap();
    seed::pact(store, mobile1, stock, r#"{"mobile":true}"#)
        .await
        .unwrap();
    let stock3 = seed::version(store, stock, "3").await.unwrap();
    let stock4 = seed::version(store, stock, "4").await.unwrap();
    seed::verification(store, shop_pact, stock3, true, "verifier", "{}")
        .await
        .unwrap();

    let m = api
        .ok("/can-i-deploy?pacticipant=Stock&version=3&environment=stage")
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 0), "{m}");
    assert_eq!(rows(&m).len(), 1);
    assert_eq!(rows(&m)[0]["consumer"]["name"], "Shop");

    // Version 4 was never verified: unknown, not false.
    let m = api
        .ok("/can-i-deploy?pacticipant=Stock&version=4&environment=stage")
        .await;
    assert_eq!(summary(&m), (Value::Null, 0, 0, 1, 0), "{m}");
    assert_eq!(
        reason(&m),
        "There is no verified pact between the version of Shop currently deployed to stage \
         (s1) and version 4 of Stock"
    );
    assert_eq!(rows(&m)[0]["verificationResult"], Value::Null);
    assert_eq!(rows(&m)[0]["contract"]["result"], "unknown");
    let _ = stock4;

    // The consumer's provider is not in the environment at all: unknown.
    let shop2 = seed::version(store, shop, "s2").await.unwrap();
    seed::pact(store, shop2, stock, PACT).await.unwrap();
    let m = api
        .ok("/can-i-deploy?pacticipant=Shop&version=s2&environment=stage")
        .await;
    assert_eq!(summary(&m), (Value::Null, 0, 0, 1, 0), "{m}");
    assert!(
        reason(&m)
            .contains("the version of Stock currently deployed to stage (no such version exists)"),
        "{m}"
    );

    // A version that does not exist cannot be deployed.
    let m = api
        .ok("/can-i-deploy?pacticipant=Shop&version=nope&environment=stage")
        .await;
    assert_eq!(summary(&m).0, json!(false), "{m}");
    assert_eq!(
        reason(&m),
        "No pacts or verifications have been published for version nope of Shop"
    );
}

/// Tags, branches and the main branch as destinations.
async fn tags_and_branches(store: &AnyStore, api: &Api) {
    let ui = seed::pacticipant(store, "Ui").await.unwrap();
    let core = seed::pacticipant(store, "Core").await.unwrap();
    let ui1 = seed::version(store, ui, "u1").await.unwrap();
    seed::branch_version(store, ui1, "feat-x").await.unwrap();
    let pact = seed::pact(store, ui1, core, PACT).await.unwrap();
    let core1 = seed::version(store, core, "c1").await.unwrap();
    let core2 = seed::version(store, core, "c2").await.unwrap();
    seed::tag(store, core1, "production").await.unwrap();
    seed::branch_version(store, core1, "main").await.unwrap();
    seed::branch_version(store, core2, "develop").await.unwrap();
    seed::verification(store, pact, core1, true, "verifier", "{}")
        .await
        .unwrap();
    seed::verification(store, pact, core2, false, "verifier", "{}")
        .await
        .unwrap();

    // Tag (the Ruby client's `--to production`, and the simple resource's `to`).
    let m = api
        .ok("/matrix?q[][pacticipant]=Ui&q[][version]=u1&latestby=cvp&tag=production&latest=true")
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 0), "{m}");
    let m = api
        .ok("/can-i-deploy?pacticipant=Ui&version=u1&to=production")
        .await;
    assert_eq!(summary(&m).0, json!(true), "{m}");
    let m = api
        .ok("/pacticipants/Ui/latest-version/feat-x/can-i-deploy/to/production")
        .await;
    assert_eq!(summary(&m).0, json!(false), "no tag feat-x on Ui: {m}");

    // Branches: develop's head failed, main's head passed.
    let m = api
        .ok("/matrix?q[][pacticipant]=Ui&q[][version]=u1&latestby=cvp&branch=develop")
        .await;
    assert_eq!(summary(&m), (json!(false), 0, 1, 0, 0), "{m}");
    let m = api
        .ok("/matrix?q[][pacticipant]=Ui&q[][version]=u1&latestby=cvp&branch=main")
        .await;
    assert_eq!(summary(&m).0, json!(true), "{m}");
    seed::main_branch(store, core, Some("develop"))
        .await
        .unwrap();
    let m = api
        .ok("/matrix?q[][pacticipant]=Ui&q[][version]=u1&latestby=cvp&mainBranch=true")
        .await;
    assert_eq!(summary(&m).0, json!(false), "{m}");
    assert!(
        reason(&m).contains("the latest version of Core from branch develop (c2)"),
        "{m}"
    );

    // A branch's head to an environment (pb:can-i-deploy-branch-to-environment).
    let qa = seed::environment(store, "qa", false).await.unwrap();
    seed::deploy(store, core1, qa, None).await.unwrap();
    let m = api
        .ok("/pacticipants/Ui/branches/feat-x/latest-version/can-i-deploy/to-environment/qa")
        .await;
    assert_eq!(summary(&m).0, json!(true), "{m}");
}

/// Unknown pacticipants and environments are the client's error.
async fn bad_requests(store: &AnyStore, api: &Api) {
    seed::pacticipant(store, "Lonely").await.unwrap();
    let (status, body) = api
        .get("/can-i-deploy?pacticipant=Nobody&version=1&environment=prod")
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["errors"]["q"][0], "Pacticipant Nobody not found");
    let (status, body) = api
        .get("/matrix?q[][pacticipant]=Lonely&q[][version]=1&environment=nowhere")
        .await;
    assert_eq!(status, 400);
    // /matrix lists its messages (the Pact Broker client prints `errors` as an array).
    assert!(
        body["errors"][0].as_str().unwrap().contains("nowhere"),
        "{body}"
    );
    let (status, body) = api
        .get("/matrix?q[][pacticipant]=Wiffle&q[][version]=1.2.3&latestby=cvpv")
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["errors"],
        serde_json::json!(["Pacticipant Wiffle not found"])
    );
    let (status, body) = api.get("/can-i-deploy?pacticipant=Lonely").await;
    assert_eq!(status, 400);
    assert!(body["errors"]["version"].is_array(), "{body}");
    let (status, _) = api.get("/matrix").await;
    assert_eq!(status, 400);
    // An application with no integrations may always go.
    let v = seed::version(
        store,
        seed::pacticipant(store, "Lonely").await.unwrap(),
        "1",
    )
    .await
    .unwrap();
    let _ = v;
    let m = api
        .ok("/can-i-deploy?pacticipant=Lonely&version=1&environment=prod")
        .await;
    assert_eq!(summary(&m).0, json!(true), "{m}");
    assert_eq!(reason(&m), "There are no missing dependencies");
}

/// A provider contract comparison counts like a verification, marked as such.
async fn contract_comparison(store: &AnyStore, api: &Api) {
    let app = seed::pacticipant(store, "App").await.unwrap();
    let orders = seed::pacticipant(store, "OrdersApi").await.unwrap();
    let env = seed::environment(store, "bidi", false).await.unwrap();
    let app1 = seed::version(store, app, "a1").await.unwrap();
    let pact = seed::pact(store, app1, orders, PACT).await.unwrap();
    let o1 = seed::version(store, orders, "o1").await.unwrap();
    let findings = json!({"findings": [{"rule": "response.body.incompatible", "path": "$.id"}]});
    seed::verification(
        store,
        pact,
        o1,
        false,
        "contract-comparison",
        &findings.to_string(),
    )
    .await
    .unwrap();
    seed::deploy(store, o1, env, None).await.unwrap();
    let m = api
        .ok("/can-i-deploy?pacticipant=App&version=a1&environment=bidi")
        .await;
    assert_eq!(summary(&m).0, json!(false), "{m}");
    let c = &rows(&m)[0]["contract"];
    assert_eq!(c["kind"], "pact-vs-openapi");
    assert_eq!(c["findings"][0]["rule"], "response.body.incompatible");
}

const ORDER_V1: &str = r#"{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"amount","type":"int"}]}"#;
const ORDER_V2: &str =
    r#"{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}"#;
const READER_WITH_DEFAULT: &str = r#"{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"amount","type":"int","default":0}]}"#;

/// Event contracts: writers against the readers deployed in the environment.
async fn schema_rows(store: &AnyStore, api: &Api) {
    let events = seed::environment(store, "events", true).await.unwrap();
    let link = |p: &str, v: &str, role: &str, subject: &str| {
        format!("/pacticipants/{p}/versions/{v}/schemas/{role}/{subject}")
    };
    let (status, body) = api
        .put(
            &link("orders", "1", "writer", "orders-value"),
            json!({"schema": ORDER_V1}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["schemaType"], "AVRO");
    let (status, _) = api
        .put(
            &link("orders", "1", "writer", "orders-value"),
            json!({"schema": ORDER_V1}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = api
        .put(
            &link("orders", "1", "writer", "bad-value"),
            json!({"schema": "{\"type\": \"nope\"}"}),
        )
        .await;
    assert!(status == 422 || status == 400, "{status} {body}");
    let (status, _) = api
        .put(
            &link("orders", "1", "owner", "orders-value"),
            json!({"schema": ORDER_V1}),
        )
        .await;
    assert_eq!(status, 400);
    let got = api.ok(&link("orders", "1", "writer", "orders-value")).await;
    assert_eq!(got["schema"], ORDER_V1);
    let list = api.ok("/pacticipants/orders/versions/1/schemas").await;
    assert_eq!(list["schemas"].as_array().unwrap().len(), 1);

    api.put(
        &link("orders", "2", "writer", "orders-value"),
        json!({"schema": ORDER_V2}),
    )
    .await;
    api.put(
        &link("billing", "1", "reader", "orders-value"),
        json!({"schema": ORDER_V1}),
    )
    .await;
    api.put(
        &link("billing", "2", "reader", "orders-value"),
        json!({"schema": READER_WITH_DEFAULT}),
    )
    .await;
    let orders = seed::pacticipant(store, "orders").await.unwrap();
    let billing = seed::pacticipant(store, "billing").await.unwrap();
    let o1 = seed::version(store, orders, "1").await.unwrap();
    let b1 = seed::version(store, billing, "1").await.unwrap();
    let b2 = seed::version(store, billing, "2").await.unwrap();
    seed::deploy(store, o1, events, None).await.unwrap();
    seed::deploy(store, b1, events, None).await.unwrap();

    // The producer drops a field the deployed reader needs (no default): no.
    let m = api
        .ok("/can-i-deploy?pacticipant=orders&version=2&environment=events")
        .await;
    assert_eq!(summary(&m), (json!(false), 0, 1, 0, 0), "{m}");
    let row = &rows(&m)[0];
    assert_eq!(row["consumer"]["name"], "billing");
    assert_eq!(row["provider"]["name"], "orders");
    assert_eq!(row["contract"]["kind"], "schema");
    assert_eq!(row["contract"]["subject"], "orders-value");
    assert_eq!(row["contract"]["result"], "failure");
    assert!(!row["contract"]["findings"].as_array().unwrap().is_empty());
    assert!(reason(&m).contains("amount"), "{m}");

    // The reader with a default may go first (checked against the deployed writer)…
    let m = api
        .ok("/can-i-deploy?pacticipant=billing&version=2&environment=events")
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 0), "{m}");
    // …and once it is deployed, the producer may drop the field.
    seed::deploy(store, b2, events, None).await.unwrap();
    let m = api
        .ok("/can-i-deploy?pacticipant=orders&version=2&environment=events")
        .await;
    assert_eq!(summary(&m), (json!(true), 1, 0, 0, 0), "{m}");

    // Protobuf: the producer reuses field number 2 with another type.
    let proto = |body: &str| {
        json!({"schemaType": "PROTOBUF",
               "schema": format!("syntax = \"proto3\";\npackage pay;\nmessage Payment {{ {body} }}\n")})
    };
    api.put(
        &link("pay", "1", "writer", "payments-value"),
        proto("string id = 1; string note = 2;"),
    )
    .await;
    let (status, body) = api
        .put(
            &link("pay", "2", "writer", "payments-value"),
            proto("string id = 1; int64 amount = 2;"),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    api.put(
        &link("audit", "1", "reader", "payments-value"),
        proto("string id = 1; string note = 2;"),
    )
    .await;
    let pay = seed::pacticipant(store, "pay").await.unwrap();
    let audit = seed::pacticipant(store, "audit").await.unwrap();
    let a1 = seed::version(store, audit, "1").await.unwrap();
    seed::deploy(store, a1, events, None).await.unwrap();
    let p1 = seed::version(store, pay, "1").await.unwrap();
    let m = api
        .ok(&format!(
            "/can-i-deploy?pacticipant=pay&version=2&environment=events&ignore={}",
            "nobody-in-particular"
        ))
        .await;
    assert_eq!(summary(&m).0, json!(false), "{m}");
    assert_eq!(rows(&m)[0]["contract"]["kind"], "schema");
    let _ = p1;
    let m = api
        .ok("/can-i-deploy?pacticipant=pay&version=1&environment=events")
        .await;
    assert_eq!(summary(&m).0, json!(true), "{m}");
    // Ignoring the reader that would break lets the producer go.
    let m = api
        .ok("/can-i-deploy?pacticipant=pay&version=2&environment=events&ignore[][pacticipant]=audit")
        .await;
    assert_eq!(summary(&m), (json!(true), 0, 0, 0, 1), "{m}");

    // A reader that needs a field no deployed writer writes (and has no default): no.
    let needs_currency = r#"{"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"currency","type":"string"}]}"#;
    api.put(
        &link("billing", "3", "reader", "orders-value"),
        json!({"schema": needs_currency}),
    )
    .await;
    let m = api
        .ok("/can-i-deploy?pacticipant=billing&version=3&environment=events")
        .await;
    assert_eq!(summary(&m).0, json!(false), "{m}");
    assert_eq!(rows(&m)[0]["provider"]["version"]["number"], "1");
    assert!(reason(&m).contains("currency"), "{m}");
}

/// All three kinds of contract in one environment: one failing blocks, ignoring it frees.
async fn mixed_kinds(store: &AnyStore, api: &Api) {
    let env = seed::environment(store, "mixed", true).await.unwrap();
    let hub = seed::pacticipant(store, "Hub").await.unwrap();
    let svc = seed::pacticipant(store, "Svc").await.unwrap();
    let docs = seed::pacticipant(store, "DocsApi").await.unwrap();
    let hub1 = seed::version(store, hub, "h1").await.unwrap();
    let to_svc = seed::pact(store, hub1, svc, PACT).await.unwrap();
    let to_docs = seed::pact(store, hub1, docs, PACT).await.unwrap();
    let svc1 = seed::version(store, svc, "v1").await.unwrap();
    let docs1 = seed::version(store, docs, "d1").await.unwrap();
    seed::verification(store, to_svc, svc1, true, "verifier", "{}")
        .await
        .unwrap();
    seed::verification(store, to_docs, docs1, true, "contract-comparison", "[]")
        .await
        .unwrap();
    seed::deploy(store, svc1, env, None).await.unwrap();
    seed::deploy(store, docs1, env, None).await.unwrap();
    let path = |p: &str, v: &str, role: &str| {
        format!("/pacticipants/{p}/versions/{v}/schemas/{role}/hub-events")
    };
    let (status, _) = api
        .put(&path("Hub", "h1", "writer"), json!({"schema": ORDER_V2}))
        .await;
    assert_eq!(status, 201);
    api.put(&path("Sink", "s1", "reader"), json!({"schema": ORDER_V1}))
        .await;
    let sink = seed::pacticipant(store, "Sink").await.unwrap();
    let sink1 = seed::version(store, sink, "s1").await.unwrap();
    seed::deploy(store, sink1, env, None).await.unwrap();

    let m = api
        .ok("/can-i-deploy?pacticipant=Hub&version=h1&environment=mixed")
        .await;
    assert_eq!(summary(&m), (json!(false), 2, 1, 0, 0), "{m}");
    let mut kinds: Vec<&str> = rows(&m)
        .iter()
        .map(|r| r["contract"]["kind"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["pact", "pact-vs-openapi", "schema"]);
    let m = api
        .ok("/can-i-deploy?pacticipant=Hub&version=h1&environment=mixed&ignore[][pacticipant]=Sink")
        .await;
    assert_eq!(summary(&m), (json!(true), 2, 0, 0, 1), "{m}");
}

async fn scenario(store: AnyStore) {
    let api = start(store.clone()).await;
    cvp_and_cvpv(&store, &api).await;
    provider_to_environment(&store, &api).await;
    tags_and_branches(&store, &api).await;
    bad_requests(&store, &api).await;
    contract_comparison(&store, &api).await;
    schema_rows(&store, &api).await;
    mixed_kinds(&store, &api).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_on_sqlite() {
    let db = common::sqlite().await;
    scenario(db.store.clone()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_on_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(db.store.clone()).await;
}
