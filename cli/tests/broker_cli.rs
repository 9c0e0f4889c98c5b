//! The broker commands through the real binary: the shared HTTP client's retries, timeouts
//! and error messages against small in-test servers (down, slow, 500-then-200, 4xx);
//! can-i-deploy's output and exit codes in every mode; publish's validation and requests;
//! and the registry commands against a real `accord serve`.

#[path = "broker_cli/fake.rs"]
mod fake;
#[path = "broker_cli/real.rs"]
mod real;
#[path = "broker_cli/serve.rs"]
mod serve;

use base64::Engine;
use fake::{Fake, Reply};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn expect(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// Variables that would leak a developer's or CI runner's broker, credentials or build
/// into a test.
const AMBIENT: [&str; 17] = [
    "ACCORD_BROKER_URL",
    "ACCORD_BROKER_TOKEN",
    "PACT_BROKER_BASE_URL",
    "PACT_BROKER_TOKEN",
    "PACT_BROKER_USERNAME",
    "PACT_BROKER_PASSWORD",
    "GITHUB_ACTIONS",
    "GITHUB_SHA",
    "GITHUB_HEAD_REF",
    "GITHUB_REF_NAME",
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_RUN_ID",
    "GITLAB_CI",
    "CI_COMMIT_SHA",
    "CI_COMMIT_REF_NAME",
    "CI_JOB_URL",
];

/// `accord ARGS` in `dir`, without the ambient broker and CI variables.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.args(args).current_dir(dir).env("NO_COLOR", "1");
    for v in AMBIENT {
        c.env_remove(v);
    }
    c
}

fn accord_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut c = command(dir, args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run accord");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn accord(args: &[&str]) -> Run {
    accord_in(&std::env::temp_dir(), args, &[])
}

/// Fast retries, so the tests do not wait for the real backoff.
const FAST: [&str; 2] = ["--retry-backoff", "20"];

// ---------------------------------------------------------------------------------------
// The shared client: retries, timeouts, errors.

