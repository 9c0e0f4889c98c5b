//! Event contracts: which registry schema a pacticipant version writes to (or reads from) a
//! subject, and the matrix rows they make — each reader version checked against each writer
//! version of the same subject with accord's engines (Avro and JSON Schema by reader/writer
//! resolution, Protobuf by its wire rules), reader as consumer, writer as provider.
//!
//! `PUT /pacticipants/{p}/versions/{v}/schemas/{role}/{subject}` validates the schema with
//! its type's parser and stores it once (by hash) in the registry's `schemas` table without
//! adding a subject version: a link says what a deployed version uses, not what the subject's
//! history allows.

use crate::AppState;
use crate::pact::PactError;
use crate::pact::error::HAL_JSON;
use crate::pact::matrix::{Outcome, SchemaCheck, Side, seed};
use crate::registry::{self, Submitted};
use crate::schema_types::{self, SchemaText};
use crate::store::{AnyStore, NewSchema, Reference, StoreError, on_pool};
use accord_rules::compat::Mode;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, routing::put};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/pacticipants/{pacticipant}/versions/{version}/schemas/{role}/{subject}",
            put(put_link).get(get_link),
        )
        .route(
            "/pacticipants/{pacticipant}/versions/{version}/schemas",
            get(list_links),
        )
}

/// Which side of a subject a version is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Writer,
    Reader,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "writer" => Some(Role::Writer),
            "reader" => Some(Role::Reader),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Writer => "writer",
            Role::Reader => "reader",
        }
    }

    fn other(self) -> Role {
        match self {
            Role::Writer => Role::Reader,
            Role::Reader => Role::Writer,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LinkBody {
    schema: String,
    #[serde(default)]
    schema_type: Option<String>,
    #[serde(default)]
    references: Vec<Reference>,
}

fn hal(status: StatusCode, body: Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
    res
}

fn from_api(e: crate::ApiError) -> PactError {
    PactError::with(e.status, e.message)
}

async fn put_link(
    State(state): State<AppState>,
    Path((pacticipant, version, role, subject)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Result<Response, PactError> {
    let role = Role::parse(&role)
        .ok_or_else(|| PactError::invalid("role", "must be 'writer' or 'reader'"))?;
    let body: LinkBody = serde_json::from_slice(&body)
        .map_err(|e| PactError::invalid("body", format!("Invalid JSON body: {e}")))?;
    if pacticipant.trim().is_empty() || version.trim().is_empty() || subject.trim().is_empty() {
        return Err(PactError::invalid(
            "path",
            "pacticipant, version and subject must not be blank",
        ));
    }
    let submitted = Submitted {
        schema_type: body.schema_type.unwrap_or_else(|| "AVRO".to_string()),
        schema: body.schema,
        references: body.references,
    };
    let (schema, _) = registry::prepare(&state.store, submitted, false)
        .await
        .map_err(from_api)?;
    let store = &state.store;
    let schema_id = store_schema(store, &schema).await?;
    let pid = seed::pacticipant(store, &pacticipant).await?;
    let vid = seed::version(store, pid, &version).await?;
    let previous = link_of(store, vid, &subject, role).await?;
    on_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO schema_links (version_id, subject, role, schema_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version_id, subject, role) \
             DO UPDATE SET schema_id = excluded.schema_id, created_at = excluded.created_at",
        )
        .bind(vid)
        .bind(&subject)
        .bind(role.as_str())
        .bind(schema_id)
        .bind(crate::pact::now_ms())
        .execute(pool)
        .await
        .map_err(StoreError::from)?;
    });
    let status = if previous.is_some() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(hal(
        status,
        link_json(
            &pacticipant,
            &version,
            role,
            &subject,
            schema_id,
            &schema.schema_type,
        ),
    ))
}

fn link_json(
    pacticipant: &str,
    version: &str,
    role: Role,
    subject: &str,
    schema_id: i64,
    schema_type: &str,
) -> Value {
    json!({
        "pacticipant": pacticipant,
        "version": version,
        "role": role.as_str(),
        "subject": subject,
        "schemaId": schema_id,
        "schemaType": schema_type,
    })
}

/// The registry row for a schema, added (without a subject version) if new.
async fn store_schema(store: &AnyStore, schema: &NewSchema) -> Result<i64, StoreError> {
    let refs = serde_json::to_string(&schema.references)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO schemas (hash, schema_type, schema, refs) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (hash) DO UPDATE SET hash = schemas.hash RETURNING id",
        )
        .bind(schema.hash())
        .bind(&schema.schema_type)
        .bind(&schema.schema)
        .bind(refs)
        .fetch_one(pool)
        .await?)
    })
}

