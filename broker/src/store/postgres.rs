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
    "SELECT setval(pg_get_serial_sequence('schemas', 'id'), (SELECT MAX(id) FROM schemas))"
);
