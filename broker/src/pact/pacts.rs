//! Pacts: content stored once per (consumer, provider, sha over a canonical form) and
//! published against consumer versions (`pact_publications`, one revision per republish);
//! `PUT|PATCH|GET|DELETE /pacts/provider/{p}/consumer/{c}/version/{v}`, the latest pact
//! (optionally by tag), the permalink by sha, a provider's latest pacts, and the pact JSON
//! with the `_links` the verifiers follow merged in, as the Pact Broker returns it.

use super::PactError;
use super::hal::{Base, Body, P, enc, hal, no_content, ok};
use super::model::{self, Pacticipant, Version};
use super::webhook_events;
use super::{now_ms, rfc3339};
use crate::AppState;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use sqlx::Row;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/version/{version}",
            get(get_for_version)
                .put(put_pact)
                .patch(patch_pact)
                .delete(delete_pact),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/latest",
            get(get_latest),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/latest/{tag}",
            get(get_latest_tagged),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}",
            get(get_by_sha),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/versions",
            get(get_all_versions),
        )
        .route("/pacts/provider/{provider}", get(provider_pacts))
        .route("/pacts/provider/{provider}/latest", get(provider_latest))
        .route(
            "/pacts/provider/{provider}/latest/{tag}",
            get(provider_latest_tagged),
        )
        .route(
            "/pacts/provider/{provider}/tag/{tag}",
            get(provider_pacts_tagged),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/tag/{tag}",
            get(pair_pacts_tagged),
        )
        .route(
            "/pacts/provider/{provider}/consumer/{consumer}/latest-untagged",
            get(get_latest_untagged),
        )
        .route("/pacts/latest", get(all_latest))
}

/// One publication joined with its content and consumer version.
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: i64,
    pub consumer_version_id: i64,
    pub consumer_version: String,
    pub consumer_id: i64,
    pub provider_id: i64,
    pub revision: i64,
    pub content_id: i64,
    pub sha: String,
    pub content: String,
    pub created_at: i64,
}

const PUB_COLS: &str = "pp.id, pp.consumer_version_id, v.number, v.pacticipant_id, pp.provider_id, \
    CAST(pp.revision AS BIGINT), pp.pact_content_id, pc.sha, pc.content, pp.created_at \
    FROM pact_publications pp JOIN versions v ON v.id = pp.consumer_version_id \
    JOIN pact_contents pc ON pc.id = pp.pact_content_id";

/// `PUB_COLS` without the pact text, for listings that only need identities.
const PUB_COLS_NO_CONTENT: &str = "pp.id, pp.consumer_version_id, v.number, v.pacticipant_id, \
    pp.provider_id, CAST(pp.revision AS BIGINT), pp.pact_content_id, pc.sha, '' AS content, \
    pp.created_at FROM pact_publications pp JOIN versions v ON v.id = pp.consumer_version_id \
    JOIN pact_contents pc ON pc.id = pp.pact_content_id";

/// Only the newest revision of each (consumer version, provider) counts as that version's pact.
pub const LATEST_REVISION: &str = "pp.revision = (SELECT MAX(p2.revision) FROM pact_publications p2 \
    WHERE p2.consumer_version_id = pp.consumer_version_id AND p2.provider_id = pp.provider_id)";

/// A bind parameter for the dynamic queries.
#[derive(Debug, Clone)]
pub enum Arg {
    I(i64),
    S(String),
}

fn pub_row<R: Row>(r: &R) -> Result<Publication, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Publication {
        id: r.try_get(0)?,
        consumer_version_id: r.try_get(1)?,
        consumer_version: r.try_get(2)?,
        consumer_id: r.try_get(3)?,
        provider_id: r.try_get(4)?,
        revision: r.try_get(5)?,
        content_id: r.try_get(6)?,
        sha: r.try_get(7)?,
        content: r.try_get(8)?,
        created_at: r.try_get(9)?,
    })
}

/// Publications matching `filter` (SQL over `pp`, `v`, `pc` with `$n` args), in `order`.
pub async fn publications(
    store: &AnyStore,
    filter: &str,
    args: &[Arg],
    order: &str,
) -> Result<Vec<Publication>, StoreError> {
    query_publications(store, PUB_COLS, filter, args, order).await
}

