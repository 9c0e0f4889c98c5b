//! Pacticipants and their branches: `GET|POST /pacticipants`, `GET|PUT|PATCH|DELETE
//! /pacticipants/{p}` (displayName, mainBranch, repositoryUrl…), `GET|DELETE
//! /pacticipants/{p}/branches/{b}` and `GET|PUT /pacticipants/{p}/branches/{b}/versions/{v}`.
//! The pacticipant's `pb:version-tag` and `pb:branch-version` templates are what the Rust
//! verifier follows to tag and branch the provider version it publishes results for.

use super::PactError;
use super::hal::{Base, Body, P, enc, hal, no_content, ok};
use super::model::{self, Pacticipant, PacticipantPatch, Version};
use super::rfc3339;
use super::versions::{self, pacticipant_or_404, version_or_404};
use crate::AppState;
use crate::store::AnyStore;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pacticipants", get(list).post(create))
        .route(
            "/pacticipants/{pacticipant}",
            get(show).put(put).patch(patch).delete(delete),
        )
        .route("/pacticipants/{pacticipant}/branches", get(branches))
        .route(
            "/pacticipants/{pacticipant}/branches/{branch}",
            get(get_branch).delete(delete_branch),
        )
        .route(
            "/pacticipants/{pacticipant}/branches/{branch}/latest-version",
            get(branch_latest_version),
        )
        .route(
            "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}",
            get(get_branch_version).put(put_branch_version),
        )
}

/// A pacticipant with its latest version embedded (the Ruby client reads
/// `_embedded.latest-version` and the older `versions` relation).
pub fn render(base: &Base, p: &Pacticipant, latest: Option<&Version>) -> Value {
    let path = format!("/pacticipants/{}", enc(&p.name));
    let mut doc = json!({
        "name": p.name,
        "displayName": p.display_name.clone().unwrap_or_else(|| display_name(&p.name)),
        "mainBranch": p.main_branch,
        "repositoryUrl": p.repository_url,
        "repositoryName": p.repository_name,
        "repositoryNamespace": p.repository_namespace,
        "createdAt": rfc3339(p.created_at),
        "updatedAt": rfc3339(p.updated_at),
        "_links": {
            "self": base.named(&path, "Pacticipant", &p.name),
            "pb:versions": base.link(&format!("{path}/versions"), "All versions of the pacticipant"),
            "pb:version": base.templated(&format!("{path}/versions/{{version}}"), "Get, create or delete a pacticipant version"),
            "pb:version-tag": base.templated(&format!("{path}/versions/{{version}}/tags/{{tag}}"), "Get, create or delete a tag for a version of the pacticipant"),
            "pb:branch-version": base.templated(&format!("{path}/branches/{{branch}}/versions/{{version}}"), "Get or add/create a version for a branch of the pacticipant"),
            "pb:branches": base.link(&format!("{path}/branches"), "Branches of the pacticipant"),
            "pb:latest-version": base.link(&format!("{path}/latest-version"), "Latest version of the pacticipant"),
            "pb:latest-tagged-version": base.templated(&format!("{path}/latest-version/{{tag}}"), "Latest version of the pacticipant with the given tag"),
            "versions": base.link(&format!("{path}/versions"), "All versions of the pacticipant"),
            "curies": [{"name": "pb", "href": base.url("/doc/{rel}?context=pacticipant"), "templated": true}],
        }
    });
    if let Some(v) = latest {
        doc["_embedded"] = json!({"latest-version": {
            "number": v.number,
            "_links": {"self": base.named(&versions::version_path(&p.name, &v.number), "Version", &v.number)},
        }});
    }
    doc
}

async fn render_latest(store: &AnyStore, base: &Base, p: &Pacticipant) -> Result<Value, PactError> {
    let latest = model::latest_version(store, p.id, None, None).await?;
    Ok(render(base, p, latest.as_ref()))
}