#[test]
fn a_broker_that_is_down_is_tried_a_bounded_number_of_times_then_exit_2() {
    // A port that was free a moment ago: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    let r = accord(&[
        "schema",
        "get",
        "--subject",
        "orders-value",
        "--broker-url",
        &url,
        "--retries",
        "2",
        "--retry-backoff",
        "20",
    ]);
    r.expect(2);
    assert!(
        r.stderr.contains("cannot reach the broker")
            && r.stderr.contains("after 3 attempt(s)")
            && r.stderr.to_lowercase().contains("connection refused"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.matches("trying again").count(), 2, "{}", r.stderr);
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_slow_broker_is_retried_then_reported_as_a_timeout() {
    let fake = Fake::start(|_, _| Reply {
        status: 200,
        body: "{}".into(),
        delay: Duration::from_millis(1500),
    });
    let r = accord(&[
        "schema",
        "get",
        "--subject",
        "s",
        "--broker-url",
        &fake.url,
        "--timeout",
        "0.3",
        "--retries",
        "1",
        "--retry-backoff",
        "20",
    ]);
    r.expect(2);
    assert!(
        r.stderr.contains("did not answer in time") && r.stderr.contains("(2 attempt(s))"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests().len(), 2);
}

#[test]
fn a_500_then_a_200_succeeds() {
    let fake = Fake::start(|_, n| {
        if n == 0 {
            Reply::json(500, json!({"error_code": 50001, "message": "store busy"}))
        } else {
            Reply::json(
                200,
                json!({"subject": "s", "version": 3, "id": 7, "schema": "\"string\""}),
            )
        }
    });
    let mut args = vec!["schema", "get", "--subject", "s", "--broker-url", &fake.url];
    args.extend(FAST);
    let r = accord(&args);
    r.expect(0);
    assert_eq!(r.stdout, "\"string\"\n");
    assert!(r.stderr.contains("the broker answered 500"), "{}", r.stderr);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    assert!(
        reqs.iter()
            .all(|q| q.target == "/subjects/s/versions/latest")
    );
}

#[test]
fn persistent_5xx_gives_up_with_the_brokers_message() {
    let fake = Fake::start(|_, _| Reply::json(503, json!({"error": "maintenance"})));
    let mut args = vec![
        "schema",
        "get",
        "--subject",
        "s",
        "--broker-url",
        &fake.url,
        "--retries",
        "2",
    ];
    args.extend(FAST);
    let r = accord(&args);
    r.expect(2);
    assert!(
        r.stderr.contains("the broker answered 503: maintenance"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests().len(), 3);
}

#[test]
fn a_4xx_is_not_retried_and_the_brokers_message_is_shown() {
    let fake = Fake::start(|_, _| {
        Reply::json(
            404,
            json!({"error_code": 40401, "message": "Subject 'nope' not found."}),
        )
    });
    let mut args = vec![
        "schema",
        "get",
        "--subject",
        "nope",
        "--broker-url",
        &fake.url,
    ];
    args.extend(FAST);
    let r = accord(&args);
    r.expect(2);
    assert!(
        r.stderr
            .contains("answered 404: Subject 'nope' not found. (error code 40401)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("trying again"), "{}", r.stderr);
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn pact_broker_validation_errors_are_shown() {
    let fake = Fake::start(|_, _| {
        Reply::json(
            400,
            json!({"errors": {"pacticipantVersionNumber": ["can't be blank"]}}),
        )
    });
    let t = tempfile::tempdir().unwrap();
    write_pact(t.path(), "p.json", "web", "api");
    let r = accord_in(
        t.path(),
        &[
            "publish",
            "p.json",
            "--consumer-app-version",
            "1",
            "--broker-url",
            &fake.url,
        ],
        &[],
    );
    r.expect(2);
    assert!(
        r.stderr
            .contains("answered 400: pacticipantVersionNumber: can't be blank"),
        "{}",
        r.stderr
    );
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn url_and_credentials_come_from_flags_or_either_tools_variables() {
    let ok = || Reply::json(200, json!({"schema": "{}"}));
    let fake = Fake::start(move |_, _| ok());
    let t = std::env::temp_dir();
    let get = ["schema", "get", "--subject", "s"];
    accord_in(
        &t,
        &get,
        &[
            ("PACT_BROKER_BASE_URL", &fake.url),
            ("PACT_BROKER_TOKEN", "pact-token"),
        ],
    )
    .expect(0);
    accord_in(
        &t,
        &get,
        &[
            ("ACCORD_BROKER_URL", &fake.url),
            ("PACT_BROKER_BASE_URL", "http://127.0.0.1:1"),
            ("ACCORD_BROKER_TOKEN", "accord-token"),
        ],
    )
    .expect(0);
    let mut args = get.to_vec();
    args.extend([
        "--broker-url",
        &fake.url,
        "--broker-username",
        "ci",
        "--broker-password",
        "s3cret",
    ]);
    accord_in(&t, &args, &[]).expect(0);
    // The Pact CLI's own flags, so its pipelines switch by changing the command only.
    let mut args = get.to_vec();
    args.extend(["--broker-base-url", &fake.url, "-k", "k-token"]);
    accord_in(&t, &args, &[]).expect(0);
    let mut args = get.to_vec();
    args.extend(["-b", &fake.url, "-u", "ci", "-p", "s3cret"]);
    accord_in(&t, &args, &[]).expect(0);
    let auth: Vec<Option<String>> = fake
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_string))
        .collect();
    let basic = base64::engine::general_purpose::STANDARD.encode("ci:s3cret");
    assert_eq!(
        auth,
        vec![
            Some("Bearer pact-token".to_string()),
            Some("Bearer accord-token".to_string()),
            Some(format!("Basic {basic}")),
            Some("Bearer k-token".to_string()),
            Some(format!("Basic {basic}")),
        ]
    );
    let r = accord_in(&t, &get, &[]);
    r.expect(2);
    assert!(
        r.stderr.contains("no broker URL: give --broker-url"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------
// can-i-deploy against a fake broker.

fn matrix_answer(deployable: Value) -> Value {
    let reason = match deployable {
        Value::Bool(true) => "All required verification results are published and successful",
        Value::Bool(false) => "The verification for the pact between web 1 and api 7 failed",
        _ => "Missing one or more verification results",
    };
    json!({
        "summary": {"deployable": deployable, "reason": reason, "success": 1, "failed": 0, "unknown": 0},
        "notices": [{"type": "info", "text": "checked against production"}],
        "matrix": [
            {"consumer": {"name": "web", "version": {"number": "1"}},
             "provider": {"name": "api", "version": {"number": "7"}},
             "pact": {"createdAt": "2026-01-01T00:00:00Z"},
             "verificationResult": {"success": deployable == json!(true), "verifiedAt": "2026-01-01T00:00:00Z"}},
            {"consumer": {"name": "web", "version": {"number": "1"}},
             "provider": {"name": "catalog", "version": {"number": "4.2"}},
             "pact": {"createdAt": "2026-01-01T00:00:00Z"}, "verificationResult": null,
             "contract": {"kind": "pact-vs-openapi", "result": "success",
                          "reason": "every interaction matches the OpenAPI document"}},
            {"consumer": {"name": "billing", "version": {"number": "9"}},
             "provider": {"name": "web", "version": {"number": "1"}},
             "pact": null, "verificationResult": null,
             "contract": {"kind": "schema", "result": "success", "subject": "orders-value",
                          "reason": "billing 9 reads what web 1 writes to orders-value"}}
        ]
    })
}

fn can_i_deploy(url: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "can-i-deploy",
        "--pacticipant",
        "web",
        "--version",
        "1",
        "--to-environment",
        "production",
        "--broker-url",
        url,
    ];
    args.extend(extra);
    accord(&args)
}

#[test]
fn can_i_deploy_exit_codes_and_output_in_every_mode() {
    for (deployable, code, word) in [
        (json!(true), 0, "yes"),
        (json!(false), 1, "no"),
        (Value::Null, 1, "unknown"),
    ] {
        let answer = matrix_answer(deployable.clone());
        let fake = Fake::start(move |_, _| Reply::json(200, answer.clone()));
        // Table.
        let r = can_i_deploy(&fake.url, &[]);
        r.expect(code);
        assert!(
            r.stdout.starts_with(&format!("Deployable: {word}\n")),
            "{}",
            r.stdout
        );
        for cell in [
            "api (provider)",
            "pact verified",
            "catalog (provider)",
            "pact vs OpenAPI",
            "billing (consumer)",
            "schema reader-writer",
            "billing 9 reads what web 1 writes to orders-value",
            "info: checked against production",
        ] {
            assert!(r.stdout.contains(cell), "{cell} in\n{}", r.stdout);
        }
        // JSON: the same content, the same exit code.
        let r = can_i_deploy(&fake.url, &["--output", "json"]);
        r.expect(code);
        let v: Value = serde_json::from_str(&r.stdout).expect("json output");
        assert_eq!(v["deployable"], deployable);
        assert_eq!(v["answer"], word);
        let rows = v["integrations"].as_array().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["counterpart"]["name"], "api");
        assert_eq!(rows[0]["counterpart"]["version"], "7");
        assert_eq!(rows[0]["kind"], "pact");
        assert_eq!(
            rows[0]["result"],
            if deployable == json!(true) {
                "success"
            } else {
                "failure"
            }
        );
        assert_eq!(rows[1]["kindLabel"], "pact vs OpenAPI");
        assert_eq!(rows[2]["counterpart"]["role"], "consumer");
        assert_eq!(rows[2]["kind"], "schema");
        // Dry run: printed, exit 0 whatever the answer.
        let r = can_i_deploy(&fake.url, &["--dry-run"]);
        r.expect(0);
        assert!(
            r.stdout
                .contains(&format!("Dry run: exiting 0 (the answer was {word})"))
        );
        let r = can_i_deploy(&fake.url, &["--dry-run", "--output", "json"]);
        r.expect(0);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["dryRun"], true);
    }
}

#[test]
fn can_i_deploy_without_a_contract_field_counts_as_a_verified_pact() {
    let answer = json!({"summary": {"deployable": false, "reason": "failed"}, "matrix": [
        {"consumer": {"name": "web", "version": {"number": "1"}},
         "provider": {"name": "api", "version": {"number": "7"}},
         "pact": {}, "verificationResult": {"success": false}}]});
    let fake = Fake::start(move |_, _| Reply::json(200, answer.clone()));
    let r = can_i_deploy(&fake.url, &["-o", "json"]);
    r.expect(1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["integrations"][0]["kindLabel"], "pact verified");
    assert_eq!(
        v["integrations"][0]["reason"],
        "verification by api 7 failed"
    );
}

#[test]
fn can_i_deploy_asks_again_while_the_answer_is_unknown() {
    let fake = Fake::start(|_, n| {
        Reply::json(
            200,
            matrix_answer(if n < 2 { Value::Null } else { json!(true) }),
        )
    });
    let r = can_i_deploy(
        &fake.url,
        &["--retry-while-unknown", "5", "--retry-interval", "0.05"],
    );
    r.expect(0);
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(r.stderr.matches("the answer is unknown").count(), 2);
    // Still unknown when the retries run out: exit 1.
    let fake = Fake::start(|_, _| Reply::json(200, matrix_answer(Value::Null)));
    let r = can_i_deploy(
        &fake.url,
        &["--retry-while-unknown", "2", "--retry-interval", "0.01"],
    );
    r.expect(1);
    assert_eq!(fake.requests().len(), 3);
}

#[test]
fn can_i_deploy_queries_as_the_pact_broker_expects() {
    let fake = Fake::start(|_, _| Reply::json(200, matrix_answer(json!(true))));
    can_i_deploy(&fake.url, &["--ignore", "billing", "--ignore", "api:7"]).expect(0);
    accord(&[
        "can-i-deploy",
        "--pacticipant",
        "web",
        "--version",
        "1",
        "--pacticipant",
        "billing",
        "--latest",
        "main",
        "--to",
        "prod",
        "--broker-url",
        &fake.url,
    ])
    .expect(0);
    accord(&[
        "can-i-deploy",
        "-a",
        "web",
        "-e",
        "1",
        "--to",
        "prod",
        "--broker-url",
        &fake.url,
    ])
    .expect(0);
    let reqs = fake.requests();
    assert_eq!(reqs[0].path(), "/can-i-deploy");
    let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        reqs[0].query(),
        q(&[
            ("pacticipant", "web"),
            ("version", "1"),
            ("environment", "production"),
            ("ignore[][pacticipant]", "billing"),
            ("ignore[][pacticipant]", "api"),
            ("ignore[][version]", "7"),
        ])
    );
    assert_eq!(reqs[1].path(), "/matrix");
    assert_eq!(
        reqs[1].query(),
        q(&[
            ("q[][pacticipant]", "web"),
            ("q[][version]", "1"),
            ("q[][pacticipant]", "billing"),
            ("q[][latest]", "true"),
            ("q[][tag]", "main"),
            ("latestby", "cvpv"),
            ("latest", "true"),
            ("tag", "prod"),
        ])
    );
    // A tag target is a matrix question even for one version.
    assert_eq!(reqs[2].path(), "/matrix");
    assert_eq!(
        reqs[2].query(),
        q(&[
            ("q[][pacticipant]", "web"),
            ("q[][version]", "1"),
            ("latestby", "cvp"),
            ("latest", "true"),
            ("tag", "prod"),
        ])
    );
}

#[test]
fn can_i_deploy_usage_errors_exit_2() {
    let r = accord(&["can-i-deploy", "--pacticipant", "web", "--to", "prod"]);
    r.expect(2);
    assert!(
        r.stderr.contains("give --version or --latest"),
        "{}",
        r.stderr
    );
    let r = accord(&["can-i-deploy", "--pacticipant", "web", "--version", "1"]);
    r.expect(2);
    let r = accord(&[
        "can-i-deploy",
        "--pacticipant",
        "web",
        "--version",
        "1",
        "--to",
        "prod",
        "--broker-url",
        "http://127.0.0.1:1",
        "--retries",
        "0",
        "--output",
        "json",
    ]);
    r.expect(2);
    assert_eq!(r.stdout, "");
}

// ---------------------------------------------------------------------------------------
// publish and the deployment records against a fake broker.

fn write_pact(dir: &Path, name: &str, consumer: &str, provider: &str) -> String {
    let text = json!({
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": [{"description": "get", "request": {"method": "GET", "path": "/x"},
                          "response": {"status": 200}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    })
    .to_string();
    std::fs::write(dir.join(name), &text).unwrap();
    text
}

#[test]
fn publish_checks_every_file_before_sending_anything() {
    let fake = Fake::start(|_, _| Reply::json(200, json!({})));
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("pacts")).unwrap();
    write_pact(&t.path().join("pacts"), "a.json", "web", "api");
    std::fs::write(
        t.path().join("pacts/b.json"),
        r#"{"consumer": {"name": "web"}, "interactions": []}"#,
    )
    .unwrap();
    let r = accord_in(
        t.path(),
        &["publish", "pacts", "-a", "1", "--broker-url", &fake.url],
        &[],
    );
    r.expect(2);
    assert!(
        r.stderr
            .contains("pacts/b.json: not a pact: provider.name is missing"),
        "{}",
        r.stderr
    );
    std::fs::write(t.path().join("pacts/b.json"), "{\"consumer\": ").unwrap();
    let r = accord_in(
        t.path(),
        &["publish", "pacts", "-a", "1", "--broker-url", &fake.url],
        &[],
    );
    r.expect(2);
    assert!(r.stderr.contains("pacts/b.json:1:"), "{}", r.stderr);
    assert!(fake.requests().is_empty(), "nothing was sent");
}

#[test]
fn publish_sends_one_publication_per_consumer_with_the_ci_build() {
    let fake = Fake::start(|req, _| {
        let name = req.json()["pacticipantName"].clone();
        Reply::json(
            200,
            json!({"notices": [{"type": "success", "text": format!("Published for {name}")}]}),
        )
    });
    let t = tempfile::tempdir().unwrap();
    let web_api = write_pact(t.path(), "web-api.json", "web", "api");
    write_pact(t.path(), "web-catalog.json", "web", "catalog");
    write_pact(t.path(), "admin-api.json", "admin", "api");
    let r = accord_in(
        t.path(),
        &[
            "publish",
            ".",
            "--tag",
            "rc",
            "--on-conflict",
            "merge",
            "--broker-url",
            &fake.url,
        ],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SHA", "0123abc"),
            ("GITHUB_HEAD_REF", "feature/login"),
            ("GITHUB_REF_NAME", "12/merge"),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/web"),
            ("GITHUB_RUN_ID", "99"),
        ],
    );
    r.expect(0);
    assert!(r.stdout.contains("Published for \"admin\""), "{}", r.stdout);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2);
    assert!(
        reqs.iter()
            .all(|q| q.method == "POST" && q.target == "/contracts/publish")
    );
    let web = reqs
        .iter()
        .map(|q| q.json())
        .find(|b| b["pacticipantName"] == "web")
        .expect("web's publication");
    assert_eq!(web["pacticipantVersionNumber"], "0123abc");
    assert_eq!(web["branch"], "feature/login");
    assert_eq!(web["tags"], json!(["rc"]));
    assert_eq!(
        web["buildUrl"],
        "https://github.com/acme/web/actions/runs/99"
    );
    let contracts = web["contracts"].as_array().unwrap();
    assert_eq!(contracts.len(), 2);
    let api = contracts
        .iter()
        .find(|c| c["providerName"] == "api")
        .unwrap();
    assert_eq!(api["consumerName"], "web");
    assert_eq!(api["specification"], "pact");
    assert_eq!(api["contentType"], "application/json");
    assert_eq!(api["onConflict"], "merge");
    let content = base64::engine::general_purpose::STANDARD
        .decode(api["content"].as_str().unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(content).unwrap(), web_api);
}

#[test]
fn publish_without_a_version_anywhere_is_a_usage_error() {
    let fake = Fake::start(|_, _| Reply::json(200, json!({})));
    // Not a git checkout, no CI variables.
    let t = tempfile::tempdir().unwrap();
    write_pact(t.path(), "p.json", "web", "api");
    let r = accord_in(
        t.path(),
        &["publish", "p.json", "--broker-url", &fake.url],
        &[("GIT_CEILING_DIRECTORIES", t.path().to_str().unwrap())],
    );
    r.expect(2);
    assert!(r.stderr.contains("no consumer version"), "{}", r.stderr);
    assert!(fake.requests().is_empty());
}

#[test]
fn record_deployment_and_undeployment_follow_the_pact_broker_paths() {
    let fake = Fake::start(|req, _| match (req.method.as_str(), req.path()) {
        ("GET", "/environments") => Reply::json(
            200,
            json!({"_embedded": {"environments": [
                {"uuid": "env-1", "name": "production"}]}}),
        ),
        ("POST", _) => Reply::json(201, json!({"uuid": "dep-1"})),
        ("GET", "/environments/env-1/deployed-versions/currently-deployed") => Reply::json(
            200,
            json!({"_embedded": {"deployedVersions": [
                {"uuid": "dep-1", "applicationInstance": "blue",
                 "_embedded": {"version": {"number": "1"}, "pacticipant": {"name": "web"}}},
                {"uuid": "dep-2", "applicationInstance": "green",
                 "_embedded": {"version": {"number": "2"}, "pacticipant": {"name": "web"}}}]}}),
        ),
        ("PATCH", _) => Reply::json(200, json!({})),
        _ => Reply::json(404, json!({"error": "unexpected"})),
    });
    accord(&[
        "record-deployment",
        "--pacticipant",
        "web",
        "--version",
        "1",
        "--environment",
        "production",
        "--application-instance",
        "blue",
        "--broker-url",
        &fake.url,
    ])
    .expect(0);
    let r = accord(&[
        "record-undeployment",
        "--pacticipant",
        "web",
        "--environment",
        "production",
        "--application-instance",
        "green",
        "--broker-url",
        &fake.url,
    ]);
    r.expect(0);
    assert!(r.stdout.contains("web version 2"), "{}", r.stdout);
    let r = accord(&[
        "record-deployment",
        "--pacticipant",
        "web",
        "--version",
        "1",
        "--environment",
        "staging",
        "--broker-url",
        &fake.url,
    ]);
    r.expect(2);
    assert!(
        r.stderr.contains("no environment named `staging`"),
        "{}",
        r.stderr
    );
    let reqs = fake.requests();
    let seen: Vec<(String, String)> = reqs
        .iter()
        .map(|r| (r.method.clone(), r.target.clone()))
        .collect();
    let want = |m: &str, t: &str| (m.to_string(), t.to_string());
    assert_eq!(
        seen,
        vec![
            want("GET", "/environments?name=production"),
            want(
                "POST",
                "/pacticipants/web/versions/1/deployed-versions/environment/env-1"
            ),
            want("GET", "/environments?name=production"),
            want(
                "GET",
                "/environments/env-1/deployed-versions/currently-deployed?pacticipant=web"
            ),
            want("PATCH", "/deployed-versions/dep-2"),
            want("GET", "/environments?name=staging"),
        ]
    );
    assert_eq!(reqs[1].json(), json!({"applicationInstance": "blue"}));
    assert_eq!(reqs[4].json(), json!({"currentlyDeployed": false}));
    assert_eq!(
        reqs[4].header("content-type"),
        Some("application/merge-patch+json")
    );
}

// ---------------------------------------------------------------------------------------
// The registry commands against a real `accord serve`.

const ORDER_V1: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"}]}"#;
/// Adds a field without a default: a BACKWARD reader of v1 data cannot fill it.
const ORDER_NO_DEFAULT: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"},
  {"name": "total", "type": "long"}]}"#;
