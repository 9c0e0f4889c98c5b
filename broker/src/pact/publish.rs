//! `POST /contracts/publish`: a consumer version with its branch, tags, build URL and pacts
//! in one request. Everything is validated and every conflict found before anything is
//! written, so a rejected publication changes nothing. The response is the shape the Rust
//! CLI deserializes strictly (`logs`, `_embedded.pacticipant|version`, and `pb:contracts`,
//! `pb:pacticipant-version-tags` link arrays) and the notices the Ruby client prints.

use super::PactError;
use super::hal::{Base, Body, enc, ok, str_field};
use super::model;
use super::pacts::{self, OnConflict, Planned};
use super::webhook_events::{self, PactEvent};
use crate::AppState;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use base64::Engine;
use serde_json::{Map, Value, json};

pub fn router() -> Router<AppState> {
    Router::new().route("/contracts/publish", post(publish))
}

/// One validated contract from the request.
#[derive(Debug)]
struct Contract {
    provider: String,
    content: Value,
    on_conflict: OnConflict,
}

#[derive(Debug)]
struct Request {
    pacticipant: String,
    version: String,
    branch: Option<String>,
    tags: Vec<String>,
    build_url: Option<String>,
    contracts: Vec<Contract>,
}

fn err(errors: &mut Map<String, Value>, field: &str, msg: impl Into<String>) {
    let entry = errors.entry(field.to_string()).or_insert_with(|| json!([]));
    if let Some(a) = entry.as_array_mut() {
        a.push(Value::String(msg.into()));
    }
}

/// The request checked as the Pact Broker's publish-contracts schema checks it.
fn parse(body: &Value) -> Result<Request, PactError> {
    let mut errors = Map::new();
    let pacticipant = str_field(body, "pacticipantName").map(str::to_string);
    if pacticipant.is_none() {
        err(&mut errors, "pacticipantName", "pacticipantName is missing");
    }
    let version = str_field(body, "pacticipantVersionNumber").map(str::to_string);
    if version.is_none() {
        err(
            &mut errors,
            "pacticipantVersionNumber",
            "pacticipantVersionNumber is missing",
        );
    }
    let branch = match body.get("branch") {
        None | Some(Value::Null) => None,
        Some(Value::String(b)) if !b.trim().is_empty() => Some(b.trim().to_string()),
        Some(_) => {
            err(&mut errors, "branch", "branch must be a non-empty string");
            None
        }
    };
    let mut tags = Vec::new();
    match body.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) => {
            for (i, t) in a.iter().enumerate() {
                match t.as_str().map(str::trim).filter(|t| !t.is_empty()) {
                    Some(t) => {
                        if !tags.iter().any(|x| x == t) {
                            tags.push(t.to_string());
                        }
                    }
                    None => err(
                        &mut errors,
                        &format!("tags[{i}]"),
                        "tag must be a non-empty string",
                    ),
                }
            }
        }
        Some(_) => err(&mut errors, "tags", "tags must be an array"),
    }
    let build_url = str_field(body, "buildUrl").map(str::to_string);
    let mut contracts = Vec::new();
    match body.get("contracts").and_then(Value::as_array) {
        None => err(&mut errors, "contracts", "contracts is missing"),
        Some(a) if a.is_empty() => err(
            &mut errors,
            "contracts",
            "contracts must contain at least one contract",
        ),
        Some(a) => {
            for (i, c) in a.iter().enumerate() {
                if let Some(c) = parse_contract(c, i, pacticipant.as_deref(), &mut errors) {
                    contracts.push(c);
                }
            }
        }
    }
    match (pacticipant, version) {
        (Some(pacticipant), Some(version)) if errors.is_empty() => Ok(Request {
            pacticipant,
            version,
            branch,
            tags,
            build_url,
            contracts,
        }),
        _ => Err(PactError::invalid_fields(errors)),
    }
}

