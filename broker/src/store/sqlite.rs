//! The SQLite store: one file (created if missing) in WAL mode, so readers never wait for
//! the writer. The registry's writes go through one dedicated connection: SQLite runs one
//! writer at a time anyway, and writers queued on that connection wait in order, where
//! writers on separate connections would collide on SQLITE_BUSY and sleep in the busy
//! handler's growing steps (the registration latency tail). The busy timeout still covers
//! other writers on the file (another process, the Pact Broker's queries).
//!
//! The writer connection does not checkpoint the WAL itself (SQLite would make every
//! ~1,000th commit copy the log into the database and sync it, a latency spike for that
//! request); a background task checkpoints passively instead, off the request path.
//! Durability is unchanged: a commit is in the WAL either way.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens `sqlite://PATH` (or `sqlite:PATH`), creating the file, and runs the migrations.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable against a process crash (SIGKILL) in WAL mode; only a power
            // loss can lose the last transactions.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            // Writers queue here rather than on SQLite's lock; a long queue is a slow
            // request, not an error, under a load the single writer cannot keep up with.
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.pragma("wal_autocheckpoint", "0"))
            .await?;
        tokio::spawn(checkpoint(pool.clone()));
        Ok(SqliteStore { pool, writer })
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

// SQLite's AUTOINCREMENT moves past an explicitly inserted id by itself.
/// Checkpoints the WAL now and then until the pool closes. PASSIVE never waits for the
/// writer or readers; what it cannot copy now, a later round does.
async fn checkpoint(pool: SqlitePool) {
    let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if pool.is_closed() {
                return;
            }
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
}

const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

// SQLite has no data-modifying CTEs: a registration is a short transaction on the writer.
super::queries!(SqliteStore, sqlx::Sqlite, "", None);
