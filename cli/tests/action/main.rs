//! The GitHub Action (`action.yml` + `action/*.sh`) run as a runner would run it, without
//! GitHub: a simulated runner (runner.rs) executes its steps in a temporary clone of a
//! repository whose pull request branch breaks the base branch, with the real `accord` binary
//! standing in for the installed one (ACCORD_BIN). actionlint.rs lints the action's metadata
//! and the example workflows of docs/github-action.md.

mod actionlint;
mod broker;
mod changelog;
mod install;
mod runner;

use runner::{Job, Outcome, run};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const CLEAN: &str = "syntax = \"proto3\";

package acme.v1;

message Order {
  string order_id = 1;
  int64 total = 2;
}
";

/// Field 2 deleted (FIELD_NO_DELETE at 5:1 against CLEAN) and a field named `fooBar`
/// (FIELD_LOWER_SNAKE_CASE at 7:9).
pub const PR: &str = "syntax = \"proto3\";

package acme.v1;

message Order {
  string order_id = 1;
  int64 fooBar = 3;
}
";

pub const LINT_ANNOTATION: &str = "::error file=proto/acme/v1/order.proto,line=7,col=9,endLine=7,endColumn=15,title=FIELD_LOWER_SNAKE_CASE::Field name \"fooBar\" should be lower_snake_case, such as \"foo_bar\".";

pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=accord test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A repository with a remote: `origin` (bare) holds `main` (CLEAN) and `feature` (PR), the
/// schema under `{prefix}proto/acme/v1/order.proto`; `ws` is a checkout of `feature`.
pub struct PrRepo {
    pub dir: tempfile::TempDir,
    pub ws: PathBuf,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Checkout {
    /// Every branch, origin/main among them.
    Full,
    /// One commit of the PR branch, as actions/checkout fetches it by default.
    Shallow,
}

pub fn pr_repo(prefix: &str, checkout: Checkout) -> PrRepo {
    let file = format!("{prefix}proto/acme/v1/order.proto");
    repo_with(&file, CLEAN, PR, checkout)
}

/// Like `pr_repo`, with `file` holding `base` on `main` and `pr` on `feature`.
pub fn repo_with(file: &str, base: &str, pr: &str, checkout: Checkout) -> PrRepo {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = dir.path().join("seed");
    let origin = dir.path().join("origin.git");
    std::fs::create_dir_all(&seed).unwrap();
    git(&seed, &["init", "-q"]);
    std::fs::create_dir_all(seed.join(file).parent().unwrap()).unwrap();
    std::fs::write(seed.join(file), base).unwrap();
    git(&seed, &["add", "-A"]);
    git(&seed, &["commit", "-q", "-m", "v1"]);
    git(&seed, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(seed.join(file), pr).unwrap();
    git(&seed, &["commit", "-q", "-am", "rename and delete"]);
    git(dir.path(), &["clone", "-q", "--bare", "seed", "origin.git"]);
    let url = format!("file://{}", origin.display());
    let ws = dir.path().join("ws");
    match checkout {
        Checkout::Full => {
            git(dir.path(), &["clone", "-q", &url, "ws"]);
            git(&ws, &["checkout", "-q", "feature"]);
        }
        Checkout::Shallow => {
            git(
                dir.path(),
                &[
                    "clone",
                    "-q",
                    "--depth=1",
                    "--single-branch",
                    "--branch",
                    "feature",
                    &url,
                    "ws",
                ],
            );
        }
    }
    PrRepo { dir, ws }
}

pub fn accord_bin() -> (String, String) {
    ("ACCORD_BIN".into(), env!("CARGO_BIN_EXE_accord").into())
}

/// Runs the action in `ws` with the real binary and `extra` environment.
pub fn run_action(ws: &Path, with: &[(&str, &str)], extra: &[(&str, &str)]) -> Outcome {
    let mut env = vec![accord_bin()];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let o = run(&Job {
        workspace: ws,
        with,
        env,
    });
    assert!(
        !o.stderr.contains("panicked"),
        "accord panicked:\n{}",
        o.stderr
    );
    o
}

pub fn output<'a>(o: &'a Outcome, name: &str) -> &'a str {
    o.outputs.get(name).map(String::as_str).unwrap_or("<unset>")
}

