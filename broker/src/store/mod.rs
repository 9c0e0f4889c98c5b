//! Storage behind one trait: `Store`, implemented for SQLite (`sqlite.rs`) and PostgreSQL
//! (`postgres.rs`) with the same SQL (written once in `queries!`, which both dialects accept),
//! and `AnyStore`, the one the server holds, chosen from the database URL.
//!
//! Ids and version numbers are allocated by the database (an identity column, and
//! `MAX(version) + 1` under the `(subject, version)` primary key), never in process memory,
//! so any number of servers can share one PostgreSQL database. A unique-key conflict with
//! a concurrent writer is retried by the caller.
//!
//! A registration writes the version in one statement that also checks the subject has not
//! moved since the caller's compatibility check. Without references it takes one round trip
//! on PostgreSQL (a data-modifying CTE) and two autocommitted statements on SQLite; with
//! references, one transaction. In the first two forms a schema row may be left unused when
//! the check fails or the process dies in between: no read shows a schema that no version
//! uses, and registering the same text later takes that row, so nothing visible changes.

mod postgres;
mod sqlite;

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use serde::{Deserialize, Serialize};
use std::future::Future;
use thiserror::Error;

/// Why a store operation failed. `NotFound` is what "no such row" becomes at the boundary;
/// `Conflict` means a concurrent writer got there first and the operation may be retried.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflicting concurrent update")]
    Conflict,
    #[error("unsupported database URL `{0}` (expected sqlite://PATH or postgres://…)")]
    BadUrl(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if retryable(db.as_ref()) => StoreError::Conflict,
            _ => StoreError::Database(e),
        }
    }
}

/// Unique violations (two writers took the same version), PostgreSQL serialization and
/// deadlock failures, and SQLite's busy/locked codes are worth another attempt.
fn retryable(db: &dyn sqlx::error::DatabaseError) -> bool {
    if db.is_unique_violation() {
        return true;
    }
    matches!(
        db.code().as_deref(),
        Some("40001" | "40P01" | "5" | "6" | "261" | "262" | "517")
    )
}

/// A reference from one schema to a version of another subject, under an import name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub name: String,
    pub subject: String,
    pub version: i32,
}

/// A schema as registered: what `hash` identifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchema {
    pub schema_type: String,
    pub schema: String,
    pub references: Vec<Reference>,
}

impl NewSchema {
    /// The identity of a schema: type, text and references. The same hash under two
    /// subjects is the same global id.
    pub fn hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.schema_type.as_bytes());
        h.update([0]);
        h.update(self.schema.as_bytes());
        for r in &self.references {
            h.update([0]);
            h.update(r.name.as_bytes());
            h.update([1]);
            h.update(r.subject.as_bytes());
            h.update([1]);
            h.update(r.version.to_string().as_bytes());
        }
        let digest = h.finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A stored schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaRow {
    pub id: i64,
    pub hash: String,
    pub schema_type: String,
    pub schema: String,
    pub references: Vec<Reference>,
}

/// One version of a subject, with its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub subject: String,
    pub version: i32,
    pub deleted: bool,
    pub schema: SchemaRow,
}

/// The outcome of a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub version: i32,
    /// The subject already had this schema (a live version); nothing was written.
    pub existed: bool,
}

/// The outcome of an import (a registration with a given id and version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Stored, or already there exactly so (`existed`).
    Done(Registered),
    /// The id belongs to a different schema, or the schema already has another id.
    IdTaken,
    /// The subject already has this version with a different schema.
    VersionTaken,
}

/// A subject's own and the global settings, as stored (unvalidated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub subject_level: Option<String>,
    pub global_level: Option<String>,
    pub subject_mode: Option<String>,
    pub global_mode: Option<String>,
}

/// Which settings table a key/value operation addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Compatibility,
    Mode,
}

/// The global setting's key: subjects are never empty.
pub const GLOBAL: &str = "";

/// Everything the registry needs from a database.
pub trait Store: Send + Sync {
    /// The database answers.
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The schema with this id, provided some version (live or soft-deleted) still uses it.
    fn schema(&self, id: i64) -> impl Future<Output = Result<SchemaRow, StoreError>> + Send;

    /// Every version of a subject, soft-deleted ones included, oldest first (empty when the
    /// subject has none).
    fn versions(
        &self,
        subject: &str,
    ) -> impl Future<Output = Result<Vec<VersionRow>, StoreError>> + Send;

