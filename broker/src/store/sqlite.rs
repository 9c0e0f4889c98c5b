//! The SQLite store: one file (created if missing) in WAL mode, so readers never wait for
//! the writer. The registry's writes go through one dedicated connection: SQLite runs one
//! writer at a time anyway, and writers queued on that connection wait in order, where
//! writers on separate connections would collide on SQLITE_BUSY and sleep in the busy
//! handler's growing steps (the registration latency tail). The busy timeout still covers
//! other writers on the file (another process, the Pact Broker's queries).

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
            .connect_with(options)
            .await?;
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
super::queries!(SqliteStore, sqlx::Sqlite, "");
