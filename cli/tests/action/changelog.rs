//! `command: changelog`: the markdown changelog of a pull request's OpenAPI description,
//! against the base branch by default, in the job summary, with `findings` and `errors`
//! outputs; not a gate unless `args` asks for one.

use super::{Checkout, output, repo_with, run_action};

const BASE: &str = "openapi: 3.1.0
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
        '200': {description: ok}
";

/// `limit` became required (an error) and `/pets/{id}` gained an optional path-level
/// parameter (info, not breaking).
const PR: &str = "openapi: 3.1.0
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
        '200': {description: ok}
";

#[test]
fn changelog_against_the_base_branch_fills_the_summary_and_never_fails() {
    let repo = repo_with("api/openapi.yaml", BASE, PR, Checkout::Shallow);
    let o = run_action(
        &repo.ws,
        &[("command", "changelog"), ("args", "api/openapi.yaml")],
        &[("GITHUB_BASE_REF", "main")],
    );
    assert_eq!(
        o.code, 0,
        "a breaking change does not fail a changelog: {o:#?}"
    );
    assert!(
        o.summary.starts_with(
            "## accord changelog\n\n**2 change(s) in 2 endpoint(s): 1 error(s), 0 warning(s), 1 info(s)**\n"
        ),
        "{}",
        o.summary
    );
    let sections: Vec<&str> = o
        .summary
        .lines()
        .filter(|l| l.starts_with("### "))
        .collect();
    assert_eq!(sections, ["### `GET /pets`", "### `GET /pets/{id}`"]);
    assert!(
        o.summary.contains(
            "  ```diff\n  @@ -1,4 +1,5 @@\n   name: limit\n   in: query\n  +required: true\n"
        ),
        "{}",
        o.summary
    );
    assert!(
        o.stdout.contains("request-parameter-became-required"),
        "the log has it too"
    );
    assert_eq!(output(&o, "findings"), "2");
    assert_eq!(output(&o, "errors"), "1");
}

#[test]
fn changelog_fails_only_when_args_ask_and_on_bad_input() {
    let repo = repo_with("openapi.yaml", BASE, PR, Checkout::Full);
    let o = run_action(
        &repo.ws,
        &[
            ("command", "changelog"),
            ("args", "openapi.yaml --fail-on error"),
            ("against", "HEAD~1"),
        ],
        &[],
    );
    assert_eq!(o.code, 1, "{o:#?}");
    assert_eq!(output(&o, "findings"), "2");
    assert!(o.summary.contains("### `GET /pets`"), "{}", o.summary);
    // The same revision: no changes, zero counts.
    let o = run_action(
        &repo.ws,
        &[
            ("command", "changelog"),
            ("args", "openapi.yaml"),
            ("against", "HEAD"),
        ],
        &[],
    );
    assert_eq!(o.code, 0, "{o:#?}");
    assert_eq!(o.summary, "## accord changelog\n\nNo changes.\n");
    assert_eq!(output(&o, "findings"), "0");
    // A file that is not there: exit 2, the message in the summary.
    let o = run_action(
        &repo.ws,
        &[
            ("command", "changelog"),
            ("args", "nope.yaml"),
            ("against", "HEAD~1"),
        ],
        &[],
    );
    assert_eq!(o.code, 2, "{o:#?}");
    assert!(
        o.summary
            .starts_with("## accord changelog\n\nFailed (exit 2):"),
        "{}",
        o.summary
    );
    assert!(o.summary.contains("nope.yaml"), "{}", o.summary);
}