    /// Subjects with at least one version (live ones only unless `deleted`), sorted.
    fn subjects(
        &self,
        deleted: bool,
    ) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;

    /// (subject, version, deleted) of every version using the schema.
    fn usages(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Vec<(String, i32, bool)>, StoreError>> + Send;

    /// Ids of the schemas of live versions that reference `subject` `version`.
    fn referenced_by(
        &self,
        subject: &str,
        version: i32,
    ) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send;

    /// Registers `schema` under `subject`: the existing live version when it has the same
    /// schema, else a new version. `expected_latest` is the live latest version the caller's
    /// compatibility check saw; if another writer changed it, `Conflict` (check again).
    fn register(
        &self,
        subject: &str,
        schema: &NewSchema,
        expected_latest: Option<i32>,
    ) -> impl Future<Output = Result<Registered, StoreError>> + Send;

    /// IMPORT mode: stores `schema` under `subject` with the `id` and `version` the caller
    /// names (another registry's), as long as neither is taken by something else.
    fn import(
        &self,
        subject: &str,
        schema: &NewSchema,
        id: i64,
        version: i32,
    ) -> impl Future<Output = Result<Imported, StoreError>> + Send;

    /// Marks versions deleted (all of the subject's live ones when `version` is None);
    /// returns the versions marked.
    fn soft_delete(
        &self,
        subject: &str,
        version: Option<i32>,
    ) -> impl Future<Output = Result<Vec<i32>, StoreError>> + Send;

    /// Removes soft-deleted versions for good (all of the subject's when `version` is None;
    /// the subject's settings go with them); returns the versions removed.
    fn purge(
        &self,
        subject: &str,
        version: Option<i32>,
    ) -> impl Future<Output = Result<Vec<i32>, StoreError>> + Send;

    /// The subject's and the global compatibility level and mode, read together (one round
    /// trip on the registration path).
    fn settings(&self, subject: &str) -> impl Future<Output = Result<Settings, StoreError>> + Send;

    /// A compatibility level or mode; `GLOBAL` for the global one.
    fn setting(
        &self,
        which: Setting,
        subject: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    fn set_setting(
        &self,
        which: Setting,
        subject: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Removes a setting; returns the value it had.
    fn delete_setting(
        &self,
        which: Setting,
        subject: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
}

/// The store the server holds: one of the two dialects, chosen by URL.
#[derive(Clone)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl AnyStore {
    /// Opens (creating an SQLite file if needed) and migrates the database at `url`:
    /// `sqlite://PATH`, `sqlite:PATH`, or `postgres://…` / `postgresql://…`.
    pub async fn connect(url: &str) -> Result<AnyStore, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(AnyStore::Postgres(PgStore::connect(url).await?))
        } else if url.starts_with("sqlite:") {
            Ok(AnyStore::Sqlite(SqliteStore::connect(url).await?))
        } else {
            Err(StoreError::BadUrl(url.to_string()))
        }
    }

    pub fn dialect(&self) -> &'static str {
        match self {
            AnyStore::Sqlite(_) => "sqlite",
            AnyStore::Postgres(_) => "postgres",
        }
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        match self {
            AnyStore::Sqlite(s) => s.close().await,
            AnyStore::Postgres(s) => s.close().await,
        }
    }
}

macro_rules! dispatch {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            AnyStore::Sqlite($s) => $e.await,
            AnyStore::Postgres($s) => $e.await,
        }
    };
}

