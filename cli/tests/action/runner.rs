//! A small stand-in for the GitHub Actions runner: it runs the composite steps of `action.yml`
//! the way the runner does — `${{ }}` expressions substituted in `env`, `run` and
//! `working-directory`, each `run` written to a script and started with
//! `bash --noprofile --norc -eo pipefail`, `GITHUB_OUTPUT` read back after each step into
//! `steps.<id>.outputs`, the step summaries concatenated, later steps skipped after a failure,
//! and the action's `outputs` evaluated at the end.
//!
//! Only the expressions the action uses are understood; anything else panics, so a change to
//! action.yml that this runner cannot follow fails the test instead of being mis-simulated.

use serde_yaml_ng::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, which is what `GITHUB_ACTION_PATH` points at for `uses: owner/accord@v1`.
pub fn action_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

pub fn action_yml() -> Value {
    let text = std::fs::read_to_string(action_path().join("action.yml")).expect("action.yml");
    serde_yaml_ng::from_str(&text).expect("action.yml is YAML")
}

/// One use of the action: the `with:` inputs and the job's environment.
pub struct Job<'a> {
    pub workspace: &'a Path,
    pub with: &'a [(&'a str, &'a str)],
    /// Extra environment (GITHUB_BASE_REF, ACCORD_BIN, PATH …) on top of the runner's own.
    pub env: Vec<(String, String)>,
}

/// What the action left behind.
#[derive(Debug)]
pub struct Outcome {
    /// The exit code of the first step that failed, or 0.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub summary: String,
    pub outputs: BTreeMap<String, String>,
    /// Each step's `GITHUB_OUTPUT`, by step id.
    pub steps: BTreeMap<String, BTreeMap<String, String>>,
}

struct Context<'a> {
    inputs: BTreeMap<String, String>,
    steps: BTreeMap<String, BTreeMap<String, String>>,
    action_path: &'a str,
    temp: &'a str,
}

impl Context<'_> {
    fn lookup(&self, expr: &str) -> String {
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => self
                .inputs
                .get(*name)
                .unwrap_or_else(|| panic!("action.yml uses undeclared input `{name}`"))
                .clone(),
            ["steps", id, "outputs", name] => self
                .steps
                .get(*id)
                .and_then(|o| o.get(*name))
                .cloned()
                .unwrap_or_default(),
            ["github", "action_path"] => self.action_path.to_string(),
            // The runner does not always fill it for composite actions; the install script
            // copes with it empty, so simulate that.
            ["github", "action_repository"] => String::new(),
            ["runner", "temp"] => self.temp.to_string(),
            ["runner", "os"] => "Linux".into(),
            _ => panic!("the simulated runner does not know the expression `{expr}`"),
        }
    }

    /// Substitutes every `${{ expr }}` in `text`.
    fn substitute(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find("}}")
                .unwrap_or_else(|| panic!("unclosed expression in {text:?}"))
                + start;
            out.push_str(&self.lookup(rest[start + 3..end].trim()));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

fn string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// Reads a `GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIMITER` blocks.
pub fn parse_output_file(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let mut value = Vec::new();
            for l in lines.by_ref() {
                if l == delimiter {
                    break;
                }
                value.push(l);
            }
            out.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            out.insert(name.to_string(), value.to_string());
        } else if !line.is_empty() {
            panic!("malformed GITHUB_OUTPUT line {line:?}");
        }
    }
    out
}

/// Runs the action's steps as the runner would for `uses: ./` with `job.with`.
pub fn run(job: &Job) -> Outcome {
    let yml = action_yml();
    let runs = &yml["runs"];
    assert_eq!(runs["using"].as_str(), Some("composite"));
    let temp = tempfile::tempdir().expect("runner temp");
    let temp_s = temp.path().to_str().expect("utf-8 temp").to_string();
    let action_path = action_path();
    let action_path_s = action_path.to_str().expect("utf-8 path").to_string();

    let declared = yml["inputs"].as_mapping().expect("inputs");
    let mut inputs = BTreeMap::new();
    for (name, spec) in declared {
        inputs.insert(string(name), string(&spec["default"]));
    }
    for (name, value) in job.with {
        assert!(
            inputs.contains_key(*name),
            "input `{name}` is not declared in action.yml (the runner would warn)"
        );
        inputs.insert(name.to_string(), value.to_string());
    }
    let mut cx = Context {
        inputs,
        steps: BTreeMap::new(),
        action_path: &action_path_s,
        temp: &temp_s,
    };

    let mut outcome = Outcome {
        code: 0,
        stdout: String::new(),
        stderr: String::new(),
        summary: String::new(),
        outputs: BTreeMap::new(),
        steps: BTreeMap::new(),
    };
    for (i, step) in runs["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .enumerate()
    {
        assert!(step.get("if").is_none(), "the simulated runner has no `if`");
        assert_eq!(step["shell"].as_str(), Some("bash"), "step {i}: shell");
        let script = cx.substitute(step["run"].as_str().expect("run"));
        let script_path = temp.path().join(format!("step{i}.sh"));
        std::fs::write(&script_path, &script).expect("write step script");
        let output_file = temp.path().join(format!("output{i}"));
        let summary_file = temp.path().join(format!("summary{i}"));
        std::fs::write(&output_file, "").expect("output file");
        std::fs::write(&summary_file, "").expect("summary file");
        let dir = match step.get("working-directory") {
            Some(d) => job.workspace.join(cx.substitute(&string(d))),
            None => job.workspace.to_path_buf(),
        };
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_path)
            .current_dir(&dir)
            .env("GITHUB_ACTIONS", "true")
            .env("CI", "true")
            .env("NO_COLOR", "1")
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_TEMP", &temp_s)
            .env("GITHUB_WORKSPACE", job.workspace)
            .env("GITHUB_ACTION_PATH", &action_path_s)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary_file)
            .env_remove("ACCORD_BIN")
            .env_remove("GITHUB_ACTION_REPOSITORY")
            .env_remove("ACCORD_RELEASE_REPOSITORY")
            .env_remove("ACCORD_BROKER_URL")
            .env_remove("ACCORD_BROKER_TOKEN");
        for (k, v) in &job.env {
            cmd.env(k, v);
        }
        if let Some(env) = step.get("env").and_then(Value::as_mapping) {
            for (k, v) in env {
                cmd.env(string(k), cx.substitute(&string(v)));
            }
        }
        let out = cmd.output().expect("run bash");
        outcome
            .stdout
            .push_str(&String::from_utf8_lossy(&out.stdout));
        outcome
            .stderr
            .push_str(&String::from_utf8_lossy(&out.stderr));
        outcome
            .summary
            .push_str(&std::fs::read_to_string(&summary_file).expect("summary"));
        let outputs = parse_output_file(&std::fs::read_to_string(&output_file).expect("output"));
        if let Some(id) = step.get("id") {
            cx.steps.insert(string(id), outputs);
        }
        if !out.status.success() {
            outcome.code = out.status.code().unwrap_or(-1);
            break;
        }
    }
    if let Some(decl) = yml["outputs"].as_mapping() {
        for (name, spec) in decl {
            outcome
                .outputs
                .insert(string(name), cx.substitute(&string(&spec["value"])));
        }
    }
    outcome.steps = cx.steps;
    outcome
}

#[test]
fn output_files_are_read_as_the_runner_reads_them() {
    let parsed =
        parse_output_file("findings=3\nreport<<EOF_1\nline one\nline=two\nEOF_1\nerrors=\n");
    assert_eq!(parsed["findings"], "3");
    assert_eq!(parsed["report"], "line one\nline=two");
    assert_eq!(parsed["errors"], "");
}