#[test]
fn lint_annotates_summarises_and_sets_outputs() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(&repo.ws, &[("command", "lint"), ("args", "proto")], &[]);
    assert_eq!(o.code, 1, "an error fails the step: {o:#?}");
    assert!(
        o.stdout.lines().any(|l| l == LINT_ANNOTATION),
        "{}",
        o.stdout
    );
    assert!(o.summary.starts_with("## accord lint\n"), "{}", o.summary);
    assert!(
        o.summary
            .contains("**1 error(s), 0 warning(s), 0 info(s)**"),
        "{}",
        o.summary
    );
    assert!(
        o.summary.contains(
            "| error | `FIELD_LOWER_SNAKE_CASE` | `proto/acme/v1/order.proto:7:9` (`acme.v1.Order.fooBar`) |"
        ),
        "{}",
        o.summary
    );
    assert_eq!(output(&o, "findings"), "1");
    assert_eq!(output(&o, "errors"), "1");
    assert_eq!(output(&o, "deployable"), "");
}

#[test]
fn fail_on_none_passes_and_still_counts() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(
        &repo.ws,
        &[("command", "lint"), ("args", "proto"), ("fail-on", "none")],
        &[],
    );
    assert_eq!(o.code, 0, "{o:#?}");
    assert!(o.stdout.contains(LINT_ANNOTATION), "{}", o.stdout);
    assert_eq!(output(&o, "findings"), "1");
    assert_eq!(output(&o, "errors"), "1");
}

#[test]
fn a_clean_lint_says_so() {
    let repo = pr_repo("", Checkout::Full);
    git(&repo.ws, &["checkout", "-q", "main"]);
    let o = run_action(&repo.ws, &[("command", "lint"), ("args", "proto")], &[]);
    assert_eq!(o.code, 0, "{o:#?}");
    assert!(!o.stdout.contains("::error"), "{}", o.stdout);
    assert_eq!(o.summary, "## accord lint\n\nNo findings.\n");
    assert_eq!(output(&o, "findings"), "0");
    assert_eq!(output(&o, "errors"), "0");
}

const BREAKING_ANNOTATION: &str = "::error file=proto/acme/v1/order.proto,line=5,col=1,endLine=8,title=FIELD_NO_DELETE::Previously present field \"2\" with name \"total\" on message \"Order\" was deleted.";

fn assert_breaking(o: &Outcome) {
    assert_eq!(o.code, 1, "{o:#?}");
    assert!(
        o.stdout.lines().any(|l| l == BREAKING_ANNOTATION),
        "{}",
        o.stdout
    );
    assert!(
        !o.stdout.contains("FIELD_LOWER_SNAKE_CASE"),
        "breaking runs no lint rules"
    );
    assert!(
        o.summary.starts_with("## accord breaking\n"),
        "{}",
        o.summary
    );
    assert!(
        o.summary.contains("| error | `FIELD_NO_DELETE` |"),
        "{}",
        o.summary
    );
    assert_eq!(output(o, "findings"), "1");
    assert_eq!(output(o, "errors"), "1");
}

/// The default `against`: the PR's base branch, which a one-commit checkout does not have and
/// the action fetches.
#[test]
fn breaking_fetches_the_base_branch_of_a_shallow_checkout() {
    let repo = pr_repo("", Checkout::Shallow);
    let has_main = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "origin/main"])
        .current_dir(&repo.ws)
        .status()
        .unwrap();
    assert!(
        !has_main.success(),
        "the checkout starts without origin/main"
    );
    let o = run_action(
        &repo.ws,
        &[("command", "breaking"), ("args", "proto")],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_breaking(&o);
    git(&repo.ws, &["rev-parse", "--verify", "origin/main"]);
    assert_eq!(
        git(&repo.ws, &["rev-parse", "--is-shallow-repository"]).trim(),
        "true"
    );
}

