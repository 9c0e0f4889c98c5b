//! The schema registry's operations over a store, independent of HTTP: registering with a
//! compatibility check, lookups, the deletion rules, and the effective level and mode.
//! Handlers in `http/` parse requests, call these, and serialize the results.

use crate::error::ApiError;
use crate::schema_types::{self, SchemaKind, SchemaText};
use crate::store::{AnyStore, Imported, NewSchema, Reference, Settings, Store, VersionRow};
use accord_rules::Finding;
use accord_rules::compat::Mode;
use axum::http::StatusCode;
use std::collections::BTreeSet;
use std::future::Future;

/// How many times a registration that lost a race to another server is tried again.
const ATTEMPTS: usize = 50;

/// Registrations to one subject take turns within a server, so they do not invalidate each
/// other's compatibility checks; between servers sharing a database, the store's
/// expected-latest check and unique keys decide, and the loser checks again.
#[derive(Default)]
pub struct SubjectLocks {
    locks:
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>>,
}

impl SubjectLocks {
    async fn run<T>(&self, subject: &str, f: impl Future<Output = T>) -> T {
        let lock = match self.locks.lock() {
            Ok(mut m) => Some(m.entry(subject.to_string()).or_default().clone()),
            Err(_) => None,
        };
        let out = match &lock {
            Some(l) => {
                let _guard = l.lock().await;
                f.await
            }
            None => f.await,
        };
        if let (Some(l), Ok(mut m)) = (lock, self.locks.lock()) {
            // The map's reference and ours: nobody else waits, the entry can go.
            if std::sync::Arc::strong_count(&l) == 2 {
                m.remove(subject);
            }
        }
        out
    }
}

/// A short pause that differs between attempts and processes, so racing servers spread out.
async fn backoff(attempt: usize) {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let ms = u64::from(nanos % 5) + attempt.min(20) as u64;
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}
/// Reference chains deeper than this, or more references in all than `MAX_REFERENCES`, are
/// refused as invalid (they are cycles or abuse).
const MAX_DEPTH: usize = 32;
const MAX_REFERENCES: usize = 1000;

/// A version named in a path: a number or `latest` (also `-1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionId {
    Latest,
    Number(i32),
}

impl VersionId {
    pub fn parse(raw: &str) -> Result<VersionId, ApiError> {
        if raw.eq_ignore_ascii_case("latest") {
            return Ok(VersionId::Latest);
        }
        match raw.parse::<i32>() {
            Ok(-1) => Ok(VersionId::Latest),
            Ok(n) if n >= 1 => Ok(VersionId::Number(n)),
            _ => Err(ApiError::invalid_version(raw)),
        }
    }
}

/// A schema as a client submits it.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub schema_type: String,
    pub schema: String,
    pub references: Vec<Reference>,
}

/// The versions of a subject, live first (404 when it has none visible).
pub async fn visible_versions(
    store: &AnyStore,
    subject: &str,
    deleted: bool,
) -> Result<Vec<VersionRow>, ApiError> {
    let rows: Vec<VersionRow> = store
        .versions(subject)
        .await?
        .into_iter()
        .filter(|v| deleted || !v.deleted)
        .collect();
    if rows.is_empty() {
        return Err(ApiError::subject_not_found(subject));
    }
    Ok(rows)
}

/// One version of a subject; soft-deleted versions only with `deleted`.
pub async fn find_version(
    store: &AnyStore,
    subject: &str,
    version: VersionId,
    deleted: bool,
) -> Result<VersionRow, ApiError> {
    let rows = visible_versions(store, subject, deleted).await?;
    let found = match version {
        VersionId::Latest => rows.iter().rev().find(|v| !v.deleted).or(rows.last()),
        VersionId::Number(n) => rows.iter().find(|v| v.version == n),
    };
    found.cloned().ok_or_else(|| match version {
        VersionId::Number(n) => ApiError::version_not_found(subject, n),
        VersionId::Latest => ApiError::subject_not_found(subject),
    })
}

/// The level and mode in force for a subject: its own, else the global one, else BACKWARD
/// and READWRITE. A stored level that no longer parses counts as unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    pub level: Mode,
    pub mode: String,
}