/// `publications` with `content` left empty: cheaper when only versions and shas matter.
pub async fn publication_ids(
    store: &AnyStore,
    filter: &str,
    args: &[Arg],
    order: &str,
) -> Result<Vec<Publication>, StoreError> {
    query_publications(store, PUB_COLS_NO_CONTENT, filter, args, order).await
}

async fn query_publications(
    store: &AnyStore,
    cols: &str,
    filter: &str,
    args: &[Arg],
    order: &str,
) -> Result<Vec<Publication>, StoreError> {
    let sql = format!("SELECT {cols} WHERE {filter} ORDER BY {order}");
    on_pool!(store, pool => {
        let mut q = sqlx::query(&sql);
        for a in args {
            q = match a {
                Arg::I(i) => q.bind(*i),
                Arg::S(s) => q.bind(s.clone()),
            };
        }
        let rows = q.fetch_all(pool).await?;
        Ok(rows.iter().map(pub_row).collect::<Result<Vec<_>, _>>()?)
    })
}

/// The pact of a consumer version for a provider: its latest revision.
pub async fn for_version(
    store: &AnyStore,
    version_id: i64,
    provider_id: i64,
) -> Result<Option<Publication>, StoreError> {
    Ok(publications(
        store,
        "pp.consumer_version_id = $1 AND pp.provider_id = $2",
        &[Arg::I(version_id), Arg::I(provider_id)],
        "pp.revision DESC LIMIT 1",
    )
    .await?
    .into_iter()
    .next())
}

/// The pact of the newest consumer version (optionally with `tag`) that has one.
pub async fn latest(
    store: &AnyStore,
    consumer_id: i64,
    provider_id: i64,
    tag: Option<&str>,
) -> Result<Option<Publication>, StoreError> {
    let mut args = vec![Arg::I(consumer_id), Arg::I(provider_id)];
    let mut filter = "v.pacticipant_id = $1 AND pp.provider_id = $2".to_string();
    if let Some(t) = tag {
        filter.push_str(
            " AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = v.id AND t.name = $3)",
        );
        args.push(Arg::S(t.to_string()));
    }
    Ok(
        publications(store, &filter, &args, "v.id DESC, pp.revision DESC LIMIT 1")
            .await?
            .into_iter()
            .next(),
    )
}

/// The content with `sha` between the two pacticipants: (content id, content, first published).
pub async fn content_by_sha(
    store: &AnyStore,
    consumer_id: i64,
    provider_id: i64,
    sha: &str,
) -> Result<Option<(i64, String, i64)>, StoreError> {
    on_pool!(store, pool => {
        let row = sqlx::query("SELECT id, content, created_at FROM pact_contents \
                               WHERE consumer_id = $1 AND provider_id = $2 AND sha = $3")
            .bind(consumer_id)
            .bind(provider_id)
            .bind(sha)
            .fetch_optional(pool)
            .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)),
            None => None,
        })
    })
}

/// JSON with object keys sorted, so that key order does not change a pact's identity.
pub fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), canonical(&m[k]));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

