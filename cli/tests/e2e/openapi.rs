//! `accord breaking` on OpenAPI descriptions, through the binary: findings exit 1, a clean
//! comparison 0, bad input 2 with the file and line:col, `--against-git` reads the old
//! version (and the files it references) from a revision.

use super::*;

const V1: &str = "openapi: 3.1.0
info: {title: pets, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok}
";

/// `limit` became required: one request-parameter-became-required at 7:36 (its `required`).
const V2: &str = "openapi: 3.1.0
info: {title: pets, version: '2'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses:
        '200': {description: ok}
";

#[test]
fn breaking_change_exits_1_with_its_location() {
    let t = temp();
    write(t.path(), "old.yaml", V1);
    write(t.path(), "new.yaml", V2);
    let r = run_in(t.path(), &["breaking", "new.yaml", "--against", "old.yaml"]);
    r.expect_code(1);
    assert!(
        r.stdout.contains("new.yaml:7:36")
            && r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let r = run_in(t.path(), &["breaking", "old.yaml", "--against", "old.yaml"]);
    r.expect_code(0);
}

#[test]
fn against_git_revision() {
    let t = temp();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(t.path())
            .status()
            .expect("git")
            .success();
        assert!(ok, "git {args:?}");
    };
    write(t.path(), "api/spec.yaml", V1);
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    write(t.path(), "api/spec.yaml", V2);
    let r = run_in(
        t.path(),
        &["breaking", "api/spec.yaml", "--against-git", "HEAD"],
    );
    r.expect_code(1);
    assert!(
        r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    let r = run_in(
        t.path(),
        &[
            "breaking",
            "api/spec.yaml",
            "--against-git",
            "HEAD:api/spec.yaml",
        ],
    );
    r.expect_code(1);
}

#[test]
fn bad_input_exits_2() {
    let t = temp();
    write(t.path(), "ok.yaml", V1);
    write(
        t.path(),
        "swagger.json",
        r#"{"swagger": "2.0", "info": {}, "paths": {}}"#,
    );
    let r = run_in(
        t.path(),
        &["breaking", "ok.yaml", "--against", "swagger.json"],
    );
    r.expect_code(2);
    assert!(
        r.stderr.contains("Swagger 2.0 is not supported"),
        "{}",
        r.stderr
    );
    let dangling = V1.replace("{type: integer}", "{$ref: '#/components/schemas/Nope'}");
    write(t.path(), "dangling.yaml", &dangling);
    let r = run_in(
        t.path(),
        &["breaking", "dangling.yaml", "--against", "ok.yaml"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("dangling.yaml:7:"), "{}", r.stderr);
    let r = run_in(
        t.path(),
        &["breaking", "ok.yaml", "--against", "missing.yaml"],
    );
    r.expect_code(2);
}