impl Effective {
    pub fn of(s: Settings) -> Effective {
        let level = [s.subject_level, s.global_level]
            .into_iter()
            .flatten()
            .find_map(|v| Mode::parse(&v))
            .unwrap_or(Mode::Backward);
        let mode = s
            .subject_mode
            .or(s.global_mode)
            .unwrap_or_else(|| "READWRITE".to_string());
        Effective { level, mode }
    }

    /// Writes are refused in READONLY mode (42205).
    pub fn writable(&self, subject: &str) -> Result<(), ApiError> {
        if self.mode == "READONLY" {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                42205,
                format!("Subject {subject} is in read-only mode"),
            ));
        }
        Ok(())
    }
}

/// The level and mode in force for a subject, in one read.
pub async fn effective(store: &AnyStore, subject: &str) -> Result<Effective, ApiError> {
    Ok(Effective::of(store.settings(subject).await?))
}

/// The compatibility level in force for a subject.
pub async fn effective_level(store: &AnyStore, subject: &str) -> Result<Mode, ApiError> {
    Ok(effective(store, subject).await?.level)
}

async fn writable(store: &AnyStore, subject: &str) -> Result<(), ApiError> {
    effective(store, subject).await?.writable(subject)
}

/// The texts a schema's references name, theirs included, as (import name, text).
pub async fn resolve_references(
    store: &AnyStore,
    references: &[Reference],
) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut queue: Vec<(Reference, usize)> = references.iter().cloned().map(|r| (r, 0)).collect();
    while let Some((r, depth)) = queue.pop() {
        if depth > MAX_DEPTH || out.len() >= MAX_REFERENCES {
            return Err(ApiError::invalid_schema(
                "references nest too deeply or are too many",
            ));
        }
        if !seen.insert((r.name.clone(), r.subject.clone(), r.version)) {
            continue;
        }
        let version = if r.version == -1 {
            VersionId::Latest
        } else if r.version >= 1 {
            VersionId::Number(r.version)
        } else {
            return Err(ApiError::invalid_schema(format!(
                "reference {} has invalid version {}",
                r.name, r.version
            )));
        };
        let row = find_version(store, &r.subject, version, true)
            .await
            .map_err(|_| {
                ApiError::invalid_schema(format!(
                    "reference {} to subject '{}' version {} not found",
                    r.name, r.subject, r.version
                ))
            })?;
        if !out.iter().any(|(n, _)| *n == r.name) {
            out.push((r.name.clone(), row.schema.schema.clone()));
        }
        queue.extend(row.schema.references.into_iter().map(|x| (x, depth + 1)));
    }
    Ok(out)
}

fn kind_of(schema_type: &str) -> Result<&'static dyn SchemaKind, ApiError> {
    Ok(schema_types::kind(schema_type)?)
}

/// Runs CPU-bound schema work off the async threads. A panic in an engine becomes a 500
/// for this request, nothing more.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "schema engine failed");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            50005,
            "The schema engine failed on this schema",
        )
    })?
}

/// Schemas up to this size (with their references) are parsed on the request's own thread.
const INLINE_BYTES: usize = 8 * 1024;

/// Validates a submission and, with `normalize`, rewrites it to its normal form.
pub async fn prepare(
    store: &AnyStore,
    submitted: Submitted,
    normalize: bool,
) -> Result<(NewSchema, Vec<(String, String)>), ApiError> {
    let kind = kind_of(&submitted.schema_type)?;
    let refs = resolve_references(store, &submitted.references).await?;
    let size = submitted.schema.len() + refs.iter().map(|(_, t)| t.len()).sum::<usize>();
    let work = move || {
        let s = SchemaText {
            text: &submitted.schema,
            references: &refs,
        };
        let text = if normalize {
            kind.normalize(s)?
        } else {
            kind.validate(s)?;
            submitted.schema.clone()
        };
        Ok((text, refs))
    };
    // A small schema parses in microseconds: handing it to the blocking pool and back costs
    // more (two thread switches, each a wait for a core on a busy machine).
    let (text, refs) = if size <= INLINE_BYTES {
        work()?
    } else {
        blocking(work).await?
    };
    Ok((
        NewSchema {
            schema_type: kind.name().to_string(),
            schema: text,
            references: submitted.references,
        },
        refs,
    ))
}

