//! Bi-directional contracts over real HTTP on 127.0.0.1:0, against SQLite and PostgreSQL:
//! a provider publishes its OpenAPI document, the broker compares the consumer pacts
//! already stored and records each comparison as a `contract-comparison` verification; a
//! pact stored later is compared with `compare_pact_with_contracts`.
//!
//! Consumer pacts are seeded with SQL (the pact publication endpoint belongs to another
//! module); they are the pact-js fixtures of `fixtures/pact/`.

mod common;

use accord_broker::pact::provider_contracts::compare_pact_with_contracts;
use accord_broker::{AnyStore, AppState};
use base64::Engine;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn fixture(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/pact")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

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
    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request");
        let status = res.status();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.text().await.expect("body");
        assert!(ct.starts_with("application/hal+json"), "{ct}: {text}");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn put(&self, path: &str, body: &str) -> StatusCode {
        self.http
            .put(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request")
            .status()
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request");
        let status = res.status();
        let text = res.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

/// Direct SQL on the test database, for seeding pacts and reading verifications.
enum Sql {
    Lite(sqlx::SqlitePool),
    Pg(sqlx::PgPool),
}

impl Sql {
    async fn open(url: &str) -> Sql {
        if url.starts_with("sqlite") {
            Sql::Lite(sqlx::SqlitePool::connect(url).await.expect("sqlite"))
        } else {
            Sql::Pg(sqlx::PgPool::connect(url).await.expect("pg"))
        }
    }

    /// Runs an INSERT … RETURNING id with text and integer parameters.
    async fn id(&self, sql: &str, texts: &[&str], ints: &[i64]) -> i64 {
        macro_rules! run {
            ($pool:expr) => {{
                let mut q = sqlx::query_scalar::<_, i64>(sql);
                for t in texts {
                    q = q.bind(*t);
                }
                for i in ints {
                    q = q.bind(*i);
                }
                q.fetch_one($pool).await.expect(sql)
            }};
        }
        match self {
            Sql::Lite(p) => run!(p),
            Sql::Pg(p) => run!(p),
        }
    }

    /// Runs a statement without results, with integer parameters.
    async fn exec(&self, sql: &str, ints: &[i64]) {
        macro_rules! run {
            ($pool:expr) => {{
                let mut q = sqlx::query(sql);
                for i in ints {
                    q = q.bind(*i);
                }
                q.execute($pool).await.expect(sql);
            }};
        }
        match self {
            Sql::Lite(p) => run!(p),
            Sql::Pg(p) => run!(p),
        }
    }

    /// `(success, body)` of the contract comparisons with a provider version.
    async fn comparisons(&self, provider_version: &str) -> Vec<(bool, Value)> {
        let sql = "SELECT ver.success, ver.body FROM verifications ver \
                   JOIN versions v ON v.id = ver.provider_version_id \
                   WHERE v.number = $1 AND ver.source = 'contract-comparison' ORDER BY ver.id";
        let rows: Vec<(bool, String)> = match self {
            Sql::Lite(p) => sqlx::query_as(sql)
                .bind(provider_version)
                .fetch_all(p)
                .await
                .expect(sql),
            Sql::Pg(p) => sqlx::query_as(sql)
                .bind(provider_version)
                .fetch_all(p)
                .await
                .expect(sql),
        };
        rows.into_iter()
            .map(|(s, b)| (s, serde_json::from_str(&b).expect("body is JSON")))
            .collect()
    }

    /// Stores a consumer pact for `consumer` version `version` with provider `orders`;
    /// returns the pact content id.
    async fn seed_pact(&self, consumer: &str, version: &str, content: &str) -> i64 {
        let now = 1_700_000_000_000i64;
        let c = self
            .id(
                "INSERT INTO pacticipants (name, created_at, updated_at) VALUES ($1, $2, $3) RETURNING id",
                &[consumer],
                &[now, now],
            )
            .await;
        let p = match self {
            Sql::Lite(pool) => {
                sqlx::query_scalar::<_, i64>("SELECT id FROM pacticipants WHERE name = 'orders'")
                    .fetch_optional(pool)
                    .await
                    .unwrap()
            }
            Sql::Pg(pool) => {
                sqlx::query_scalar::<_, i64>("SELECT id FROM pacticipants WHERE name = 'orders'")
                    .fetch_optional(pool)
                    .await
                    .unwrap()
            }
        };
        let p = match p {
            Some(p) => p,
            None => {
                self.id(
                    "INSERT INTO pacticipants (name, created_at, updated_at) VALUES ($1, $2, $3) RETURNING id",
                    &["orders"],
                    &[now, now],
                )
                .await
            }
        };
        let v = self
            .id(
                "INSERT INTO versions (number, pacticipant_id, created_at) VALUES ($1, $2, $3) RETURNING id",
                &[version],
                &[c, now],
            )
            .await;
        let sha = format!("{consumer}-{version}");
        let content_id = self
            .id(
                "INSERT INTO pact_contents (sha, content, consumer_id, provider_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                &[&sha, content],
                &[c, p, now],
            )
            .await;
        self.id(
            "INSERT INTO pact_publications (consumer_version_id, provider_id, revision, pact_content_id, created_at) \
             VALUES ($1, $2, 1, $3, $4) RETURNING id",
            &[],
            &[v, p, content_id, now],
        )
        .await;
        content_id
    }
}

fn publication(version: &str, doc: &str, self_ok: bool) -> Value {
    json!({
        "pacticipantVersionNumber": version,
        "branch": "main",
        "tags": ["dev"],
        "buildUrl": "https://ci.example/build/1",
        "contract": {
            "content": b64(doc),
            "contentType": "application/yaml",
            "specification": "oas",
            "selfVerificationResults": {
                "success": self_ok,
                "content": b64("12 tests, 0 failures"),
                "contentType": "text/plain",
                "verifier": "dredd"
            }
        }
    })
}

/// The Customer schema without `name`: a field the compatible-v3 consumer reads.
fn without_customer_name(doc: &str) -> String {
    let changed = doc.replacen(
        "      properties:\n        name:\n          type: string\n        email:",
        "      properties:\n        email:",
        1,
    );
    assert_ne!(changed, doc);
    changed
}

async fn scenario(db: common::Db) {
    let sql = Sql::open(&db.url).await;
    let api = start(db.store.clone()).await;
    let consumer_pact = fixture("compatible-v3/pact.json");
    let doc = fixture("compatible-v3/openapi.yaml");
    sql.seed_pact("billing", "1.0.0", &consumer_pact).await;

    // A compatible document with a passing self-verification: one successful comparison.
    let (status, body) = api
        .post(
            "/provider-contracts/provider/orders/publish",
            &publication("2.0.0", &doc, true),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    let notices = body["notices"].as_array().unwrap();
    assert!(notices.iter().any(|n| n["type"] == "success"), "{body:#}");
    assert!(
        notices
            .iter()
            .any(|n| n["text"].as_str().unwrap().contains("1 compatible")),
        "{body:#}"
    );
    let rows = sql.comparisons("2.0.0").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].0, "{:#}", rows[0].1);
    assert_eq!(rows[0].1["findings"], json!([]));
    assert_eq!(rows[0].1["selfVerification"]["verifier"], "dredd");

    // Published on `main`, the provider's main branch is detected as for pacts.
    let (status, orders) = api.get("/pacticipants/orders").await;
    assert_eq!(status, StatusCode::OK, "{orders:#}");
    assert_eq!(orders["mainBranch"], "main", "{orders:#}");

    // The contract and its comparisons.
    let (status, got) = api
        .get("/provider-contracts/provider/orders/version/2.0.0")
        .await;
    assert_eq!(status, StatusCode::OK, "{got:#}");
    assert_eq!(got["contract"]["content"], json!(doc));
    assert_eq!(got["contract"]["selfVerificationResults"]["success"], true);
    assert_eq!(got["comparisons"][0]["consumer"], "billing");
    assert_eq!(got["comparisons"][0]["success"], true);

    // The provider drops a field the consumer reads: the comparison fails and names the
    // interaction and the path.
    let (status, body) = api
        .post(
            "/provider-contracts/provider/orders/publish",
            &publication("2.1.0", &without_customer_name(&doc), true),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    assert!(
        body["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["type"] == "error" && n["text"].as_str().unwrap().starts_with("billing: ")),
        "{body:#}"
    );
    assert_eq!(body["comparisons"][0]["consumer"], "billing");
    let rows = sql.comparisons("2.1.0").await;
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].0);
    let findings = rows[0].1["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "response.body.unknown" && f["severity"] == "error")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(f["location"]["path"], "$.body.customer.name");
    assert_eq!(f["interaction"], "a request for order 1 with a note");
    assert_eq!(f["provider_state"], "order 1 exists");
    let (_, got) = api
        .get("/provider-contracts/provider/orders/version/2.1.0")
        .await;
    assert_eq!(got["comparisons"][0]["success"], false);
    assert_eq!(
        got["comparisons"][0]["findings"][0]["rule"],
        "response.body.unknown"
    );

    // A compatible document whose own tests failed: the comparison fails all the same.
    let (status, body) = api
        .post(
            "/provider-contracts/provider/orders/publish",
            &publication("2.2.0", &doc, false),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    assert!(
        body["notices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["type"] == "warning"),
        "{body:#}"
    );
    let rows = sql.comparisons("2.2.0").await;
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].0, "failed self-verification must fail the row");
    assert_eq!(rows[0].1["comparison"]["success"], true);
    assert_eq!(rows[0].1["selfVerification"]["success"], false);

    // Republishing a version replaces its comparison rather than adding a second one.
    api.post(
        "/provider-contracts/provider/orders/publish",
        &publication("2.2.0", &doc, true),
    )
    .await;
    let rows = sql.comparisons("2.2.0").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].0);

    // A pact published later is compared with the latest contract on the branch (2.2.0).
    let later = fixture("response.body.unknown/pact.json").replace(
        "\"name\": \"response.body.unknown\"",
        "\"name\": \"shipping\"",
    );
    let content_id = sql.seed_pact("shipping", "7.0.0", &later).await;
    let outcomes = compare_pact_with_contracts(&db.store, content_id)
        .await
        .expect("comparison");
    assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    assert!(!outcomes[0].success);
    assert!(outcomes[0].errors >= 2, "{outcomes:?}");
    let rows = sql.comparisons("2.2.0").await;
    assert_eq!(rows.len(), 2);
    assert!(sql.comparisons("2.0.0").await.len() == 1);

    // …and with the contract of a provider version deployed somewhere (2.0.0), too.
    let env = sql
        .id(
            "INSERT INTO environments (uuid, name, production, contacts, created_at, updated_at) \
             VALUES ($1, $2, TRUE, '[]', 0, 0) RETURNING id",
            &["env-uuid-1", "production"],
            &[],
        )
        .await;
    let v200 = sql
        .id(
            "SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id \
             WHERE p.name = $1 AND v.number = $2",
            &["orders", "2.0.0"],
            &[],
        )
        .await;
    let orders = sql
        .id(
            "SELECT id FROM pacticipants WHERE name = $1",
            &["orders"],
            &[],
        )
        .await;
    sql.exec(
        "INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, created_at) \
         VALUES ('dep-uuid-1', $1, $2, $3, 0)",
        &[v200, orders, env],
    )
    .await;
    let again = sql
        .seed_pact(
            "shipping-2",
            "1.0.0",
            &later.replace("\"shipping\"", "\"shipping-2\""),
        )
        .await;
    let mut outcomes = compare_pact_with_contracts(&db.store, again)
        .await
        .expect("comparison");
    outcomes.sort_by_key(|o| o.provider_version_id);
    assert_eq!(outcomes.len(), 2, "{outcomes:?}");
    assert_eq!(outcomes[0].provider_version_id, v200);
    assert_eq!(sql.comparisons("2.0.0").await.len(), 2);

    // Publishing through the API compares the new pact at once: no verifier run, and no
    // call other than the publication.
    let before = sql.comparisons("2.2.0").await.len();
    let published = later.replace("\"shipping\"", "\"shipping-3\"");
    let status = api
        .put(
            "/pacts/provider/orders/consumer/shipping-3/version/3.0.0",
            &published,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let rows = sql.comparisons("2.2.0").await;
    assert_eq!(rows.len(), before + 1, "{rows:?}");

    // An unknown pact content is NotFound, not a panic.
    assert!(
        compare_pact_with_contracts(&db.store, 999_999)
            .await
            .is_err()
    );
}

async fn bad_requests(db: common::Db) {
    let api = start(db.store.clone()).await;
    let doc = fixture("compatible-v3/openapi.yaml");
    let url = "/provider-contracts/provider/orders/publish";

    let mut no_version = publication("", &doc, true);
    no_version
        .as_object_mut()
        .unwrap()
        .remove("pacticipantVersionNumber");
    let (status, body) = api.post(url, &no_version).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["errors"]["pacticipantVersionNumber"].is_array(),
        "{body:#}"
    );

    let mut not_b64 = publication("1", &doc, true);
    not_b64["contract"]["content"] = json!("%%% not base64");
    let (status, body) = api.post(url, &not_b64).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["errors"]["contract.content"].is_array(), "{body:#}");

    let (status, body) = api
        .post(url, &publication("1", "openapi: 3.0.3\npaths: [", true))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body:#}");
    assert!(body["errors"]["contract.content"].is_array(), "{body:#}");

    // A reference to another file would read the broker's own disk: refused.
    let external = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          $ref: '/etc/passwd#/x'\n";
    let (status, body) = api.post(url, &publication("1", external, true)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body:#}");

    let mut no_self = publication("1", &doc, true);
    no_self["contract"]
        .as_object_mut()
        .unwrap()
        .remove("selfVerificationResults");
    let (status, body) = api.post(url, &no_self).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["errors"]["contract.selfVerificationResults.success"].is_array(),
        "{body:#}"
    );

    let (status, body) = api
        .get("/provider-contracts/provider/orders/version/404")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].is_string(), "{body:#}");
}

