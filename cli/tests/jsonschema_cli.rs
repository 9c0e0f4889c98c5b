//! JSON Schema through the real binary: detection, modes, the JSON policy, `compat`.

use std::path::Path;
use std::process::{Command, Output};

fn accord(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run accord")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const V1: &str = r#"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": { "id": { "type": "string" } }
}"#;

const V2_REQUIRED: &str = r#"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": { "id": { "type": "string" } },
  "required": ["id"]
}"#;

const V2_NEW_PROPERTY: &str = r#"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": { "id": { "type": "string" }, "note": { "type": "string" } }
}"#;

#[test]
fn breaking_reports_confluent_difference_types() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "v1.json", V1);
    write(d, "v2.json", V2_REQUIRED);
    let o = accord(
        d,
        &[
            "breaking",
            "v2.json",
            "--against",
            "v1.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "REQUIRED_ATTRIBUTE_ADDED");
    assert_eq!(f["format"], "jsonschema");
    assert_eq!(f["file"], "v2.json");
    assert_eq!(f["against"], "v1.json");
    // FORWARD: the old schema reads what the new one writes, which now always has `id`.
    let o = accord(
        d,
        &[
            "breaking",
            "v2.json",
            "--against",
            "v1.json",
            "--mode",
            "FORWARD",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn the_json_policy_decides_open_content_models() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "v1.json", V1);
    write(d, "v2.json", V2_NEW_PROPERTY);
    let strict = accord(d, &["breaking", "v2.json", "--against", "v1.json"]);
    assert_eq!(
        strict.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&strict.stdout)
    );
    assert!(
        String::from_utf8_lossy(&strict.stdout).contains("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL")
    );
    let lenient = accord(
        d,
        &[
            "breaking",
            "v2.json",
            "--against",
            "v1.json",
            "--json-policy",
            "lenient",
        ],
    );
    assert_eq!(
        lenient.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lenient.stdout)
    );
}

#[test]
fn compat_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "v1.json", V1);
    write(d, "v2.json", V2_REQUIRED);
    write(d, "bad.json", r#"{"type": 12}"#);
    assert_eq!(
        accord(d, &["compat", "--reader", "v1.json", "--writer", "v2.json"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        accord(d, &["compat", "--reader", "v2.json", "--writer", "v1.json"])
            .status
            .code(),
        Some(1)
    );
    let o = accord(
        d,
        &[
            "compat",
            "--reader",
            "bad.json",
            "--writer",
            "v1.json",
            "--schema-type",
            "jsonschema",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
}