const ORDER_WITH_DEFAULT: &str = r#"{"type": "record", "name": "Order", "fields": [
  {"name": "id", "type": "string"},
  {"name": "total", "type": "long", "default": 0}]}"#;

#[test]
fn schema_register_check_get_and_breaking_against_a_real_broker() {
    let broker = serve::start();
    let subject = serve::unique("orders-value");
    let t = tempfile::tempdir().unwrap();
    for (f, text) in [
        ("v1.avsc", ORDER_V1),
        ("bad.avsc", ORDER_NO_DEFAULT),
        ("good.avsc", ORDER_WITH_DEFAULT),
    ] {
        std::fs::write(t.path().join(f), text).unwrap();
    }
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--broker-url", &broker.url]);
        accord_in(t.path(), &a, &[])
    };
    // Nothing registered yet: anything is compatible.
    run(&["schema", "check", "--subject", &subject, "bad.avsc"]).expect(0);
    let r = run(&["schema", "register", "--subject", &subject, "v1.avsc"]);
    r.expect(0);
    assert!(r.stdout.contains("schema id"), "{}", r.stdout);

    let r = run(&["schema", "check", "--subject", &subject, "bad.avsc"]);
    r.expect(1);
    assert!(r.stdout.starts_with("incompatible"), "{}", r.stdout);
    assert!(r.stdout.contains("total"), "{}", r.stdout);
    run(&["schema", "check", "--subject", &subject, "good.avsc"]).expect(0);
    run(&[
        "schema",
        "check",
        "--subject",
        &subject,
        "--version",
        "all",
        "good.avsc",
    ])
    .expect(0);

    let r = run(&["schema", "get", "--subject", &subject]);
    r.expect(0);
    assert!(r.stdout.contains("\"Order\""), "{}", r.stdout);
    let r = run(&[
        "schema",
        "get",
        "--subject",
        &subject,
        "--version",
        "1",
        "-o",
        "json",
    ]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["subject"], subject.as_str());

    // breaking --against-broker: the same engine as --against files.
    let against = format!("{subject}@latest");
    let r = run(&["breaking", "bad.avsc", "--against-broker", &against]);
    r.expect(1);
    let local = accord_in(
        t.path(),
        &["breaking", "bad.avsc", "--against", "v1.avsc"],
        &[],
    );
    local.expect(1);
    let rules = |out: &str| -> Vec<String> {
        out.lines()
            .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
            .collect()
    };
    assert_eq!(
        rules(&r.stdout),
        rules(&local.stdout),
        "{}\n{}",
        r.stdout,
        local.stdout
    );
    run(&["breaking", "good.avsc", "--against-broker", &subject]).expect(0);
    // The subject's level decides: under NONE the same change passes.
    let put = reqwest::blocking::Client::new()
        .put(format!("{}/config/{subject}", broker.url))
        .header("Content-Type", "application/json")
        .body(r#"{"compatibility": "NONE"}"#)
        .send()
        .unwrap();
    assert!(put.status().is_success());
    run(&["breaking", "bad.avsc", "--against-broker", &subject]).expect(0);
    // --mode overrides the level.
    run(&[
        "breaking",
        "bad.avsc",
        "--against-broker",
        &subject,
        "--mode",
        "BACKWARD",
    ])
    .expect(1);

    // The broker's own errors come through.
    let r = run(&["schema", "get", "--subject", "no-such-subject-here"]);
    r.expect(2);
    assert!(r.stderr.contains("not found"), "{}", r.stderr);
    let r = run(&[
        "breaking",
        "bad.avsc",
        "--against-broker",
        "no-such-subject-here",
    ]);
    r.expect(2);
}

