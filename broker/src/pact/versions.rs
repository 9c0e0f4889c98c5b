//! Pacticipant versions and their tags: `GET|PUT|PATCH|DELETE /pacticipants/{p}/versions/{v}`,
//! the latest version (optionally by tag), and `PUT|GET|DELETE …/tags/{t}` (a tag PUT creates
//! the pacticipant and version, as the Pact Broker does). A version carries its branches
//! and tags embedded and one `pb:record-deployment` / `pb:record-release` link per
//! environment, which the clients pick by environment name.

use super::hal::{Base, Body, P, enc, hal, no_content, ok, str_field};
use super::model::{self, Pacticipant, Version};
use super::{PactError, rfc3339};
use crate::AppState;
use crate::store::{AnyStore, on_pool};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pacticipants/{pacticipant}/versions", get(list))
        .route(
            "/pacticipants/{pacticipant}/versions/{version}",
            get(show).put(put).patch(patch).delete(delete),
        )
        .route("/pacticipants/{pacticipant}/latest-version", get(latest))
        .route(
            "/pacticipants/{pacticipant}/latest-version/{tag}",
            get(latest_tagged),
        )
        .route(
            "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}",
            get(get_tag).put(put_tag).delete(delete_tag),
        )
}

pub fn version_path(pacticipant: &str, number: &str) -> String {
    format!(
        "/pacticipants/{}/versions/{}",
        enc(pacticipant),
        enc(number)
    )
}

/// A version as the Pact Broker renders it.
pub async fn render(
    store: &AnyStore,
    base: &Base,
    p: &Pacticipant,
    v: &Version,
) -> Result<Value, PactError> {
    let path = version_path(&p.name, &v.number);
    let mut branch_versions = Vec::new();
    let branches = model::version_branches(store, v.id).await?;
    for b in &branches {
        let latest = model::latest_version(store, p.id, None, Some(b))
            .await?
            .is_some_and(|l| l.id == v.id);
        branch_versions.push(json!({
            "name": b,
            "latest": latest,
            "_links": {"self": base.link(
                &format!("/pacticipants/{}/branches/{}/versions/{}", enc(&p.name), enc(b), enc(&v.number)),
                "Branch version")},
        }));
    }
    let tags: Vec<Value> = model::version_tags(store, v.id)
        .await?
        .into_iter()
        .map(|(t, at)| {
            json!({
                "name": t,
                "createdAt": rfc3339(at),
                "_links": {"self": base.named(&format!("{path}/tags/{}", enc(&t)), "Tag", &t)},
            })
        })
        .collect();
    let envs = model::environments(store).await?;
    let link_per_env = |what: &str, title: &str| -> Vec<Value> {
        envs.iter()
            .map(|e| {
                base.named(
                    &format!("{path}/{what}/environment/{}", enc(&e.uuid)),
                    &format!("{title} {}", e.display_name.as_deref().unwrap_or(&e.name)),
                    &e.name,
                )
            })
            .collect()
    };
    let record_deployment = link_per_env("deployed-versions", "Record deployment to");
    let record_release = link_per_env("released-versions", "Record release to");
    let (deployed, released) = current_environments(store, v.id).await?;
    let mut pact_versions = Vec::new();
    for x in super::pacts::publication_ids(
        store,
        &format!(
            "pp.consumer_version_id = $1 AND {}",
            super::pacts::LATEST_REVISION
        ),
        &[super::pacts::Arg::I(v.id)],
        "pp.provider_id",
    )
    .await?
    {
        let provider = model::pacticipant_by_id(store, x.provider_id).await?.name;
        pact_versions.push(base.named(
            &super::pacts::version_path(&provider, &p.name, &v.number),
            &format!("Pact between {} ({}) and {provider}", p.name, v.number),
            &provider,
        ));
    }
    let env_links = |ids: &[i64]| -> Vec<Value> {
        envs.iter()
            .filter(|e| ids.contains(&e.id))
            .map(|e| {
                base.named(
                    &format!("/environments/{}", enc(&e.uuid)),
                    "Environment",
                    &e.name,
                )
            })
            .collect()
    };
    let mut doc = json!({
        "number": v.number,
        "createdAt": rfc3339(v.created_at),
        "_embedded": {"branchVersions": branch_versions, "tags": tags},
        "_links": {
            "self": base.named(&path, "Version", &v.number),
            "pb:pacticipant": base.named(&format!("/pacticipants/{}", enc(&p.name)), "Pacticipant", &p.name),
            "pb:tag": base.templated(&format!("{path}/tags/{{tag}}"), "Get, create or delete a tag for this pacticipant version"),
            "pb:pact-versions": pact_versions,
            "pb:record-deployment": record_deployment,
            "pb:record-release": record_release,
            "pb:deployed-environments": env_links(&deployed),
            "pb:released-environments": env_links(&released),
            "curies": [{"name": "pb", "href": base.url("/doc/{rel}?context=version"), "templated": true}],
        }
    });
    if let Some(url) = &v.build_url {
        doc["buildUrl"] = json!(url);
    }
    if let Some(b) = branches.last() {
        doc["branch"] = json!(b);
    }
    Ok(doc)
}

