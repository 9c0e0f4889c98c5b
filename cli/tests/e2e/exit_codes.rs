//! Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors.

use super::*;

#[test]
fn clean_input_exits_0_and_prints_nothing() {
    let t = project(CLEAN);
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(0);
    assert_eq!(r.stdout, "");
    let v = versions();
    std::fs::write(v.path().join("new/acme/v1/order.proto"), CLEAN).unwrap();
    run_in(v.path(), &["breaking", "new", "--against", "old"]).expect_code(0);
}

#[test]
fn findings_exit_1() {
    let t = project(BAD_FIELD);
    run_in(t.path(), &["lint", "proto"]).expect_code(1);
    let v = versions();
    run_in(v.path(), &["breaking", "new", "--against", "old"]).expect_code(1);
}

#[test]
fn working_directory_is_the_default_input() {
    let t = project(BAD_FIELD);
    let r = run_in(&t.path().join("proto"), &["lint"]);
    r.expect_code(1);
    assert!(
        r.stdout
            .starts_with("acme/v1/order.proto:7:9: error FIELD_LOWER_SNAKE_CASE")
    );
}

/// The severity of FIELD_LOWER_SNAKE_CASE set by accord.yaml, then each --fail-on.
fn with_severity(severity: &str) -> tempfile::TempDir {
    let t = project(BAD_FIELD);
    write(
        t.path(),
        "accord.yaml",
        format!(
            "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n    severity:\n      FIELD_LOWER_SNAKE_CASE: {severity}\n"
        ),
    );
    t
}

#[test]
fn fail_on_thresholds() {
    // (severity of the finding, --fail-on, exit code)
    let cases = [
        ("error", "error", 1),
        ("error", "warning", 1),
        ("error", "info", 1),
        ("error", "none", 0),
        ("warning", "error", 0),
        ("warning", "warning", 1),
        ("warning", "info", 1),
        ("warning", "none", 0),
        ("info", "error", 0),
        ("info", "warning", 0),
        ("info", "info", 1),
        ("info", "none", 0),
    ];
    for (severity, fail_on, code) in cases {
        let t = with_severity(severity);
        let r = run_in(t.path(), &["lint", "proto", "--fail-on", fail_on]);
        assert_eq!(
            r.code, code,
            "severity {severity}, --fail-on {fail_on}: {}{}",
            r.stdout, r.stderr
        );
        // The finding is printed whatever the threshold.
        assert!(
            r.stdout
                .contains(&format!("{severity} FIELD_LOWER_SNAKE_CASE")),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn default_fail_on_is_error() {
    let t = with_severity("warning");
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
}

#[test]
fn usage_errors_exit_2() {
    let t = project(CLEAN);
    let cases: &[&[&str]] = &[
        &["lint", "proto", "--bogus"],
        &["frobnicate"],
        &[],
        &["lint", "proto", "--format", "xml"],
        &["lint", "proto", "--fail-on", "sometimes"],
        &["breaking", "proto"],
        &["rules", "explain", "NO_SUCH_RULE"],
        &["build", "proto"],
    ];
    for args in cases {
        let r = run_in(t.path(), args);
        assert_eq!(r.code, 2, "accord {args:?}: {}{}", r.stdout, r.stderr);
        assert!(!r.stderr.trim().is_empty(), "accord {args:?}: no message");
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn missing_path_exits_2_naming_it() {
    let t = temp();
    let r = run_in(t.path(), &["lint", "nowhere"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("nowhere: no such file or directory"),
        "{}",
        r.stderr
    );
    let r = run_in(t.path(), &["breaking", "nowhere", "--against", "gone"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn parse_error_exits_2_with_position() {
    let t =
        project("syntax = \"proto3\";\npackage acme.v1;\nmessage Order {\n  string id = 1\n}\n");
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("proto/acme/v1/order.proto:5:1:"),
        "{}",
        r.stderr
    );
    // A bad --against is as much an input error as a bad input.
    let v = versions();
    write(v.path(), "old/acme/v1/order.proto", "message {");
    let r = run_in(v.path(), &["breaking", "new", "--against", "old"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("old/acme/v1/order.proto:1:"),
        "{}",
        r.stderr
    );
}

#[test]
fn help_and_version_exit_0() {
    let t = temp();
    for args in [
        &["--help"][..],
        &["--version"],
        &["lint", "--help"],
        &["rules", "list"],
    ] {
        let r = run_in(t.path(), args);
        r.expect_code(0);
        assert!(!r.stdout.is_empty());
    }
}

#[test]
fn single_file_and_include_paths() {
    let t = temp();
    write(
        t.path(),
        "deps/acme/common/v1/money.proto",
        "syntax = \"proto3\";\n\npackage acme.common.v1;\n\nmessage Money {\n  int64 units = 1;\n}\n",
    );
    write(
        t.path(),
        "proto/acme/v1/order.proto",
        BAD_FIELD
            .replace(
                "package acme.v1;\n",
                "package acme.v1;\n\nimport \"acme/common/v1/money.proto\";\n",
            )
            .replace(
                "  int64 fooBar = 2;\n",
                "  int64 fooBar = 2;\n  acme.common.v1.Money price = 3;\n",
            ),
    );
    // The import is not found without -I...
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("proto/acme/v1/order.proto:5:1:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("acme/common/v1/money.proto"),
        "{}",
        r.stderr
    );
    // ...and with it only the input's files are checked, not the imported one.
    let r = run_in(t.path(), &["lint", "proto", "-I", "deps"]);
    r.expect_code(1);
    assert_eq!(
        r.stdout.matches("FIELD_LOWER_SNAKE_CASE").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.starts_with("proto/acme/v1/order.proto:9:9: error"),
        "{}",
        r.stdout
    );
    // One file, with the root given by -I so its import path keeps its directories.
    let r = run_in(
        t.path(),
        &[
            "lint",
            "proto/acme/v1/order.proto",
            "--proto-path",
            "proto",
            "-I",
            "deps",
        ],
    );
    r.expect_code(1);
    assert!(
        r.stdout.starts_with("proto/acme/v1/order.proto:9:9: error"),
        "{}",
        r.stdout
    );
}