#[test]
fn environments_releases_and_describe_version_follow_the_pact_broker_paths() {
    let fake = Fake::start(|req, _| match (req.method.as_str(), req.path()) {
        ("POST", "/environments") => {
            Reply::json(201, json!({"uuid": "env-9", "name": "production"}))
        }
        ("GET", "/environments") => Reply::json(
            200,
            json!({"_embedded": {"environments": [
                {"name": "staging", "_links": {"self": {"href": "http://b/environments/env-8"}}},
                {"name": "production", "_links": {"self": {"href": "http://b/environments/env-9"}}}]}}),
        ),
        ("POST", _) => Reply::json(201, json!({})),
        ("GET", "/environments/env-9/released-versions/currently-supported") => Reply::json(
            200,
            json!({"_embedded": {"releasedVersions": [
                {"uuid": "rel-1", "_embedded": {"version": {"number": "1"}}},
                {"uuid": "rel-2", "_embedded": {"version": {"number": "2"}}}]}}),
        ),
        ("PATCH", _) => Reply::json(200, json!({})),
        ("GET", "/pacticipants/ios%20app/versions/2") => Reply::json(
            200,
            json!({"number": "2", "buildUrl": "https://ci/2", "createdAt": "2026-01-01T00:00:00Z",
                   "_embedded": {"branchVersions": [{"name": "main"}], "tags": [{"name": "rc"}]}}),
        ),
        ("GET", "/pacticipants/ios%20app/latest-version/rc") => {
            Reply::json(200, json!({"number": "2"}))
        }
        _ => Reply::json(404, json!({"error": format!("unexpected {}", req.target)})),
    });
    let b = ["--broker-url", fake.url.as_str()];
    let with = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(b);
        accord(&a)
    };
    let r = with(&[
        "create-environment",
        "--name",
        "production",
        "--production",
        "--contact-name",
        "Platform",
        "--contact-email-address",
        "platform@example.com",
    ]);
    r.expect(0);
    assert!(r.stdout.contains("env-9"), "{}", r.stdout);
    with(&[
        "record-release",
        "--pacticipant",
        "ios app",
        "--version",
        "2",
        "--environment",
        "production",
    ])
    .expect(0);
    with(&[
        "record-support-ended",
        "--pacticipant",
        "ios app",
        "--version",
        "1",
        "--environment",
        "production",
    ])
    .expect(0);
    let r = with(&[
        "record-support-ended",
        "--pacticipant",
        "ios app",
        "--version",
        "5",
        "--environment",
        "production",
    ]);
    r.expect(2);
    assert!(
        r.stderr.contains("not a currently supported release"),
        "{}",
        r.stderr
    );
    let r = with(&[
        "describe-version",
        "--pacticipant",
        "ios app",
        "--version",
        "2",
        "-o",
        "json",
    ]);
    r.expect(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["branches"], json!(["main"]));
    assert_eq!(v["tags"], json!(["rc"]));
    assert_eq!(v["buildUrl"], "https://ci/2");
    let r = with(&[
        "describe-version",
        "--pacticipant",
        "ios app",
        "--latest",
        "rc",
    ]);
    r.expect(0);
    assert!(r.stdout.contains("Version      2"), "{}", r.stdout);

    let reqs = fake.requests();
    assert_eq!(
        reqs[0].json(),
        json!({"name": "production", "displayName": "production", "production": true,
               "contacts": [{"name": "Platform", "details": {"emailAddress": "platform@example.com"}}]})
    );
    let targets: Vec<String> = reqs
        .iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    for want in [
        "POST /pacticipants/ios%20app/versions/2/released-versions/environment/env-9",
        "GET /environments/env-9/released-versions/currently-supported?pacticipant=ios+app",
        "PATCH /released-versions/rel-1",
    ] {
        assert!(targets.iter().any(|t| t == want), "{want} in {targets:#?}");
    }
    assert!(!targets.iter().any(|t| t.contains("rel-2")), "{targets:#?}");
}