/// The Pact Broker's default display name: words split at `-`, `_` and case changes, each
/// capitalised ("foo-bar" → "Foo Bar").
fn display_name(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch == '-' || ch == '_' || ch == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.push(ch);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fields of a body; with `replace` (PUT) a missing field clears the stored one.
fn patch_from(body: &Value, replace: bool) -> Result<PacticipantPatch, PactError> {
    // Older clients (the Ruby CLI's create-or-update-pacticipant) send snake_case names.
    let field = |name: &str| -> Result<Option<Option<String>>, PactError> {
        let snake: String = name
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['_', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        match body.get(name).or_else(|| body.get(&snake)) {
            None if replace => Ok(Some(None)),
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) => Ok(Some(Some(s.clone()).filter(|s| !s.is_empty()))),
            Some(_) => Err(PactError::invalid(name, format!("{name} must be a string"))),
        }
    };
    Ok(PacticipantPatch {
        display_name: field("displayName")?,
        main_branch: field("mainBranch")?,
        repository_url: field("repositoryUrl")?,
        repository_name: field("repositoryName")?,
        repository_namespace: field("repositoryNamespace")?,
    })
}

async fn list(State(s): State<AppState>, base: Base) -> Result<Response, PactError> {
    let all = model::pacticipants(&s.store).await?;
    let mut rendered = Vec::new();
    for p in &all {
        rendered.push(render_latest(&s.store, &base, p).await?);
    }
    let links: Vec<Value> = all
        .iter()
        .map(|p| base.named(&format!("/pacticipants/{}", enc(&p.name)), &p.name, &p.name))
        .collect();
    Ok(ok(json!({
        "_embedded": {"pacticipants": rendered},
        "pacticipants": rendered,
        "_links": {
            "self": base.link("/pacticipants", "Pacticipants"),
            "pb:pacticipants": links,
            "pacticipants": links,
            "pb:pacticipant": base.templated("/pacticipants/{pacticipant}", "Pacticipant"),
        }
    })))
}

async fn create(
    State(s): State<AppState>,
    base: Base,
    Body(body): Body,
) -> Result<Response, PactError> {
    let Some(name) = body
        .get("name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty())
    else {
        return Err(PactError::invalid("name", "name is missing"));
    };
    if model::pacticipant(&s.store, name).await?.is_some() {
        return Err(PactError::conflict(format!(
            "A pacticipant with name '{name}' already exists"
        )));
    }
    let p = model::ensure_pacticipant(&s.store, name).await?;
    let p = model::update_pacticipant(&s.store, &p, &patch_from(&body, false)?).await?;
    Ok(hal(StatusCode::CREATED, render(&base, &p, None)))
}

async fn show(
    State(s): State<AppState>,
    base: Base,
    P(name): P<String>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    Ok(ok(render_latest(&s.store, &base, &p).await?))
}

async fn upsert(
    store: &AnyStore,
    base: &Base,
    name: &str,
    body: &Value,
    replace: bool,
) -> Result<Response, PactError> {
    let patch = patch_from(body, replace)?;
    let existed = model::pacticipant(store, name).await?.is_some();
    let p = model::ensure_pacticipant(store, name).await?;
    let p = model::update_pacticipant(store, &p, &patch).await?;
    let status = if existed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(hal(status, render_latest(store, base, &p).await?))
}

async fn put(
    State(s): State<AppState>,
    base: Base,
    P(name): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s.store, &base, &name, &body, true).await
}

async fn patch(
    State(s): State<AppState>,
    base: Base,
    P(name): P<String>,
    Body(body): Body,
) -> Result<Response, PactError> {
    upsert(&s.store, &base, &name, &body, false).await
}

async fn delete(State(s): State<AppState>, P(name): P<String>) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    model::delete_pacticipant(&s.store, p.id).await?;
    Ok(no_content())
}

