//! Bi-directional contracts: a provider publishes its OpenAPI document for a version with
//! the result of its own test run (PactFlow's `POST /provider-contracts/provider/{p}/publish`),
//! and the broker compares every consumer pact of that provider with it
//! (`accord_rules::pact::compare`). Each comparison is stored as a row of `verifications`
//! with `source = 'contract-comparison'`, so the matrix and can-i-deploy count it like a
//! provider verification: it succeeds when the provider's self-verification succeeded and
//! the comparison found no error.
//!
//! Pacts published later are compared by `compare_pact_with_contracts` (called by the pact
//! publication after it stores a pact) against the contracts of the provider versions that
//! matter: the latest per branch, and those currently deployed or released.

use crate::AppState;
use crate::pact::error::PactError;
use crate::pact::hal::{enc, hal};
use crate::pact::{model, now_ms, rfc3339};
use crate::store::{AnyStore, StoreError, on_pool};
use accord_rules::openapi;
use accord_rules::pact::{self as pactrules, ContractFinding};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use base64::Engine;
use serde::Serialize;
use serde_json::{Value, json};
use std::path::Path as FsPath;

pub const SOURCE: &str = "contract-comparison";

/// Beyond this many consumer versions with pacts, a new contract is compared only with the
/// pacts of consumer versions that are latest on a branch or deployed/released.
const MAX_PACTS_COMPARED: i64 = 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/provider-contracts/provider/{provider}/publish",
            post(publish),
        )
        .route(
            "/provider-contracts/provider/{provider}/version/{version}",
            get(show),
        )
}

/// A validated publication request.
struct Publication {
    version: String,
    branch: Option<String>,
    tags: Vec<String>,
    build_url: Option<String>,
    content: String,
    content_type: String,
    self_success: bool,
    verifier: Option<String>,
}

fn parse_publication(body: &[u8]) -> Result<Publication, PactError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| PactError::invalid("body", format!("is not valid JSON: {e}")))?;
    let mut errors = serde_json::Map::new();
    let mut err = |field: &str, msg: &str| {
        if let Some(a) = errors
            .entry(field.to_string())
            .or_insert_with(|| json!([]))
            .as_array_mut()
        {
            a.push(json!(msg));
        }
    };
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let version = text(&v, "pacticipantVersionNumber").unwrap_or_default();
    if version.trim().is_empty() {
        err("pacticipantVersionNumber", "is required");
    }
    let branch = text(&v, "branch").filter(|b| !b.is_empty());
    let tags: Vec<String> = match v.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(xs)) => {
            let t: Vec<String> = xs
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            if t.len() != xs.len() {
                err("tags", "must be an array of strings");
            }
            t
        }
        Some(_) => {
            err("tags", "must be an array of strings");
            Vec::new()
        }
    };
    let build_url = text(&v, "buildUrl");
    let contract = v.get("contract").cloned().unwrap_or(Value::Null);
    if !contract.is_object() {
        err("contract", "is required");
    }
    let content_type = text(&contract, "contentType").unwrap_or_default();
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if contract.is_object()
        && !matches!(
            ct.as_str(),
            "application/yaml" | "application/x-yaml" | "text/yaml" | "application/json"
        )
    {
        err(
            "contract.contentType",
            "must be application/yaml or application/json",
        );
    }
    match text(&contract, "specification").as_deref() {
        Some("oas") | Some("openapi") => {}
        _ if !contract.is_object() => {}
        _ => err("contract.specification", "must be \"oas\""),
    }
    let content = match text(&contract, "content") {
        Some(b64) => match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(_) => {
                    err("contract.content", "is not UTF-8 text once decoded");
                    String::new()
                }
            },
            Err(_) => {
                err("contract.content", "must be Base64");
                String::new()
            }
        },
        None => {
            if contract.is_object() {
                err("contract.content", "is required");
            }
            String::new()
        }
    };
    let svr = contract
        .get("selfVerificationResults")
        .cloned()
        .unwrap_or(Value::Null);
    let self_success = match svr.get("success").and_then(Value::as_bool) {
        Some(b) => b,
        None => {
            if contract.is_object() {
                err(
                    "contract.selfVerificationResults.success",
                    "is required (true or false)",
                );
            }
            false
        }
    };
    if !errors.is_empty() {
        return Err(PactError::invalid_fields(errors));
    }
    Ok(Publication {
        version,
        branch,
        tags,
        build_url,
        content,
        content_type: ct,
        self_success,
        verifier: text(&svr, "verifier"),
    })
}