pub fn sha_of(content: &Value) -> String {
    let digest = Sha256::digest(canonical(content).to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The interaction lists a pact may have: `interactions` (HTTP, V1–V4 and V4 messages)
/// and `messages` (V3 message pacts).
const INTERACTION_LISTS: [&str; 2] = ["interactions", "messages"];

/// What identifies an interaction when merging: its description and provider state(s).
fn interaction_key(i: &Value) -> String {
    let states = i
        .get("providerStates")
        .or_else(|| i.get("providerState"))
        .or_else(|| i.get("provider_state"))
        .map(canonical)
        .unwrap_or(Value::Null);
    format!(
        "{}\u{0}{}",
        i.get("description").unwrap_or(&Value::Null),
        states
    )
}

/// `existing` with `new`'s interactions added; an interaction with the same description and
/// provider states but different content is a conflict (the Pact Broker's merge rule).
pub fn merge(existing: &Value, new: &Value) -> Result<Value, String> {
    let mut out = existing.clone();
    for list in INTERACTION_LISTS {
        let Some(added) = new.get(list).and_then(Value::as_array) else {
            continue;
        };
        if !out.get(list).is_some_and(Value::is_array) {
            out[list] = json!([]);
        }
        let Some(target) = out.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for i in added {
            let key = interaction_key(i);
            match target.iter().find(|t| interaction_key(t) == key) {
                Some(t) if canonical(t) == canonical(i) => {}
                Some(_) => {
                    return Err(format!(
                        "Cannot merge pacts as the interaction with description {} and the same \
                         provider state(s) has different content",
                        i.get("description").unwrap_or(&Value::Null)
                    ));
                }
                None => target.push(i.clone()),
            }
        }
    }
    Ok(out)
}

/// What to do when a version already has a different pact for the provider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OnConflict {
    /// 409: changing a published pact makes can-i-deploy unreliable (the Pact Broker's
    /// default, `allow_dangerous_contract_modification` off).
    Reject,
    /// Add the new interactions to the published ones.
    Merge,
}

#[derive(Debug, Clone)]
pub struct Planned {
    pub content: Value,
    pub sha: String,
    /// No pact for this version and provider before.
    pub created: bool,
    /// The content differs from the current pact (or there was none).
    pub changed: bool,
}

/// Decides what publishing `content` for the version means, without writing anything.
pub async fn plan(
    store: &AnyStore,
    version_id: Option<i64>,
    provider_id: Option<i64>,
    content: Value,
    on_conflict: OnConflict,
    conflict_message: impl FnOnce() -> String,
) -> Result<Planned, PactError> {
    let existing = match (version_id, provider_id) {
        (Some(v), Some(p)) => for_version(store, v, p).await?,
        _ => None,
    };
    let Some(existing) = existing else {
        let sha = sha_of(&content);
        return Ok(Planned {
            content,
            sha,
            created: true,
            changed: true,
        });
    };
    let content = match on_conflict {
        OnConflict::Merge => {
            let old: Value = serde_json::from_str(&existing.content)
                .map_err(|e| StoreError::Corrupt(format!("pact content: {e}")))?;
            merge(&old, &content).map_err(PactError::conflict)?
        }
        OnConflict::Reject => content,
    };
    let sha = sha_of(&content);
    if sha == existing.sha {
        return Ok(Planned {
            content,
            sha,
            created: false,
            changed: false,
        });
    }
    if on_conflict == OnConflict::Reject {
        return Err(PactError::conflict(conflict_message()));
    }
    Ok(Planned {
        content,
        sha,
        created: false,
        changed: true,
    })
}

/// Stores a planned pact: the content once, a new revision when it changed.
pub async fn write(
    store: &AnyStore,
    consumer_id: i64,
    version_id: i64,
    provider_id: i64,
    planned: &Planned,
) -> Result<(), StoreError> {
    if !planned.changed {
        return Ok(());
    }
    // Two publications of the same version racing for the next revision: the loser sees a
    // unique violation (`Conflict`) and tries again on top of the winner's revision.
    let mut attempt = 0;
    let content_id = loop {
        match write_once(store, consumer_id, version_id, provider_id, planned).await {
            Err(StoreError::Conflict) if attempt < 4 => attempt += 1,
            other => break other?,
        }
    };
    // Bi-directional contracts: the new pact is checked against the provider's published
    // OpenAPI documents now, so can-i-deploy has the result without a verifier run. The pact
    // is stored whatever happens here; a failed comparison is logged and leaves that row
    // unknown rather than refusing a publication that already took effect.
    if let Err(e) = super::provider_contracts::compare_pact_with_contracts(store, content_id).await
    {
        tracing::error!(error = %e, content_id, "comparing a new pact with provider contracts failed");
    }
    Ok(())
}

async fn write_once(
    store: &AnyStore,
    consumer_id: i64,
    version_id: i64,
    provider_id: i64,
    planned: &Planned,
) -> Result<i64, StoreError> {
    let now = now_ms();
    let text = planned.content.to_string();
    on_pool!(store, pool => {
        sqlx::query("INSERT INTO pact_contents (consumer_id, provider_id, sha, content, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consumer_id, provider_id, sha) DO NOTHING")
            .bind(consumer_id)
            .bind(provider_id)
            .bind(&planned.sha)
            .bind(&text)
            .bind(now)
            .execute(pool)
            .await?;
        let content_id: i64 = sqlx::query_scalar("SELECT id FROM pact_contents \
                     WHERE consumer_id = $1 AND provider_id = $2 AND sha = $3")
            .bind(consumer_id)
            .bind(provider_id)
            .bind(&planned.sha)
            .fetch_one(pool)
            .await?;
        // A new revision only when the current one has other content, so a
        // republication racing with an identical one adds nothing.
        sqlx::query(
            "INSERT INTO pact_publications (consumer_version_id, provider_id, revision, \
             pact_content_id, created_at) SELECT $1, $2, \
             COALESCE((SELECT MAX(revision) FROM pact_publications \
                       WHERE consumer_version_id = $1 AND provider_id = $2), 0) + 1, $3, $4 \
             WHERE COALESCE((SELECT pact_content_id FROM pact_publications \
                       WHERE consumer_version_id = $1 AND provider_id = $2 \
                       ORDER BY revision DESC LIMIT 1), 0) <> $3",
        )
        .bind(version_id)
            .bind(provider_id)
            .bind(content_id)
            .bind(now)
            .execute(pool)
            .await?;
        Ok(content_id)
    })
}

/// `/pacts/provider/P/consumer/C`
pub fn pact_base(provider: &str, consumer: &str) -> String {
    format!(
        "/pacts/provider/{}/consumer/{}",
        enc(provider),
        enc(consumer)
    )
}

pub fn version_path(provider: &str, consumer: &str, version: &str) -> String {
    format!("{}/version/{}", pact_base(provider, consumer), enc(version))
}

pub fn sha_path(provider: &str, consumer: &str, sha: &str) -> String {
    format!(
        "{}/pact-version/{}",
        pact_base(provider, consumer),
        enc(sha)
    )
}

pub fn verification_results_path(provider: &str, consumer: &str, sha: &str) -> String {
    format!("{}/verification-results", sha_path(provider, consumer, sha))
}

/// The `_links` of a pact, as the Pact Broker puts them on each pact document.
pub fn pact_links(
    base: &Base,
    consumer: &str,
    provider: &str,
    consumer_version: Option<&str>,
    sha: &str,
) -> Value {
    let pb = pact_base(provider, consumer);
    let self_path = match consumer_version {
        Some(v) => version_path(provider, consumer, v),
        None => sha_path(provider, consumer, sha),
    };
    let title = match consumer_version {
        Some(v) => format!("Pact between {consumer} ({v}) and {provider}"),
        None => format!("Pact between {consumer} and {provider}"),
    };
    let mut links = json!({
        "self": {"title": "Pact", "name": title, "href": base.url(&self_path)},
        "pb:consumer": base.named(&format!("/pacticipants/{}", enc(consumer)), "Consumer", consumer),
        "pb:provider": base.named(&format!("/pacticipants/{}", enc(provider)), "Provider", provider),
        "pb:pact-version": base.named(&sha_path(provider, consumer, sha), "Pact content version permalink", sha),
        "pb:latest-pact-version": base.link(&format!("{pb}/latest"), "Latest version of this pact"),
        "pb:all-pact-versions": base.link(&format!("{pb}/versions"), "All versions of this pact"),
        "pb:latest-untagged-pact-version": base.link(&format!("{pb}/latest-untagged"), "Latest untagged version of this pact"),
        "pb:latest-tagged-pact-version": base.templated(&format!("{pb}/latest/{{tag}}"), "Latest tagged version of this pact"),
        "pb:publish-verification-results": base.link(
            &verification_results_path(provider, consumer, sha),
            "Publish verification results"),
        "pb:latest-verification-results": base.link(
            &format!("{}/latest", verification_results_path(provider, consumer, sha)),
            "Latest verification results"),
        "curies": [{"name": "pb", "href": base.url("/doc/{rel}?context=pact"), "templated": true}],
    });
    if let Some(v) = consumer_version {
        links["pb:consumer-version"] = base.named(
            &format!("/pacticipants/{}/versions/{}", enc(consumer), enc(v)),
            "Consumer version",
            v,
        );
        links["pb:matrix-for-consumer-version"] = base.link(
            &format!(
                "/matrix?q[][pacticipant]={}&q[][version]={}&latestby=cvpv",
                enc(consumer),
                enc(v)
            ),
            "View matrix rows for the consumer version to which this pact belongs",
        );
    }
    links
}

/// The stored pact with `createdAt` and `_links` merged in.
pub fn pact_document(
    base: &Base,
    consumer: &str,
    provider: &str,
    consumer_version: Option<&str>,
    sha: &str,
    content: &str,
    created_at: i64,
) -> Result<Value, PactError> {
    let mut doc: Value = serde_json::from_str(content)
        .map_err(|e| StoreError::Corrupt(format!("pact content: {e}")))?;
    if let Some(m) = doc.as_object_mut() {
        m.insert("createdAt".into(), json!(rfc3339(created_at)));
        m.insert(
            "_links".into(),
            pact_links(base, consumer, provider, consumer_version, sha),
        );
    }
    Ok(doc)
}

fn no_pact(consumer: &str, provider: &str) -> PactError {
    PactError::not_found(format!(
        "No pact found between {consumer} and {provider} for the given criteria"
    ))
}

async fn pair(
    store: &AnyStore,
    consumer: &str,
    provider: &str,
) -> Result<(Pacticipant, Pacticipant), PactError> {
    let c = model::pacticipant(store, consumer).await?;
    let p = model::pacticipant(store, provider).await?;
    match (c, p) {
        (Some(c), Some(p)) => Ok((c, p)),
        _ => Err(no_pact(consumer, provider)),
    }
}

/// A pact response; `X-Pact-Consumer-Version` names the consumer version it belongs to
/// (the Ruby client reads it for the latest pacts).
fn publication_doc(
    base: &Base,
    consumer: &str,
    provider: &str,
    p: &Publication,
) -> Result<Response, PactError> {
    let mut res = ok(pact_document(
        base,
        consumer,
        provider,
        Some(&p.consumer_version),
        &p.sha,
        &p.content,
        p.created_at,
    )?);
    if let Ok(v) = axum::http::HeaderValue::from_str(&p.consumer_version) {
        res.headers_mut().insert("x-pact-consumer-version", v);
    }
    Ok(res)
}

async fn get_for_version(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, version)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let v = model::version(&s.store, c.id, &version)
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    let publication = for_version(&s.store, v.id, p.id)
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    publication_doc(&base, &consumer, &provider, &publication)
}

