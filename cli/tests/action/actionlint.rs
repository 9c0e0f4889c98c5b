//! Static checks of the action: action.yml against the action-metadata schema, the example
//! workflows (docs/workflows, the same text as docs/github-action.md) through actionlint with
//! `uses:` pointed at this action, so actionlint also checks their inputs and outputs against
//! action.yml, and the scripts through shellcheck.
//!
//! actionlint checks workflows, not action metadata (it reads action.yml only for a local
//! `uses: ./`), hence the schema and the rewritten examples. Under CI=true a missing
//! actionlint or shellcheck fails; elsewhere the check is skipped with a note.

use super::runner::{action_path, action_yml};
use std::path::Path;
use std::process::Command;

const PLACEHOLDER: &str = "OWNER/accord@v1";

fn tool(name: &'static str) -> Option<&'static str> {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(name);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{name} is not installed (.ci/run installs it); under CI=true this check must run"
    );
    eprintln!("note: {name} is not installed; skipping this check (it fails under CI=true)");
    None
}

fn schema_validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/github-action.schema.json")).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the action metadata schema compiles")
}

#[test]
fn action_yml_matches_the_action_metadata_schema() {
    let validator = schema_validator();
    let action: serde_json::Value = serde_json::to_value(action_yml()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&action)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The schema does reject what the runner would: a composite step without `shell`, an
    // unknown key in an input, an unknown `using`.
    let mut no_shell = action.clone();
    no_shell["runs"]["steps"][0]
        .as_object_mut()
        .unwrap()
        .remove("shell");
    let mut bad_input = action.clone();
    bad_input["inputs"]["command"]["type"] = "string".into();
    let mut bad_using = action.clone();
    bad_using["runs"]["using"] = "compose".into();
    for bad in [no_shell, bad_input, bad_using] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

/// The example workflows, with this checkout standing in for `OWNER/accord@v1`.
fn examples_repo(extra: Option<(&str, &str)>) -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let workflows = repo.path().join(".github/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    std::fs::copy(
        action_path().join("action.yml"),
        repo.path().join("action.yml"),
    )
    .unwrap();
    std::fs::create_dir_all(repo.path().join("action")).unwrap();
    for script in ["install.sh", "run.sh"] {
        std::fs::copy(
            action_path().join("action").join(script),
            repo.path().join("action").join(script),
        )
        .unwrap();
    }
    let mut n = 0;
    for entry in std::fs::read_dir(action_path().join("docs/workflows")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(PLACEHOLDER), "{}", path.display());
        std::fs::write(
            workflows.join(path.file_name().unwrap()),
            text.replace(PLACEHOLDER, "./"),
        )
        .unwrap();
        n += 1;
    }
    assert!(n >= 4, "the four example workflows");
    if let Some((name, text)) = extra {
        std::fs::write(workflows.join(name), text).unwrap();
    }
    // actionlint finds the project by its .git.
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    repo
}

fn actionlint(dir: &Path, bin: &str) -> (bool, String) {
    let out = Command::new(bin)
        .args(["-no-color", "-oneline"])
        .current_dir(dir)
        .output()
        .expect("run actionlint");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn example_workflows_pass_actionlint() {
    let Some(bin) = tool("actionlint") else {
        return;
    };
    let repo = examples_repo(None);
    let (ok, out) = actionlint(repo.path(), bin);
    assert!(ok, "actionlint:\n{out}");

    // It does read action.yml: an undeclared input and an undeclared output are caught.
    let repo = examples_repo(Some((
        "wrong.yml",
        "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        id: a\n        with:\n          comand: lint\n      - run: echo \"${{ steps.a.outputs.deployble }}\"\n",
    )));
    let (ok, out) = actionlint(repo.path(), bin);
    assert!(!ok, "{out}");
    assert!(out.contains("input \"comand\" is not defined"), "{out}");
    assert!(
        out.contains("property \"deployble\" is not defined"),
        "{out}"
    );
}

#[test]
fn action_scripts_pass_shellcheck() {
    let Some(bin) = tool("shellcheck") else {
        return;
    };
    let out = Command::new(bin)
        .args(["--shell=bash", "action/install.sh", "action/run.sh"])
        .current_dir(action_path())
        .output()
        .expect("run shellcheck");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// docs/github-action.md shows the example workflows verbatim.
#[test]
fn the_guide_shows_the_linted_workflows() {
    let guide = std::fs::read_to_string(action_path().join("docs/github-action.md")).unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(action_path().join("docs/workflows")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let block = format!("```yaml\n{text}```\n");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            guide.contains(&block),
            "docs/github-action.md does not show docs/workflows/{name} as it is"
        );
        names.push(name);
    }
    names.sort();
    assert_eq!(
        names,
        [
            "changelog.yml",
            "deploy.yml",
            "publish-pacts.yml",
            "pull-request.yml"
        ]
    );
}