#[test]
fn breaking_uses_an_origin_base_branch_already_there() {
    let repo = pr_repo("", Checkout::Full);
    // No origin to fetch from: the existing ref must be used as it is.
    git(&repo.ws, &["remote", "set-url", "origin", "/nonexistent"]);
    let o = run_action(
        &repo.ws,
        &[("command", "breaking"), ("args", "proto")],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_breaking(&o);
}

#[test]
fn breaking_against_an_explicit_revision() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(
        &repo.ws,
        &[
            ("command", "breaking"),
            ("args", "proto"),
            ("against", "HEAD~1"),
        ],
        &[],
    );
    assert_breaking(&o);
}

#[test]
fn breaking_without_a_base_says_what_to_set() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(&repo.ws, &[("command", "breaking"), ("args", "proto")], &[]);
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(
        o.stdout
            .contains("::error title=accord::breaking: no 'against' input"),
        "{}",
        o.stdout
    );
}

#[test]
fn breaking_with_a_base_branch_that_does_not_exist() {
    let repo = pr_repo("", Checkout::Shallow);
    let o = run_action(
        &repo.ws,
        &[("command", "breaking"), ("args", "proto")],
        &[("GITHUB_BASE_REF", "no-such-branch")],
    );
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(
        o.stdout.contains(
            "::error title=accord::breaking: could not fetch the base branch 'no-such-branch'"
        ),
        "{}",
        o.stdout
    );
}

/// Annotations must name files from the repository root, whatever `working-directory` is.
#[test]
fn working_directory_keeps_annotation_paths_repository_relative() {
    let repo = pr_repo("services/api/", Checkout::Full);
    let o = run_action(
        &repo.ws,
        &[
            ("command", "breaking"),
            ("args", "proto"),
            ("working-directory", "services/api"),
        ],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_eq!(o.code, 1, "{o:#?}");
    assert!(
        o.stdout.contains(
            "::error file=services/api/proto/acme/v1/order.proto,line=5,col=1,endLine=8,title=FIELD_NO_DELETE::"
        ),
        "{}",
        o.stdout
    );
}

/// `args` is split as a shell splits words: the quoted file name stays one argument.
#[test]
fn args_are_split_like_shell_words() {
    let repo = pr_repo("", Checkout::Full);
    std::fs::write(
        repo.ws.join("ci config.yaml"),
        "protobuf:\n  lint:\n    severity:\n      FIELD_LOWER_SNAKE_CASE: warning\n",
    )
    .unwrap();
    let o = run_action(
        &repo.ws,
        &[
            ("command", "lint"),
            ("args", "proto --config 'ci config.yaml'"),
        ],
        &[],
    );
    assert_eq!(
        o.code, 0,
        "a warning does not fail at fail-on error: {o:#?}"
    );
    assert!(
        o.stdout
            .contains("::warning file=proto/acme/v1/order.proto,line=7,col=9"),
        "{}",
        o.stdout
    );
    assert!(
        o.summary
            .contains("**0 error(s), 1 warning(s), 0 info(s)**"),
        "{}",
        o.summary
    );
    assert_eq!(output(&o, "findings"), "1");
    assert_eq!(output(&o, "errors"), "0");

    // Blank args are no arguments (the working directory), not one empty argument.
    let o = run_action(&repo.ws, &[("command", "lint"), ("args", " \n  ")], &[]);
    assert_eq!(o.code, 1, "{o:#?}");
    assert!(o.stdout.contains(LINT_ANNOTATION), "{}", o.stdout);

    let o = run_action(
        &repo.ws,
        &[("command", "lint"), ("args", "proto --config 'unclosed")],
        &[],
    );
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(
        o.stdout.contains("::error title=accord::args: "),
        "{}",
        o.stdout
    );
}

#[test]
fn an_unknown_command_is_refused() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(&repo.ws, &[("command", "deploy")], &[]);
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(
        o.stdout
            .contains("::error title=accord::unknown command 'deploy'"),
        "{}",
        o.stdout
    );
}

