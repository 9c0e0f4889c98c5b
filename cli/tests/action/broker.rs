//! The action's `can-i-deploy` through the real `accord can-i-deploy`, against a small
//! in-test HTTP server that answers as a Pact Broker does. The command comes with the broker
//! commands (issue 8); in a build without it the test says so and checks nothing else.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

fn has_can_i_deploy() -> bool {
    let ok = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["can-i-deploy", "--help"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "note: this accord has no can-i-deploy command; the action's can-i-deploy is only \
             checked with a stand-in binary (can_i_deploy_sets_deployable_from_the_json_answer)"
        );
    }
    ok
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
    if !has_can_i_deploy() {
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
