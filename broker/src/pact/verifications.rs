//! Verification results: `POST …/pact-version/{sha}/verification-results` with the body the
//! verifiers send, stored against the pact content and the provider version (created when
//! missing, with the branch and tags the body names), source `verifier`; `GET` of one result
//! and of the latest for a pact.

use super::hal::{Base, Body, P, enc, hal, ok, str_field};
use super::model;
use super::pacts::{self, sha_path, verification_results_path};
use super::{PactError, now_ms, rfc3339};
use crate::AppState;
use crate::store::{AnyStore, StoreError, on_pool};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};
use sqlx::Row;

pub fn router() -> Router<AppState> {
    let base = "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}";
    Router::new()
        .route(&format!("{base}/verification-results"), post(publish))
        .route(
            // Pact Broker ≥ 2.80 puts metadata about the selection in the link; it changes
            // nothing about where the result is stored.
            &format!("{base}/metadata/{{metadata}}/verification-results"),
            post(publish_with_metadata),
        )
        .route(&format!("{base}/verification-results/latest"), get(latest))
        .route(&format!("{base}/verification-results/{{id}}"), get(one))
}

#[derive(Debug, Clone)]
pub struct Verification {
    pub id: i64,
    pub pact_content_id: i64,
    pub provider_version_id: i64,
    pub provider_version: String,
    pub success: bool,
    pub build_url: Option<String>,
    pub body: Value,
    pub created_at: i64,
}

/// `success` as a boolean; some verifiers send the strings `"true"`/`"false"`.
fn success_of(body: &Value) -> Option<bool> {
    match body.get("success")? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn validate(body: &Value) -> Result<(bool, String), PactError> {
    let mut errors = serde_json::Map::new();
    let version = str_field(body, "providerApplicationVersion");
    if version.is_none() {
        errors.insert(
            "providerApplicationVersion".into(),
            json!(["providerApplicationVersion can't be blank"]),
        );
    }
    let success = success_of(body);
    if success.is_none() {
        errors.insert("success".into(), json!(["success must be true or false"]));
    }
    match (success, version) {
        (Some(s), Some(v)) if errors.is_empty() => Ok((s, v.to_string())),
        _ => Err(PactError::invalid_fields(errors)),
    }
}

/// Records a verification result of `pact_content_id` by a provider version.
pub async fn insert(
    store: &AnyStore,
    pact_content_id: i64,
    provider_version_id: i64,
    success: bool,
    build_url: Option<&str>,
    source: &str,
    body: &Value,
) -> Result<i64, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO verifications (pact_content_id, provider_version_id, success, build_url, \
             source, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(pact_content_id)
            .bind(provider_version_id)
            .bind(success)
            .bind(build_url)
            .bind(source)
            .bind(body.to_string())
            .bind(now_ms())
            .fetch_one(pool)
            .await?)
    })
}

/// Verifications of a pact content, newest first (optionally only one by id).
pub async fn of_content(
    store: &AnyStore,
    pact_content_id: i64,
    id: Option<i64>,
) -> Result<Vec<Verification>, StoreError> {
    let filter = if id.is_some() { "AND vf.id = $2" } else { "" };
    let sql = format!(
        "SELECT vf.id, vf.pact_content_id, vf.provider_version_id, v.number, vf.success, \
         vf.build_url, vf.body, vf.created_at FROM verifications vf \
         JOIN versions v ON v.id = vf.provider_version_id \
         WHERE vf.pact_content_id = $1 {filter} ORDER BY vf.id DESC"
    );
    on_pool!(store, pool => {
        let mut q = sqlx::query(&sql).bind(pact_content_id);
        if let Some(id) = id {
            q = q.bind(id);
        }
        let rows = q.fetch_all(pool).await?;
        let mut out = Vec::new();
        for r in &rows {
            let body: String = r.try_get(6)?;
            out.push(Verification {
                id: r.try_get(0)?,
                pact_content_id: r.try_get(1)?,
                provider_version_id: r.try_get(2)?,
                provider_version: r.try_get(3)?,
                success: r.try_get(4)?,
                build_url: r.try_get(5)?,
                body: serde_json::from_str(&body).unwrap_or(Value::Null),
                created_at: r.try_get(7)?,
            });
        }
        Ok(out)
    })
}