async fn link_of(
    store: &AnyStore,
    version: i64,
    subject: &str,
    role: Role,
) -> Result<Option<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT schema_id FROM schema_links WHERE version_id = $1 AND subject = $2 \
             AND role = $3",
        )
        .bind(version)
        .bind(subject)
        .bind(role.as_str())
        .fetch_optional(pool)
        .await?)
    })
}

/// (subject, role, schema id, type, text) of every link of a pacticipant version.
async fn links_of_named(
    store: &AnyStore,
    pacticipant: &str,
    version: &str,
) -> Result<Option<Vec<(String, String, i64, String, String)>>, StoreError> {
    let vid = on_pool!(store, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT v.id FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id \
             WHERE p.name = $1 AND v.number = $2",
        )
        .bind(pacticipant)
        .bind(version)
        .fetch_optional(pool)
        .await?
    });
    let Some(vid) = vid else { return Ok(None) };
    let rows = on_pool!(store, pool => {
        sqlx::query_as::<_, (String, String, i64, String, String)>(
            "SELECT l.subject, l.role, s.id, s.schema_type, s.schema FROM schema_links l \
             JOIN schemas s ON s.id = l.schema_id WHERE l.version_id = $1 \
             ORDER BY l.subject, l.role",
        )
        .bind(vid)
        .fetch_all(pool)
        .await?
    });
    Ok(Some(rows))
}

async fn get_link(
    State(state): State<AppState>,
    Path((pacticipant, version, role, subject)): Path<(String, String, String, String)>,
) -> Result<Response, PactError> {
    let role = Role::parse(&role)
        .ok_or_else(|| PactError::invalid("role", "must be 'writer' or 'reader'"))?;
    let links = links_of_named(&state.store, &pacticipant, &version)
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!(
                "No version {version} of pacticipant {pacticipant} found"
            ))
        })?;
    let Some((_, _, id, ty, text)) = links
        .into_iter()
        .find(|(s, r, ..)| *s == subject && r == role.as_str())
    else {
        return Err(PactError::not_found(format!(
            "Version {version} of {pacticipant} has no {} schema for subject {subject}",
            role.as_str()
        )));
    };
    let mut body = link_json(&pacticipant, &version, role, &subject, id, &ty);
    body["schema"] = Value::String(text);
    Ok(hal(StatusCode::OK, body))
}

async fn list_links(
    State(state): State<AppState>,
    Path((pacticipant, version)): Path<(String, String)>,
) -> Result<Response, PactError> {
    let links = links_of_named(&state.store, &pacticipant, &version)
        .await?
        .ok_or_else(|| {
            PactError::not_found(format!(
                "No version {version} of pacticipant {pacticipant} found"
            ))
        })?;
    let schemas: Vec<Value> = links
        .into_iter()
        .filter_map(|(subject, role, id, ty, _)| {
            Role::parse(&role).map(|r| link_json(&pacticipant, &version, r, &subject, id, &ty))
        })
        .collect();
    Ok(hal(StatusCode::OK, json!({ "schemas": schemas })))
}

/// A link as the matrix reads it.
#[derive(Debug, Clone)]
struct Link {
    version: i64,
    pacticipant: i64,
    subject: String,
    role: Role,
    schema: i64,
}

/// The schema side of one matrix query: the links of the selected versions and the
/// pacticipants on the other side of their subjects.
pub(crate) struct Plan {
    links: Vec<Link>,
    /// Pacticipants on the other side of a subject (pacticipant, subject, their role).
    partners: Vec<(i64, String, Role)>,
}

fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn links_of_versions(store: &AnyStore, ids: &[i64]) -> Result<Vec<Link>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT l.version_id, v.pacticipant_id, l.subject, l.role, l.schema_id \
         FROM schema_links l JOIN versions v ON v.id = l.version_id \
         WHERE l.version_id IN ({})",
        placeholders(1, ids.len())
    );
    let rows = on_pool!(store, pool => {
        let mut q = sqlx::query_as::<_, (i64, i64, String, String, i64)>(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(version, pacticipant, subject, role, schema)| {
            Role::parse(&role).map(|role| Link {
                version,
                pacticipant,
                subject,
                role,
                schema,
            })
        })
        .collect())
}

/// Which pacticipants have `role` links on `subject`.
async fn pacticipants_on(
    store: &AnyStore,
    subject: &str,
    role: Role,
) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT DISTINCT v.pacticipant_id FROM schema_links l \
             JOIN versions v ON v.id = l.version_id WHERE l.subject = $1 AND l.role = $2",
        )
        .bind(subject)
        .bind(role.as_str())
        .fetch_all(pool)
        .await?)
    })
}

/// The schema links of the selected versions, and who is on the other side of them.
pub(crate) async fn plan(
    store: &AnyStore,
    sides: &[Side],
    specified: &HashMap<i64, usize>,
    infer: bool,
) -> Result<Plan, PactError> {
    let versions: Vec<i64> = sides.iter().flat_map(|s| s.versions.clone()).collect();
    let links = links_of_versions(store, &versions).await?;
    let wanted: BTreeSet<(String, Role)> = links
        .iter()
        .map(|l| (l.subject.clone(), l.role.other()))
        .collect();
    let mut partners = Vec::new();
    for (subject, role) in wanted {
        for p in pacticipants_on(store, &subject, role).await? {
            if infer || specified.contains_key(&p) {
                partners.push((p, subject.clone(), role));
            }
        }
    }
    Ok(Plan { links, partners })
}

/// The versions of a counterpart a row set covers (`None`: any version).
pub(crate) type PinFn<'a> = dyn Fn(i64) -> Option<Vec<i64>> + Sync + 'a;

impl Plan {
    /// Partners whose versions the target decides.
    pub(crate) fn counterparts(&self) -> impl Iterator<Item = i64> + '_ {
        self.partners.iter().map(|(p, _, _)| *p)
    }

    /// One row per reader version and writer version of a subject, checked.
    pub(crate) async fn rows(
        &self,
        store: &AnyStore,
        pin: &PinFn<'_>,
    ) -> Result<Vec<crate::pact::matrix::Row>, PactError> {
        if self.links.is_empty() {
            return Ok(Vec::new());
        }
        // The partners' versions: pinned ones, or every version with a link when unpinned.
        let mut partner_versions: BTreeSet<i64> = BTreeSet::new();
        let mut unpinned: Vec<(i64, String, Role)> = Vec::new();
        for (p, subject, role) in &self.partners {
            match pin(*p) {
                Some(v) => partner_versions.extend(v),
                None => unpinned.push((*p, subject.clone(), *role)),
            }
        }
        let ids: Vec<i64> = partner_versions.into_iter().collect();
        let mut partner_links = links_of_versions(store, &ids).await?;
        for (p, subject, role) in unpinned {
            partner_links.extend(all_links(store, p, &subject, role).await?);
        }
        let partner_set: HashSet<(i64, String, Role)> = self.partners.iter().cloned().collect();
        let mut pairs: Vec<(Link, Link)> = Vec::new();
        let mut seen: HashSet<(i64, i64, String)> = HashSet::new();
        for mine in &self.links {
            for theirs in &partner_links {
                if theirs.subject != mine.subject
                    || theirs.role != mine.role.other()
                    || !partner_set.contains(&(
                        theirs.pacticipant,
                        theirs.subject.clone(),
                        theirs.role,
                    ))
                {
                    continue;
                }
                let (reader, writer) = match mine.role {
                    Role::Reader => (mine, theirs),
                    Role::Writer => (theirs, mine),
                };
                if seen.insert((reader.version, writer.version, mine.subject.clone())) {
                    pairs.push((reader.clone(), writer.clone()));
                }
            }
        }
        let schema_ids: BTreeSet<i64> = pairs
            .iter()
            .flat_map(|(r, w)| [r.schema, w.schema])
            .collect();
        let texts = schema_texts(store, &schema_ids.into_iter().collect::<Vec<_>>()).await?;
        let wanted: Vec<(i64, i64)> = pairs.iter().map(|(r, w)| (r.schema, w.schema)).collect();
        let mut cache = cached_checks(store, &wanted).await?;
        let mut rows = Vec::new();
        for (reader, writer) in pairs {
            let key = (reader.schema, writer.schema);
            let check = match cache.get(&key) {
                Some(c) => c.clone(),
                None => {
                    let c = check_pair(store, &texts, &reader, &writer).await;
                    let plain = |id: i64| texts.get(&id).is_some_and(|t| t.2.trim() == "[]");
                    if c.outcome != Outcome::Unknown && plain(reader.schema) && plain(writer.schema)
                    {
                        remember(store, key, &c).await?;
                    }
                    cache.insert(key, c.clone());
                    c
                }
            };
            let mut check = check;
            check.subject = reader.subject.clone();
            rows.push(crate::pact::matrix::Row {
                consumer: reader.pacticipant,
                consumer_version: reader.version,
                provider: writer.pacticipant,
                provider_version: Some(writer.version),
                pact: None,
                verification: None,
                schema: Some(check),
                ignored: false,
            });
        }
        Ok(rows)
    }
}