impl Store for AnyStore {
    async fn ping(&self) -> Result<(), StoreError> {
        dispatch!(self, s => s.ping())
    }
    async fn schema(&self, id: i64) -> Result<SchemaRow, StoreError> {
        dispatch!(self, s => s.schema(id))
    }
    async fn versions(&self, subject: &str) -> Result<Vec<VersionRow>, StoreError> {
        dispatch!(self, s => s.versions(subject))
    }
    async fn subjects(&self, deleted: bool) -> Result<Vec<String>, StoreError> {
        dispatch!(self, s => s.subjects(deleted))
    }
    async fn usages(&self, id: i64) -> Result<Vec<(String, i32, bool)>, StoreError> {
        dispatch!(self, s => s.usages(id))
    }
    async fn referenced_by(&self, subject: &str, version: i32) -> Result<Vec<i64>, StoreError> {
        dispatch!(self, s => s.referenced_by(subject, version))
    }
    async fn register(
        &self,
        subject: &str,
        schema: &NewSchema,
        expected_latest: Option<i32>,
    ) -> Result<Registered, StoreError> {
        dispatch!(self, s => s.register(subject, schema, expected_latest))
    }
    async fn import(
        &self,
        subject: &str,
        schema: &NewSchema,
        id: i64,
        version: i32,
    ) -> Result<Imported, StoreError> {
        dispatch!(self, s => s.import(subject, schema, id, version))
    }
    async fn settings(&self, subject: &str) -> Result<Settings, StoreError> {
        dispatch!(self, s => s.settings(subject))
    }
    async fn soft_delete(
        &self,
        subject: &str,
        version: Option<i32>,
    ) -> Result<Vec<i32>, StoreError> {
        dispatch!(self, s => s.soft_delete(subject, version))
    }
    async fn purge(&self, subject: &str, version: Option<i32>) -> Result<Vec<i32>, StoreError> {
        dispatch!(self, s => s.purge(subject, version))
    }
    async fn setting(&self, which: Setting, subject: &str) -> Result<Option<String>, StoreError> {
        dispatch!(self, s => s.setting(which, subject))
    }
    async fn set_setting(
        &self,
        which: Setting,
        subject: &str,
        value: &str,
    ) -> Result<(), StoreError> {
        dispatch!(self, s => s.set_setting(which, subject, value))
    }
    async fn delete_setting(
        &self,
        which: Setting,
        subject: &str,
    ) -> Result<Option<String>, StoreError> {
        dispatch!(self, s => s.delete_setting(which, subject))
    }
}

/// Runs `$body` once per dialect with `$pool` bound to that dialect's pool, for SQL both
/// dialects accept written once outside the `Store` trait (the Pact Broker's queries).
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::store::AnyStore::Sqlite(s) => {
                let $pool = s.pool();
                $body
            }
            $crate::store::AnyStore::Postgres(s) => {
                let $pool = s.pool();
                $body
            }
        }
    };
}
pub(crate) use on_pool;

fn parse_refs(text: &str) -> Result<Vec<Reference>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("references: {e}")))
}

fn table(which: Setting) -> (&'static str, &'static str) {
    match which {
        Setting::Compatibility => ("configs", "compatibility"),
        Setting::Mode => ("modes", "mode"),
    }
}

