//! `accord lint` on OpenAPI descriptions as users run it: Spectral's default rule set, a
//! `.spectral.yaml` honoured (and what it cannot honour named), accord.yaml winning over it,
//! and bad input exiting 2 with a location.

use std::path::Path;
use std::process::{Command, Output};

fn accord(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run accord")
}

fn out(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Two operations share an id (an error), the description has no contact (a warning) and no
/// license (a rule Spectral has off by default).
const SPEC: &str = "openapi: 3.0.3
info:
  title: Pets
  version: '1'
paths:
  /a:
    get:
      operationId: list
      responses:
        '200':
          description: ok
  /b:
    get:
      operationId: list
      responses:
        '200':
          description: ok
";

#[test]
fn recommended_rules_run_by_default_and_errors_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), SPEC).unwrap();
    let o = accord(dir.path(), &["lint", "api.yaml"]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("api.yaml:14:20: error operation-operationId-unique"),
        "{stdout}"
    );
    assert!(stdout.contains("info-contact"), "{stdout}");
    assert!(!stdout.contains("info-license"), "{stdout}");
}

#[test]
fn spectral_ruleset_is_honoured_and_the_rest_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("api.yaml"), SPEC).unwrap();
    std::fs::write(
        d.join(".spectral.yaml"),
        "extends: [[spectral:oas, recommended]]\nrules:\n  operation-operationId-unique: warn\n  info-contact: off\n  info-license: error\n  my-own:\n    given: $\n    then: {function: truthy}\n",
    )
    .unwrap();
    let o = accord(d, &["lint", "api.yaml"]);
    let (stdout, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("warning operation-operationId-unique"),
        "{stdout}"
    );
    assert!(!stdout.contains("info-contact"), "{stdout}");
    assert!(stdout.contains("error info-license"), "{stdout}");
    assert!(stderr.contains("ignored rule `my-own`"), "{stderr}");
    // An accord.yaml takes precedence over the Spectral ruleset.
    std::fs::write(
        d.join("accord.yaml"),
        "openapi:\n  lint:\n    use: [info-contact]\n",
    )
    .unwrap();
    let o = accord(d, &["lint", "api.yaml"]);
    let (stdout, _) = out(&o);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("info-contact"), "{stdout}");
    assert!(!stdout.contains("operation-operationId-unique"), "{stdout}");
}

#[test]
fn bad_input_exits_2_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), "openapi: 3.0.3\ninfo: [\n").unwrap();
    let o = accord(dir.path(), &["lint", "api.yaml"]);
    let (_, stderr) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("api.yaml:3:1"), "{stderr}");
}
