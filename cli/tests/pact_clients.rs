//! The real, unmodified Pact clients against `accord serve` (SQLite, and PostgreSQL when
//! `DATABASE_URL` names one): pact-js writes a V4 pact, the Rust `pact` CLI and the Ruby
//! `pact-broker` publish it, `pact verifier` verifies a provider app from the broker and
//! publishes the results, deployments are recorded and both CLIs ask can-i-deploy; the Ruby
//! client creates a webhook that a publication fires and that `test-webhook` runs.
//! Then the Ruby client's own contract with the Pact Broker (131 interactions in
//! `../shared/conformance/pact-broker-client/`) is replayed with `pact verifier --file`.
//!
//! The clients come from `npm ci --prefix cli/tests/pact` (.ci/run); under CI=true their
//! absence fails the tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PACT_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pact");
const CONFORMANCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/pact-broker-client"
);

/// Interactions of the client's contract that pass today (`docs/api.md` lists the others);
/// the replay fails when fewer pass.
const CONFORMANCE_PASSING: usize = 129;
const CONFORMANCE_TOTAL: usize = 131;

/// V1 interactions the Ruby verifier passes: it cannot send rack-test's host, so the three
/// whose literal links say http://example.org fail there.
const RUBY_V1_PASSING: usize = 61;

const ALL_OK: &str = "All required verification results are published and successful";

struct Server {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Starts `accord serve` on a free loopback port with `args`.
fn serve(dir: &Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("ACCORD_TOKENS")
        .env("ACCORD_LOG", "warn")
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
        url: format!("http://{addr}"),
        log,
    }
}

/// The databases to run on: a SQLite file, and a fresh PostgreSQL database when
/// `DATABASE_URL` names a cluster (CI starts one with `.ci/pg.sh`).
fn databases(tag: &str) -> Vec<String> {
    let mut urls = vec!["sqlite://accord.db".to_string()];
    let base = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));
    match base {
        Some(base) => {
            let name = format!("accord_{tag}_{}", std::process::id());
            let made = Command::new("psql")
                .args([base.as_str(), "-qc", &format!("CREATE DATABASE {name}")])
                .status()
                .is_ok_and(|s| s.success());
            assert!(made, "cannot create a database with psql at DATABASE_URL");
            let at = base.rfind('/').unwrap_or(base.len());
            urls.push(format!("{}/{name}", &base[..at]));
        }
        None => {
            assert!(
                !ci(),
                "DATABASE_URL must name a PostgreSQL under CI=true (.ci/pg.sh)"
            );
            eprintln!("notice: DATABASE_URL names no PostgreSQL; SQLite only");
        }
    }
    urls
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The installed clients, or `None` (a failure under CI=true) when `npm ci` has not run.
fn clients() -> Option<PathBuf> {
    let modules = Path::new(PACT_DIR).join("node_modules");
    let wanted = [
        modules.join(".bin/pact"),
        modules.join("pact-cli-ruby/bin/pact-broker.js"),
        modules.join("@pact-foundation/pact/package.json"),
    ];
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if node && wanted.iter().all(|p| p.exists()) {
        return Some(modules);
    }
    assert!(
        !ci(),
        "the Pact clients are required under CI=true: npm ci --prefix cli/tests/pact"
    );
    eprintln!(
        "notice: node or the Pact clients missing (npm ci --prefix cli/tests/pact); skipping"
    );
    None
}

/// A finished client run: exit code and everything it printed.
struct Run {
    code: i32,
    out: String,
}

/// Runs `cmd` to completion (killed after `limit`), capturing stdout and stderr together.
fn run_with(mut cmd: Command, limit: Duration) -> Run {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        // The clients report usage over the network unless told not to.
        .env("PACT_DO_NOT_TRACK", "true")
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let out = Arc::new(Mutex::new(String::new()));
    let mut readers = Vec::new();
    for pipe in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    ]
    .into_iter()
    .flatten()
    {
        let sink = out.clone();
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Ok(mut o) = sink.lock() {
                    o.push_str(&line);
                    o.push('\n');
                }
            }
        }));
    }
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code().unwrap_or(-1);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    for r in readers {
        let _ = r.join();
    }
    let out = out.lock().map(|o| o.clone()).unwrap_or_default();
    Run { code, out }
}