fn render(base: &Base, consumer: &str, provider: &str, sha: &str, v: &Verification) -> Value {
    let results = verification_results_path(provider, consumer, sha);
    let mut doc = json!({
        "providerName": provider,
        "providerApplicationVersion": v.provider_version,
        "success": v.success,
        "verificationDate": rfc3339(v.created_at),
        "_links": {
            "self": base.named(
                &format!("{results}/{}", v.id),
                "Verification result",
                &format!("Verification result {} for Pact between {consumer} and {provider}", v.id)),
            "pb:pact-version": base.named(
                &sha_path(provider, consumer, sha),
                "Pact",
                &format!("Pact between {consumer} and {provider}")),
            "pb:provider-version": base.named(
                &format!("/pacticipants/{}/versions/{}", enc(provider), enc(&v.provider_version)),
                "Provider version",
                &v.provider_version),
        }
    });
    if let Some(url) = &v.build_url {
        doc["buildUrl"] = json!(url);
    }
    for key in ["testResults", "verifiedBy"] {
        if let Some(x) = v.body.get(key) {
            doc[key] = x.clone();
        }
    }
    doc
}

async fn content_id(
    store: &AnyStore,
    consumer: &str,
    provider: &str,
    sha: &str,
) -> Result<(i64, i64), PactError> {
    let missing = || {
        PactError::not_found(format!(
            "No pact found between {consumer} and {provider} with pact version {sha}"
        ))
    };
    let c = model::pacticipant(store, consumer)
        .await?
        .ok_or_else(missing)?;
    let p = model::pacticipant(store, provider)
        .await?
        .ok_or_else(missing)?;
    let (id, _, _) = pacts::content_by_sha(store, c.id, p.id, sha)
        .await?
        .ok_or_else(missing)?;
    Ok((id, p.id))
}

async fn publish_with_metadata(
    state: State<AppState>,
    base: Base,
    P((provider, consumer, sha, _)): P<(String, String, String, String)>,
    body: Body,
) -> Result<Response, PactError> {
    publish(state, base, P((provider, consumer, sha)), body).await
}

async fn publish(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, sha)): P<(String, String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    let (success, number) = validate(&body)?;
    let (content_id, provider_id) = content_id(&s.store, &consumer, &provider, &sha).await?;
    let provider_p = model::pacticipant_by_id(&s.store, provider_id).await?;
    let (version, _) = model::ensure_version(&s.store, provider_id, &number, None).await?;
    if let Some(branch) =
        str_field(&body, "providerVersionBranch").or_else(|| str_field(&body, "providerBranch"))
    {
        model::add_to_branch(&s.store, &provider_p, version.id, branch).await?;
    }
    if let Some(tags) = body
        .get("providerVersionTags")
        .or_else(|| body.get("providerTags"))
        .and_then(Value::as_array)
    {
        for t in tags
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            model::add_tag(&s.store, version.id, t).await?;
        }
    }
    let build_url = str_field(&body, "buildUrl");
    let id = insert(
        &s.store, content_id, version.id, success, build_url, "verifier", &body,
    )
    .await?;
    let v = of_content(&s.store, content_id, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)?;
    // The verification is of a content; its newest publication gives the pact the
    // webhook placeholders describe.
    let publication = super::pacts::publications(
        &s.store,
        "pp.pact_content_id = $1",
        &[super::pacts::Arg::I(content_id)],
        "pp.id DESC LIMIT 1",
    )
    .await?
    .into_iter()
    .next();
    if let Some(publication) = publication {
        super::webhook_events::verification_published(&s, &base, &publication, &v).await;
    }
    Ok(hal(
        StatusCode::CREATED,
        render(&base, &consumer, &provider, &sha, &v),
    ))
}

async fn latest(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, sha)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (content_id, _) = content_id(&s.store, &consumer, &provider, &sha).await?;
    let v = of_content(&s.store, content_id, None)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            PactError::not_found("No verification results have been published for this pact")
        })?;
    Ok(ok(render(&base, &consumer, &provider, &sha, &v)))
}

async fn one(
    State(s): State<AppState>,
    base: Base,
    P((provider, consumer, sha, id)): P<(String, String, String, String)>,
) -> Result<Response, PactError> {
    let not_found = || PactError::not_found(format!("No verification result {id} for this pact"));
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let (content_id, _) = content_id(&s.store, &consumer, &provider, &sha).await?;
    let v = of_content(&s.store, content_id, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or_else(not_found)?;
    Ok(ok(render(&base, &consumer, &provider, &sha, &v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_success_are_required() {
        let e = validate(&json!({"success": true})).unwrap_err();
        assert!(e.body["errors"]["providerApplicationVersion"].is_array());
        let e = validate(&json!({"providerApplicationVersion": "1"})).unwrap_err();
        assert!(e.body["errors"]["success"].is_array());
        assert_eq!(
            validate(&json!({"success": "true", "providerApplicationVersion": "1"})).unwrap(),
            (true, "1".to_string())
        );
    }
}