/// Findings of `new` against a subject's versions under `mode`. `only` restricts the live
/// versions compared to one (the compatibility endpoint with a version).
pub async fn check(
    store: &AnyStore,
    mode: Mode,
    new: &NewSchema,
    new_refs: &[(String, String)],
    rows: &[VersionRow],
    only: Option<i32>,
) -> Result<Vec<Finding>, ApiError> {
    let kind = kind_of(&new.schema_type)?;
    // Versions of another type cannot be compared: Confluent refuses the change outright.
    if let Some(other) = rows
        .iter()
        .find(|r| !r.deleted && r.schema.schema_type != new.schema_type)
    {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            409,
            format!(
                "Schema being registered is incompatible with an earlier schema: version {} \
                 is of type {}, not {}",
                other.version, other.schema.schema_type, new.schema_type
            ),
        ));
    }
    // A first version has nothing to be compatible with: skip the engine (and compiling the
    // schema a second time).
    if !rows.iter().any(|r| r.schema.schema_type == new.schema_type) {
        return Ok(Vec::new());
    }
    let mut versions = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.schema.schema_type == new.schema_type)
    {
        let refs = resolve_references(store, &row.schema.references).await?;
        versions.push((row.version, row.deleted, row.schema.schema.clone(), refs));
    }
    let text = new.schema.clone();
    let new_refs = new_refs.to_vec();
    let found = blocking(move || {
        let label = |v: i32| format!("version {v}");
        let live: Vec<(String, SchemaText<'_>)> = versions
            .iter()
            .filter(|(v, deleted, _, _)| !deleted && only.is_none_or(|o| o == *v))
            .map(|(v, _, t, r)| {
                (
                    label(*v),
                    SchemaText {
                        text: t,
                        references: r,
                    },
                )
            })
            .collect();
        let all: Vec<(String, SchemaText<'_>)> = versions
            .iter()
            .map(|(v, _, t, r)| {
                (
                    label(*v),
                    SchemaText {
                        text: t,
                        references: r,
                    },
                )
            })
            .collect();
        let new = SchemaText {
            text: &text,
            references: &new_refs,
        };
        Ok(kind.check(mode, new, &live, &all)?)
    })
    .await?;
    Ok(found)
}

/// One line per finding: rule, message, where, and against which version.
pub fn describe(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let mut s = format!("{}: {}", f.rule, f.message);
            if !f.location.file.is_empty() {
                s.push_str(&format!(
                    " ({}:{}:{})",
                    f.location.file, f.location.span.line, f.location.span.column
                ));
            }
            if let Some(a) = &f.against {
                s.push_str(&format!(" [against {a}]"));
            }
            s
        })
        .collect()
}

/// An id and version a client asks for: only in IMPORT mode, migrating from another
/// registry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requested {
    pub id: Option<i64>,
    pub version: Option<i32>,
}

/// Registers a schema under a subject: the existing id when the subject already has it,
/// else a new version after the compatibility check. In IMPORT mode the client names the
/// id (and optionally the version) and no compatibility check runs, as in Confluent's
/// registry. Returns (id, version).
pub async fn register(
    store: &AnyStore,
    locks: &SubjectLocks,
    subject: &str,
    submitted: Submitted,
    normalize: bool,
    requested: Requested,
    metrics: &crate::metrics::Metrics,
) -> Result<(i64, i32), ApiError> {
    // The settings and the subject's versions are read while the schema is parsed: each
    // database round trip is a wait, and these do not depend on each other.
    let (settings, prepared, rows) = tokio::join!(
        effective(store, subject),
        prepare(store, submitted, normalize),
        store.versions(subject),
    );
    let settings = settings?;
    settings.writable(subject)?;
    let importing = settings.mode == "IMPORT";
    if requested.id.is_some() && !importing {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42205,
            format!("Subject {subject} is not in import mode"),
        ));
    }
    let (new, refs) = prepared?;
    let rows = rows?;
    match (importing, requested.id) {
        (true, Some(id)) => {
            locks
                .run(subject, import(store, subject, &new, id, requested.version))
                .await
        }
        (true, None) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42205,
            format!("Subject {subject} is in import mode: a registration must name its id"),
        )),
        (false, _) => {
            locks
                .run(
                    subject,
                    register_prepared(
                        store,
                        subject,
                        &new,
                        &refs,
                        settings.level,
                        Some(rows),
                        metrics,
                    ),
                )
                .await
        }
    }
}