#[test]
fn publish_provider_contract_sends_pactflows_body() {
    let fake = Fake::start(|_, _| {
        Reply::json(
            201,
            json!({"notices": [{"type": "success", "text": "Published"},
                               {"type": "warning", "text": "no consumers yet"}]}),
        )
    });
    let t = tempfile::tempdir().unwrap();
    let doc = "openapi: 3.0.3\ninfo: {title: api, version: '1'}\npaths: {}\n";
    std::fs::write(t.path().join("openapi.yaml"), doc).unwrap();
    std::fs::write(t.path().join("results.txt"), "42 passed").unwrap();
    let r = accord_in(
        t.path(),
        &[
            "publish-provider-contract",
            "openapi.yaml",
            "--provider",
            "api",
            "--provider-app-version",
            "7",
            "--branch",
            "main",
            "--verification-success",
            "--verifier",
            "schemathesis",
            "--verification-results",
            "results.txt",
            "--broker-url",
            &fake.url,
        ],
        &[],
    );
    r.expect(0);
    assert!(
        r.stdout.contains("warning: no consumers yet"),
        "{}",
        r.stdout
    );
    let reqs = fake.requests();
    assert_eq!(reqs[0].target, "/provider-contracts/provider/api/publish");
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    assert_eq!(
        reqs[0].json(),
        json!({
            "pacticipantVersionNumber": "7",
            "tags": [],
            "contract": {
                "content": b64(doc),
                "contentType": "application/yaml",
                "specification": "oas",
                "selfVerificationResults": {
                    "success": true,
                    "content": b64("42 passed"),
                    "contentType": "text/plain",
                    "verifier": "schemathesis"
                }
            },
            "branch": "main"
        })
    );
    let r = accord_in(
        t.path(),
        &[
            "publish-provider-contract",
            "openapi.yaml",
            "--provider",
            "api",
            "--provider-app-version",
            "7",
            "--verification-success",
            "--verification-failure",
            "--broker-url",
            &fake.url,
        ],
        &[],
    );
    r.expect(2);
}

