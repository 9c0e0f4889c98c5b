//! Protobuf under the compatibility-mode vocabulary the broker shares with Avro and JSON
//! Schema (the same function decides both): modes map onto buf's WIRE_JSON rules, transitive
//! modes see every earlier version, and number/name reuse is checked whatever the mode.

use std::path::Path;
use std::process::{Command, Output};

fn accord(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run accord")
}

fn version(dir: &Path, name: &str, body: &str) {
    let d = dir.join(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("order.proto"),
        format!("syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Order {{\n{body}}}\n"),
    )
    .unwrap();
}

fn rules(o: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["against"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// v1 has `int32 a = 1`; v2 deletes it without reserving the number; v3 reuses 1 as a string.
fn chain(dir: &Path) {
    version(dir, "v1", "  int32 a = 1;\n  string id = 2;\n");
    version(dir, "v2", "  string id = 2;\n");
    version(dir, "v3", "  string b = 1;\n  string id = 2;\n");
}

fn run(dir: &Path, mode: &str) -> Output {
    let mut args = vec![
        "breaking",
        "v3",
        "--against",
        "v1",
        "--against",
        "v2",
        "--format",
        "json",
    ];
    if !mode.is_empty() {
        args.extend(["--mode", mode]);
    }
    accord(dir, &args)
}

#[test]
fn backward_sees_the_reuse_but_only_transitive_sees_the_old_type() {
    let dir = tempfile::tempdir().unwrap();
    chain(dir.path());

    let o = run(dir.path(), "BACKWARD");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let found = rules(&o);
    assert!(
        found.iter().any(|(r, _)| r == "FIELD_NUMBER_NO_REUSE"),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(r, _)| r == "FIELD_WIRE_JSON_COMPATIBLE_TYPE"),
        "{found:?}"
    );

    let o = run(dir.path(), "BACKWARD_TRANSITIVE");
    let found = rules(&o);
    assert!(
        found.contains(&(
            "FIELD_WIRE_JSON_COMPATIBLE_TYPE".to_string(),
            "v1".to_string()
        )),
        "{found:?}"
    );

    // As in the registry, reuse of a deleted number is refused whatever the level.
    let o = run(dir.path(), "NONE");
    let found = rules(&o);
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|(r, _)| r == "FIELD_NUMBER_NO_REUSE"),
        "{found:?}"
    );
}

#[test]
fn modes_run_wire_rules_not_source_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    version(d, "old", "  int32 a = 1;\n  string note = 2;\n");
    version(d, "new", "  int32 a = 1;\n  string note = 2;\n");
    // A message moved to another file is fine on the wire; buf's default FILE rules still
    // report the deleted file.
    let extra = "syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Extra {\n  int32 x = 1;\n}\n";
    std::fs::write(d.join("old/extra.proto"), extra).unwrap();
    std::fs::write(d.join("new/other.proto"), extra).unwrap();
    let o = accord(
        d,
        &["breaking", "new", "--against", "old", "--format", "json"],
    );
    assert!(
        rules(&o).iter().any(|(r, _)| r == "FILE_NO_DELETE"),
        "{:?}",
        rules(&o)
    );
    let o = accord(
        d,
        &[
            "breaking",
            "new",
            "--against",
            "old",
            "--format",
            "json",
            "--mode",
            "FULL",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", rules(&o));
}