async fn import(
    store: &AnyStore,
    subject: &str,
    new: &NewSchema,
    id: i64,
    version: Option<i32>,
) -> Result<(i64, i32), ApiError> {
    if id < 1 || version.is_some_and(|v| v < 1) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42202,
            "An imported schema needs a positive id and version",
        ));
    }
    let version = match version {
        Some(v) => v,
        None => store
            .versions(subject)
            .await?
            .last()
            .map_or(1, |r| r.version + 1),
    };
    match store.import(subject, new, id, version).await? {
        Imported::Done(r) => Ok((r.id, r.version)),
        Imported::IdTaken => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42207,
            format!(
                "Overwrite new schema with id {id} is not permitted: the id or the schema is already registered differently"
            ),
        )),
        Imported::VersionTaken => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42207,
            format!("Subject {subject} already has version {version} with a different schema"),
        )),
    }
}

async fn register_prepared(
    store: &AnyStore,
    subject: &str,
    new: &NewSchema,
    refs: &[(String, String)],
    mode: Mode,
    mut read_before_lock: Option<Vec<VersionRow>>,
    metrics: &crate::metrics::Metrics,
) -> Result<(i64, i32), ApiError> {
    let hash = new.hash();
    for attempt in 0..ATTEMPTS {
        // Versions read before this request held the subject's lock may be stale; if they
        // were, the store's expected-latest check says so and the next attempt reads them
        // afresh at once. Later conflicts are with other servers: wait a little.
        let rows = match read_before_lock.take() {
            Some(rows) => rows,
            None => {
                if attempt > 1 {
                    backoff(attempt).await;
                }
                store.versions(subject).await?
            }
        };
        if let Some(same) = rows.iter().find(|r| !r.deleted && r.schema.hash == hash) {
            return Ok((same.schema.id, same.version));
        }
        let findings = check(store, mode, new, refs, &rows, None).await?;
        metrics.compat_check(findings.is_empty());
        if !findings.is_empty() {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                409,
                format!(
                    "Schema being registered is incompatible with an earlier schema for subject \
                     \"{subject}\", details: [{}]",
                    describe(&findings).join("; ")
                ),
            ));
        }
        let latest = rows.iter().filter(|r| !r.deleted).map(|r| r.version).max();
        match store.register(subject, new, latest).await {
            Ok(r) => return Ok((r.id, r.version)),
            Err(crate::store::StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::store::StoreError::Conflict.into())
}

/// Soft or permanent deletion of a subject, with Confluent's rules; returns the versions.
pub async fn delete_subject(
    store: &AnyStore,
    subject: &str,
    permanent: bool,
) -> Result<Vec<i32>, ApiError> {
    writable(store, subject).await?;
    let rows = store.versions(subject).await?;
    if rows.is_empty() {
        return Err(ApiError::subject_not_found(subject));
    }
    let live: Vec<&VersionRow> = rows.iter().filter(|r| !r.deleted).collect();
    for r in &live {
        if !store.referenced_by(subject, r.version).await?.is_empty() {
            return Err(referenced());
        }
    }
    if permanent {
        if !live.is_empty() {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                40405,
                format!(
                    "Subject '{subject}' was not deleted first before being permanently deleted"
                ),
            ));
        }
        Ok(store.purge(subject, None).await?)
    } else {
        if live.is_empty() {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                40404,
                format!(
                    "Subject '{subject}' was soft deleted.Set permanent=true to delete permanently"
                ),
            ));
        }
        Ok(store.soft_delete(subject, None).await?)
    }
}

fn referenced() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        42206,
        "One or more references exist to the schema",
    )
}

/// Soft or permanent deletion of one version; returns its number.
pub async fn delete_version(
    store: &AnyStore,
    subject: &str,
    version: VersionId,
    permanent: bool,
) -> Result<i32, ApiError> {
    writable(store, subject).await?;
    let row = find_version(store, subject, version, true).await?;
    let v = row.version;
    if !store.referenced_by(subject, v).await?.is_empty() {
        return Err(referenced());
    }
    if permanent {
        if !row.deleted {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                40407,
                format!(
                    "Subject '{subject}' Version {v} was not deleted first before being permanently deleted"
                ),
            ));
        }
        store.purge(subject, Some(v)).await?;
    } else {
        if row.deleted {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                40406,
                format!(
                    "Subject '{subject}' Version {v} was soft deleted.Set permanent=true to delete permanently"
                ),
            ));
        }
        if store.soft_delete(subject, Some(v)).await?.is_empty() {
            return Err(ApiError::version_not_found(subject, v));
        }
    }
    Ok(v)
}