async fn get_latest(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer)): P<(String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let publication = latest(&s.store, c.id, p.id, None)
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    publication_doc(&base, &consumer, &provider, &publication)
}

async fn get_latest_tagged(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, tag)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let publication = latest(&s.store, c.id, p.id, Some(&tag))
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    publication_doc(&base, &consumer, &provider, &publication)
}

async fn get_by_sha(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, sha)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let (content_id, content, created_at) = content_by_sha(&s.store, c.id, p.id, &sha)
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    // The permalink names the newest consumer version that published this content.
    let newest = publication_ids(
        &s.store,
        "pp.pact_content_id = $1",
        &[Arg::I(content_id)],
        "v.id DESC LIMIT 1",
    )
    .await?;
    let version = newest.first().map(|p| p.consumer_version.as_str());
    Ok(ok(pact_document(
        &base, &consumer, &provider, version, &sha, &content, created_at,
    )?))
}

async fn get_all_versions(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer)): P<(String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let pubs = publication_ids(
        &s.store,
        &format!("v.pacticipant_id = $1 AND pp.provider_id = $2 AND {LATEST_REVISION}"),
        &[Arg::I(c.id), Arg::I(p.id)],
        "v.id DESC",
    )
    .await?;
    let pacts: Vec<Value> = pubs
        .iter()
        .map(|x| {
            base.named(
                &version_path(&provider, &consumer, &x.consumer_version),
                &format!(
                    "Pact between {consumer} ({}) and {provider}",
                    x.consumer_version
                ),
                &x.consumer_version,
            )
        })
        .collect();
    Ok(ok(json!({
        "_links": {
            "self": base.link(&format!("{}/versions", pact_base(&provider, &consumer)), "All versions of the pact"),
            "pb:consumer": base.named(&format!("/pacticipants/{}", enc(&consumer)), "Consumer", &consumer),
            "pb:provider": base.named(&format!("/pacticipants/{}", enc(&provider)), "Provider", &provider),
            "pb:pact-versions": pacts,
        }
    })))
}