fn parse_contract(
    c: &Value,
    i: usize,
    pacticipant: Option<&str>,
    errors: &mut Map<String, Value>,
) -> Option<Contract> {
    let field = |name: &str| format!("contracts[{i}].{name}");
    let consumer = str_field(c, "consumerName");
    let provider = str_field(c, "providerName");
    let spec = str_field(c, "specification").unwrap_or("pact");
    let content_type = str_field(c, "contentType").unwrap_or("application/json");
    let before = errors.len();
    match (consumer, pacticipant) {
        (None, _) => err(errors, &field("consumerName"), "consumerName is missing"),
        (Some(c), Some(p)) if c != p => err(
            errors,
            &field("consumerName"),
            format!("consumerName ({c}) must match pacticipantName ({p})"),
        ),
        _ => {}
    }
    if provider.is_none() {
        err(errors, &field("providerName"), "providerName is missing");
    }
    if !spec.eq_ignore_ascii_case("pact") {
        err(
            errors,
            &field("specification"),
            format!("specification {spec} is not supported; only pact is"),
        );
    }
    if !content_type.to_ascii_lowercase().contains("json") {
        err(
            errors,
            &field("contentType"),
            format!("contentType {content_type} is not supported for pacts; use application/json"),
        );
    }
    let on_conflict = match str_field(c, "onConflict").unwrap_or("overwrite") {
        "merge" => OnConflict::Merge,
        "overwrite" => OnConflict::Reject,
        other => {
            err(
                errors,
                &field("onConflict"),
                format!("onConflict must be merge or overwrite, not {other}"),
            );
            OnConflict::Reject
        }
    };
    let content = match str_field(c, "content") {
        None => {
            err(errors, &field("content"), "content is missing");
            None
        }
        Some(text) => match base64::engine::general_purpose::STANDARD.decode(text.as_bytes()) {
            Err(e) => {
                err(
                    errors,
                    &field("content"),
                    format!("content is not valid Base64: {e}"),
                );
                None
            }
            Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                Ok(v) if v.is_object() => Some(v),
                Ok(_) => {
                    err(errors, &field("content"), "content must be a JSON object");
                    None
                }
                Err(e) => {
                    err(
                        errors,
                        &field("content"),
                        format!("content is not valid JSON: {e}"),
                    );
                    None
                }
            },
        },
    };
    if let Some(content) = &content {
        for (role, expected) in [("consumer", consumer), ("provider", provider)] {
            let named = content
                .pointer(&format!("/{role}/name"))
                .and_then(Value::as_str);
            if let (Some(named), Some(expected)) = (named, expected)
                && named != expected
            {
                err(
                    errors,
                    &field("content"),
                    format!(
                        "The {role} name in the pact content ({named}) does not match the \
                         {role}Name ({expected})"
                    ),
                );
            }
        }
    }
    if errors.len() != before {
        return None;
    }
    Some(Contract {
        provider: provider?.to_string(),
        content: pacts::strip_decorations(content?),
        on_conflict,
    })
}