/// Which engine release judged a cached verdict.
const ENGINE: &str = env!("CARGO_PKG_VERSION");

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Success => "success",
        Outcome::Failure => "failure",
        Outcome::Unknown => "unknown",
    }
}

/// Verdicts already computed for these (reader schema, writer schema) pairs.
async fn cached_checks(
    store: &AnyStore,
    pairs: &[(i64, i64)],
) -> Result<HashMap<(i64, i64), SchemaCheck>, StoreError> {
    let readers: BTreeSet<i64> = pairs.iter().map(|(r, _)| *r).collect();
    if readers.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT reader_schema_id, writer_schema_id, outcome, reason, findings FROM schema_checks \
         WHERE engine = $1 AND reader_schema_id IN ({})",
        placeholders(2, readers.len())
    );
    let rows = on_pool!(store, pool => {
        let mut q = sqlx::query_as::<_, (i64, i64, String, String, String)>(&sql).bind(ENGINE);
        for id in &readers {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    let wanted: HashSet<(i64, i64)> = pairs.iter().copied().collect();
    Ok(rows
        .into_iter()
        .filter(|(r, w, ..)| wanted.contains(&(*r, *w)))
        .filter_map(|(r, w, outcome, reason, findings)| {
            let outcome = match outcome.as_str() {
                "success" => Outcome::Success,
                "failure" => Outcome::Failure,
                _ => return None,
            };
            Some((
                (r, w),
                SchemaCheck {
                    subject: String::new(),
                    outcome,
                    reason,
                    findings: serde_json::from_str(&findings).unwrap_or_default(),
                },
            ))
        })
        .collect())
}

async fn remember(store: &AnyStore, key: (i64, i64), c: &SchemaCheck) -> Result<(), StoreError> {
    let findings = Value::Array(c.findings.clone()).to_string();
    on_pool!(store, pool => {
        sqlx::query(
            "INSERT INTO schema_checks (reader_schema_id, writer_schema_id, engine, outcome, \
             reason, findings, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT DO NOTHING",
        )
        .bind(key.0)
        .bind(key.1)
        .bind(ENGINE)
        .bind(outcome_name(c.outcome))
        .bind(&c.reason)
        .bind(findings)
        .bind(crate::pact::now_ms())
        .execute(pool)
        .await?;
    });
    Ok(())
}

async fn all_links(
    store: &AnyStore,
    pacticipant: i64,
    subject: &str,
    role: Role,
) -> Result<Vec<Link>, StoreError> {
    let rows = on_pool!(store, pool => {
        sqlx::query_as::<_, (i64, i64)>(
            "SELECT l.version_id, l.schema_id FROM schema_links l \
             JOIN versions v ON v.id = l.version_id \
             WHERE v.pacticipant_id = $1 AND l.subject = $2 AND l.role = $3",
        )
        .bind(pacticipant)
        .bind(subject)
        .bind(role.as_str())
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(version, schema)| Link {
            version,
            pacticipant,
            subject: subject.to_string(),
            role,
            schema,
        })
        .collect())
}

/// (type, text, references) by schema id.
async fn schema_texts(
    store: &AnyStore,
    ids: &[i64],
) -> Result<HashMap<i64, (String, String, String)>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, schema_type, schema, refs FROM schemas WHERE id IN ({})",
        placeholders(1, ids.len())
    );
    let rows = on_pool!(store, pool => {
        let mut q = sqlx::query_as::<_, (i64, String, String, String)>(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, t, s, r)| (id, (t, s, r)))
        .collect())
}