/// A list of pacts as the provider-pacts resources render it.
fn pact_list(
    base: &Base,
    self_path: &str,
    provider: &str,
    pacts: &[(String, Publication)],
) -> Value {
    let links: Vec<Value> = pacts
        .iter()
        .map(|(consumer, x)| {
            base.named(
                &version_path(provider, consumer, &x.consumer_version),
                &format!(
                    "Pact between {consumer} (v{}) and {provider}",
                    x.consumer_version
                ),
                consumer,
            )
        })
        .collect();
    json!({
        "_links": {
            "self": base.link(self_path, &format!("Pacts for provider {provider}")),
            "provider": base.named(&format!("/pacticipants/{}", enc(provider)), provider, provider),
            "pb:provider": base.named(&format!("/pacticipants/{}", enc(provider)), provider, provider),
            "pb:pacts": links,
            "pacts": links,
        }
    })
}

/// For each consumer of `provider`, its newest pact (optionally from versions with `tag`),
/// with the consumer's name.
pub async fn latest_per_consumer(
    store: &AnyStore,
    provider_id: i64,
    tag: Option<&str>,
) -> Result<Vec<(String, Publication)>, StoreError> {
    let mut args = vec![Arg::I(provider_id)];
    let mut filter = format!("pp.provider_id = $1 AND {LATEST_REVISION}");
    if let Some(t) = tag {
        filter.push_str(
            " AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = v.id AND t.name = $2)",
        );
        args.push(Arg::S(t.to_string()));
    }
    let all = publication_ids(store, &filter, &args, "v.pacticipant_id, v.id DESC").await?;
    let mut out: Vec<(String, Publication)> = Vec::new();
    let mut last_consumer = None;
    for x in all {
        if last_consumer == Some(x.consumer_id) {
            continue;
        }
        last_consumer = Some(x.consumer_id);
        let c = model::pacticipant_by_id(store, x.consumer_id).await?;
        out.push((c.name, x));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

async fn provider_or_404(store: &AnyStore, provider: &str) -> Result<Pacticipant, PactError> {
    model::pacticipant(store, provider)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No provider with name '{provider}' found")))
}

async fn provider_latest(
    State(s): State<AppState>,
    base: Base,
    P(provider): P<String>,
) -> Result<Response, PactError> {
    let p = provider_or_404(&s.store, &provider).await?;
    let pacts = latest_per_consumer(&s.store, p.id, None).await?;
    let path = format!("/pacts/provider/{}/latest", enc(&provider));
    Ok(ok(pact_list(&base, &path, &provider, &pacts)))
}

async fn provider_latest_tagged(
    State(s): State<AppState>,
    base: Base,
    P((provider, tag)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = provider_or_404(&s.store, &provider).await?;
    let pacts = latest_per_consumer(&s.store, p.id, Some(&tag)).await?;
    let path = format!("/pacts/provider/{}/latest/{}", enc(&provider), enc(&tag));
    Ok(ok(pact_list(&base, &path, &provider, &pacts)))
}

/// Every pact of `provider` (from versions with `tag`, and of `consumer`, when given),
/// newest consumer version first, with the consumers' names.
async fn pacts_of(
    store: &AnyStore,
    provider_id: i64,
    consumer_id: Option<i64>,
    tag: Option<&str>,
) -> Result<Vec<(String, Publication)>, StoreError> {
    let mut args = vec![Arg::I(provider_id)];
    let mut filter = format!("pp.provider_id = $1 AND {LATEST_REVISION}");
    if let Some(c) = consumer_id {
        args.push(Arg::I(c));
        filter.push_str(&format!(" AND v.pacticipant_id = ${}", args.len()));
    }
    if let Some(t) = tag {
        args.push(Arg::S(t.to_string()));
        filter.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = v.id AND t.name = ${})",
            args.len()
        ));
    }
    let all = publication_ids(store, &filter, &args, "v.id DESC").await?;
    let mut names: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut pacts = Vec::new();
    for x in all {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(x.consumer_id) {
            slot.insert(model::pacticipant_by_id(store, x.consumer_id).await?.name);
        }
        pacts.push((names[&x.consumer_id].clone(), x));
    }
    Ok(pacts)
}

