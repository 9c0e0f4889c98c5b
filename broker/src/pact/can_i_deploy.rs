//! The matrix and can-i-deploy resources: `GET /matrix` (the Pact Broker's query string, as
//! the Rust and Ruby `can-i-deploy` commands send it), `GET /can-i-deploy` (one pacticipant
//! version to an environment or tag), and the branch and tag forms the index links to. Each
//! answers the Pact Broker's matrix body (summary, notices, rows) with accord's `contract`
//! object on every row, as HAL+JSON with absolute links.

use crate::AppState;
use crate::pact::PactError;
use crate::pact::hal::{self, enc};
use crate::pact::matrix::{self, Ignore, LatestBy, Matrix, Outcome, Query, Row, Selector, Target};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/matrix", get(get_matrix))
        .route("/can-i-deploy", get(get_can_i_deploy))
        .route(
            "/pacticipants/{pacticipant}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}",
            get(branch_to_environment),
        )
        .route(
            "/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{to}",
            get(tag_to_tag),
        )
}

fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    serde_urlencoded::from_str(uri.query().unwrap_or("")).unwrap_or_default()
}

async fn get_matrix(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, PactError> {
    // The matrix resource answers validation errors as a list of messages (the Pact Broker
    // client prints them as such), not the per-field object other resources use.
    let listed = |e: PactError| match e.body.get("errors").and_then(Value::as_object) {
        Some(fields) => PactError {
            status: e.status,
            body: json!({"errors": fields
                .values()
                .flat_map(|v| v.as_array().cloned().unwrap_or_default())
                .collect::<Vec<_>>()}),
        },
        None => e,
    };
    let q = Query::parse(&query_pairs(&uri)).map_err(listed)?;
    answer(&state, &headers, &q).await.map_err(listed)
}

fn ignores(params: &[(String, String)]) -> Result<Vec<Ignore>, PactError> {
    // The same `ignore[]` keys as the matrix, read on their own.
    let only: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k.starts_with("ignore"))
        .cloned()
        .chain(std::iter::once((
            "q[][pacticipant]".to_string(),
            "-".to_string(),
        )))
        .collect();
    let mut ignore = Query::parse(&only)?.ignore;
    // `ignore=Name` (the simple form some clients send).
    for (k, v) in params {
        if k == "ignore" && !v.is_empty() {
            ignore.push(Ignore {
                pacticipant: v.clone(),
                version: None,
            });
        }
    }
    Ok(ignore)
}