fn run(cmd: Command) -> Run {
    run_with(cmd, Duration::from_secs(180))
}

/// The Rust CLI: `pact broker …` / `pact verifier …`.
fn pact(modules: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(modules.join(".bin/pact"));
    c.args(args);
    c
}

/// The Ruby client (`@pact-foundation/pact-cli@16`): `pact-broker …`.
fn ruby(modules: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("node");
    c.arg(modules.join("pact-cli-ruby/bin/pact-broker.js"))
        .args(args);
    c
}

#[track_caller]
fn expect(step: &str, r: &Run, code: i32, needles: &[&str]) {
    assert_eq!(
        r.code, code,
        "{step}: exit {} (wanted {code})\n{}",
        r.code, r.out
    );
    for n in needles {
        assert!(r.out.contains(n), "{step}: output lacks {n:?}\n{}", r.out);
    }
}

/// The orders provider app (`tests/pact/provider.js`); `broken` makes it break the contract.
struct Provider {
    child: Child,
    port: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn provider(broken: bool) -> Provider {
    let mut child = Command::new("node")
        .arg(Path::new(PACT_DIR).join("provider.js"))
        .env("PORT", "0")
        .env("BREAK_CONTRACT", if broken { "1" } else { "0" })
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the provider app");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    let port = line
        .trim()
        .strip_prefix("PROVIDER LISTENING ")
        .unwrap_or_else(|| panic!("provider app did not start: {line:?}"))
        .to_string();
    Provider { child, port }
}

/// `pact verifier` fetching the provider's pacts from the broker by `selectors`, publishing
/// the results as `version` on branch main.
fn verify(modules: &Path, broker: &str, app: &Provider, selectors: &str, version: &str) -> Command {
    let states = format!("http://127.0.0.1:{}/_pact/provider-states", app.port);
    pact(
        modules,
        &[
            "verifier",
            "--broker-url",
            broker,
            "--provider-name",
            "orders",
            "--hostname",
            "127.0.0.1",
            "--port",
            &app.port,
            "--state-change-url",
            &states,
            "--consumer-version-selectors",
            selectors,
            "--enable-pending",
            "--publish",
            "--provider-version",
            version,
            "--provider-branch",
            "main",
            "--no-colour",
        ],
    )
}

/// Writes the consumer's pact with pact-js into `dir`; `extra` adds a fourth interaction.
fn consumer_pact(dir: &Path, extra: bool) -> PathBuf {
    let mut c = Command::new("node");
    c.arg(Path::new(PACT_DIR).join("consumer.test.js"))
        .env("PACT_DIR", dir)
        .env("PACT_EXTRA", if extra { "1" } else { "0" });
    let r = run(c);
    expect("pact-js consumer test", &r, 0, &["CONSUMER OK"]);
    let file = dir.join("web-orders.json");
    let pact: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("pact file")).expect("json");
    assert_eq!(pact["metadata"]["pactSpecification"]["version"], "4.0");
    let n = pact["interactions"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(n, if extra { 4 } else { 3 });
    file
}

/// Issue 8: pacts written by pact-js, published with `accord publish`, are verified by the
/// real `pact verifier` from the broker, and accord's own can-i-deploy then says yes.
#[test]
fn accord_publish_then_the_real_verifier() {
    let Some(modules) = clients() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("pacts");
    consumer_pact(&dir, false);
    let accord = |args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
        c.args(args)
            .env_remove("ACCORD_BROKER_URL")
            .env_remove("PACT_BROKER_BASE_URL")
            .env_remove("GITHUB_SHA");
        run(c)
    };
    for db in databases("accordpublish") {
        let server = serve(tmp.path(), &["--database-url", &db]);
        let b = server.url.as_str();
        let d = dir.to_str().expect("utf-8 path");
        let r = accord(&[
            "create-environment",
            "--name",
            "production",
            "--production",
            "-b",
            b,
        ]);
        expect(&format!("[{db}] accord create-environment"), &r, 0, &[]);
        let r = accord(&[
            "publish",
            d,
            "--consumer-app-version",
            "3.0.0",
            "--branch",
            "main",
            "-b",
            b,
        ]);
        expect(&format!("[{db}] accord publish"), &r, 0, &["web"]);
        let good = provider(false);
        let r = run(verify(
            &modules,
            b,
            &good,
            r#"{"mainBranch":true}"#,
            "2.0.0",
        ));
        eprintln!("--- [{db}] pact verifier: exit {}\n{}", r.code, r.out);
        expect(
            &format!("[{db}] pact verifier of accord-published pacts"),
            &r,
            0,
            &["a request for order 7", "a request for all orders"],
        );
        let r = accord(&[
            "record-deployment",
            "--pacticipant",
            "orders",
            "--version",
            "2.0.0",
            "--environment",
            "production",
            "-b",
            b,
        ]);
        expect(&format!("[{db}] accord record-deployment"), &r, 0, &[]);
        let r = accord(&[
            "can-i-deploy",
            "--pacticipant",
            "web",
            "--version",
            "3.0.0",
            "--to-environment",
            "production",
            "-b",
            b,
        ]);
        expect(
            &format!("[{db}] accord can-i-deploy"),
            &r,
            0,
            &["Deployable: yes", "pact verified"],
        );
    }
}