/// The store operations, written once: both dialects accept this SQL (`$n` parameters,
/// `RETURNING`, `ON CONFLICT`), so `sqlite.rs` and `postgres.rs` only open their pools.
macro_rules! queries {
    ($store:ty, $db:ty, $after_import:expr, $register_one:expr) => {
        use $crate::store::{
            Imported, NewSchema, Registered, SchemaRow, Setting, Settings, Store, StoreError,
            VersionRow, parse_refs, table,
        };
        use sqlx::Row;

        const VERSION_COLUMNS: &str = "v.subject, v.version, v.deleted, s.id, s.hash, \
             s.schema_type, s.schema, s.refs FROM subject_versions v JOIN schemas s ON s.id = v.schema_id";

        fn version_row(row: &<$db as sqlx::Database>::Row) -> Result<VersionRow, StoreError> {
            Ok(VersionRow {
                subject: row.try_get("subject")?,
                version: row.try_get("version")?,
                deleted: row.try_get("deleted")?,
                schema: SchemaRow {
                    id: row.try_get("id")?,
                    hash: row.try_get("hash")?,
                    schema_type: row.try_get("schema_type")?,
                    schema: row.try_get("schema")?,
                    references: parse_refs(row.try_get::<&str, _>("refs")?)?,
                },
            })
        }

        /// A schema row by hash: the new one, or the existing one (the no-op update makes
        /// `RETURNING` answer for it too: one round trip instead of insert-then-select).
        const UPSERT_SCHEMA: &str = "INSERT INTO schemas (hash, schema_type, schema, refs) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO UPDATE SET hash = excluded.hash \
             RETURNING id";

        /// The next version, only if the subject's live latest is still the one the caller
        /// checked against ($4, 0 for none) and no live version has this schema.
        const NEXT_VERSION: &str = "INSERT INTO subject_versions (subject, version, schema_id, deleted) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM subject_versions \
             WHERE subject = $1 \
             HAVING COALESCE(MAX(CASE WHEN deleted = $3 THEN version END), 0) = $4 \
             AND COUNT(CASE WHEN deleted = $3 AND schema_id = $2 THEN 1 END) = 0 \
             RETURNING version";

        impl $store {
            /// After a conditional insert did nothing: the subject has this schema already
            /// (its version), or another writer moved the subject on (`Conflict`).
            async fn classify(&self, subject: &str, hash: &str) -> Result<Registered, StoreError> {
                let existing: Option<(i64, i32)> = sqlx::query_as(
                    "SELECT s.id, MIN(v.version) FROM schemas s JOIN subject_versions v \
                     ON v.schema_id = s.id WHERE s.hash = $1 AND v.subject = $2 \
                     AND v.deleted = $3 GROUP BY s.id",
                )
                .bind(hash)
                .bind(subject)
                .bind(false)
                .fetch_optional(&self.writer)
                .await?;
                match existing {
                    Some((id, version)) => Ok(Registered { id, version, existed: true }),
                    None => Err(StoreError::Conflict),
                }
            }
        }

        async fn insert_references(
            tx: &mut sqlx::Transaction<'_, $db>,
            id: i64,
            schema: &NewSchema,
        ) -> Result<(), StoreError> {
            for r in &schema.references {
                sqlx::query(
                    "INSERT INTO schema_references (schema_id, name, subject, version) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (schema_id, name) DO NOTHING",
                )
                .bind(id)
                .bind(&r.name)
                .bind(&r.subject)
                .bind(r.version)
                .execute(&mut **tx)
                .await?;
            }
            Ok(())
        }

        impl Store for $store {
            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn schema(&self, id: i64) -> Result<SchemaRow, StoreError> {
                let row = sqlx::query(
                    "SELECT id, hash, schema_type, schema, refs FROM schemas s WHERE id = $1 \
                     AND EXISTS (SELECT 1 FROM subject_versions v WHERE v.schema_id = s.id)",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
                Ok(SchemaRow {
                    id: row.try_get("id")?,
                    hash: row.try_get("hash")?,
                    schema_type: row.try_get("schema_type")?,
                    schema: row.try_get("schema")?,
                    references: parse_refs(row.try_get::<&str, _>("refs")?)?,
                })
            }

            async fn versions(&self, subject: &str) -> Result<Vec<VersionRow>, StoreError> {
                let sql = format!("SELECT {VERSION_COLUMNS} WHERE v.subject = $1 ORDER BY v.version");
                let rows = sqlx::query(&sql).bind(subject).fetch_all(&self.pool).await?;
                rows.iter().map(version_row).collect()
            }

            async fn subjects(&self, deleted: bool) -> Result<Vec<String>, StoreError> {
                let sql = if deleted {
                    "SELECT DISTINCT subject FROM subject_versions ORDER BY subject"
                } else {
                    "SELECT DISTINCT subject FROM subject_versions WHERE deleted = $1 ORDER BY subject"
                };
                let mut q = sqlx::query_scalar::<_, String>(sql);
                if !deleted {
                    q = q.bind(false);
                }
                Ok(q.fetch_all(&self.pool).await?)
            }

            async fn usages(&self, id: i64) -> Result<Vec<(String, i32, bool)>, StoreError> {
                let rows = sqlx::query(
                    "SELECT subject, version, deleted FROM subject_versions WHERE schema_id = $1 \
                     ORDER BY subject, version",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| Ok((r.try_get("subject")?, r.try_get("version")?, r.try_get("deleted")?)))
                    .collect()
            }

            async fn referenced_by(&self, subject: &str, version: i32) -> Result<Vec<i64>, StoreError> {
                Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT DISTINCT r.schema_id FROM schema_references r WHERE r.subject = $1 \
                     AND r.version = $2 AND EXISTS (SELECT 1 FROM subject_versions v \
                     WHERE v.schema_id = r.schema_id AND v.deleted = $3) ORDER BY r.schema_id",
                )
                .bind(subject)
                .bind(version)
                .bind(false)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn register(
                &self,
                subject: &str,
                schema: &NewSchema,
                expected_latest: Option<i32>,
            ) -> Result<Registered, StoreError> {
                let hash = schema.hash();
                let refs = serde_json::to_string(&schema.references)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let one: Option<&str> = $register_one;
                if let (Some(sql), true) = (one, schema.references.is_empty()) {
                    let row: Option<(i64, i32)> = sqlx::query_as(sql)
                        .bind(&hash)
                        .bind(&schema.schema_type)
                        .bind(&schema.schema)
                        .bind(&refs)
                        .bind(subject)
                        .bind(false)
                        .bind(expected_latest.unwrap_or(0))
                        .fetch_optional(&self.writer)
                        .await?;
                    if let Some((id, version)) = row {
                        return Ok(Registered { id, version, existed: false });
                    }
                    return self.classify(subject, &hash).await;
                }
                if schema.references.is_empty() {
                    // Two statements, each its own transaction (SQLite has no data-modifying
                    // CTEs): the same outcome as the one PostgreSQL statement above, the
                    // schema row possibly kept alone when the condition fails.
                    let mut conn = self.writer.acquire().await?;
                    let id: i64 = sqlx::query_scalar(UPSERT_SCHEMA)
                        .bind(&hash)
                        .bind(&schema.schema_type)
                        .bind(&schema.schema)
                        .bind(&refs)
                        .fetch_one(&mut *conn)
                        .await?;
                    let version: Option<i32> = sqlx::query_scalar(NEXT_VERSION)
                        .bind(subject)
                        .bind(id)
                        .bind(false)
                        .bind(expected_latest.unwrap_or(0))
                        .fetch_optional(&mut *conn)
                        .await?;
                    drop(conn);
                    if let Some(version) = version {
                        return Ok(Registered { id, version, existed: false });
                    }
                    return self.classify(subject, &hash).await;
                }
                let mut tx = self.writer.begin().await?;
                // A write first, so SQLite takes its write lock now rather than failing to
                // upgrade a read snapshot later. The no-op update makes `RETURNING` answer
                // for an existing row too: one round trip instead of insert-then-select.
                let id: i64 = sqlx::query_scalar(UPSERT_SCHEMA)
                .bind(&hash)
                .bind(&schema.schema_type)
                .bind(&schema.schema)
                .bind(&refs)
                .fetch_one(&mut *tx)
                .await?;
                // The next version, only if the subject's live latest is still the one the
                // caller checked against and it has no live version with this schema: the
                // usual case in one statement.
                let version: Option<i32> = sqlx::query_scalar(NEXT_VERSION)
                .bind(subject)
                .bind(id)
                .bind(false)
                .bind(expected_latest.unwrap_or(0))
                .fetch_optional(&mut *tx)
                .await?;
                let Some(version) = version else {
                    // Either the subject has this schema already, or another writer moved it.
                    let existing: Option<i32> = sqlx::query_scalar(
                        "SELECT MIN(version) FROM subject_versions WHERE subject = $1 \
                         AND schema_id = $2 AND deleted = $3",
                    )
                    .bind(subject)
                    .bind(id)
                    .bind(false)
                    .fetch_one(&mut *tx)
                    .await?;
                    tx.rollback().await?;
                    return match existing {
                        Some(version) => Ok(Registered { id, version, existed: true }),
                        None => Err(StoreError::Conflict),
                    };
                };
                insert_references(&mut tx, id, schema).await?;
                tx.commit().await?;
                Ok(Registered { id, version, existed: false })
            }

            async fn import(
                &self,
                subject: &str,
                schema: &NewSchema,
                id: i64,
                version: i32,
            ) -> Result<Imported, StoreError> {
                let hash = schema.hash();
                let refs = serde_json::to_string(&schema.references)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let mut tx = self.writer.begin().await?;
                let inserted = sqlx::query(
                    "INSERT INTO schemas (id, hash, schema_type, schema, refs) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(&hash)
                .bind(&schema.schema_type)
                .bind(&schema.schema)
                .bind(&refs)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    let same: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM schemas WHERE id = $1 AND hash = $2")
                            .bind(id)
                            .bind(&hash)
                            .fetch_optional(&mut *tx)
                            .await?;
                    if same.is_none() {
                        tx.rollback().await?;
                        return Ok(Imported::IdTaken);
                    }
                } else if !$after_import.is_empty() {
                    sqlx::query($after_import).execute(&mut *tx).await?;
                }
                let taken: Option<i64> = sqlx::query_scalar(
                    "SELECT schema_id FROM subject_versions WHERE subject = $1 AND version = $2",
                )
                .bind(subject)
                .bind(version)
                .fetch_optional(&mut *tx)
                .await?;
                match taken {
                    Some(other) if other != id => {
                        tx.rollback().await?;
                        return Ok(Imported::VersionTaken);
                    }
                    Some(_) => {
                        tx.rollback().await?;
                        return Ok(Imported::Done(Registered { id, version, existed: true }));
                    }
                    None => {}
                }
                sqlx::query(
                    "INSERT INTO subject_versions (subject, version, schema_id, deleted) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(subject)
                .bind(version)
                .bind(id)
                .bind(false)
                .execute(&mut *tx)
                .await?;
                insert_references(&mut tx, id, schema).await?;
                tx.commit().await?;
                Ok(Imported::Done(Registered { id, version, existed: false }))
            }

            async fn settings(&self, subject: &str) -> Result<Settings, StoreError> {
                let row = sqlx::query(
                    "SELECT (SELECT compatibility FROM configs WHERE subject = $1) AS sl, \
                     (SELECT compatibility FROM configs WHERE subject = $2) AS gl, \
                     (SELECT mode FROM modes WHERE subject = $1) AS sm, \
                     (SELECT mode FROM modes WHERE subject = $2) AS gm",
                )
                .bind(subject)
                .bind($crate::store::GLOBAL)
                .fetch_one(&self.pool)
                .await?;
                Ok(Settings {
                    subject_level: row.try_get("sl")?,
                    global_level: row.try_get("gl")?,
                    subject_mode: row.try_get("sm")?,
                    global_mode: row.try_get("gm")?,
                })
            }

            async fn soft_delete(&self, subject: &str, version: Option<i32>) -> Result<Vec<i32>, StoreError> {
                let mut tx = self.writer.begin().await?;
                let rows: Vec<i32> = match version {
                    Some(v) => sqlx::query_scalar(
                        "UPDATE subject_versions SET deleted = $1 WHERE subject = $2 \
                         AND version = $3 AND deleted = $4 RETURNING version",
                    )
                    .bind(true)
                    .bind(subject)
                    .bind(v)
                    .bind(false)
                    .fetch_all(&mut *tx)
                    .await?,
                    None => sqlx::query_scalar(
                        "UPDATE subject_versions SET deleted = $1 WHERE subject = $2 \
                         AND deleted = $3 RETURNING version",
                    )
                    .bind(true)
                    .bind(subject)
                    .bind(false)
                    .fetch_all(&mut *tx)
                    .await?,
                };
                tx.commit().await?;
                let mut rows = rows;
                rows.sort_unstable();
                Ok(rows)
            }

            async fn purge(&self, subject: &str, version: Option<i32>) -> Result<Vec<i32>, StoreError> {
                let mut tx = self.writer.begin().await?;
                let rows: Vec<i32> = match version {
                    Some(v) => sqlx::query_scalar(
                        "DELETE FROM subject_versions WHERE subject = $1 AND version = $2 \
                         AND deleted = $3 RETURNING version",
                    )
                    .bind(subject)
                    .bind(v)
                    .bind(true)
                    .fetch_all(&mut *tx)
                    .await?,
                    None => {
                        let rows = sqlx::query_scalar(
                            "DELETE FROM subject_versions WHERE subject = $1 AND deleted = $2 \
                             RETURNING version",
                        )
                        .bind(subject)
                        .bind(true)
                        .fetch_all(&mut *tx)
                        .await?;
                        let left: i64 = sqlx::query_scalar(
                            "SELECT COUNT(*) FROM subject_versions WHERE subject = $1",
                        )
                        .bind(subject)
                        .fetch_one(&mut *tx)
                        .await?;
                        if left == 0 {
                            for t in ["configs", "modes"] {
                                sqlx::query(&format!("DELETE FROM {t} WHERE subject = $1"))
                                    .bind(subject)
                                    .execute(&mut *tx)
                                    .await?;
                            }
                        }
                        rows
                    }
                };
                tx.commit().await?;
                let mut rows = rows;
                rows.sort_unstable();
                Ok(rows)
            }

            async fn setting(&self, which: Setting, subject: &str) -> Result<Option<String>, StoreError> {
                let (t, c) = table(which);
                Ok(sqlx::query_scalar(&format!("SELECT {c} FROM {t} WHERE subject = $1"))
                    .bind(subject)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn set_setting(&self, which: Setting, subject: &str, value: &str) -> Result<(), StoreError> {
                let (t, c) = table(which);
                sqlx::query(&format!(
                    "INSERT INTO {t} (subject, {c}) VALUES ($1, $2) \
                     ON CONFLICT (subject) DO UPDATE SET {c} = excluded.{c}"
                ))
                .bind(subject)
                .bind(value)
                .execute(&self.writer)
                .await?;
                Ok(())
            }

            async fn delete_setting(&self, which: Setting, subject: &str) -> Result<Option<String>, StoreError> {
                let (t, c) = table(which);
                Ok(sqlx::query_scalar(&format!("DELETE FROM {t} WHERE subject = $1 RETURNING {c}"))
                    .bind(subject)
                    .fetch_optional(&self.writer)
                    .await?)
            }
        }
    };
}
pub(crate) use queries;
