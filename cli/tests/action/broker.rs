//! The action's broker commands through the real binary: `can-i-deploy` against a small
//! in-test HTTP server that answers as a Pact Broker does, and publish → can-i-deploy →
//! record-deployment against a real `accord serve`. The commands come with issue 8's broker
//! commands; in a build without them these tests say so and check nothing else.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

fn has_commands(names: &[&str]) -> bool {
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| {
            !Command::new(env!("CARGO_BIN_EXE_accord"))
                .args([name, "--help"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "note: this accord has no {missing:?} command; the action's broker commands are only \
             checked with a stand-in binary here"
        );
    }
    missing.is_empty()
}

/// Answers every request with `body` (HTTP 200, HAL JSON) and records the request lines.
fn broker(body: &'static str) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut auth = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if line.to_ascii_lowercase().starts_with("authorization:") {
                    auth = line.trim().to_string();
                }
            }
            log.lock()
                .unwrap()
                .push(format!("{} {auth}", request_line.trim()));
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/hal+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, seen)
}

#[test]
fn can_i_deploy_with_the_real_command() {
    if !has_commands(&["can-i-deploy"]) {
        return;
    }
    for (body, code, deployable) in [
        (
            r#"{"summary":{"deployable":true,"reason":"All required verification results are published and successful","success":1,"failed":0,"unknown":0},"matrix":[]}"#,
            0,
            "true",
        ),
        (
            r#"{"summary":{"deployable":false,"reason":"The verification between Web 1.0 and Orders 2.0 failed","success":0,"failed":1,"unknown":0},"matrix":[]}"#,
            1,
            "false",
        ),
        (
            r#"{"summary":{"deployable":null,"reason":"There is no verified pact between Web 1.0 and Orders","success":0,"failed":0,"unknown":1},"matrix":[]}"#,
            1,
            "unknown",
        ),
    ] {
        let (url, seen) = broker(body);
        let ws = tempfile::tempdir().unwrap();
        let o = run_action(
            ws.path(),
            &[
                ("command", "can-i-deploy"),
                (
                    "args",
                    "--pacticipant Web --version 1.0 --to-environment production",
                ),
                ("broker-url", &url),
                ("broker-token", "t0ken"),
            ],
            &[],
        );
        assert_eq!(o.code, code, "{o:#?}");
        assert_eq!(o.outputs["deployable"], deployable, "{o:#?}");
        assert!(
            o.summary.starts_with("## accord can-i-deploy\n"),
            "{}",
            o.summary
        );
        let requests = seen.lock().unwrap().clone();
        assert!(
            requests.iter().any(|r| r.starts_with("GET /can-i-deploy?")
                && r.contains("pacticipant=Web")
                && r.ends_with("Bearer t0ken")),
            "{requests:?}"
        );
    }
}

/// `accord serve` on a free port with a temporary SQLite file; stopped on drop.
struct Serve {
    child: std::process::Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Serve {
    fn start() -> Serve {
        use std::process::Stdio;
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}", dir.path().join("broker.db").display());
        let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["serve", "--bind", "127.0.0.1:0", "--database-url", &db])
            .env_remove("ACCORD_TOKENS")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start accord serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("accord serve: listening on ") {
                    let url = rest.split_whitespace().next().unwrap_or("").to_string();
                    let _ = tx.send(url);
                }
            }
        });
        let url = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("accord serve printed its address");
        Serve {
            child,
            url,
            _dir: dir,
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The deploy workflow of docs/github-action.md against a real broker: publish the
/// consumer's pact, ask can-i-deploy (unknown: nothing verified it), record the deployment,
/// ask for a provider version the broker has never seen (no).
#[test]
fn publish_can_i_deploy_and_record_deployment_against_accord_serve() {
    if !has_commands(&[
        "publish",
        "can-i-deploy",
        "record-deployment",
        "create-environment",
    ]) {
        return;
    }
    let broker = Serve::start();
    let ws = tempfile::tempdir().unwrap();
    std::fs::create_dir(ws.path().join("pacts")).unwrap();
    std::fs::write(
        ws.path().join("pacts/web-orders.json"),
        r#"{"consumer":{"name":"Web"},"provider":{"name":"Orders"},
            "interactions":[{"description":"a request for order 1",
              "request":{"method":"GET","path":"/orders/1"},
              "response":{"status":200,"body":{"id":1}}}],
            "metadata":{"pactSpecification":{"version":"2.0.0"}}}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["create-environment", "--name", "production", "--production"])
        .env("ACCORD_BROKER_URL", &broker.url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    let action = |command: &str, args: &str| {
        run_action(
            ws.path(),
            &[
                ("command", command),
                ("args", args),
                ("broker-url", &broker.url),
            ],
            &[],
        )
    };
    let o = action("publish", "pacts --consumer-app-version 1.0 --branch main");
    assert_eq!(o.code, 0, "{o:#?}");
    assert!(
        o.summary.starts_with("## accord publish\n"),
        "{}",
        o.summary
    );

    let o = action(
        "can-i-deploy",
        "--pacticipant Web --version 1.0 --to-environment production",
    );
    assert_eq!(
        (o.code, o.outputs["deployable"].as_str()),
        (1, "unknown"),
        "{o:#?}"
    );
    assert!(
        o.summary.contains("**Deployable: unknown** — "),
        "{}",
        o.summary
    );

    let o = action(
        "record-deployment",
        "--pacticipant Web --version 1.0 --environment production",
    );
    assert_eq!(o.code, 0, "{o:#?}");

    let o = action(
        "can-i-deploy",
        "--pacticipant Orders --version 2.0 --to-environment production",
    );
    assert_eq!(
        (o.code, o.outputs["deployable"].as_str()),
        (1, "false"),
        "{o:#?}"
    );
    assert!(o.summary.contains("**Deployable: no** — "), "{}", o.summary);
}
