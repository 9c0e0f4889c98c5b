//! `accord serve` as a process: start-up and graceful shutdown on SIGTERM, durability after
//! SIGKILL in the middle of a registration load, and the real confluent-kafka Python client
//! driving it end to end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

/// Starts `accord serve` on a free port with `args`, and waits for its address.
fn serve(dir: &Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("ACCORD_TOKENS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start accord serve");
    let stderr = child.stderr.take().expect("stderr");
    let log = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("accord serve: listening on http://") {
                let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
            }
            if let Ok(mut l) = sink.lock() {
                l.push_str(&line);
                l.push('\n');
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| {
            panic!(
                "accord serve did not start: {}",
                log.lock().map(|l| l.clone()).unwrap_or_default()
            )
        });
    Server {
        child,
        addr,
        stderr: log,
    }
}

impl Server {
    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill {sig} failed");
    }

    fn wait(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "server did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request; (status, body). Status 0 when the connection failed.
fn http(addr: &str, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (0, String::new());
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    if s.write_all(req.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut out = String::new();
    if s.read_to_string(&mut out).is_err() {
        return (0, String::new());
    }
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn proto_body(message: &str) -> String {
    serde_json::json!({
        "schemaType": "PROTOBUF",
        "schema": format!("syntax = \"proto3\";\nmessage {message} {{ string a = 1; }}\n"),
    })
    .to_string()
}

#[test]
fn serve_answers_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut server = serve(dir.path(), &[]);
    assert!(dir.path().join("accord.db").exists(), "default ./accord.db");
    let (status, body) = http(&server.addr, "GET", "/health", None);
    assert_eq!(status, 200, "{body}");
    let (status, body) = http(
        &server.addr,
        "POST",
        "/subjects/a/versions",
        Some(&proto_body("A")),
    );
    assert_eq!(status, 200, "{body}");
    server.signal("-TERM");
    assert_eq!(server.wait(), 0);
    let log = server.stderr.lock().map(|l| l.clone()).unwrap_or_default();
    assert!(log.contains("accord serve: stopped"), "{log}");
    // The data is there for the next start.
    let server = serve(dir.path(), &["--database-url", "sqlite://accord.db"]);
    let (status, body) = http(&server.addr, "GET", "/subjects", None);
    assert_eq!((status, body.as_str()), (200, "[\"a\"]"));
}

#[test]
fn bad_database_url_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["serve", "--database-url", "mysql://nope"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

/// SIGKILL during a registration load: after a restart, every registration that was
/// answered 200 is there with its id, and the database still works.
#[test]
fn sigkill_loses_no_acknowledged_registration() {
    sigkill_during_registrations(&[]);
}

/// The same on PostgreSQL (a fresh database in the cluster `DATABASE_URL` names).
#[test]
fn sigkill_loses_no_acknowledged_registration_on_postgres() {
    let Some(url) = fresh_postgres("kill") else {
        return;
    };
    sigkill_during_registrations(&["--database-url", &url]);
}

fn sigkill_during_registrations(args: &[&str]) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut server = serve(dir.path(), args);
    let addr = server.addr.clone();
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut workers = Vec::new();
    for w in 0..4 {
        let addr = addr.clone();
        let acked = acked.clone();
        workers.push(std::thread::spawn(move || {
            for i in 0..10_000 {
                let subject = format!("w{w}-{i}");
                let (status, body) = http(
                    &addr,
                    "POST",
                    &format!("/subjects/{subject}/versions"),
                    Some(&proto_body(&format!("M{w}x{i}"))),
                );
                if status == 0 {
                    return;
                }
                // A reply cut short by the kill is no acknowledgement.
                let Some(id) = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v["id"].as_i64())
                else {
                    return;
                };
                assert_eq!(status, 200, "{body}");
                if let Ok(mut a) = acked.lock() {
                    a.push((subject, id));
                }
            }
        }));
    }
    std::thread::sleep(Duration::from_millis(1500));
    server.signal("-KILL");
    server.wait();
    for w in workers {
        w.join().expect("worker");
    }
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    assert!(
        acked.len() > 10,
        "only {} registrations before the kill",
        acked.len()
    );

    let server = serve(dir.path(), args);
    for (subject, id) in &acked {
        let (status, body) = http(
            &server.addr,
            "GET",
            &format!("/subjects/{subject}/versions/1"),
            None,
        );
        assert_eq!(status, 200, "{subject}: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(v["id"].as_i64(), Some(*id), "{subject}");
    }
    // Still writable and consistent: a new registration gets a fresh id.
    let (status, body) = http(
        &server.addr,
        "POST",
        "/subjects/after/versions",
        Some(&proto_body("After")),
    );
    assert_eq!(status, 200, "{body}");
    let (status, body) = http(&server.addr, "GET", "/ready", None);
    assert_eq!(status, 200, "{body}");
}

/// confluent-kafka's SchemaRegistryClient against `accord serve` (Protobuf; Avro and JSON
/// Schema join when their engines are wired). Needs `pip install confluent-kafka httpx
/// authlib cachetools`; under CI=true their absence fails the test.
#[test]
fn confluent_kafka_client_end_to_end() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/confluent/client.py");
    let probe = Command::new("python3")
        .args([
            "-c",
            "import confluent_kafka.schema_registry, httpx, authlib, cachetools",
        ])
        .output();
    let available = probe.as_ref().is_ok_and(|o| o.status.success());
    if !available {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "confluent-kafka is required under CI=true: pip install confluent-kafka httpx authlib cachetools"
        );
        eprintln!(
            "notice: python3 with confluent-kafka unavailable; skipping the client end-to-end test"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let mut databases = vec!["sqlite://accord.db".to_string()];
    // On PostgreSQL too when CI provides one (.ci/pg.sh).
    if std::env::var("DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        databases.extend(fresh_postgres("client"));
    }
    for url in &databases {
        let server = serve(dir.path(), &["--database-url", url]);
        let out = Command::new("python3")
            .arg(script)
            .arg(format!("http://{}", server.addr))
            .output()
            .expect("python3");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "client script failed on {url}\n{stdout}\n{stderr}"
        );
        assert!(stdout.contains("ALL OK"), "{stdout}\n{stderr}");
    }
}

/// A fresh database in the PostgreSQL cluster `DATABASE_URL` names (CI starts one with
/// `.ci/pg.sh`); `None` with a notice elsewhere, a failure under CI=true.
fn fresh_postgres(tag: &str) -> Option<String> {
    let base = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    let Some(base) = base else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "DATABASE_URL must name a PostgreSQL under CI=true (.ci/pg.sh)"
        );
        eprintln!("notice: DATABASE_URL names no PostgreSQL; skipping");
        return None;
    };
    let name = format!("accord_{tag}_{}", std::process::id());
    let made = Command::new("psql")
        .args([base.as_str(), "-qc", &format!("CREATE DATABASE {name}")])
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "cannot create a database with psql at DATABASE_URL");
    let at = base.rfind('/').unwrap_or(base.len());
    Some(format!("{}/{name}", &base[..at]))
}