async fn provider_pacts(
    State(s): State<AppState>,
    base: Base,
    P(provider): P<String>,
) -> Result<Response, PactError> {
    let p = provider_or_404(&s.store, &provider).await?;
    let pacts = pacts_of(&s.store, p.id, None, None).await?;
    let path = format!("/pacts/provider/{}", enc(&provider));
    Ok(ok(pact_list(&base, &path, &provider, &pacts)))
}

async fn provider_pacts_tagged(
    State(s): State<AppState>,
    base: Base,
    P((provider, tag)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = provider_or_404(&s.store, &provider).await?;
    let pacts = pacts_of(&s.store, p.id, None, Some(&tag)).await?;
    let path = format!("/pacts/provider/{}/tag/{}", enc(&provider), enc(&tag));
    Ok(ok(pact_list(&base, &path, &provider, &pacts)))
}

async fn pair_pacts_tagged(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, tag)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let pacts = pacts_of(&s.store, p.id, Some(c.id), Some(&tag)).await?;
    let path = format!("{}/tag/{}", pact_base(&provider, &consumer), enc(&tag));
    Ok(ok(pact_list(&base, &path, &provider, &pacts)))
}

/// The pact of the newest consumer version that has no tag.
async fn get_latest_untagged(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer)): P<(String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let publication = publications(
        &s.store,
        "v.pacticipant_id = $1 AND pp.provider_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.version_id = v.id)",
        &[Arg::I(c.id), Arg::I(p.id)],
        "v.id DESC, pp.revision DESC LIMIT 1",
    )
    .await?
    .into_iter()
    .next()
    .ok_or_else(|| no_pact(&consumer, &provider))?;
    publication_doc(&base, &consumer, &provider, &publication)
}

