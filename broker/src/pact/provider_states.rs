//! Test builds only (feature `provider-states`): what replaying the Pact Broker client's own
//! contract (`../shared/conformance/pact-broker-client/`) against accord needs.
//!
//! - `POST /_pact/provider-states` takes the verifier's state changes (`{"state", "params",
//!   "action": "setup"|"teardown"}`): every call empties the Pact Broker tables, and a setup
//!   then seeds the data the named state describes — the same data the Ruby Pact Broker's
//!   own provider states create, written here as plain SQL.
//! - The contract's requests use placeholder paths for the resources the client reaches by
//!   following HAL relations (`/HAL-REL-PLACEHOLDER-PB-WEBHOOKS`, …); `wrap` rewrites them to
//!   the real paths before routing, as the Pact Broker's own verification does.
//!
//! A release binary never has any of this: seeding data on request is for test servers.

use crate::AppState;
use crate::pact::error::PactError;
use crate::pact::now_ms;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Placeholder paths in the client's contract and the resources they stand for.
pub const PATH_REPLACEMENTS: [(&str, &str); 13] = [
    (
        "/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-TAGGED-VERSION-Condor-production",
        "/pacticipants/Condor/latest-version/production",
    ),
    (
        "/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-VERSION-Condor",
        "/pacticipants/Condor/latest-version",
    ),
    ("/HAL-REL-PLACEHOLDER-PB-WEBHOOKS", "/webhooks"),
    (
        "/HAL-REL-PLACEHOLDER-INDEX-PB-PACTICIPANT-VERSION-Foo-26f353580936ad3b9baddb17b00e84f33c69e7cb",
        "/pacticipants/Foo/versions/26f353580936ad3b9baddb17b00e84f33c69e7cb",
    ),
    ("/HAL-REL-PLACEHOLDER-PB-ENVIRONMENTS", "/environments"),
    (
        "/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-VERSION-Foo-5556b8149bf8bac76bc30f50a8a2dd4c22c85f30",
        "/pacticipants/Foo/versions/5556b8149bf8bac76bc30f50a8a2dd4c22c85f30",
    ),
    (
        "/HAL-REL-PLACEHOLDER-PB-RECORD-DEPLOYMENT-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
        "/pacticipants/Foo/versions/5556b8149bf8bac76bc30f50a8a2dd4c22c85f30/deployed-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479",
    ),
    (
        "/HAL-REL-PLACEHOLDER-PB-PUBLISH-CONTRACTS",
        "/contracts/publish",
    ),
    (
        "/HAL-REL-PLACEHOLDER-PB-RECORD-RELEASE-FOO-5556B8149BF8BAC76BC30F50A8A2DD4C22C85F30-TEST",
        "/pacticipants/Foo/versions/5556b8149bf8bac76bc30f50a8a2dd4c22c85f30/released-versions/environment/cb632df3-0a0d-4227-aac3-60114dd36479",
    ),
    (
        "/PLACEHOLDER-DEPLOYED-VERSION-ff3adecf-cfc5-4653-a4e3-f1861092f8e0",
        "/deployed-versions/ff3adecf-cfc5-4653-a4e3-f1861092f8e0",
    ),
    (
        "/PLACEHOLDER-ENVIRONMENT-CURRENTLY-DEPLOYED-16926ef3-590f-4e3f-838e-719717aa88c9",
        "/environments/16926ef3-590f-4e3f-838e-719717aa88c9/deployed-versions/currently-deployed",
    ),
    (
        "/HAL-REL-PLACEHOLDER-PB-ENVIRONMENT-16926ef3-590f-4e3f-838e-719717aa88c9",
        "/environments/16926ef3-590f-4e3f-838e-719717aa88c9",
    ),
    (
        "/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-Foo-main",
        "/pacticipants/Foo/branches/main",
    ),
];

/// The real path for a placeholder path; other paths unchanged.
pub fn rewrite_path(path: &str) -> String {
    for (from, to) in PATH_REPLACEMENTS {
        if let Some(rest) = path.strip_prefix(from)
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return format!("{to}{rest}");
        }
    }
    path.to_string()
}

/// `app` with the provider-state endpoint and the placeholder rewrite in front of routing.
pub fn wrap(app: Router, state: AppState) -> Router {
    Router::new()
        .route("/_pact/provider-states", post(change_state))
        .with_state(state)
        .fallback_service(app)
        .layer(axum::middleware::map_request(rewrite_request))
}