#[test]
fn schema_publish_registers_when_needed_then_links_and_consume_only_links() {
    let fake = Fake::start(|req, _| match (req.method.as_str(), req.path()) {
        // The lookup: not in the subject yet.
        ("POST", "/subjects/orders-value") => Reply::json(
            404,
            json!({"error_code": 40403, "message": "Schema not found"}),
        ),
        ("POST", "/subjects/orders-value/versions") => Reply::json(200, json!({"id": 12})),
        ("PUT", _) => Reply::json(
            201,
            json!({"schemaId": 12, "role": "writer", "subject": "orders-value"}),
        ),
        _ => Reply::json(404, json!({"error": "unexpected"})),
    });
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("order.avsc"), ORDER_V1).unwrap();
    let base = [
        "--subject",
        "orders-value",
        "--pacticipant",
        "orders",
        "--version",
        "1.2.0",
        "order.avsc",
        "--broker-url",
        fake.url.as_str(),
    ];
    let mut args = vec!["schema", "publish"];
    args.extend(base);
    let r = accord_in(t.path(), &args, &[]);
    r.expect(0);
    assert!(r.stdout.contains("schema id 12"), "{}", r.stdout);
    let mut args = vec!["schema", "consume"];
    args.extend(base);
    accord_in(t.path(), &args, &[]).expect(0);
    let reqs = fake.requests();
    let targets: Vec<String> = reqs
        .iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    assert_eq!(
        targets,
        vec![
            "POST /subjects/orders-value",
            "POST /subjects/orders-value/versions",
            "PUT /pacticipants/orders/versions/1.2.0/schemas/writer/orders-value",
            "PUT /pacticipants/orders/versions/1.2.0/schemas/reader/orders-value",
        ]
    );
    assert_eq!(reqs[1].json(), json!({"schema": ORDER_V1}));
    assert_eq!(
        reqs[2].json(),
        json!({"schema": ORDER_V1, "schemaType": "AVRO"})
    );
}