fn branch_doc(base: &Base, p: &str, b: &str) -> Value {
    let path = format!("/pacticipants/{}/branches/{}", enc(p), enc(b));
    json!({
        "name": b,
        "_links": {
            "self": base.named(&path, "Branch", b),
            "pb:pacticipant": base.named(&format!("/pacticipants/{}", enc(p)), "Pacticipant", p),
            "pb:latest-version": base.link(&format!("{path}/latest-version"), "Latest version for branch"),
        }
    })
}

async fn branches(
    State(s): State<AppState>,
    base: Base,
    P(name): P<String>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    let mut names = Vec::new();
    for v in model::versions(&s.store, p.id).await? {
        for b in model::version_branches(&s.store, v.id).await? {
            if !names.contains(&b) {
                names.push(b);
            }
        }
    }
    let docs: Vec<Value> = names.iter().map(|b| branch_doc(&base, &name, b)).collect();
    Ok(ok(json!({
        "_embedded": {"branches": docs},
        "_links": {"self": base.link(&format!("/pacticipants/{}/branches", enc(&name)), "Branches")},
    })))
}

async fn get_branch(
    State(s): State<AppState>,
    base: Base,
    P((name, branch)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    model::branch_id(&s.store, p.id, &branch)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No branch '{branch}' for '{name}'")))?;
    Ok(ok(branch_doc(&base, &name, &branch)))
}

async fn delete_branch(
    State(s): State<AppState>,
    P((name, branch)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    let id = model::branch_id(&s.store, p.id, &branch)
        .await?
        .ok_or_else(|| PactError::not_found(format!("No branch '{branch}' for '{name}'")))?;
    model::delete_branch(&s.store, id).await?;
    Ok(no_content())
}

async fn branch_latest_version(
    State(s): State<AppState>,
    base: Base,
    P((name, branch)): P<(String, String)>,
) -> Result<Response, PactError> {
    let p = pacticipant_or_404(&s.store, &name).await?;
    let v = model::latest_version(&s.store, p.id, None, Some(&branch))
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!("No version of '{name}' on branch '{branch}'"))
        })?;
    Ok(ok(versions::render(&s.store, &base, &p, &v).await?))
}

async fn get_branch_version(
    State(s): State<AppState>,
    base: Base,
    P((name, branch, number)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let (p, v) = version_or_404(&s.store, &name, &number).await?;
    let on_branch = match model::branch_id(&s.store, p.id, &branch).await? {
        Some(b) => model::branch_has_version(&s.store, b, v.id).await?,
        None => false,
    };
    if !on_branch {
        return Err(PactError::not_found(format!(
            "Version {number} of '{name}' is not on branch '{branch}'"
        )));
    }
    Ok(ok(versions::render(&s.store, &base, &p, &v).await?))
}

async fn put_branch_version(
    State(s): State<AppState>,
    base: Base,
    P((name, branch, number)): P<(String, String, String)>,
) -> Result<Response, PactError> {
    let p = model::ensure_pacticipant(&s.store, &name).await?;
    let (v, _) = model::ensure_version(&s.store, p.id, &number, None).await?;
    let added = model::add_to_branch(&s.store, &p, v.id, &branch).await?;
    let p = model::pacticipant_by_id(&s.store, p.id).await?;
    let status = if added {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(hal(
        status,
        versions::render(&s.store, &base, &p, &v).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_display_names() {
        assert_eq!(display_name("foo-bar"), "Foo Bar");
        assert_eq!(display_name("FooBar_service"), "Foo Bar Service");
        assert_eq!(display_name("Pact Broker"), "Pact Broker");
    }

    #[test]
    fn put_clears_missing_fields_and_patch_keeps_them() {
        let put = patch_from(&json!({"mainBranch": "main"}), true).unwrap();
        assert_eq!(put.main_branch, Some(Some("main".into())));
        assert_eq!(put.display_name, Some(None));
        let patch = patch_from(&json!({"mainBranch": "main"}), false).unwrap();
        assert_eq!(patch.display_name, None);
        assert!(patch_from(&json!({"mainBranch": 3}), false).is_err());
    }
}