#[test]
fn real_pact_clients_end_to_end() {
    let Some(modules) = clients() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let (dir_a, dir_b) = (tmp.path().join("pacts-a"), tmp.path().join("pacts-b"));
    let pact_a = consumer_pact(&dir_a, false);
    let pact_b = consumer_pact(&dir_b, true);
    for db in databases("pactclients") {
        let server = serve(tmp.path(), &["--database-url", &db]);
        let b = server.url.as_str();
        let m = modules.as_path();
        let pa = pact_a.to_str().expect("utf-8 path");
        let pb = pact_b.to_str().expect("utf-8 path");
        let step = |name: &str, cmd: Command, code: i32, needles: &[&str]| {
            let r = run(cmd);
            eprintln!("--- [{db}] {name}: exit {}\n{}", r.code, r.out);
            if r.code != code {
                panic!(
                    "[{db}] {name}: exit {} (wanted {code})\n{}\n--- server log ---\n{}",
                    r.code,
                    r.out,
                    server.log()
                );
            }
            expect(&format!("[{db}] {name}"), &r, code, needles);
            r
        };

        for env in ["production", "test"] {
            let mut args = vec!["broker", "create-environment", "--name", env, "-b", b];
            if env == "production" {
                args.push("--production");
            }
            step(
                &format!("create-environment {env}"),
                pact(m, &args),
                0,
                &[&format!("Created {env} environment in the Pact Broker")],
            );
        }

        // web 1.0.0 (main) by the Rust CLI; web 1.1.0 (feat-x, one more interaction) by Ruby.
        step(
            "pact broker publish",
            pact(
                m,
                &[
                    "broker",
                    "publish",
                    pa,
                    "--consumer-app-version",
                    "1.0.0",
                    "--branch",
                    "main",
                    "-b",
                    b,
                ],
            ),
            0,
            &[
                "Created web version 1.0.0 with branch main",
                "Pact published for web version 1.0.0 and provider orders",
            ],
        );
        step(
            "pact-broker publish (Ruby)",
            ruby(
                m,
                &[
                    "publish",
                    pb,
                    "--consumer-app-version",
                    "1.1.0",
                    "--branch",
                    "feat-x",
                    "--broker-base-url",
                    b,
                ],
            ),
            0,
            &[
                "Created web version 1.1.0 with branch feat-x",
                "Pact published for web version 1.1.0 and provider orders",
            ],
        );

        // orders 2.0.0 honours the main-branch pact; deploy it.
        let good = provider(false);
        step(
            "pact verifier (mainBranch)",
            verify(m, b, &good, r#"{"mainBranch":true}"#, "2.0.0"),
            0,
            &[
                "is in pending state",
                "a request for order 7",
                "no longer in pending state",
            ],
        );
        step(
            "record-deployment orders 2.0.0",
            pact(
                m,
                &[
                    "broker",
                    "record-deployment",
                    "--pacticipant",
                    "orders",
                    "--version",
                    "2.0.0",
                    "--environment",
                    "production",
                    "-b",
                    b,
                ],
            ),
            0,
            &["Recorded deployment of orders version 2.0.0 to production"],
        );

        let can = |cli: &str, who: &str, version: &str, code: i32, reason: &str| {
            let args = [
                "--pacticipant",
                who,
                "--version",
                version,
                "--to-environment",
                "production",
            ];
            let (cmd, label) = if cli == "rust" {
                let mut a = vec!["broker", "can-i-deploy"];
                a.extend(args);
                a.extend(["-b", b]);
                (pact(m, &a), "pact broker can-i-deploy")
            } else {
                let mut a = vec!["can-i-deploy"];
                a.extend(args);
                a.extend(["--broker-base-url", b]);
                (ruby(m, &a), "pact-broker can-i-deploy (Ruby)")
            };
            let verdict = if code == 0 {
                "Computer says yes"
            } else {
                "Computer says no"
            };
            step(
                &format!("{label} {who} {version}"),
                cmd,
                code,
                &[verdict, reason],
            );
        };
        for cli in ["rust", "ruby"] {
            can(cli, "web", "1.0.0", 0, ALL_OK); // verified by the deployed orders 2.0.0
            can(
                cli,
                "web",
                "1.1.0",
                1,
                "There is no verified pact between version 1.1.0 of web and the version of orders currently deployed to production (2.0.0)",
            );
        }

        // web 1.0.0 goes to production; orders 2.1.0 breaks the contract.
        step(
            "record-deployment web 1.0.0",
            pact(
                m,
                &[
                    "broker",
                    "record-deployment",
                    "--pacticipant",
                    "web",
                    "--version",
                    "1.0.0",
                    "--environment",
                    "production",
                    "-b",
                    b,
                ],
            ),
            0,
            &["Recorded deployment of web version 1.0.0 to production"],
        );
        let broken = provider(true);
        step(
            "pact verifier (broken provider)",
            verify(m, b, &broken, r#"{"mainBranch":true}"#, "2.1.0"),
            1,
            &[
                "previously been successfully verified",
                "Actual map is missing the following keys: status",
            ],
        );
        drop(broken);
        for cli in ["rust", "ruby"] {
            can(
                cli,
                "orders",
                "2.1.0",
                1,
                "The verification for the pact between the version of web currently deployed to production (1.0.0) and version 2.1.0 of orders failed",
            );
            can(cli, "orders", "2.0.0", 0, ALL_OK);
        }

        // A verification arriving while can-i-deploy waits on an unknown result.
        let waiting = pact(
            m,
            &[
                "broker",
                "can-i-deploy",
                "--pacticipant",
                "web",
                "--version",
                "1.1.0",
                "--to-environment",
                "production",
                "--retry-while-unknown",
                "30",
                "--retry-interval",
                "1",
                "-b",
                b,
            ],
        );
        let waiter = std::thread::spawn(move || run_with(waiting, Duration::from_secs(120)));
        std::thread::sleep(Duration::from_secs(3));
        assert!(
            !waiter.is_finished(),
            "[{db}] can-i-deploy did not wait for the unknown result"
        );
        step(
            "pact verifier (feat-x branch)",
            verify(m, b, &good, r#"{"branch":"feat-x"}"#, "2.0.0"),
            0,
            &["a request to cancel order 7"],
        );
        let r = waiter.join().expect("can-i-deploy thread");
        expect(
            &format!("[{db}] can-i-deploy --retry-while-unknown"),
            &r,
            0,
            &["Computer says yes"],
        );

        step(
            "describe-version",
            pact(
                m,
                &[
                    "broker",
                    "describe-version",
                    "--pacticipant",
                    "web",
                    "--version",
                    "1.0.0",
                    "-b",
                    b,
                ],
            ),
            0,
            &["NAME", "1.0.0"],
        );
        step(
            "record-undeployment web",
            pact(
                m,
                &[
                    "broker",
                    "record-undeployment",
                    "--pacticipant",
                    "web",
                    "--environment",
                    "production",
                    "-b",
                    b,
                ],
            ),
            0,
            &["Undeployed web from production environment"],
        );
        // With web gone from production, nothing there depends on orders 2.1.0's pact.
        can(
            "rust",
            "orders",
            "2.1.0",
            0,
            "There are no missing dependencies",
        );
    }
}

/// What one `pact verifier --file` replay of a contract file gave: (passed, failures).
fn replay(modules: &Path, server: &Server, file: &Path, report: &Path) -> (usize, Vec<String>) {
    let port = server.url.rsplit(':').next().unwrap_or("").to_string();
    let states = format!("{}/_pact/provider-states", server.url);
    let r = run(pact(
        modules,
        &[
            "verifier",
            "--file",
            file.to_str().expect("utf-8 path"),
            "--hostname",
            "127.0.0.1",
            "--port",
            &port,
            "--state-change-url",
            &states,
            "--state-change-teardown",
            // The contract was recorded against rack-test, whose requests carry this host;
            // its literal (unmatched) links say http://example.org/….
            "--header",
            "Host=example.org",
            "--json",
            report.to_str().expect("utf-8 path"),
            "--no-colour",
        ],
    ));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(report).unwrap_or_else(|_| panic!("no report:\n{}", r.out)),
    )
    .expect("report json");
    let results = json["interactionResults"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let passed = results.iter().filter(|i| i["result"] == "OK").count();
    let failed = json["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let name = e["interaction"].as_str().unwrap_or("?");
                    let why = e["mismatch"]["mismatches"]
                        .as_array()
                        .and_then(|m| m.first())
                        .and_then(|m| m["mismatch"].as_str())
                        .or_else(|| e["mismatch"]["message"].as_str())
                        .unwrap_or("");
                    format!("{name}: {}", why.lines().next().unwrap_or(""))
                })
                .collect()
        })
        .unwrap_or_default();
    (passed, failed)
}

