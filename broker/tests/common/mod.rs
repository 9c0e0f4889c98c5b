//! Databases for the tests: a fresh SQLite file, and a fresh database in a PostgreSQL
//! cluster — the one `DATABASE_URL` names (CI starts it with `.ci/pg.sh`), else one started
//! here with `.ci/pg.sh` for this test process. Under `CI=true` a PostgreSQL that cannot be
//! had fails the test; elsewhere the PostgreSQL half is skipped with a notice.

#![allow(dead_code)]

use accord_broker::AnyStore;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Db {
    pub url: String,
    pub store: AnyStore,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> Db {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("accord.db").display());
    let store = AnyStore::connect(&url).await.expect("sqlite opens");
    Db {
        url,
        store,
        _dir: Some(dir),
    }
}

fn cluster() -> Option<String> {
    static BASE: OnceLock<Option<String>> = OnceLock::new();
    BASE.get_or_init(|| {
        if let Ok(url) = std::env::var("DATABASE_URL")
            && url.starts_with("postgres")
        {
            return Some(url);
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/pg.sh");
        let out = std::process::Command::new("bash")
            .arg(script)
            .arg(std::process::id().to_string())
            .output();
        match out {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("export DATABASE_URL="))
                .map(str::to_string),
            Ok(o) => {
                eprintln!("pg.sh failed: {}", String::from_utf8_lossy(&o.stderr));
                None
            }
            Err(e) => {
                eprintln!("pg.sh could not run: {e}");
                None
            }
        }
    })
    .clone()
}

/// A fresh, empty PostgreSQL database; `None` (with a notice) when PostgreSQL is
/// unavailable outside CI.
pub async fn postgres() -> Option<Db> {
    let Some(base) = cluster() else {
        assert!(
            std::env::var("CI").map(|v| v != "true").unwrap_or(true),
            "PostgreSQL is required under CI=true: set DATABASE_URL or install PostgreSQL 15"
        );
        eprintln!("notice: PostgreSQL unavailable; skipping the PostgreSQL half of this test");
        return None;
    };
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "accord_t{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&base)
        .await
        .expect("PostgreSQL reachable");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("create database");
    admin.close().await;
    let url = match base.rfind('/') {
        Some(i) if base[..i].contains('@') || base[..i].matches('/').count() >= 2 => {
            format!("{}/{name}", &base[..i])
        }
        _ => format!("{base}/{name}"),
    };
    let store = AnyStore::connect(&url).await.expect("postgres opens");
    Some(Db {
        url,
        store,
        _dir: None,
    })
}

/// Serves `state`'s API on a free loopback port; its base URL.
pub async fn start(state: accord_broker::AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(accord_broker::serve(
        listener,
        accord_broker::app(state),
        std::future::pending(),
    ));
    format!("http://{addr}")
}

/// One HAL request; the body as JSON (a JSON string when it is not JSON).
pub async fn call(
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> (reqwest::StatusCode, serde_json::Value) {
    let mut req = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .header("Accept", "application/hal+json");
    if let Some(b) = body {
        req = req
            .header("Content-Type", "application/json")
            .body(b.to_string());
    }
    let res = req.send().await.expect("request");
    let status = res.status();
    let text = res.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
    (status, body)
}