/// An input error (a path that does not exist) fails the step with accord's message in the
/// summary, and sets no counts.
#[test]
fn an_input_error_fails_with_the_message_in_the_summary() {
    let repo = pr_repo("", Checkout::Full);
    let o = run_action(&repo.ws, &[("command", "lint"), ("args", "nowhere")], &[]);
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(o.stderr.contains("accord: error:"), "{}", o.stderr);
    assert!(
        o.summary.starts_with("## accord lint\n\nFailed (exit 2):"),
        "{}",
        o.summary
    );
    assert_eq!(output(&o, "findings"), "");
}

/// A stand-in `accord` for the broker commands, which need a broker: it records its
/// arguments and the broker environment, and answers as the command's contract says
/// (can-i-deploy: `--output json` with `summary.deployable`, exit 0 yes, 1 no or unknown).
fn fake_accord(dir: &Path, stdout: &str, code: i32) -> PathBuf {
    let log = dir.join("calls.log");
    let bin = dir.join("fake-accord");
    std::fs::write(
        &bin,
        format!(
            "#!/usr/bin/env bash\n{{ printf '%s\\n' \"$*\"; echo \"url=${{ACCORD_BROKER_URL:-}} token=${{ACCORD_BROKER_TOKEN:-}}\"; }} >>'{}'\ncat <<'JSON'\n{stdout}\nJSON\nexit {code}\n",
            log.display()
        ),
    )
    .unwrap();
    make_executable(&bin);
    bin
}

pub fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn run_with_fake(fake: &Path, with: &[(&str, &str)]) -> (Outcome, String) {
    let ws = tempfile::tempdir().unwrap();
    let o = run(&Job {
        workspace: ws.path(),
        with,
        env: vec![("ACCORD_BIN".into(), fake.to_str().unwrap().into())],
    });
    let log = std::fs::read_to_string(fake.parent().unwrap().join("calls.log")).unwrap_or_default();
    (o, log)
}

#[test]
fn can_i_deploy_sets_deployable_from_the_json_answer() {
    for (json, code, deployable, verdict) in [
        (
            r#"{"summary":{"deployable":true,"reason":"All required verification results are published and successful"},"matrix":[]}"#,
            0,
            "true",
            "**Deployable: yes** — All required verification results are published and successful",
        ),
        (
            r#"{"summary":{"deployable":false,"reason":"The verification for the pact between the latest version of Web (1.0) and Orders (2.0) failed"},"matrix":[]}"#,
            1,
            "false",
            "**Deployable: no** — The verification",
        ),
        (
            r#"{"summary":{"deployable":null,"reason":"There is no verified pact"},"matrix":[]}"#,
            1,
            "unknown",
            "**Deployable: unknown** — There is no verified pact",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let fake = fake_accord(dir.path(), json, code);
        let (o, log) = run_with_fake(
            &fake,
            &[
                ("command", "can-i-deploy"),
                (
                    "args",
                    "--pacticipant Web --version 1.0 --to-environment production",
                ),
                ("broker-url", "https://broker.example"),
                ("broker-token", "s3cret"),
            ],
        );
        assert_eq!(o.code, code, "{o:#?}");
        assert_eq!(output(&o, "deployable"), deployable);
        assert!(
            o.summary.starts_with("## accord can-i-deploy\n"),
            "{}",
            o.summary
        );
        assert!(o.summary.contains(verdict), "{}", o.summary);
        assert!(o.stdout.contains(json), "the answer is in the log");
        assert!(o.stdout.contains("::add-mask::s3cret"), "{}", o.stdout);
        assert_eq!(
            log,
            "can-i-deploy --pacticipant Web --version 1.0 --to-environment production --output json\nurl=https://broker.example token=s3cret\n"
        );
    }
}

/// The answer shape of `accord can-i-deploy --output json` (accord's verdict at the top, the
/// broker's summary kept) decides the output too, and accord's `deployable` wins.
#[test]
fn can_i_deploy_reads_accords_own_verdict_first() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"deployable":false,"reason":"Web 1.0 has no verified pact with Orders","summary":{"deployable":null,"reason":"broker"},"integrations":[]}"#;
    let fake = fake_accord(dir.path(), json, 1);
    let (o, _) = run_with_fake(
        &fake,
        &[
            ("command", "can-i-deploy"),
            (
                "args",
                "--pacticipant Web --version 1.0 --to-environment production",
            ),
        ],
    );
    assert_eq!(output(&o, "deployable"), "false");
    assert!(
        o.summary
            .contains("**Deployable: no** — Web 1.0 has no verified pact with Orders"),
        "{}",
        o.summary
    );
}