#[test]
fn pact_broker_client_contract_replay() {
    let Some(modules) = clients() else { return };
    let files = [
        "pact_broker_client-pact_broker.json",
        "Pact_Broker_Client_V2-Pact_Broker.json",
    ];
    let tmp = tempfile::tempdir().expect("tmp");
    for db in databases("conformance") {
        let server = serve(tmp.path(), &["--database-url", &db, "--provider-states"]);
        let (mut passed, mut failed, mut total) = (0, Vec::new(), 0);
        for (i, f) in files.iter().enumerate() {
            let file = Path::new(CONFORMANCE).join(f);
            let contract: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("contract"))
                    .expect("json");
            total += contract["interactions"]
                .as_array()
                .map(Vec::len)
                .unwrap_or(0);
            let (p, f) = replay(
                &modules,
                &server,
                &file,
                &tmp.path().join(format!("r{i}.json")),
            );
            passed += p;
            failed.extend(f);
        }
        assert_eq!(total, CONFORMANCE_TOTAL, "the contract files changed");
        eprintln!(
            "[{db}] Pact Broker client contract: {passed}/{total} interactions pass; failing:\n  {}",
            failed.join("\n  ")
        );
        assert!(
            passed >= CONFORMANCE_PASSING,
            "[{db}] only {passed}/{total} interactions pass (recorded: {CONFORMANCE_PASSING}); failing:\n  {}",
            failed.join("\n  ")
        );

        // A second opinion on the V1 file from the Ruby verifier the client's own project
        // used: it keeps the recorded query order and matches array lengths more strictly.
        let (ruby_passed, ruby_total, out) = replay_ruby(&modules, &server, files[0], tmp.path());
        eprintln!(
            "[{db}] Ruby verifier, {}: {ruby_passed}/{ruby_total} pass",
            files[0]
        );
        assert!(
            ruby_passed >= RUBY_V1_PASSING,
            "[{db}] Ruby verifier: only {ruby_passed}/{ruby_total} pass (recorded: {RUBY_V1_PASSING})\n{out}"
        );
    }
}