fn unknown(reason: String) -> SchemaCheck {
    SchemaCheck {
        subject: String::new(),
        outcome: Outcome::Unknown,
        reason,
        findings: Vec::new(),
    }
}

/// Whether the reader's schema reads what the writer's schema writes.
async fn check_pair(
    store: &AnyStore,
    texts: &HashMap<i64, (String, String, String)>,
    reader: &Link,
    writer: &Link,
) -> SchemaCheck {
    let (Some(r), Some(w)) = (texts.get(&reader.schema), texts.get(&writer.schema)) else {
        return unknown("A linked schema is missing from the registry".to_string());
    };
    if !r.0.eq_ignore_ascii_case(&w.0) {
        return SchemaCheck {
            subject: String::new(),
            outcome: Outcome::Failure,
            reason: format!("The reader's schema is {} but the writer's is {}", r.0, w.0),
            findings: Vec::new(),
        };
    }
    let refs = |raw: &str| serde_json::from_str::<Vec<Reference>>(raw).unwrap_or_default();
    let (reader_refs, writer_refs) = match (
        registry::resolve_references(store, &refs(&r.2)).await,
        registry::resolve_references(store, &refs(&w.2)).await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            return unknown(format!("Cannot resolve references: {}", e.message));
        }
    };
    let kind = match schema_types::kind(&r.0) {
        Ok(k) => k,
        Err(e) => return unknown(e.to_string()),
    };
    let (rt, wt) = (r.1.clone(), w.1.clone());
    // Engines are CPU work: off the async threads, and a panic is one unknown row.
    let found = tokio::task::spawn_blocking(move || {
        let reader = SchemaText {
            text: &rt,
            references: &reader_refs,
        };
        let writer = SchemaText {
            text: &wt,
            references: &writer_refs,
        };
        let label = "writer".to_string();
        kind.check(
            Mode::Backward,
            reader,
            &[(label.clone(), writer)],
            &[(label, writer)],
        )
    })
    .await;
    match found {
        Ok(Ok(findings)) if findings.is_empty() => SchemaCheck {
            subject: String::new(),
            outcome: Outcome::Success,
            reason: "The reader's schema can read what the writer's schema writes".to_string(),
            findings: Vec::new(),
        },
        Ok(Ok(findings)) => {
            let listed = registry::describe(&findings).join("; ");
            SchemaCheck {
                subject: String::new(),
                outcome: Outcome::Failure,
                reason: format!(
                    "The reader's schema cannot read what the writer's writes: {listed}"
                ),
                findings: findings
                    .iter()
                    .filter_map(|f| serde_json::to_value(f).ok())
                    .collect(),
            }
        }
        Ok(Err(e)) => unknown(format!("A linked schema no longer parses: {e}")),
        Err(_) => unknown("The schema engine failed on these schemas".to_string()),
    }
}