async fn all_latest(State(s): State<AppState>, base: Base) -> Result<Response, PactError> {
    let mut rows = Vec::new();
    for provider in model::pacticipants(&s.store).await? {
        for (consumer, x) in latest_per_consumer(&s.store, provider.id, None).await? {
            rows.push(json!({
                "_links": {
                    "self": [
                        {"href": base.url(&format!("{}/latest", pact_base(&provider.name, &consumer)))},
                        {"href": base.url(&version_path(&provider.name, &consumer, &x.consumer_version))}
                    ]
                },
                "_embedded": {
                    "consumer": {
                        "name": consumer,
                        "_links": {"self": {"href": base.url(&format!("/pacticipants/{}", enc(&consumer)))}},
                        "_embedded": {"version": {"number": x.consumer_version}}
                    },
                    "provider": {
                        "name": provider.name,
                        "_links": {"self": {"href": base.url(&format!("/pacticipants/{}", enc(&provider.name)))}}
                    }
                },
                "createdAt": rfc3339(x.created_at),
            }));
        }
    }
    Ok(ok(json!({
        "_links": {"self": base.link("/pacts/latest", "Latest pact versions")},
        "pacts": rows,
    })))
}

/// Checks a pact body against the path: it must be a JSON object whose consumer and
/// provider names (when given) match the URL's.
fn validate_body(body: &Value, consumer: &str, provider: &str) -> Result<(), PactError> {
    if !body.is_object() {
        return Err(PactError::invalid("pact", "The pact must be a JSON object"));
    }
    let mut errors = Map::new();
    for (role, expected) in [("consumer", consumer), ("provider", provider)] {
        if let Some(name) = body
            .pointer(&format!("/{role}/name"))
            .and_then(Value::as_str)
            && name != expected
        {
            errors.insert(
                role.to_string(),
                json!([format!(
                    "{role} name in pact ('{name}') does not match {role} name in path ('{expected}')."
                )]),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(PactError::invalid_fields(errors))
    }
}

/// The pact body as it will be stored: links and times a client may have copied from a
/// fetched pact are not part of the contract.
pub fn strip_decorations(mut body: Value) -> Value {
    if let Some(m) = body.as_object_mut() {
        m.remove("_links");
        m.remove("createdAt");
    }
    body
}

pub fn conflict_message(consumer: &str, version: &str, provider: &str) -> String {
    format!(
        "Cannot change the content of the pact for {consumer} version {version} and provider \
         {provider}, as race conditions will cause unreliable results for can-i-deploy. Each pact \
         must be published with a unique consumer version number. Use merge to add interactions."
    )
}

async fn upsert(
    s: &AppState,
    base: &Base,
    (provider, consumer, version): (String, String, String),
    body: Value,
    on_conflict: OnConflict,
) -> Result<Response, PactError> {
    validate_body(&body, &consumer, &provider)?;
    let body = strip_decorations(body);
    let c0 = model::pacticipant(&s.store, &consumer).await?;
    let p0 = model::pacticipant(&s.store, &provider).await?;
    let v0 = match &c0 {
        Some(c) => model::version(&s.store, c.id, &version).await?,
        None => None,
    };
    let planned = plan(
        &s.store,
        v0.as_ref().map(|v| v.id),
        p0.as_ref().map(|p| p.id),
        body,
        on_conflict,
        || conflict_message(&consumer, &version, &provider),
    )
    .await?;
    let c = model::ensure_pacticipant(&s.store, &consumer).await?;
    let p = model::ensure_pacticipant(&s.store, &provider).await?;
    let (v, _): (Version, bool) = model::ensure_version(&s.store, c.id, &version, None).await?;
    let previous_sha = latest(&s.store, c.id, p.id, None).await?.map(|p| p.sha);
    write(&s.store, c.id, v.id, p.id, &planned).await?;
    let event = webhook_events::PactEvent {
        consumer: &c,
        provider: &p,
        consumer_version: &v,
        previous_sha,
    };
    webhook_events::pact_published(s, base, event).await;
    let publication = for_version(&s.store, v.id, p.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let doc = pact_document(
        base,
        &consumer,
        &provider,
        Some(&version),
        &publication.sha,
        &publication.content,
        publication.created_at,
    )?;
    let status = if planned.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(hal(status, doc))
}

async fn put_pact(
    State(s): State<AppState>,
    base: Base,
    P(path): P<(String, String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s, &base, path, body, OnConflict::Reject).await
}

async fn patch_pact(
    State(s): State<AppState>,
    base: Base,
    P(path): P<(String, String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s, &base, path, body, OnConflict::Merge).await
}

async fn delete_pact(
    State(s): State<AppState>,
    P((provider, consumer, version)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (c, p) = pair(&s.store, &consumer, &provider).await?;
    let v = model::version(&s.store, c.id, &version)
        .await?
        .ok_or_else(|| no_pact(&consumer, &provider))?;
    let removed = on_pool!(&s.store, pool => {
        sqlx::query("DELETE FROM pact_publications WHERE consumer_version_id = $1 AND provider_id = $2")
            .bind(v.id)
            .bind(p.id)
            .execute(pool)
            .await
            .map_err(StoreError::from)?
            .rows_affected()
    });
    if removed == 0 {
        return Err(no_pact(&consumer, &provider));
    }
    Ok(no_content())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha_ignores_key_order() {
        let a = json!({"consumer": {"name": "C"}, "provider": {"name": "P"}, "interactions": []});
        let b = json!({"interactions": [], "provider": {"name": "P"}, "consumer": {"name": "C"}});
        assert_eq!(sha_of(&a), sha_of(&b));
        let c = json!({"interactions": [1], "provider": {"name": "P"}, "consumer": {"name": "C"}});
        assert_ne!(sha_of(&a), sha_of(&c));
    }

    #[test]
    fn merge_adds_new_and_rejects_changed_interactions() {
        let old = json!({"interactions": [{"description": "a", "providerState": "s", "response": {"status": 200}}]});
        let same = json!({"interactions": [{"description": "a", "providerState": "s", "response": {"status": 200}}]});
        assert_eq!(merge(&old, &same).unwrap(), old);
        let add = json!({"interactions": [{"description": "b", "response": {"status": 200}}]});
        let merged = merge(&old, &add).unwrap();
        assert_eq!(merged["interactions"].as_array().unwrap().len(), 2);
        let changed = json!({"interactions": [{"description": "a", "providerState": "s", "response": {"status": 500}}]});
        assert!(merge(&old, &changed).is_err());
        let other_state = json!({"interactions": [{"description": "a", "providerState": "t", "response": {"status": 500}}]});
        assert_eq!(
            merge(&old, &other_state).unwrap()["interactions"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let messages = json!({"messages": [{"description": "m", "contents": {}}]});
        assert_eq!(
            merge(&old, &messages).unwrap()["messages"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn body_names_must_match_the_path() {
        let body = json!({"consumer": {"name": "C"}, "provider": {"name": "X"}});
        let err = validate_body(&body, "C", "P").unwrap_err();
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert!(err.body["errors"]["provider"].is_array());
        assert!(validate_body(&json!({"consumer": {"name": "C"}}), "C", "P").is_ok());
        assert!(validate_body(&json!([1]), "C", "P").is_err());
    }
}