/// Two `accord serve` processes on one PostgreSQL database, 500 registrations through both
/// at once: no duplicate id or version, no lost registration.
#[test]
fn two_processes_share_one_postgres() {
    let Some(url) = fresh_postgres("two") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let servers = [
        serve(dir.path(), &["--database-url", &url]),
        serve(dir.path(), &["--database-url", &url]),
    ];
    let addrs: Vec<String> = servers.iter().map(|s| s.addr.clone()).collect();
    let total = 500;
    let subjects = 5;
    let results = Arc::new(Mutex::new(Vec::new()));
    let mut workers = Vec::new();
    for w in 0..8 {
        let addrs = addrs.clone();
        let results = results.clone();
        workers.push(std::thread::spawn(move || {
            for i in (w..total).step_by(8) {
                let subject = format!("s{}", i % subjects);
                let (status, body) = http(
                    &addrs[i % 2],
                    "POST",
                    &format!("/subjects/{subject}/versions"),
                    Some(&proto_body(&format!("M{i}"))),
                );
                assert_eq!(status, 200, "{body}");
                let v: serde_json::Value = serde_json::from_str(&body).expect("json");
                if let Ok(mut r) = results.lock() {
                    r.push((subject, v["id"].as_i64().expect("id")));
                }
            }
        }));
    }
    for w in workers {
        w.join().expect("worker");
    }
    let results = results.lock().map(|r| r.clone()).unwrap_or_default();
    let mut ids: Vec<i64> = results.iter().map(|r| r.1).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "duplicate ids");
    for s in 0..subjects {
        let (status, body) = http(&addrs[1], "GET", &format!("/subjects/s{s}/versions"), None);
        assert_eq!(status, 200, "{body}");
        let versions: Vec<usize> = serde_json::from_str(&body).expect("json");
        assert_eq!(versions, (1..=total / subjects).collect::<Vec<_>>());
    }
}