/// Loads a published document. Only the document itself is read: a `$ref` to another file
/// would make the broker read its own file system, so it is refused.
fn load_contract(content: &str, content_type: &str) -> Result<openapi::Spec, String> {
    let name = if content_type == "application/json" {
        "openapi.json"
    } else {
        "openapi.yaml"
    };
    let bytes = content.as_bytes().to_vec();
    let root = FsPath::new(name).to_path_buf();
    openapi::load_with(FsPath::new(name), &move |p: &FsPath| {
        if p == root {
            Ok(bytes.clone())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "a published contract must be one self-contained document",
            ))
        }
    })
    .map_err(|e| e.to_string())
}

// --- comparisons ---------------------------------------------------------------------

/// A stored provider contract, as comparisons need it.
#[derive(Debug, Clone)]
struct Contract {
    id: i64,
    provider_version_id: i64,
    content: String,
    content_type: String,
    self_success: bool,
    verifier: Option<String>,
    build_url: Option<String>,
}

/// The outcome of one pact against one contract, as stored and reported.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonOutcome {
    /// The consumer whose pact was compared.
    pub consumer: String,
    pub pact_content_id: i64,
    pub provider_version_id: i64,
    pub success: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Why there is no comparison (the pact or the document could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

/// Compares pacts with one document; CPU work, run off the async threads.
fn compare_all(
    contract: &Contract,
    pacts: Vec<(i64, String)>,
) -> Vec<(i64, Result<pactrules::Comparison, String>)> {
    let spec = load_contract(&contract.content, &contract.content_type);
    pacts
        .into_iter()
        .map(|(id, text)| {
            let r = match &spec {
                Err(e) => Err(format!("the provider contract cannot be read: {e}")),
                Ok(spec) => pactrules::parse_pact(&text)
                    .map(|p| pactrules::compare(&p, spec))
                    .map_err(|e| e.to_string()),
            };
            (id, r)
        })
        .collect()
}

/// Stores one comparison as a verification, replacing an earlier comparison of the same
/// pact with the same provider version (the latest contract of a version is its contract).
async fn record(
    store: &AnyStore,
    contract: &Contract,
    pact_content_id: i64,
    result: Result<pactrules::Comparison, String>,
) -> Result<ComparisonOutcome, StoreError> {
    let (success, findings, errors, warnings, failure, interactions) = match &result {
        Ok(c) => {
            let errors = c
                .findings
                .iter()
                .filter(|f| f.finding.severity == accord_rules::Severity::Error)
                .count();
            (
                contract.self_success && c.success(),
                c.findings.clone(),
                errors,
                c.findings.len() - errors,
                None,
                c.interactions,
            )
        }
        Err(e) => (false, Vec::new(), 0, 0, Some(e.clone()), 0),
    };
    let body = json!({
        "source": SOURCE,
        "providerContractId": contract.id,
        "success": success,
        "selfVerification": {
            "success": contract.self_success,
            "verifier": contract.verifier,
        },
        "comparison": {
            "success": result.as_ref().is_ok_and(|c| c.success()),
            "interactions": interactions,
            "errors": errors,
            "warnings": warnings,
            "failure": failure,
        },
        "findings": findings,
    });
    let now = now_ms();
    on_pool!(store, pool => {
        sqlx::query(
            "DELETE FROM verifications WHERE pact_content_id = $1 AND provider_version_id = $2 \
             AND source = $3",
        )
        .bind(pact_content_id)
        .bind(contract.provider_version_id)
        .bind(SOURCE)
        .execute(pool)
        .await?;
        sqlx::query(
            "INSERT INTO verifications \
             (pact_content_id, provider_version_id, success, build_url, source, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(pact_content_id)
        .bind(contract.provider_version_id)
        .bind(success)
        .bind(contract.build_url.as_deref())
        .bind(SOURCE)
        .bind(body.to_string())
        .bind(now)
        .execute(pool)
        .await?;
        Ok::<(), StoreError>(())
    })?;
    let consumer: String = on_pool!(store, pool => {
        sqlx::query_scalar::<_, String>(
            "SELECT p.name FROM pact_contents c JOIN pacticipants p ON p.id = c.consumer_id \
             WHERE c.id = $1",
        )
        .bind(pact_content_id)
        .fetch_one(pool)
        .await
    })?;
    Ok(ComparisonOutcome {
        consumer,
        pact_content_id,
        provider_version_id: contract.provider_version_id,
        success,
        errors,
        warnings,
        failure,
    })
}

async fn run_comparisons(
    store: &AnyStore,
    contract: &Contract,
    pacts: Vec<(i64, String)>,
) -> Result<Vec<ComparisonOutcome>, StoreError> {
    let c = contract.clone();
    let results = tokio::task::spawn_blocking(move || compare_all(&c, pacts))
        .await
        .map_err(|e| StoreError::Corrupt(format!("comparison task failed: {e}")))?;
    let mut out = Vec::with_capacity(results.len());
    for (id, r) in results {
        out.push(record(store, contract, id, r).await?);
    }
    Ok(out)
}

/// The latest pact of every consumer version of a provider, one per distinct content;
/// beyond `MAX_PACTS_COMPARED` versions, only those latest on a branch or deployed/released.
async fn consumer_pacts(
    store: &AnyStore,
    provider_id: i64,
) -> Result<Vec<(i64, String)>, StoreError> {
    const LATEST: &str = "FROM pact_publications pp \
        WHERE pp.provider_id = $1 AND pp.revision = (SELECT MAX(p2.revision) \
        FROM pact_publications p2 WHERE p2.consumer_version_id = pp.consumer_version_id \
        AND p2.provider_id = pp.provider_id)";
    on_pool!(store, pool => {
        let count = sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) {LATEST}"))
            .bind(provider_id)
            .fetch_one(pool)
            .await?;
        let filter = if count > MAX_PACTS_COMPARED {
            " AND (pp.consumer_version_id IN (SELECT MAX(bv.version_id) FROM branch_versions bv \
              GROUP BY bv.branch_id) \
              OR pp.consumer_version_id IN (SELECT version_id FROM deployed_versions \
              WHERE undeployed_at IS NULL) \
              OR pp.consumer_version_id IN (SELECT version_id FROM released_versions \
              WHERE support_ended_at IS NULL))"
        } else {
            ""
        };
        let sql = format!(
            "SELECT c.id, c.content FROM pact_contents c WHERE c.id IN \
             (SELECT pp.pact_content_id {LATEST}{filter}) ORDER BY c.id"
        );
        Ok(sqlx::query_as::<_, (i64, String)>(&sql)
            .bind(provider_id)
            .fetch_all(pool)
            .await?)
    })
}

type ContractRow = (
    i64,
    i64,
    String,
    String,
    bool,
    Option<String>,
    Option<String>,
);

fn contract_of(r: ContractRow) -> Contract {
    Contract {
        id: r.0,
        provider_version_id: r.1,
        content: r.2,
        content_type: r.3,
        self_success: r.4,
        verifier: r.5,
        build_url: r.6,
    }
}

const CONTRACT_COLUMNS: &str = "pc.id, pc.provider_version_id, pc.content, pc.content_type, \
     pc.self_verification_success, pc.verifier, pc.build_url";

/// Compares a newly published pact with the contracts of its provider's versions that are
/// latest on a branch (or the latest overall), or currently deployed or released. Call it
/// after storing a pact; returns one outcome per contract compared (none when the provider
/// has published no contract).
pub async fn compare_pact_with_contracts(
    store: &AnyStore,
    pact_content_id: i64,
) -> Result<Vec<ComparisonOutcome>, StoreError> {
    let row: Option<(i64, String)> = on_pool!(store, pool => {
        sqlx::query_as::<_, (i64, String)>(
            "SELECT provider_id, content FROM pact_contents WHERE id = $1",
        )
        .bind(pact_content_id)
        .fetch_optional(pool)
        .await
    })?;
    let Some((provider_id, text)) = row else {
        return Err(StoreError::NotFound);
    };
    let sql = format!(
        "SELECT {CONTRACT_COLUMNS} FROM provider_contracts pc \
         JOIN versions v ON v.id = pc.provider_version_id \
         WHERE v.pacticipant_id = $1 \
         AND pc.id = (SELECT MAX(p2.id) FROM provider_contracts p2 \
                      WHERE p2.provider_version_id = pc.provider_version_id) \
         AND (pc.provider_version_id IN ( \
                SELECT MAX(bv.version_id) FROM branch_versions bv \
                JOIN branches b ON b.id = bv.branch_id \
                WHERE b.pacticipant_id = $1 \
                AND bv.version_id IN (SELECT provider_version_id FROM provider_contracts) \
                GROUP BY b.id) \
              OR pc.provider_version_id = (SELECT MAX(p3.provider_version_id) \
                FROM provider_contracts p3 JOIN versions v3 ON v3.id = p3.provider_version_id \
                WHERE v3.pacticipant_id = $1) \
              OR pc.provider_version_id IN (SELECT version_id FROM deployed_versions \
                WHERE pacticipant_id = $1 AND undeployed_at IS NULL) \
              OR pc.provider_version_id IN (SELECT version_id FROM released_versions \
                WHERE pacticipant_id = $1 AND support_ended_at IS NULL)) \
         ORDER BY pc.provider_version_id"
    );
    let contracts: Vec<ContractRow> = on_pool!(store, pool => {
        sqlx::query_as::<_, ContractRow>(&sql)
            .bind(provider_id)
            .fetch_all(pool)
            .await
    })?;
    let mut out = Vec::new();
    for c in contracts.into_iter().map(contract_of) {
        out.extend(run_comparisons(store, &c, vec![(pact_content_id, text.clone())]).await?);
    }
    Ok(out)
}

// --- handlers ------------------------------------------------------------------------

async fn publish(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    body: Bytes,
) -> Result<Response, PactError> {
    let p = parse_publication(&body)?;
    // Refuse a document accord cannot read before storing anything.
    let content = p.content.clone();
    let ct = p.content_type.clone();
    let checked = tokio::task::spawn_blocking(move || load_contract(&content, &ct).map(|_| ()))
        .await
        .map_err(|_| PactError::with(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))?;
    if let Err(e) = checked {
        return Err(PactError::invalid(
            "contract.content",
            format!("is not a readable OpenAPI document: {e}"),
        ));
    }
    let store = &state.store;
    // The shared upserts: a contract published on `main` makes it the provider's main branch
    // as a publication of pacts does.
    let pacticipant = model::ensure_pacticipant(store, &provider).await?;
    let version_id =
        model::ensure_version(store, pacticipant.id, &p.version, p.build_url.as_deref())
            .await?
            .0
            .id;
    if let Some(b) = &p.branch {
        model::add_to_branch(store, &pacticipant, version_id, b).await?;
    }
    for t in &p.tags {
        model::add_tag(store, version_id, t).await?;
    }
    let now = now_ms();
    let contract_id: i64 = on_pool!(store, pool => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO provider_contracts (provider_version_id, spec_type, content_type, content, \
             self_verification_success, verifier, build_url, created_at) \
             VALUES ($1, 'oas', $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(version_id)
        .bind(&p.content_type)
        .bind(&p.content)
        .bind(p.self_success)
        .bind(p.verifier.as_deref())
        .bind(p.build_url.as_deref())
        .bind(now)
        .fetch_one(pool)
        .await
    })
    .map_err(StoreError::from)?;
    let contract = Contract {
        id: contract_id,
        provider_version_id: version_id,
        content: p.content.clone(),
        content_type: p.content_type.clone(),
        self_success: p.self_success,
        verifier: p.verifier.clone(),
        build_url: p.build_url.clone(),
    };
    let pacts = consumer_pacts(store, pacticipant.id).await?;
    let outcomes = run_comparisons(store, &contract, pacts).await?;

    let mut notices = vec![json!({
        "type": "success",
        "text": format!("Provider contract for {provider} version {} published", p.version),
    })];
    if !p.self_success {
        notices.push(json!({
            "type": "warning",
            "text": "The provider's self-verification failed: every comparison with this contract fails",
        }));
    }
    if outcomes.is_empty() {
        notices.push(json!({
            "type": "info",
            "text": format!("No consumer pacts with {provider} to compare yet"),
        }));
    } else {
        let ok = outcomes.iter().filter(|o| o.success).count();
        notices.push(json!({
            "type": if ok == outcomes.len() { "success" } else { "warning" },
            "text": format!(
                "Compared with {} consumer pact(s): {ok} compatible, {} not",
                outcomes.len(),
                outcomes.len() - ok
            ),
        }));
        for o in outcomes.iter().filter(|o| !o.success) {
            let text = match &o.failure {
                Some(f) => format!("{}: {f}", o.consumer),
                None if o.errors > 0 => format!(
                    "{}: {} error(s) comparing its pact with this contract",
                    o.consumer, o.errors
                ),
                None => format!("{}: the provider's self-verification failed", o.consumer),
            };
            notices.push(json!({"type": "error", "text": text}));
        }
    }
    let self_href = format!(
        "/provider-contracts/provider/{}/version/{}",
        enc(&provider),
        enc(&p.version)
    );
    Ok(hal(
        StatusCode::OK,
        json!({
            "notices": notices,
            "comparisons": outcomes,
            "_links": {
                "self": {"href": self_href},
                "pb:pacticipant": {"href": format!("/pacticipants/{}", enc(&provider))},
                "pb:pacticipant-version": {"href": format!(
                    "/pacticipants/{}/versions/{}", enc(&provider), enc(&p.version)
                )},
            },
        }),
    ))
}

async fn show(
    State(state): State<AppState>,
    Path((provider, version)): Path<(String, String)>,
) -> Result<Response, PactError> {
    let store = &state.store;
    let sql = format!(
        "SELECT {CONTRACT_COLUMNS}, pc.created_at FROM provider_contracts pc \
         JOIN versions v ON v.id = pc.provider_version_id \
         JOIN pacticipants p ON p.id = v.pacticipant_id \
         WHERE p.name = $1 AND v.number = $2 ORDER BY pc.id DESC LIMIT 1"
    );
    type Row = (
        i64,
        i64,
        String,
        String,
        bool,
        Option<String>,
        Option<String>,
        i64,
    );
    let row: Option<Row> = on_pool!(store, pool => {
        sqlx::query_as::<_, Row>(&sql)
            .bind(&provider)
            .bind(&version)
            .fetch_optional(pool)
            .await
    })
    .map_err(StoreError::from)?;
    let Some(r) = row else {
        return Err(PactError::not_found(format!(
            "No provider contract found for {provider} version {version}"
        )));
    };
    let comparisons: Vec<(String, bool, String, i64)> = on_pool!(store, pool => {
        sqlx::query_as::<_, (String, bool, String, i64)>(
            "SELECT c.name, ver.success, ver.body, ver.created_at FROM verifications ver \
             JOIN pact_contents pc ON pc.id = ver.pact_content_id \
             JOIN pacticipants c ON c.id = pc.consumer_id \
             WHERE ver.provider_version_id = $1 AND ver.source = $2 ORDER BY ver.id",
        )
        .bind(r.1)
        .bind(SOURCE)
        .fetch_all(pool)
        .await
    })
    .map_err(StoreError::from)?;
    let comparisons: Vec<Value> = comparisons
        .into_iter()
        .map(|(consumer, success, body, at)| {
            let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            let findings: Vec<ContractFinding> =
                serde_json::from_value(body["findings"].clone()).unwrap_or_default();
            json!({
                "consumer": consumer,
                "success": success,
                "comparedAt": rfc3339(at),
                "comparison": body["comparison"],
                "findings": findings,
            })
        })
        .collect();
    let self_href = format!(
        "/provider-contracts/provider/{}/version/{}",
        enc(&provider),
        enc(&version)
    );
    Ok(hal(
        StatusCode::OK,
        json!({
            "provider": provider,
            "providerVersion": version,
            "createdAt": rfc3339(r.7),
            "contract": {
                "content": r.2,
                "contentType": r.3,
                "specification": "oas",
                "selfVerificationResults": {"success": r.4, "verifier": r.5},
                "buildUrl": r.6,
            },
            "comparisons": comparisons,
            "_links": {"self": {"href": self_href}},
        }),
    ))
}