async fn publish(
    State(s): State<AppState>,
    base: Base,
    Body(body): Body,
) -> Result<Response, PactError> {
    let req = parse(&body)?;
    let store = &s.store;
    let existing_consumer = model::pacticipant(store, &req.pacticipant).await?;
    let existing_version = match &existing_consumer {
        Some(c) => model::version(store, c.id, &req.version).await?,
        None => None,
    };
    let mut plans: Vec<Planned> = Vec::new();
    for c in &req.contracts {
        let provider_id = model::pacticipant_id(store, &c.provider).await?;
        let planned = pacts::plan(
            store,
            existing_version.as_ref().map(|v| v.id),
            provider_id,
            c.content.clone(),
            c.on_conflict,
            || pacts::conflict_message(&req.pacticipant, &req.version, &c.provider),
        )
        .await
        .map_err(|e| {
            // The Pact Broker reports a refused publication as an error notice too.
            let text = e.body["error"].as_str().unwrap_or("conflict").to_string();
            let mut e = e;
            e.body["notices"] = json!([{"type": "error", "text": text}]);
            e
        })?;
        plans.push(planned);
    }

    let consumer = model::ensure_pacticipant(store, &req.pacticipant).await?;
    let (version, version_created) =
        model::ensure_version(store, consumer.id, &req.version, req.build_url.as_deref()).await?;
    if let Some(b) = &req.branch {
        model::add_to_branch(store, &consumer, version.id, b).await?;
    }
    for t in &req.tags {
        model::add_tag(store, version.id, t).await?;
    }

    let p = enc(&req.pacticipant);
    let v = enc(&req.version);
    let version_path = format!("/pacticipants/{p}/versions/{v}");
    let mut notices = Vec::new();
    let mut described = format!(
        "{} {} version {}",
        if version_created {
            "Created"
        } else {
            "Updated"
        },
        req.pacticipant,
        req.version
    );
    if let Some(b) = &req.branch {
        described.push_str(&format!(" with branch {b}"));
    }
    if !req.tags.is_empty() {
        described.push_str(&format!(
            "{} tags {}",
            if req.branch.is_some() {
                " and"
            } else {
                " with"
            },
            req.tags.join(", ")
        ));
    }
    notices.push(json!({"type": "success", "text": described}));

    let mut contract_links = Vec::new();
    for (c, planned) in req.contracts.iter().zip(&plans) {
        let provider = model::ensure_pacticipant(store, &c.provider).await?;
        let previous_sha = pacts::latest(store, consumer.id, provider.id, None)
            .await?
            .map(|p| p.sha);
        pacts::write(store, consumer.id, version.id, provider.id, planned).await?;
        let event = PactEvent {
            consumer: &consumer,
            provider: &provider,
            consumer_version: &version,
            previous_sha,
        };
        webhook_events::pact_published(&s, &base, event).await;
        let url = base.url(&pacts::version_path(
            &c.provider,
            &req.pacticipant,
            &req.version,
        ));
        let text = if planned.created {
            format!(
                "Pact published for {} version {} and provider {}.",
                req.pacticipant, req.version, c.provider
            )
        } else if planned.changed {
            format!(
                "Pact merged into the existing pact for {} version {} and provider {}.",
                req.pacticipant, req.version, c.provider
            )
        } else {
            format!(
                "Pact successfully republished for {} version {} and provider {} with no content changes.",
                req.pacticipant, req.version, c.provider
            )
        };
        notices.push(json!({"type": "success", "text": text}));
        notices
            .push(json!({"type": "info", "text": format!("  View the published pact at {url}")}));
        contract_links.push(json!({
            "href": url,
            "name": format!("Pact between {} ({}) and {}", req.pacticipant, req.version, c.provider),
            "title": "Pact",
        }));
    }
    if req.branch.is_none() {
        notices.push(json!({
            "type": "warning",
            "text": "No branch was specified; the pacts cannot be selected by branch (mainBranch, matchingBranch). \
                     Set the branch when publishing."
        }));
    }
    let logs: Vec<Value> = notices
        .iter()
        .map(|n| {
            json!({
                "level": if n["type"] == "warning" { "warn" } else { "info" },
                "message": n["text"],
                "deprecationWarning": "Replaced by notices",
            })
        })
        .collect();
    let tag_links: Vec<Value> = req
        .tags
        .iter()
        .map(|t| base.named(&format!("{version_path}/tags/{}", enc(t)), "Tag", t))
        .collect();
    let mut links = json!({
        "pb:pacticipant": base.named(&format!("/pacticipants/{p}"), "Pacticipant", &req.pacticipant),
        "pb:pacticipant-version": base.named(&version_path, "Pacticipant version", &req.version),
        "pb:pacticipant-version-tags": tag_links,
        "pb:contracts": contract_links,
    });
    if let Some(b) = &req.branch {
        links["pb:branch"] = base.named(
            &format!("/pacticipants/{p}/branches/{}", enc(b)),
            "Branch",
            b,
        );
        links["pb:branch-version"] = base.named(
            &format!("/pacticipants/{p}/branches/{}/versions/{v}", enc(b)),
            "Branch version",
            &req.version,
        );
    }
    let mut version_json = json!({
        "number": req.version,
        "_links": {"self": base.named(&version_path, "Version", &req.version)},
    });
    if let Some(url) = &version.build_url {
        version_json["buildUrl"] = json!(url);
    }
    Ok(ok(json!({
        "notices": notices,
        "logs": logs,
        "_embedded": {
            "pacticipant": {
                "name": req.pacticipant,
                "_links": {"self": {"href": base.url(&format!("/pacticipants/{p}"))}},
            },
            "version": version_json,
        },
        "_links": links,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;

    fn body(content: &str) -> Value {
        json!({
            "pacticipantName": "C", "pacticipantVersionNumber": "1",
            "contracts": [{"consumerName": "C", "providerName": "P", "specification": "pact",
                           "contentType": "application/json", "content": content}]
        })
    }

    #[test]
    fn parses_a_valid_request() {
        let pact = STANDARD
            .encode(r#"{"consumer":{"name":"C"},"provider":{"name":"P"},"interactions":[]}"#);
        let r = parse(&body(&pact)).unwrap();
        assert_eq!(r.contracts.len(), 1);
        assert_eq!(r.contracts[0].provider, "P");
        assert_eq!(r.contracts[0].on_conflict, OnConflict::Reject);
    }

    #[test]
    fn reports_each_bad_field() {
        let e = parse(&json!({})).unwrap_err();
        let errors = e.body["errors"].as_object().unwrap();
        assert!(errors.contains_key("pacticipantName"));
        assert!(errors.contains_key("pacticipantVersionNumber"));
        assert!(errors.contains_key("contracts"));
        let e = parse(&body("%%%")).unwrap_err();
        assert!(
            e.body["errors"]["contracts[0].content"][0]
                .as_str()
                .unwrap()
                .contains("Base64")
        );
        let e = parse(&body(&STANDARD.encode("not json"))).unwrap_err();
        assert!(
            e.body["errors"]["contracts[0].content"][0]
                .as_str()
                .unwrap()
                .contains("JSON")
        );
        let other = STANDARD.encode(r#"{"consumer":{"name":"X"},"provider":{"name":"P"}}"#);
        let e = parse(&body(&other)).unwrap_err();
        assert!(
            e.body["errors"]["contracts[0].content"][0]
                .as_str()
                .unwrap()
                .contains("consumer name")
        );
    }
}