/// Environments a version is currently deployed to and currently released to (ids).
async fn current_environments(
    store: &AnyStore,
    version_id: i64,
) -> Result<(Vec<i64>, Vec<i64>), PactError> {
    Ok(on_pool!(store, pool => {
        let deployed: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT environment_id FROM deployed_versions \
             WHERE version_id = $1 AND undeployed_at IS NULL")
            .bind(version_id)
            .fetch_all(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
        let released: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT environment_id FROM released_versions \
             WHERE version_id = $1 AND support_ended_at IS NULL")
            .bind(version_id)
            .fetch_all(pool)
            .await
            .map_err(crate::store::StoreError::from)?;
        (deployed, released)
    }))
}

pub async fn pacticipant_or_404(store: &AnyStore, name: &str) -> Result<Pacticipant, PactError> {
    model::pacticipant(store, name)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No pacticipant with name '{name}' found")))
}

pub async fn version_or_404(
    store: &AnyStore,
    pacticipant: &str,
    number: &str,
) -> Result<(Pacticipant, Version), PactError> {
    let p = pacticipant_or_404(store, pacticipant).await?;
    let v = model::version(store, p.id, number).await?.ok_or_else(|| {
        PactError::not_found(format!(
            "No version {number} of pacticipant '{pacticipant}' found"
        ))
    })?;
    Ok((p, v))
}

async fn list(
    State(s): State<AppState>,
    base: Base,
    P(pacticipant): P<String>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &pacticipant).await?;
    let mut versions = Vec::new();
    for v in model::versions(&s.store, p.id).await? {
        versions.push(render(&s.store, &base, &p, &v).await?);
    }
    Ok(ok(json!({
        "_embedded": {"versions": versions},
        "_links": {
            "self": base.link(&format!("/pacticipants/{}/versions", enc(&p.name)), "Pacticipant versions"),
            "pb:pacticipant": base.named(&format!("/pacticipants/{}", enc(&p.name)), "Pacticipant", &p.name),
        }
    })))
}

async fn show(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number)): P<(String, String)>,
) -> Result<Response, PactError> {
    let (p, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    Ok(ok(render(&s.store, &base, &p, &v).await?))
}

/// PUT and PATCH: create the version (201) or update its build URL (200); a `branch` in the
/// body puts the version on that branch.
async fn upsert(
    s: &AppState,
    base: &Base,
    pacticipant: &str,
    number: &str,
    body: &Value,
) -> Result<Response, PactError> {
    let p = model::ensure_pacticipant(&s.store, pacticipant).await?;
    let (v, created) =
        model::ensure_version(&s.store, p.id, number, str_field(body, "buildUrl")).await?;
    if let Some(b) = str_field(body, "branch") {
        model::add_to_branch(&s.store, &p, v.id, b).await?;
    }
    if let Some(tags) = body.get("tags").and_then(Value::as_array) {
        for t in tags {
            if let Some(name) = t.as_str().or_else(|| t.get("name").and_then(Value::as_str)) {
                model::add_tag(&s.store, v.id, name).await?;
            }
        }
    }
    let p = model::pacticipant_by_id(&s.store, p.id).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(hal(status, render(&s.store, base, &p, &v).await?))
}

async fn put(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number)): P<(String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s, &base, &pacticipant, &number, &body).await
}

async fn patch(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number)): P<(String, String)>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s, &base, &pacticipant, &number, &body).await
}

async fn delete(
    State(s): State<AppState>,
    P((pacticipant, number)): P<(String, String)>,
) -> Result<Response, PactError> {
    let (_, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    model::delete_version(&s.store, v.id).await?;
    Ok(no_content())
}

async fn latest(
    State(s): State<AppState>,
    base: Base,
    P(pacticipant): P<String>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &pacticipant).await?;
    let v = model::latest_version(&s.store, p.id, None, None)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No versions of '{pacticipant}' found")))?;
    Ok(ok(render(&s.store, &base, &p, &v).await?))
}

async fn latest_tagged(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, tag)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &pacticipant).await?;
    let v = model::latest_version(&s.store, p.id, Some(&tag), None)
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!(
                "No version of '{pacticipant}' with tag '{tag}' found"
            ))
        })?;
    Ok(ok(render(&s.store, &base, &p, &v).await?))
}

fn tag_doc(base: &Base, pacticipant: &str, number: &str, tag: &str, created_at: i64) -> Value {
    let vpath = version_path(pacticipant, number);
    json!({
        "name": tag,
        "createdAt": rfc3339(created_at),
        "_links": {
            "self": base.named(&format!("{vpath}/tags/{}", enc(tag)), "Tag", tag),
            "pb:version": base.named(&vpath, "Version", number),
            "pb:pacticipant": base.named(&format!("/pacticipants/{}", enc(pacticipant)), "Pacticipant", pacticipant),
        }
    })
}

async fn get_tag(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number, tag)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (_, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    let (_, at) = model::version_tags(&s.store, v.id)
        .await?
        .into_iter()
        .find(|(t, _)| *t == tag)
        .ok_or_else(|| PactError::not_found(format!("No tag '{tag}' on version {number}")))?;
    Ok(ok(tag_doc(&base, &pacticipant, &number, &tag, at)))
}

async fn put_tag(
    State(s): State<AppState>,
    base: Base,
    P((pacticipant, number, tag)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let p = model::ensure_pacticipant(&s.store, &pacticipant).await?;
    let (v, _) = model::ensure_version(&s.store, p.id, &number, None).await?;
    let created = model::add_tag(&s.store, v.id, &tag).await?;
    let at = model::version_tags(&s.store, v.id)
        .await?
        .into_iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, at)| at)
        .unwrap_or_default();
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(hal(status, tag_doc(&base, &pacticipant, &number, &tag, at)))
}

async fn delete_tag(
    State(s): State<AppState>,
    P((pacticipant, number, tag)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (_, v) = version_or_404(&s.store, &pacticipant, &number).await?;
    if !model::delete_tag(&s.store, v.id, &tag).await? {
        return Err(PactError::not_found(format!(
            "No tag '{tag}' on version {number}"
        )));
    }
    Ok(no_content())
}