/// `pact-provider-verifier` (Ruby) on one contract file: (passed, total, its output).
fn replay_ruby(modules: &Path, server: &Server, file: &str, dir: &Path) -> (usize, usize, String) {
    let states = format!("{}/_pact/provider-states", server.url);
    let mut c = Command::new("node");
    // It writes log/pact.log under its working directory: keep that out of the source tree.
    c.current_dir(dir)
        .arg(modules.join("pact-cli-ruby/bin/pact-provider-verifier.js"))
        .arg(Path::new(CONFORMANCE).join(file))
        .args(["--provider-base-url", &server.url])
        .args(["--provider-states-setup-url", &states]);
    let r = run(c);
    // Its summary line: "64 interactions, 5 failures".
    let counts = r.out.lines().rev().find_map(|l| {
        let (n, rest) = l.trim().split_once(" interaction")?;
        let failures = rest.split(", ").nth(1)?.split_whitespace().next()?;
        Some((n.parse::<usize>().ok()?, failures.parse::<usize>().ok()?))
    });
    let Some((total, failures)) = counts else {
        panic!(
            "no summary from the Ruby verifier (exit {}):\n{}",
            r.code, r.out
        );
    };
    (total - failures.min(total), total, r.out)
}

/// A webhook receiver on a free loopback port: answers 200 and keeps each request's
/// target and body.
fn receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = seen.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut target = String::new();
            let _ = reader.read_line(&mut target);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':')
                    && k.eq_ignore_ascii_case("content-length")
                {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let seen = format!("{} {}", target.trim(), String::from_utf8_lossy(&body));
            sink.lock().expect("seen").push(seen);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
        }
    });
    (url, seen)
}