async fn get_can_i_deploy(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, PactError> {
    let params = query_pairs(&uri);
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let mut errors = serde_json::Map::new();
    let pacticipant = get("pacticipant");
    let version = get("version");
    if pacticipant.is_none() {
        errors.insert("pacticipant".into(), json!(["is missing"]));
    }
    if version.is_none() {
        errors.insert("version".into(), json!(["is missing"]));
    }
    let target = match (get("environment"), get("to")) {
        (Some(e), _) => Some(Target::Environment(e)),
        (None, Some(t)) => Some(Target::Tag {
            tag: t,
            latest: true,
        }),
        (None, None) => {
            errors.insert(
                "environment".into(),
                json!(["one of environment or to is required"]),
            );
            None
        }
    };
    if !errors.is_empty() {
        return Err(PactError::invalid_fields(errors));
    }
    let q = Query {
        selectors: vec![Selector {
            pacticipant: pacticipant.unwrap_or_default(),
            version,
            ..Selector::default()
        }],
        target,
        latestby: Some(LatestBy::Cvp),
        ignore: ignores(&params)?,
        limit: None,
        success: Vec::new(),
    };
    answer(&state, &headers, &q).await
}

async fn branch_to_environment(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path((pacticipant, branch, environment)): Path<(String, String, String)>,
) -> Result<Response, PactError> {
    let q = Query {
        selectors: vec![Selector {
            pacticipant,
            branch: Some(branch),
            latest: true,
            ..Selector::default()
        }],
        target: Some(Target::Environment(environment)),
        latestby: Some(LatestBy::Cvp),
        ignore: ignores(&query_pairs(&uri))?,
        limit: None,
        success: Vec::new(),
    };
    answer(&state, &headers, &q).await
}

async fn tag_to_tag(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Path((pacticipant, tag, to)): Path<(String, String, String)>,
) -> Result<Response, PactError> {
    let q = Query {
        selectors: vec![Selector {
            pacticipant,
            tag: Some(tag),
            latest: true,
            ..Selector::default()
        }],
        target: Some(Target::Tag {
            tag: to,
            latest: true,
        }),
        latestby: Some(LatestBy::Cvp),
        ignore: ignores(&query_pairs(&uri))?,
        limit: None,
        success: Vec::new(),
    };
    answer(&state, &headers, &q).await
}

async fn answer(state: &AppState, headers: &HeaderMap, q: &Query) -> Result<Response, PactError> {
    let m = matrix::evaluate(&state.store, q).await?;
    let body = render(&m, &hal::base_from(headers).0, &q.success);
    Ok(hal::ok(body))
}

fn render(m: &Matrix, base: &str, success: &[bool]) -> Value {
    let shown = |r: &Row| {
        success.is_empty()
            || r.verification
                .as_ref()
                .is_some_and(|v| success.contains(&v.success))
    };
    let rows: Vec<Value> = m
        .rows
        .iter()
        .zip(&m.row_reasons)
        .filter(|(r, _)| shown(r))
        .map(|(r, reason)| row_json(m, r, reason, base))
        .collect();
    json!({
        "summary": {
            "deployable": m.deployable,
            "reason": m.reasons.join("\n"),
            "success": m.success,
            "failed": m.failed,
            "unknown": m.unknown,
            "ignored": m.ignored,
        },
        "notices": m.notices.iter().map(|(t, text)| json!({"type": t, "text": text})).collect::<Vec<_>>(),
        "matrix": rows,
        "_links": {"self": {"href": format!("{base}/matrix")}},
    })
}

fn row_json(m: &Matrix, r: &Row, reason: &str, base: &str) -> Value {
    let name = |p: i64| {
        m.pacticipants
            .get(&p)
            .map(|x| x.name.clone())
            .unwrap_or_default()
    };
    let (consumer, provider) = (name(r.consumer), name(r.provider));
    let version = |pacticipant: &str, v: i64| -> Value {
        let Some(info) = m.versions.get(&v) else {
            return Value::Null;
        };
        let mut out = json!({
            "number": info.number,
            "_links": {"self": {"href": format!(
                "{base}/pacticipants/{}/versions/{}", enc(pacticipant), enc(&info.number)
            )}},
        });
        if let Some(b) = &info.branch {
            out["branch"] = json!(b);
        }
        out
    };
    let consumer_version = version(&consumer, r.consumer_version);
    let provider_version = r
        .provider_version
        .map(|v| version(&provider, v))
        .unwrap_or(Value::Null);
    let cv_number = m
        .versions
        .get(&r.consumer_version)
        .map(|v| v.number.clone())
        .unwrap_or_default();
    let pact = r.pact.as_ref().map(|p| {
        json!({
            "createdAt": crate::pact::rfc3339(p.created_at),
            "_links": {"self": {"href": format!(
                "{base}/pacts/provider/{}/consumer/{}/version/{}",
                enc(&provider), enc(&consumer), enc(&cv_number)
            )}},
        })
    });
    let verification = match (&r.verification, &r.pact) {
        (Some(v), Some(p)) => json!({
            "success": v.success,
            "verifiedAt": crate::pact::rfc3339(v.created_at),
            "_links": {"self": {"href": format!(
                "{base}/pacts/provider/{}/consumer/{}/pact-version/{}/verification-results/{}",
                enc(&provider), enc(&consumer), p.sha, v.id
            )}},
        }),
        _ => Value::Null,
    };
    let result = match r.outcome() {
        Outcome::Success => "success",
        Outcome::Failure => "failure",
        Outcome::Unknown => "unknown",
    };
    let mut contract = match (&r.schema, &r.verification) {
        (Some(s), _) => json!({
            "kind": "schema",
            "subject": s.subject,
            "findings": s.findings,
        }),
        (None, Some(v)) if v.source == "contract-comparison" => {
            let mut c = json!({"kind": "pact-vs-openapi"});
            if let Some(f) = v.findings.as_deref().and_then(findings_of) {
                c["findings"] = f;
            }
            c
        }
        _ => json!({"kind": "pact"}),
    };
    contract["result"] = json!(result);
    contract["reason"] = json!(reason);
    let mut row = json!({
        "consumer": {
            "name": consumer,
            "version": consumer_version,
            "_links": {"self": {"href": format!("{base}/pacticipants/{}", enc(&consumer))}},
        },
        "provider": {
            "name": provider,
            "version": provider_version,
            "_links": {"self": {"href": format!("{base}/pacticipants/{}", enc(&provider))}},
        },
        "pact": pact,
        "verificationResult": verification,
        "contract": contract,
    });
    if r.ignored {
        row["ignored"] = json!(true);
    }
    row
}

/// The findings a contract comparison stored: the body itself when it is a list, or its
/// `findings` member.
fn findings_of(body: &str) -> Option<Value> {
    match serde_json::from_str::<Value>(body).ok()? {
        v @ Value::Array(_) => Some(v),
        Value::Object(mut o) => o.remove("findings").filter(Value::is_array),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_findings() {
        assert_eq!(findings_of("[1]"), Some(json!([1])));
        assert_eq!(findings_of(r#"{"findings":[2]}"#), Some(json!([2])));
        assert_eq!(findings_of("{}"), None);
    }
}
