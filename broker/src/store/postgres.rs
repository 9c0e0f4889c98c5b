//! The PostgreSQL store: any number of servers may share the database; the migrations take
//! PostgreSQL's advisory lock, so servers starting together migrate once.

use sqlx::postgres::{PgPool, PgPoolOptions};
use std::time::Duration;

#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    /// The same pool: PostgreSQL runs concurrent writers itself.
    writer: PgPool,
}

impl PgStore {
    /// Connects to `postgres://…` and runs the migrations.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PgStore {
            writer: pool.clone(),
            pool,
        })
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

// An imported id is taken outside the sequence: move the sequence past it, so later
// registrations do not collide with it.
super::queries!(
    PgStore,
    sqlx::Postgres,
    "SELECT setval(pg_get_serial_sequence('schemas', 'id'), (SELECT MAX(id) FROM schemas))",
    Some(REGISTER_ONE)
);

/// A registration without references in one statement, so one round trip and implicitly
/// one transaction: the schema row (new, or found by hash) and the next version, inserted
/// only if the subject's live latest is still the one the caller checked against and no
/// live version has this schema. When that condition fails, the schema row alone is kept:
/// unused by any version it is invisible to every read, and a later registration of the
/// same text takes it.
const REGISTER_ONE: &str = "WITH s AS (\
    INSERT INTO schemas (hash, schema_type, schema, refs) VALUES ($1, $2, $3, $4) \
    ON CONFLICT (hash) DO UPDATE SET hash = excluded.hash RETURNING id) \
  INSERT INTO subject_versions (subject, version, schema_id, deleted) \
  SELECT $5, COALESCE(MAX(v.version), 0) + 1, (SELECT id FROM s), $6 \
  FROM subject_versions v WHERE v.subject = $5 \
  HAVING COALESCE(MAX(CASE WHEN v.deleted = $6 THEN v.version END), 0) = $7 \
  AND COUNT(CASE WHEN v.deleted = $6 AND v.schema_id = (SELECT id FROM s) THEN 1 END) = 0 \
  RETURNING schema_id, version";