async fn rewrite_request(mut req: Request) -> Request {
    let path = req.uri().path();
    let new = rewrite_path(path);
    if new != path {
        let pq = match req.uri().query() {
            Some(q) => format!("{new}?{q}"),
            None => new,
        };
        let mut parts = req.uri().clone().into_parts();
        if let Ok(p) = pq.parse() {
            parts.path_and_query = Some(p);
            if let Ok(uri) = Uri::from_parts(parts) {
                *req.uri_mut() = uri;
            }
        }
    }
    req
}

async fn change_state(State(app): State<AppState>, body: Bytes) -> Response {
    let change: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let name = change["state"].as_str().unwrap_or("").to_string();
    let action = change["action"].as_str().unwrap_or("setup");
    if let Err(e) = reset(&app.store).await {
        return PactError::from(e).into_response();
    }
    if action == "teardown" || name.is_empty() {
        return (StatusCode::OK, "{}").into_response();
    }
    match seed(&app.store, &name).await {
        Ok(true) => (StatusCode::OK, "{}").into_response(),
        Ok(false) => PactError::with(
            StatusCode::BAD_REQUEST,
            format!("unknown provider state: {name}"),
        )
        .into_response(),
        Err(e) => PactError::from(e).into_response(),
    }
}

/// Empties the Pact Broker's tables (children first); the registry's are left alone.
async fn reset(store: &AnyStore) -> Result<(), StoreError> {
    const TABLES: [&str; 14] = [
        "schema_links",
        "provider_contracts",
        "verifications",
        "pact_publications",
        "pact_contents",
        "deployed_versions",
        "released_versions",
        "tags",
        "branch_versions",
        "branches",
        "versions",
        "environments",
        "pacticipants",
        "webhooks",
    ];
    on_pool!(store, pool => {
        for t in TABLES {
            sqlx::query(&format!("DELETE FROM {t}")).execute(pool).await?;
        }
        Ok::<(), sqlx::Error>(())
    })?;
    Ok(())
}

/// Builds the data of a provider state step by step, remembering the current consumer,
/// provider, versions and pact as the Pact Broker's test data builder does.
struct Seed<'a> {
    store: &'a AnyStore,
    consumer: Option<(i64, String)>,
    provider: Option<(i64, String)>,
    consumer_version: Option<(i64, String)>,
    provider_version: Option<i64>,
    pact_content: Option<i64>,
    environment: Option<i64>,
    revisions: i64,
}

impl<'a> Seed<'a> {
    fn new(store: &'a AnyStore) -> Self {
        Seed {
            store,
            consumer: None,
            provider: None,
            consumer_version: None,
            provider_version: None,
            pact_content: None,
            environment: None,
            revisions: 0,
        }
    }

    async fn pacticipant(&self, name: &str) -> Result<i64, StoreError> {
        let now = now_ms();
        on_pool!(self.store, pool => {
            Ok(sqlx::query_scalar::<_, i64>(
                "INSERT INTO pacticipants (name, created_at, updated_at) VALUES ($1, $2, $2) \
                 ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
            )
            .bind(name)
            .bind(now)
            .fetch_one(pool)
            .await?)
        })
    }

    async fn version(&self, pacticipant: i64, number: &str) -> Result<i64, StoreError> {
        let now = now_ms();
        on_pool!(self.store, pool => {
            Ok(sqlx::query_scalar::<_, i64>(
                "INSERT INTO versions (pacticipant_id, number, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (pacticipant_id, number) DO UPDATE SET number = excluded.number \
                 RETURNING id",
            )
            .bind(pacticipant)
            .bind(number)
            .bind(now)
            .fetch_one(pool)
            .await?)
        })
    }

    async fn consumer(mut self, name: &str) -> Result<Self, StoreError> {
        self.consumer = Some((self.pacticipant(name).await?, name.to_string()));
        Ok(self)
    }

    async fn provider(mut self, name: &str) -> Result<Self, StoreError> {
        self.provider = Some((self.pacticipant(name).await?, name.to_string()));
        Ok(self)
    }