/// Webhooks with the Ruby client: `create-or-update-webhook`, then a publication fires it
/// with the placeholders filled, and `test-webhook` runs it on request.
#[test]
fn webhooks_with_the_real_client() {
    let Some(modules) = clients() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let pact_file = consumer_pact(&tmp.path().join("pacts"), false);
    let (target, seen) = receiver();
    for db in databases("webhooks") {
        seen.lock().expect("seen").clear();
        let server = serve(
            tmp.path(),
            &[
                "--database-url",
                &db,
                "--webhook-scheme-whitelist",
                "http",
                "--webhook-host-whitelist",
                "127.0.0.1",
            ],
        );
        let b = server.url.as_str();
        let m = modules.as_path();
        for name in ["web", "orders"] {
            let r = run(ruby(
                m,
                &[
                    "create-or-update-pacticipant",
                    "--name",
                    name,
                    "--broker-base-url",
                    b,
                ],
            ));
            expect(&format!("[{db}] pacticipant {name}"), &r, 0, &[]);
        }
        let url = format!("{target}/hook?pact=${{pactbroker.pactUrl}}");
        let r = run(ruby(
            m,
            &[
                "create-or-update-webhook",
                &url,
                "--request",
                "POST",
                "--data",
                "{\"version\":\"${pactbroker.consumerVersionNumber}\"}",
                "--consumer",
                "web",
                "--provider",
                "orders",
                "--contract-content-changed",
                "--uuid",
                "0123456789abcdef-hook",
                "--broker-base-url",
                b,
            ],
        ));
        expect(
            &format!("[{db}] create-or-update-webhook"),
            &r,
            0,
            &["created"],
        );
        let r = run(ruby(
            m,
            &[
                "publish",
                pact_file.to_str().expect("utf-8 path"),
                "--consumer-app-version",
                "1.0.0",
                "--branch",
                "main",
                "--broker-base-url",
                b,
            ],
        ));
        expect(&format!("[{db}] publish"), &r, 0, &[]);
        let pact_url = format!("{b}/pacts/provider/orders/consumer/web/version/1.0.0")
            .replace(':', "%3A")
            .replace('/', "%2F");
        let wanted = format!("POST /hook?pact={pact_url} HTTP/1.1 {{\"version\":\"1.0.0\"}}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !seen.lock().expect("seen").contains(&wanted) {
            assert!(
                Instant::now() < deadline,
                "[{db}] no webhook {wanted:?}; got {:?}\n{}",
                seen.lock().expect("seen"),
                server.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let r = run(ruby(
            m,
            &[
                "test-webhook",
                "--uuid",
                "0123456789abcdef-hook",
                "--broker-base-url",
                b,
            ],
        ));
        expect(
            &format!("[{db}] test-webhook"),
            &r,
            0,
            &["response status 200", "Webhook execution succeeded"],
        );
        assert_eq!(
            seen.lock().expect("seen").len(),
            2,
            "[{db}] {:?}",
            seen.lock()
        );
    }
}