const PROTO_V1: &str = "syntax = \"proto3\";\npackage acme.v1;\nimport \"acme/v1/money.proto\";\n\nmessage Order {\n  string id = 1;\n  Money total = 2;\n}\n";
const PROTO_REUSED: &str = "syntax = \"proto3\";\npackage acme.v1;\nimport \"acme/v1/money.proto\";\n\nmessage Order {\n  string id = 1;\n  int64 total_cents = 2;\n}\n";
const MONEY: &str =
    "syntax = \"proto3\";\npackage acme.v1;\n\nmessage Money {\n  int64 units = 1;\n}\n";

#[test]
fn breaking_against_broker_for_protobuf_with_references_and_json_schema() {
    let broker = serve::start();
    let money = serve::unique("money");
    let orders = serve::unique("orders-value");
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(t.path().join("acme/v1")).unwrap();
    std::fs::write(t.path().join("acme/v1/money.proto"), MONEY).unwrap();
    std::fs::write(t.path().join("acme/v1/order.proto"), PROTO_V1).unwrap();
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--broker-url", &broker.url]);
        accord_in(t.path(), &a, &[])
    };
    run(&[
        "schema",
        "register",
        "--subject",
        &money,
        "acme/v1/money.proto",
    ])
    .expect(0);
    let reference = format!("acme/v1/money.proto={money}:1");
    run(&[
        "schema",
        "register",
        "--subject",
        &orders,
        "--reference",
        &reference,
        "acme/v1/order.proto",
    ])
    .expect(0);
    let breaking = [
        "breaking",
        "acme/v1/order.proto",
        "-I",
        ".",
        "--against-broker",
        &orders,
    ];
    run(&breaking).expect(0);
    // Field 2 changes type: the registry's BACKWARD mapping refuses it.
    std::fs::write(t.path().join("acme/v1/order.proto"), PROTO_REUSED).unwrap();
    let r = run(&breaking);
    r.expect(1);
    assert!(r.stdout.contains("acme/v1/order.proto"), "{}", r.stdout);
    let r = run(&[
        "schema",
        "check",
        "--subject",
        &orders,
        "--reference",
        &reference,
        "acme/v1/order.proto",
    ]);
    r.expect(1);

    // JSON Schema: a property that becomes required breaks BACKWARD readers.
    let subject = serve::unique("customer-value");
    std::fs::write(
        t.path().join("customer.json"),
        r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
            "properties": {"name": {"type": "string"}}}"#,
    )
    .unwrap();
    run(&["schema", "register", "--subject", &subject, "customer.json"]).expect(0);
    std::fs::write(
        t.path().join("customer2.json"),
        r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
            "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
            "required": ["email"]}"#,
    )
    .unwrap();
    let r = run(&["breaking", "customer2.json", "--against-broker", &subject]);
    r.expect(1);
    let local = accord_in(
        t.path(),
        &["breaking", "customer2.json", "--against", "customer.json"],
        &[],
    );
    local.expect(1);
    // A schema of another type than the subject's is refused, not compared.
    let r = run(&["breaking", "customer2.json", "--against-broker", &orders]);
    r.expect(2);
    assert!(r.stderr.contains("holds a PROTOBUF schema"), "{}", r.stderr);
}