    async fn repository_url(self, url: &str) -> Result<Self, StoreError> {
        let (pid, _) = self.provider.clone().ok_or(StoreError::NotFound)?;
        on_pool!(self.store, pool => {
            sqlx::query("UPDATE pacticipants SET repository_url = $1 WHERE id = $2")
                .bind(url)
                .bind(pid)
                .execute(pool)
                .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(self)
    }

    async fn consumer_version(mut self, number: &str) -> Result<Self, StoreError> {
        let (cid, _) = self.consumer.clone().ok_or(StoreError::NotFound)?;
        self.consumer_version = Some((self.version(cid, number).await?, number.to_string()));
        Ok(self)
    }

    async fn provider_version(mut self, number: &str) -> Result<Self, StoreError> {
        let (pid, _) = self.provider.clone().ok_or(StoreError::NotFound)?;
        self.provider_version = Some(self.version(pid, number).await?);
        Ok(self)
    }

    async fn tag(&self, version: i64, name: &str) -> Result<(), StoreError> {
        let now = now_ms();
        on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO tags (version_id, name, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(version)
            .bind(name)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<(), StoreError>(())
        })
    }

    async fn consumer_tag(self, name: &str) -> Result<Self, StoreError> {
        let (vid, _) = self.consumer_version.clone().ok_or(StoreError::NotFound)?;
        self.tag(vid, name).await?;
        Ok(self)
    }

    async fn provider_tag(self, name: &str) -> Result<Self, StoreError> {
        let vid = self.provider_version.ok_or(StoreError::NotFound)?;
        self.tag(vid, name).await?;
        Ok(self)
    }

    async fn branch(self, name: &str) -> Result<Self, StoreError> {
        let (cid, _) = self.consumer.clone().ok_or(StoreError::NotFound)?;
        let (vid, _) = self.consumer_version.clone().ok_or(StoreError::NotFound)?;
        let now = now_ms();
        on_pool!(self.store, pool => {
            let bid = sqlx::query_scalar::<_, i64>(
                "INSERT INTO branches (pacticipant_id, name, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (pacticipant_id, name) DO UPDATE SET name = excluded.name \
                 RETURNING id",
            )
            .bind(cid)
            .bind(name)
            .bind(now)
            .fetch_one(pool)
            .await?;
            sqlx::query(
                "INSERT INTO branch_versions (branch_id, version_id, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(bid)
            .bind(vid)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(self)
    }

    /// Publishes a pact for the current consumer version and provider: a new revision with
    /// content that differs from every earlier one.
    async fn pact(mut self) -> Result<Self, StoreError> {
        let (cid, cname) = self.consumer.clone().ok_or(StoreError::NotFound)?;
        let (pid, pname) = self.provider.clone().ok_or(StoreError::NotFound)?;
        let (vid, _) = self.consumer_version.clone().ok_or(StoreError::NotFound)?;
        self.revisions += 1;
        let mut content = json!({
            "consumer": {"name": cname},
            "provider": {"name": pname},
            "interactions": [],
            "metadata": {"pactSpecification": {"version": "2.0.0"}},
        });
        if self.revisions > 1 {
            content["metadata"]["revision"] = json!(self.revisions);
        }
        let text = content.to_string();
        let sha = format!("{:x}", Sha256::digest(text.as_bytes()));
        let now = now_ms();
        let content_id = on_pool!(self.store, pool => {
            let content_id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO pact_contents (consumer_id, provider_id, sha, content, created_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (consumer_id, provider_id, sha) DO UPDATE SET sha = excluded.sha \
                 RETURNING id",
            )
            .bind(cid)
            .bind(pid)
            .bind(&sha)
            .bind(&text)
            .bind(now)
            .fetch_one(pool)
            .await?;
            sqlx::query(
                "INSERT INTO pact_publications \
                 (consumer_version_id, provider_id, revision, pact_content_id, created_at) \
                 VALUES ($1, $2, (SELECT COALESCE(MAX(revision), 0) + 1 FROM pact_publications \
                 WHERE consumer_version_id = $1 AND provider_id = $2), $3, $4)",
            )
            .bind(vid)
            .bind(pid)
            .bind(content_id)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<i64, StoreError>(content_id)
        })?;
        self.pact_content = Some(content_id);
        Ok(self)
    }

    async fn verification(
        mut self,
        provider_version: &str,
        success: bool,
    ) -> Result<Self, StoreError> {
        self = self.provider_version(provider_version).await?;
        let vid = self.provider_version.ok_or(StoreError::NotFound)?;
        let content = self.pact_content.ok_or(StoreError::NotFound)?;
        let (_, pname) = self.provider.clone().ok_or(StoreError::NotFound)?;
        let body = json!({
            "success": success,
            "providerApplicationVersion": provider_version,
            "providerName": pname,
        })
        .to_string();
        let now = now_ms();
        on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO verifications \
                 (pact_content_id, provider_version_id, success, source, body, created_at) \
                 VALUES ($1, $2, $3, 'verifier', $4, $5)",
            )
            .bind(content)
            .bind(vid)
            .bind(success)
            .bind(&body)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(self)
    }

    async fn environment(mut self, name: &str, uuid: Option<&str>) -> Result<Self, StoreError> {
        let uuid = uuid
            .map(str::to_string)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let contacts = json!([{"name": "foo", "details": {"emailAddress": "foo@bar.com"}}]);
        let now = now_ms();
        let id = on_pool!(self.store, pool => {
            Ok::<i64, StoreError>(sqlx::query_scalar::<_, i64>(
                "INSERT INTO environments \
                 (uuid, name, display_name, production, contacts, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(&uuid)
            .bind(name)
            .bind(capitalised(name))
            .bind(name == "production" || name == "prod")
            .bind(contacts.to_string())
            .bind(now)
            .fetch_one(pool)
            .await?)
        })?;
        self.environment = Some(id);
        Ok(self)
    }

    async fn deployed(self, uuid: &str, target: Option<&str>) -> Result<Self, StoreError> {
        let (cid, _) = self.consumer.clone().ok_or(StoreError::NotFound)?;
        let (vid, _) = self.consumer_version.clone().ok_or(StoreError::NotFound)?;
        let env = self.environment.ok_or(StoreError::NotFound)?;
        let now = now_ms();
        on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO deployed_versions \
                 (uuid, version_id, pacticipant_id, environment_id, application_instance, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(uuid)
            .bind(vid)
            .bind(cid)
            .bind(env)
            .bind(target)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(self)
    }

    async fn webhook(self, uuid: &str) -> Result<Self, StoreError> {
        let (cid, _) = self.consumer.clone().ok_or(StoreError::NotFound)?;
        let (pid, _) = self.provider.clone().ok_or(StoreError::NotFound)?;
        let request = json!({"method": "POST", "url": "https://example.org/webhook"}).to_string();
        let now = now_ms();
        on_pool!(self.store, pool => {
            sqlx::query(
                "INSERT INTO webhooks (uuid, description, consumer_id, provider_id, events, \
                 request, enabled, created_at, updated_at) \
                 VALUES ($1, 'a webhook', $2, $3, '[\"contract_content_changed\"]', $4, $5, $6, $6)",
            )
            .bind(uuid)
            .bind(cid)
            .bind(pid)
            .bind(&request)
            .bind(true)
            .bind(now)
            .execute(pool)
            .await?;
            Ok::<(), StoreError>(())
        })?;
        Ok(self)
    }
}

fn capitalised(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

const FOO_VERSION: &str = "5556b8149bf8bac76bc30f50a8a2dd4c22c85f30";
const TEST_ENV_A: &str = "16926ef3-590f-4e3f-838e-719717aa88c9";
const TEST_ENV_B: &str = "cb632df3-0a0d-4227-aac3-60114dd36479";
const DEPLOYED: &str = "ff3adecf-cfc5-4653-a4e3-f1861092f8e0";

/// Seeds the data of the provider state `name`; false when the state is unknown.
async fn seed(store: &AnyStore, name: &str) -> Result<bool, StoreError> {
    let s = Seed::new(store);
    match name {
        // The index and "nothing there" states need no data.
        n if n.contains("relation exists in the index resource")
            || n.contains("relations exist in the index resource")
            || n.contains("relations exists in the index resource")
            || n == "the pacticipant relations are present"
            || n.contains("does not exist in the pact-broker")
            || n == "no pact between Condor and the Pricing Service exists" =>
        {
            return Ok(true);
        }
        "a branch named main exists for pacticipant Foo" => {
            s.consumer("Foo")
                .await?
                .consumer_version("1")
                .await?
                .branch("main")
                .await?;
        }
        "a pact between Condor and the Pricing Service exists"
        | "a latest pact between Condor and the Pricing Service exists"
        | "the 'Pricing Service' and 'Condor' already exist in the pact-broker, and Condor already has a pact published for version 1.3.0" =>
        {
            s.consumer("Condor")
                .await?
                .consumer_version("1.3.0")
                .await?
                .provider("Pricing Service")
                .await?
                .pact()
                .await?;
        }
        "tagged as prod pact between Condor and the Pricing Service exists"
        | "a pact between Condor and the Pricing Service exists for the production version of Condor" =>
        {
            s.consumer("Condor")
                .await?
                .consumer_version("1.3.0")
                .await?
                .consumer_tag("prod")
                .await?
                .provider("Pricing Service")
                .await?
                .pact()
                .await?;
        }
        "'Condor' exists in the pact-broker" => {
            s.consumer("Condor")
                .await?
                .consumer_version("1.3.0")
                .await?;
        }
        "the 'Pricing Service' already exists in the pact-broker" => {
            s.provider("Pricing Service")
                .await?
                .repository_url("git@git.realestate.com.au:business-systems/pricing-service")
                .await?
                .provider_version("1.3.0")
                .await?;
        }
        "'Condor' exists in the pact-broker with version 1.3.0, tagged with 'prod'" => {
            s.consumer("Condor")
                .await?
                .consumer_version("1.3.0")
                .await?
                .consumer_tag("prod")
                .await?;
        }
        "'Condor' exists in the pact-broker with the latest version 1.2.3" => {
            s.consumer("Condor")
                .await?
                .consumer_version("1.0.0")
                .await?
                .consumer_version("1.2.3")
                .await?;
        }
        "'Condor' exists in the pact-broker with the latest tagged 'production' version 1.2.3" => {
            s.consumer("Condor")
                .await?
                .consumer_version("1.2.3")
                .await?
                .consumer_tag("production")
                .await?
                .consumer_version("2.0.0")
                .await?;
        }
        "the 'Pricing Service' and 'Condor' already exist in the pact-broker" => {
            s.consumer("Condor")
                .await?
                .provider("Pricing Service")
                .await?;
        }
        "a webhook with the uuid 696c5f93-1b7f-44bc-8d03-59440fcaa9a0 exists" => {
            s.consumer("Condor")
                .await?
                .provider("Pricing Service")
                .await?
                .webhook("696c5f93-1b7f-44bc-8d03-59440fcaa9a0")
                .await?;
        }
        "a pacticipant with name Foo exists" => {
            s.consumer("Foo").await?;
        }
        "an environment exists" | "an environment with name test exists" => {
            s.environment("test", None).await?;
        }
        "an environment with name test and UUID 16926ef3-590f-4e3f-838e-719717aa88c9 exists" => {
            s.environment("test", Some(TEST_ENV_A)).await?;
        }
        "version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with a test environment available for deployment" =>
        {
            s.consumer("Foo")
                .await?
                .consumer_version(FOO_VERSION)
                .await?
                .environment("test", Some(TEST_ENV_B))
                .await?;
        }
        "version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with a test environment available for release" =>
        {
            s.environment("test", Some(TEST_ENV_A))
                .await?
                .consumer("Foo")
                .await?
                .consumer_version(FOO_VERSION)
                .await?;
        }
        "version 5556b8149bf8bac76bc30f50a8a2dd4c22c85f30 of pacticipant Foo exists with 2 environments that aren't test available for deployment" =>
        {
            s.consumer("Foo")
                .await?
                .consumer_version(FOO_VERSION)
                .await?
                .environment("prod", None)
                .await?
                .environment("dev", None)
                .await?;
        }
        "an version is deployed to environment with UUID 16926ef3-590f-4e3f-838e-719717aa88c9 with target customer-1"
        | "a version is deployed to environment with UUID 16926ef3-590f-4e3f-838e-719717aa88c9 with target customer-1" =>
        {
            s.environment("test", Some(TEST_ENV_A))
                .await?
                .consumer("Foo")
                .await?
                .consumer_version(FOO_VERSION)
                .await?
                .deployed(DEPLOYED, Some("customer-1"))
                .await?;
        }
        "a currently deployed version exists" => {
            s.environment("test", Some(TEST_ENV_B))
                .await?
                .consumer("Foo")
                .await?
                .consumer_version(FOO_VERSION)
                .await?
                .deployed(DEPLOYED, None)
                .await?;
        }
        other => return seed_matrix(s, other).await,
    }
    Ok(true)
}

/// `consumer` version 1.2.3 with a pact with Bar.
async fn hierarchy<'a>(s: Seed<'a>, consumer: &str) -> Result<Seed<'a>, StoreError> {
    s.consumer(consumer)
        .await?
        .consumer_version("1.2.3")
        .await?
        .provider("Bar")
        .await?
        .pact()
        .await
}

/// The matrix states: Foo's pacts with Bar and their verifications.
async fn seed_matrix(s: Seed<'_>, name: &str) -> Result<bool, StoreError> {
    match name {
        "the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6"
        | "the pact for Foo Thing version 1.2.3 has been verified by Bar version 4.5.6" => {
            let consumer = if name.contains("Foo Thing") {
                "Foo Thing"
            } else {
                "Foo"
            };
            hierarchy(s, consumer)
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .verification("7.8.9", true)
                .await?
                .consumer_version("2.0.0")
                .await?
                .pact()
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?;
        }
        "the pact for Foo version 1.2.3 and 1.2.4 has been verified by Bar version 4.5.6" => {
            hierarchy(s, "Foo")
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .consumer_version("1.2.4")
                .await?
                .pact()
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?;
        }
        "the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6, and 1.2.4 unsuccessfully by 9.9.9" =>
        {
            hierarchy(s, "Foo")
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .consumer_version("1.2.4")
                .await?
                .pact()
                .await?
                .pact()
                .await?
                .verification("9.9.9", false)
                .await?;
        }
        "the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 with tag prod, and 1.2.4 unsuccessfully by 9.9.9" =>
        {
            hierarchy(s, "Foo")
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .provider_tag("prod")
                .await?
                .consumer_version("1.2.4")
                .await?
                .pact()
                .await?
                .pact()
                .await?
                .verification("9.9.9", false)
                .await?;
        }
        "the pact for Foo version 1.2.3 has been verified by Bar version 4.5.6 and version 5.6.7" =>
        {
            hierarchy(s, "Foo")
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .verification("5.6.7", true)
                .await?;
        }
        "the pact for Foo version 1.2.3 has been successfully verified by Bar version 4.5.6 (tagged prod) and version 5.6.7" =>
        {
            hierarchy(s, "Foo")
                .await?
                .verification("4.5.6", true)
                .await?
                .provider_tag("prod")
                .await?
                .verification("5.6.7", true)
                .await?;
        }
        "provider Bar version 4.5.6 has a successful verification for Foo version 1.2.3 tagged prod and a failed verification for version 3.4.5 tagged prod" =>
        {
            s.consumer("Foo")
                .await?
                .provider("Bar")
                .await?
                .consumer_version("1.2.3")
                .await?
                .consumer_tag("prod")
                .await?
                .pact()
                .await?
                .verification("4.5.6", true)
                .await?
                .consumer_version("3.4.5")
                .await?
                .consumer_tag("prod")
                .await?
                .pact()
                .await?
                .verification("4.5.6", false)
                .await?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::rewrite_path;

    #[test]
    fn placeholders_become_real_paths() {
        assert_eq!(
            rewrite_path("/HAL-REL-PLACEHOLDER-PB-WEBHOOKS"),
            "/webhooks"
        );
        assert_eq!(
            rewrite_path("/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-Foo-main"),
            "/pacticipants/Foo/branches/main"
        );
        assert_eq!(
            rewrite_path("/PLACEHOLDER-DEPLOYED-VERSION-ff3adecf-cfc5-4653-a4e3-f1861092f8e0"),
            "/deployed-versions/ff3adecf-cfc5-4653-a4e3-f1861092f8e0"
        );
        assert_eq!(rewrite_path("/pacticipants/Foo"), "/pacticipants/Foo");
        assert_eq!(
            rewrite_path("/HAL-REL-PLACEHOLDER-PB-WEBHOOKSX"),
            "/HAL-REL-PLACEHOLDER-PB-WEBHOOKSX"
        );
    }
}
