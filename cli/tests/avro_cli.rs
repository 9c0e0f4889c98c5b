//! The CLI on Avro inputs: modes (transitive ones see every earlier version), `accord compat`
//! exit codes, schema type detection, and malformed input (a located error and exit 2, never
//! a panic).

use std::path::Path;
use std::process::{Command, Output};

fn accord(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run accord")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

const V1: &str = r#"{"type": "record", "name": "Order", "namespace": "acme",
 "fields": [{"name": "id", "type": "string"}, {"name": "x", "type": "int", "default": 0}]}"#;
const V2: &str = r#"{"type": "record", "name": "Order", "namespace": "acme",
 "fields": [{"name": "id", "type": "string"}]}"#;
const V3: &str = r#"{"type": "record", "name": "Order", "namespace": "acme",
 "fields": [{"name": "id", "type": "string"}, {"name": "x", "type": "string", "default": ""}]}"#;

/// v1 has `x: int`, v2 drops it, v3 brings `x` back as a string with a default. v3 reads v2's
/// data (no `x` there, the default fills it), so BACKWARD passes; but v3 cannot read v1's
/// ints as strings, so BACKWARD_TRANSITIVE fails, against v1 only.
#[test]
fn transitive_modes_see_older_versions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "v1.avsc", V1);
    write(d, "v2.avsc", V2);
    write(d, "v3.avsc", V3);
    let base = [
        "breaking",
        "v3.avsc",
        "--against",
        "v1.avsc",
        "--against",
        "v2.avsc",
    ];

    let o = accord(d, &base);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));

    let o = accord(d, &[&base[..], &["--mode", "BACKWARD_TRANSITIVE"]].concat());
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("v3.avsc:2:69: error TYPE_MISMATCH"), "{out}");

    let o = accord(
        d,
        &[
            &base[..],
            &["--mode", "BACKWARD_TRANSITIVE", "--format", "json"],
        ]
        .concat(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["against"], "v1.avsc");
    assert_eq!(f[0]["path"], "/fields/1/type");
    assert_eq!(f[0]["before"], "int");
    assert_eq!(f[0]["after"], "string");

    // FORWARD: v2 reads v3's data (ignores x); FORWARD_TRANSITIVE: v1 reads v3's strings as
    // ints — located in v1, the reader there.
    let o = accord(d, &[&base[..], &["--mode", "FORWARD"]].concat());
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = accord(d, &[&base[..], &["--mode", "full_transitive"]].concat());
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("v1.avsc:2:69: error TYPE_MISMATCH"), "{out}");

    let o = accord(d, &[&base[..], &["--mode", "NONE"]].concat());
    assert_eq!(o.status.code(), Some(0));
    let o = accord(d, &[&base[..], &["--mode", "SIDEWAYS"]].concat());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn compat_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "v1.avsc", V1);
    write(d, "v3.avsc", V3);
    write(d, "bad.avsc", "{\"type\": \"record\", \"name\": \"X\"}");
    let o = accord(d, &["compat", "--reader", "v1.avsc", "--writer", "v1.avsc"]);
    assert_eq!(o.status.code(), Some(0));
    let o = accord(d, &["compat", "--reader", "v3.avsc", "--writer", "v1.avsc"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("TYPE_MISMATCH"), "{out}");
    let o = accord(
        d,
        &["compat", "--reader", "bad.avsc", "--writer", "v1.avsc"],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("bad.avsc:1:1: record has no `fields`"),
        "{err}"
    );
}

#[test]
fn json_files_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "order.json", V1);
    write(
        d,
        "person.json",
        r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}"#,
    );
    let o = accord(d, &["lint", "order.json"]);
    let (out, _) = text(&o);
    assert!(out.contains("AVRO_RECORD_DOC"), "{out}");
    // A JSON Schema is detected and validated against its meta-schema (no style rules yet).
    let o = accord(d, &["lint", "person.json"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let o = accord(d, &["lint", "order.json", "--schema-type", "jsonschema"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn field_case_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "s.avsc",
        r#"{"type": "record", "name": "S", "fields": [{"name": "order_id", "type": "string"}]}"#,
    );
    let o = accord(d, &["lint", "s.avsc"]);
    assert!(text(&o).0.contains("AVRO_FIELD_NAME_CASE"));
    write(
        d,
        "accord.yaml",
        "avro:\n  lint:\n    field_case: snake_case\n",
    );
    let o = accord(d, &["lint", "s.avsc"]);
    assert!(
        !text(&o).0.contains("AVRO_FIELD_NAME_CASE"),
        "{:?}",
        text(&o)
    );
}

/// Each malformed input: exit 2, `file:line:col: message` on stderr, no panic.
#[test]
fn malformed_input_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deep_array = format!("{}\"int\"{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_items = format!(
        "{}\"int\"{}",
        "{\"type\": \"array\", \"items\": ".repeat(10_000),
        "}".repeat(10_000)
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("syntax.avsc", "{\"type\": \"record\",\n  \"name\": }".into(), "syntax.avsc:2:11:"),
        ("trailing.avsc", "{\"type\": \"int\"} x".into(), "trailing.avsc:1:17:"),
        (
            "wrongtype.avsc",
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": 3}".into(),
            "wrongtype.avsc:1:43: `fields` must be an array",
        ),
        (
            "unknown.avsc",
            "{\"type\": \"record\", \"name\": \"R\",\n \"fields\": [{\"name\": \"a\", \"type\": \"Missing\"}]}"
                .into(),
            "unknown.avsc:2:35: unknown type `Missing`",
        ),
        (
            "cycle.avsc",
            "{\"type\": \"array\", \"items\": {\"type\": \"map\", \"values\": \"Loop\"}}".into(),
            "cycle.avsc:1:54: unknown type `Loop`",
        ),
        (
            "dupfield.avsc",
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}, {\"name\": \"a\", \"type\": \"long\"}]}".into(),
            "dupfield.avsc:1:83: duplicate field `a`",
        ),
        (
            "dupsym.avsc",
            "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\", \"A\"]}".into(),
            "dupsym.avsc:1:48: duplicate enum symbol `A`",
        ),
        (
            "default.avsc",
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": [\"null\", \"int\"], \"default\": 1}]}".into(),
            "default.avsc:1:94: default of field `a` does not match its type",
        ),
        (
            "badname.avsc",
            "{\"type\": \"fixed\", \"name\": \"9lives\", \"size\": 4}".into(),
            "badname.avsc:1:27: `9lives` is not a valid Avro fullname",
        ),
        ("deep1.avsc", deep_array, "deep1.avsc:1:258: nested deeper than 256 levels"),
        ("deep2.avsc", deep_items, "nested deeper than 256 levels"),
        ("empty.avsc", String::new(), "empty.avsc:1:1: empty document"),
    ];
    let mut failures = Vec::new();
    for (name, body, want) in &cases {
        write(d, name, body);
        for args in [
            vec!["lint", name],
            vec!["compat", "--reader", name, "--writer", name],
            vec!["breaking", name, "--against", name],
        ] {
            let o = accord(d, &args);
            let (_, err) = text(&o);
            if o.status.code() != Some(2) || !err.contains(want) || err.contains("panicked") {
                failures.push(format!(
                    "{args:?}: exit {:?}, want `{want}` in: {err}",
                    o.status.code()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
