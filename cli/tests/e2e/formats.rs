//! Every --format on inputs with findings.

use super::*;
use serde_json::Value;

fn lint(format: &str) -> Run {
    let t = project(BAD_FIELD);
    let r = run_in(t.path(), &["lint", "proto", "--format", format]);
    r.expect_code(1);
    r
}

fn breaking(format: &str) -> Run {
    let v = versions();
    let r = run_in(
        v.path(),
        &["breaking", "new", "--against", "old", "--format", format],
    );
    r.expect_code(1);
    r
}

#[test]
fn text() {
    let r = lint("text");
    assert_eq!(
        r.stdout,
        format!(
            "proto/acme/v1/order.proto:7:9: error FIELD_LOWER_SNAKE_CASE {LINT_MESSAGE}\n\
             1 error(s), 0 warning(s), 0 info(s)\n"
        )
    );
    let r = breaking("text");
    assert_eq!(
        r.stdout,
        format!(
            "new/acme/v1/order.proto:5:1: error FIELD_NO_DELETE {DELETE_MESSAGE}\n\
             1 error(s), 0 warning(s), 0 info(s)\n"
        )
    );
}

/// The documented shape (docs/cli.md): `findings` and `summary`, each finding with exactly
/// these keys.
#[test]
fn json() {
    let r = breaking("json");
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON output");
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["findings", "summary"]);
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 0, "infos": 0})
    );
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "after",
            "against",
            "before",
            "column",
            "end_column",
            "end_line",
            "file",
            "format",
            "kind",
            "line",
            "message",
            "path",
            "rule",
            "severity"
        ]
    );
    assert_eq!(f["rule"], "FIELD_NO_DELETE");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["kind"], "breaking");
    assert_eq!(f["format"], "protobuf");
    assert_eq!(f["message"], DELETE_MESSAGE);
    assert_eq!(f["file"], "new/acme/v1/order.proto");
    assert_eq!(f["line"], 5);
    assert_eq!(f["column"], 1);
    assert_eq!(f["end_line"], 7);
    assert_eq!(f["end_column"], 2);
    assert_eq!(f["path"], "acme.v1.Order.total");
    assert_eq!(f["against"], "old");

    let r = lint("json");
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON output");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "FIELD_LOWER_SNAKE_CASE");
    assert_eq!(f["kind"], "lint");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(7), Some(9))
    );
    assert_eq!(f["against"], Value::Null);
}

#[test]
fn json_without_findings() {
    let t = project(CLEAN);
    let r = run_in(t.path(), &["lint", "proto", "--format", "json"]);
    r.expect_code(0);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON output");
    assert_eq!(v["findings"], serde_json::json!([]));
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn github() {
    let r = lint("github");
    let line = r.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=proto/acme/v1/order.proto,line=7,col=9,"),
        "{line}"
    );
    assert!(
        line.ends_with(&format!(",title=FIELD_LOWER_SNAKE_CASE::{LINT_MESSAGE}")),
        "{line}"
    );
    assert_eq!(r.stdout.lines().count(), 1);

    // Warnings and infos are ::warning and ::notice.
    for (severity, command) in [("warning", "::warning "), ("info", "::notice ")] {
        let t = project(BAD_FIELD);
        write(
            t.path(),
            "accord.yaml",
            format!("protobuf:\n  lint:\n    severity: {{FIELD_LOWER_SNAKE_CASE: {severity}}}\n"),
        );
        let r = run_in(t.path(), &["lint", "proto", "--format", "github"]);
        r.expect_code(0);
        assert!(r.stdout.starts_with(command), "{}", r.stdout);
    }
}

#[test]
fn markdown() {
    let r = breaking("markdown");
    assert!(r.stdout.starts_with("## accord\n"), "{}", r.stdout);
    assert!(r.stdout.contains("**1 error(s), 0 warning(s), 0 info(s)**"));
    assert!(
        r.stdout
            .contains("| Severity | Rule | Location | Message |\n|---|---|---|---|\n")
    );
    assert!(
        r.stdout.contains(&format!(
            "| error | `FIELD_NO_DELETE` | `new/acme/v1/order.proto:5:1` (`acme.v1.Order.total`) | {DELETE_MESSAGE} |"
        )),
        "{}",
        r.stdout
    );
    let t = project(CLEAN);
    let r = run_in(t.path(), &["lint", "proto", "--format", "markdown"]);
    r.expect_code(0);
    assert!(r.stdout.contains("No findings."));
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).expect("schema JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles")
}

#[track_caller]
fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) -> Value {
    let doc: Value = serde_json::from_str(text).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF invalid:\n{}\n{text}",
        errors.join("\n")
    );
    doc
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let validator = sarif_validator();
    let doc = assert_valid_sarif(&validator, &breaking("sarif").stdout);
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "accord");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "FIELD_NO_DELETE");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "new/acme/v1/order.proto"
    );
    let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        "FIELD_NO_DELETE"
    );

    assert_valid_sarif(&validator, &lint("sarif").stdout);

    // Warnings and notes, several rules, and no findings at all.
    let t = project(BAD_FIELD);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    severity: {FIELD_LOWER_SNAKE_CASE: info}\n",
    );
    let r = run_in(t.path(), &["lint", "proto", "--format", "sarif"]);
    r.expect_code(0);
    let doc = assert_valid_sarif(&validator, &r.stdout);
    assert_eq!(doc["runs"][0]["results"][0]["level"], "note");
    let t = project(CLEAN);
    let r = run_in(t.path(), &["lint", "proto", "--format", "sarif"]);
    r.expect_code(0);
    let doc = assert_valid_sarif(&validator, &r.stdout);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_with_several_rules_and_a_file_with_spaces() {
    let validator = sarif_validator();
    let t = temp();
    write(t.path(), "old/acme/v1/order.proto", CLEAN);
    write(
        t.path(),
        "old/acme/v1/my order.proto",
        CLEAN.replace("Order", "Other"),
    );
    write(t.path(), "new/acme/v1/order.proto", DELETED_FIELD);
    write(
        t.path(),
        "new/acme/v1/my order.proto",
        DELETED_FIELD.replace("Order", "Other"),
    );
    let r = run_in(
        t.path(),
        &["breaking", "new", "--against", "old", "--format", "sarif"],
    );
    r.expect_code(1);
    let doc = assert_valid_sarif(&validator, &r.stdout);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
}
