//! `accord changelog` through the binary: every change between two OpenAPI versions,
//! breaking or not, grouped by endpoint with a diff of each fragment, in text, markdown and
//! JSON; exit 0 unless --fail-on, 2 on bad input; --against-git; accord.yaml honoured; and
//! `accord breaking` leaving the info-level changes out.

use super::git_and_images::git;
use super::*;

const OLD: &str = "openapi: 3.1.0
info: {title: pets, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200': {description: ok}
  /pets/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: {type: string}
                  age: {type: integer}
webhooks:
  petSold:
    post:
      responses: {'200': {description: ok}}
";

/// Against OLD: `limit` became required (error, 7:36); `name` changed type (error, 21:19),
/// `age` was removed (warning, old 21:19); an optional path-level parameter `v` was added
/// (info, 11:18); the webhook `petSold` was removed (error, old 23:3).
const NEW: &str = "openapi: 3.1.0
info: {title: pets, version: '2'}
paths:
  /pets:
    get:
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses:
        '200': {description: ok}
  /pets/{id}:
    parameters: [{name: v, in: query, schema: {type: string}}]
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: {type: integer}
";

fn pair() -> tempfile::TempDir {
    let t = temp();
    write(t.path(), "old.yaml", OLD);
    write(t.path(), "new.yaml", NEW);
    t
}

const ARGS: [&str; 4] = ["changelog", "new.yaml", "--against", "old.yaml"];

#[test]
fn text_groups_changes_by_endpoint_with_diffs() {
    let t = pair();
    let r = run_in(t.path(), &ARGS);
    r.expect_code(0);
    assert_eq!(
        r.stdout,
        "GET /pets
  error request-parameter-became-required the query request parameter 'limit' became required (new.yaml:7:36)
      @@ -1,4 +1,5 @@
       name: limit
       in: query
      +required: true
       schema:
         type: integer

GET /pets/{id}
  error response-property-type-changed the response property 'name' changed type from 'string' to 'integer' (new.yaml:21:19)
      @@ -1,2 +1,2 @@
       name:
      -  type: string
      +  type: integer
  warning response-optional-property-removed removed the optional property 'age' from the response (old.yaml:21:19)
      @@ -1,2 +0,0 @@
      -age:
      -  type: integer
  info new-optional-request-default-parameter-to-existing-path added the optional query parameter 'v' to the path of GET /pets/{id} (new.yaml:11:18)
      @@ -0,0 +1,4 @@
      +name: v
      +in: query
      +schema:
      +  type: string

Document
  error webhook-removed removed the webhook 'petSold' (old.yaml:23:3)
      @@ -1,5 +0,0 @@
      -petSold:
      -  post:
      -    responses:
      -      \"200\":
      -        description: ok

5 change(s) in 2 endpoint(s) and the document: 3 error(s), 1 warning(s), 1 info(s)
"
    );
}

#[test]
fn breaking_leaves_the_info_level_changes_to_the_changelog() {
    let t = pair();
    let r = run_in(t.path(), &["breaking", "new.yaml", "--against", "old.yaml"]);
    r.expect_code(1);
    assert!(
        !r.stdout.contains("new-optional-request-default-parameter"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("3 error(s), 1 warning(s), 0 info(s)"),
        "{}",
        r.stdout
    );
}

#[test]
fn markdown_has_a_section_per_endpoint_and_diff_blocks() {
    let t = pair();
    let mut args = ARGS.to_vec();
    args.extend(["--format", "markdown"]);
    let r = run_in(t.path(), &args);
    r.expect_code(0);
    let md = &r.stdout;
    assert!(md.starts_with("## Changelog\n\n**5 change(s) in 2 endpoint(s) and the document: 3 error(s), 1 warning(s), 1 info(s)**\n"), "{md}");
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        sections,
        ["### `GET /pets`", "### `GET /pets/{id}`", "### `Document`"]
    );
    assert!(
        md.contains("- **info** `new-optional-request-default-parameter-to-existing-path` added the optional query parameter 'v' to the path of GET /pets/{id} — `new.yaml:11:18`\n\n  ```diff\n  @@ -0,0 +1,4 @@\n  +name: v\n"),
        "{md}"
    );
    assert!(
        md.contains("- **error** (breaking) `request-parameter-became-required`"),
        "{md}"
    );
    assert_eq!(md.matches("```diff").count(), 5, "{md}");
    assert_eq!(
        md.matches("\n  ```\n").count(),
        5,
        "every fence is closed: {md}"
    );
}

#[test]
fn json_is_one_flat_list_naming_each_endpoint() {
    let t = pair();
    let mut args = ARGS.to_vec();
    args.extend(["--format", "json"]);
    let r = run_in(t.path(), &args);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let changes = v["changes"].as_array().expect("changes");
    let order: Vec<(String, &str)> = changes
        .iter()
        .map(|c| {
            let e = &c["endpoint"];
            let where_ = if e.is_null() {
                "document".to_string()
            } else {
                format!(
                    "{} {}",
                    e["method"].as_str().unwrap(),
                    e["path"].as_str().unwrap()
                )
            };
            (where_, c["rule"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        order,
        [
            ("GET /pets".to_string(), "request-parameter-became-required"),
            (
                "GET /pets/{id}".to_string(),
                "response-property-type-changed"
            ),
            (
                "GET /pets/{id}".to_string(),
                "response-optional-property-removed"
            ),
            (
                "GET /pets/{id}".to_string(),
                "new-optional-request-default-parameter-to-existing-path"
            ),
            ("document".to_string(), "webhook-removed"),
        ]
    );
    let info = &changes[3];
    assert_eq!(info["severity"], "info");
    assert_eq!(info["breaking"], false);
    assert_eq!(
        (info["file"].as_str(), info["line"].as_u64()),
        (Some("new.yaml"), Some(11))
    );
    assert_eq!(changes[0]["breaking"], true);
    assert_eq!(
        v["summary"],
        serde_json::json!({"changes": 5, "endpoints": 2, "errors": 3, "warnings": 1, "infos": 1})
    );
}

#[test]
fn exit_codes_0_unless_fail_on_and_2_for_bad_input() {
    let t = pair();
    let with = |extra: &[&str]| {
        let mut args = ARGS.to_vec();
        args.extend(extra);
        run_in(t.path(), &args)
    };
    with(&[]).expect_code(0);
    with(&["--fail-on", "error"]).expect_code(1);
    with(&["--fail-on", "info"]).expect_code(1);
    with(&["--fail-on", "none"]).expect_code(0);
    // Only an info-level change: a gate at warning passes, one at info does not.
    let only_info = OLD.replace(
        "  /pets/{id}:\n    get:",
        "  /pets/{id}:\n    parameters: [{name: v, in: query, schema: {type: string}}]\n    get:",
    );
    write(t.path(), "info.yaml", &only_info);
    let r = run_in(
        t.path(),
        &[
            "changelog",
            "info.yaml",
            "--against",
            "old.yaml",
            "--fail-on",
            "warning",
        ],
    );
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("1 change(s) in 1 endpoint(s): 0 error(s), 0 warning(s), 1 info(s)"),
        "{}",
        r.stdout
    );
    run_in(
        t.path(),
        &[
            "changelog",
            "info.yaml",
            "--against",
            "old.yaml",
            "--fail-on",
            "info",
        ],
    )
    .expect_code(1);
    // The same version: no changes.
    let r = run_in(
        t.path(),
        &["changelog", "old.yaml", "--against", "old.yaml"],
    );
    r.expect_code(0);
    assert_eq!(r.stdout, "No changes.\n");
    // Bad input.
    let r = run_in(
        t.path(),
        &["changelog", "new.yaml", "--against", "missing.yaml"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("missing.yaml"), "{}", r.stderr);
    run_in(t.path(), &["changelog", "new.yaml"]).expect_code(2);
    run_in(
        t.path(),
        &[
            "changelog",
            "new.yaml",
            "--against",
            "old.yaml",
            "--format",
            "sarif",
        ],
    )
    .expect_code(2);
    write(t.path(), "broken.yaml", "openapi: 3.1.0\ninfo: [\n");
    let r = run_in(
        t.path(),
        &["changelog", "broken.yaml", "--against", "old.yaml"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("broken.yaml:"), "{}", r.stderr);
    write(t.path(), "order.proto", CLEAN);
    let r = run_in(
        t.path(),
        &["changelog", "order.proto", "--against", "order.proto"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("covers OpenAPI only"), "{}", r.stderr);
}

#[test]
fn against_git_reads_the_old_version_from_a_revision() {
    let t = temp();
    write(t.path(), "api/spec.yaml", OLD);
    git(t.path(), &["init", "-q"]);
    git(t.path(), &["add", "."]);
    git(t.path(), &["commit", "-q", "-m", "v1"]);
    write(t.path(), "api/spec.yaml", NEW);
    for rev in ["HEAD", "HEAD:api/spec.yaml"] {
        let r = run_in(
            t.path(),
            &[
                "changelog",
                "api/spec.yaml",
                "--against-git",
                rev,
                "--fail-on",
                "error",
            ],
        );
        r.expect_code(1);
        assert!(
            r.stdout.ends_with("5 change(s) in 2 endpoint(s) and the document: 3 error(s), 1 warning(s), 1 info(s)\n"),
            "{rev}: {}",
            r.stdout
        );
        // The diffs come from the revision's text too.
        assert!(
            r.stdout.contains("      -petSold:\n"),
            "{rev}: {}",
            r.stdout
        );
    }
    run_in(
        t.path(),
        &["changelog", "api/spec.yaml", "--against-git", "nope"],
    )
    .expect_code(2);
}

#[test]
fn accord_yaml_selects_and_grades_the_checks() {
    let t = pair();
    write(
        t.path(),
        "accord.yaml",
        "openapi:\n  breaking:\n    except: [webhook-removed]\n    severity:\n      request-parameter-became-required: info\n",
    );
    let r = run_in(t.path(), &ARGS);
    r.expect_code(0);
    assert!(!r.stdout.contains("webhook-removed"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("  info request-parameter-became-required"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("4 change(s) in 2 endpoint(s): 1 error(s), 1 warning(s), 2 info(s)\n"),
        "{}",
        r.stdout
    );
    // `breaking` reads the same section: the downgraded change is no longer breaking.
    let r = run_in(t.path(), &["breaking", "new.yaml", "--against", "old.yaml"]);
    assert!(
        !r.stdout.contains("request-parameter-became-required"),
        "{}",
        r.stdout
    );
    // And an info-level check raised to a warning is run and reported by `breaking` (it
    // skips the checks whose findings it would drop, not the ones a policy raised).
    write(
        t.path(),
        "accord.yaml",
        "openapi:\n  breaking:\n    severity:\n      new-optional-request-default-parameter-to-existing-path: warning\n",
    );
    let r = run_in(t.path(), &["breaking", "new.yaml", "--against", "old.yaml"]);
    assert!(
        r.stdout
            .contains("warning new-optional-request-default-parameter-to-existing-path"),
        "{}",
        r.stdout
    );
}