/// Past 1000 consumer versions with pacts, only those latest on a branch (or deployed or
/// released) are compared: 1001 untracked versions share one old pact, one version on a
/// branch has a newer pact; only the newer one is compared.
async fn many_consumer_versions(db: common::Db) {
    let sql = Sql::open(&db.url).await;
    let api = start(db.store.clone()).await;
    let old = fixture("response.body.unknown/pact.json");
    let old_id = sql.seed_pact("legacy", "0", &old).await;
    let consumer = sql
        .id(
            "SELECT id FROM pacticipants WHERE name = $1",
            &["legacy"],
            &[],
        )
        .await;
    let provider = sql
        .id(
            "SELECT id FROM pacticipants WHERE name = $1",
            &["orders"],
            &[],
        )
        .await;
    // 1000 more versions publishing the same (old) pact, written in one statement.
    sql.exec(
        "INSERT INTO versions (pacticipant_id, number, created_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
         SELECT $1, 'v' || CAST(i AS TEXT), 0 FROM n",
        &[consumer],
    )
    .await;
    sql.exec(
        "INSERT INTO pact_publications (consumer_version_id, provider_id, revision, pact_content_id, created_at) \
         SELECT v.id, $1, 1, $2, 0 FROM versions v WHERE v.pacticipant_id = $3 AND v.number LIKE 'v%'",
        &[provider, old_id, consumer],
    )
    .await;
    let new_id = sql
        .seed_pact("billing", "1.0.0", &fixture("compatible-v3/pact.json"))
        .await;
    let billing_version = sql
        .id("SELECT id FROM versions WHERE number = $1", &["1.0.0"], &[])
        .await;
    let billing = sql
        .id(
            "SELECT id FROM pacticipants WHERE name = $1",
            &["billing"],
            &[],
        )
        .await;
    let branch = sql
        .id(
            "INSERT INTO branches (pacticipant_id, name, created_at) VALUES ($1, 'main', 0) RETURNING id",
            &[],
            &[billing],
        )
        .await;
    sql.exec(
        "INSERT INTO branch_versions (branch_id, version_id, created_at) VALUES ($1, $2, 0)",
        &[branch, billing_version],
    )
    .await;
    let (status, body) = api
        .post(
            "/provider-contracts/provider/orders/publish",
            &publication("3.0.0", &fixture("compatible-v3/openapi.yaml"), true),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body:#}");
    let compared: Vec<i64> = body["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["pactContentId"].as_i64().unwrap())
        .collect();
    assert_eq!(compared, vec![new_id], "{body:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_consumer_versions_sqlite() {
    many_consumer_versions(common::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_consumer_versions_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    many_consumer_versions(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_contracts_sqlite() {
    scenario(common::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_contracts_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    scenario(db).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_contract_bad_requests_sqlite() {
    bad_requests(common::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_contract_bad_requests_postgres() {
    let Some(db) = common::postgres().await else {
        return;
    };
    bad_requests(db).await;
}