#[test]
fn publish_passes_args_and_broker_through() {
    let dir = tempfile::tempdir().unwrap();
    let fake = fake_accord(dir.path(), "Published 2 pacts", 0);
    let (o, log) = run_with_fake(
        &fake,
        &[
            ("command", "publish"),
            ("args", "pacts --consumer-app-version 1.2.3 --branch main"),
            ("broker-url", "http://localhost:9292"),
        ],
    );
    assert_eq!(o.code, 0, "{o:#?}");
    assert_eq!(
        log,
        "publish pacts --consumer-app-version 1.2.3 --branch main\nurl=http://localhost:9292 token=\n"
    );
    assert_eq!(
        o.summary,
        "## accord publish\n\n```\nPublished 2 pacts\n```\n"
    );
    assert!(
        !o.stdout.contains("::add-mask::"),
        "no token, nothing to mask"
    );

    let fake = fake_accord(dir.path(), "error: the broker answered 500", 2);
    let (o, _) = run_with_fake(&fake, &[("command", "record-deployment")]);
    assert_eq!(o.code, 2, "accord's exit code is the step's");
    assert!(
        o.summary.contains("the broker answered 500"),
        "{}",
        o.summary
    );
}

/// A report over GitHub's summary size limit is cut at a row, with a note; the outputs
/// still count every finding.
#[test]
fn a_large_report_is_cut_to_fit_the_summary() {
    let ws = tempfile::tempdir().unwrap();
    let fields: String = (1..=40)
        .map(|i| format!("  int64 fooBar{i} = {i};\n"))
        .collect();
    let file = ws.path().join("proto/acme/v1/order.proto");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        format!("syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Order {{\n{fields}}}\n"),
    )
    .unwrap();
    let o = run_action(
        ws.path(),
        &[("command", "lint"), ("args", "proto")],
        &[("ACCORD_SUMMARY_LIMIT", "2000")],
    );
    assert_eq!(o.code, 1, "{o:#?}");
    assert_eq!(output(&o, "findings"), "40");
    assert_eq!(o.stdout.matches("::error file=").count(), 40);
    assert!(o.summary.len() <= 2000, "{} bytes", o.summary.len());
    let (table, note) = o.summary.rsplit_once("\n\n").unwrap();
    let rows = table.lines().filter(|l| l.starts_with("| error |")).count();
    assert!(rows > 0 && rows < 40, "{}", o.summary);
    assert!(table.ends_with(" |"), "cut at a whole row: {table}");
    assert_eq!(
        note,
        format!(
            "{rows} of 40 findings shown: the rest did not fit in the 1 MiB job summary. Every finding is in the step log (and annotated, up to GitHub's limit per step).\n"
        )
    );
}
