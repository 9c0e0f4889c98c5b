//! accord.yaml (use, except, ignore, ignore_only, severity), --config, discovery from the
//! working directory, inline `accord:ignore`, and buf.yaml when there is no accord.yaml.

use super::*;

/// Two files with a bad field each: `proto/acme/v1/order.proto` and
/// `proto/vendor/v1/thing.proto`, plus `proto/legacy/v1/old.proto`.
fn three_files() -> tempfile::TempDir {
    let t = project(BAD_FIELD);
    write(
        t.path(),
        "proto/vendor/v1/thing.proto",
        BAD_FIELD.replace("acme.v1", "vendor.v1"),
    );
    write(
        t.path(),
        "proto/legacy/v1/old.proto",
        BAD_FIELD.replace("acme.v1", "legacy.v1"),
    );
    t
}

fn files_reported(r: &Run) -> Vec<String> {
    r.stdout
        .lines()
        .filter(|l| l.contains(": "))
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn use_and_except() {
    let t = three_files();
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [ENUM_PASCAL_CASE]\n",
    );
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [STANDARD]\n    except: [FIELD_LOWER_SNAKE_CASE]\n",
    );
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [BASIC]\n    except: [ENUM_PASCAL_CASE]\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(1);
    assert_eq!(files_reported(&r).len(), 3, "{}", r.stdout);
}

#[test]
fn ignore_globs_and_prefixes() {
    let t = three_files();
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n    ignore: [\"vendor/**\", legacy]\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(1);
    assert_eq!(
        files_reported(&r),
        ["proto/acme/v1/order.proto"],
        "{}",
        r.stdout
    );
}

#[test]
fn ignore_only_one_rule() {
    let t = three_files();
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n    ignore_only:\n      FIELD_LOWER_SNAKE_CASE: [legacy/v1/old.proto, \"vendor/*/*.proto\"]\n      ENUM_PASCAL_CASE: [acme]\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(1);
    assert_eq!(
        files_reported(&r),
        ["proto/acme/v1/order.proto"],
        "{}",
        r.stdout
    );
}

#[test]
fn severity_override() {
    let t = project(BAD_FIELD);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    severity:\n      FIELD_LOWER_SNAKE_CASE: warning\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .starts_with("proto/acme/v1/order.proto:7:9: warning FIELD_LOWER_SNAKE_CASE"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 error(s), 1 warning(s), 0 info(s)"));
    // A category sets every rule in it.
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    severity:\n      BASIC: info\n",
    );
    let r = run_in(t.path(), &["lint", "proto", "--fail-on", "warning"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains(" info FIELD_LOWER_SNAKE_CASE"),
        "{}",
        r.stdout
    );
}

#[test]
fn breaking_section() {
    let v = versions();
    write(
        v.path(),
        "accord.yaml",
        "protobuf:\n  breaking:\n    use: [FIELD_NO_DELETE]\n    severity: {FIELD_NO_DELETE: warning}\n",
    );
    let r = run_in(v.path(), &["breaking", "new", "--against", "old"]);
    r.expect_code(0);
    assert!(r.stdout.contains("warning FIELD_NO_DELETE"), "{}", r.stdout);
    write(
        v.path(),
        "accord.yaml",
        "protobuf:\n  breaking:\n    use: [FILE]\n    ignore: [acme/v1]\n",
    );
    run_in(v.path(), &["breaking", "new", "--against", "old"]).expect_code(0);
}

#[test]
fn inline_accord_ignore() {
    // On the line above.
    let above = BAD_FIELD.replace(
        "  int64 fooBar = 2;",
        "  // accord:ignore FIELD_LOWER_SNAKE_CASE\n  int64 fooBar = 2;",
    );
    let t = project(&above);
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
    // On the same line, among other ids.
    let same = BAD_FIELD.replace(
        "  int64 fooBar = 2;",
        "  int64 fooBar = 2; // accord:ignore ENUM_PASCAL_CASE, FIELD_LOWER_SNAKE_CASE",
    );
    let t = project(&same);
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
    // Another rule's id does not suppress it.
    let other = BAD_FIELD.replace(
        "  int64 fooBar = 2;",
        "  int64 fooBar = 2; // accord:ignore ENUM_PASCAL_CASE",
    );
    let t = project(&other);
    run_in(t.path(), &["lint", "proto"]).expect_code(1);
    // Two lines above is too far.
    let far = BAD_FIELD.replace(
        "  int64 fooBar = 2;",
        "  // accord:ignore FIELD_LOWER_SNAKE_CASE\n\n  int64 fooBar = 2;",
    );
    let t = project(&far);
    run_in(t.path(), &["lint", "proto"]).expect_code(1);
}

#[test]
fn inline_ignore_on_breaking_findings() {
    let v = versions();
    write(
        v.path(),
        "new/acme/v1/order.proto",
        DELETED_FIELD.replace(
            "message Order {",
            "// accord:ignore FIELD_NO_DELETE\nmessage Order {",
        ),
    );
    run_in(v.path(), &["breaking", "new", "--against", "old"]).expect_code(0);
}

#[test]
fn buf_comment_ignore() {
    let text = BAD_FIELD.replace(
        "  int64 fooBar = 2;",
        "  // buf:lint:ignore FIELD_LOWER_SNAKE_CASE\n  int64 fooBar = 2;",
    );
    let t = project(&text);
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
}

#[test]
fn explicit_config() {
    let t = project(BAD_FIELD);
    // A discovered accord.yaml that would report it...
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n",
    );
    // ...and an explicit one that does not run the rule.
    write(
        t.path(),
        "configs/relaxed.yaml",
        "protobuf:\n  lint:\n    use: [ENUM_PASCAL_CASE]\n",
    );
    run_in(t.path(), &["lint", "proto"]).expect_code(1);
    run_in(
        t.path(),
        &["lint", "proto", "--config", "configs/relaxed.yaml"],
    )
    .expect_code(0);
    let r = run_in(
        t.path(),
        &["lint", "proto", "--config", "configs/missing.yaml"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("configs/missing.yaml"), "{}", r.stderr);
}

#[test]
fn discovery_walks_up_from_the_working_directory() {
    let t = project(BAD_FIELD);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n    severity: {FIELD_LOWER_SNAKE_CASE: warning}\n",
    );
    let deep = t.path().join("proto/acme");
    let r = run_in(&deep, &["lint", "v1"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .starts_with("v1/order.proto:7:9: warning FIELD_LOWER_SNAKE_CASE"),
        "{}",
        r.stdout
    );
    // accord.yml is found too.
    std::fs::rename(t.path().join("accord.yaml"), t.path().join("accord.yml")).unwrap();
    let r = run_in(&deep, &["lint", "v1"]);
    r.expect_code(0);
    assert!(r.stdout.contains("warning"), "{}", r.stdout);
}

#[test]
fn buf_yaml_when_there_is_no_accord_yaml() {
    let v = versions();
    write(
        v.path(),
        "new/acme/v1/extra.proto",
        "syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Extra {\n  string id = 1;\n}\n",
    );
    write(
        v.path(),
        "old/acme/v1/extra.proto",
        "syntax = \"proto3\";\n\npackage acme.v1;\n\nmessage Extra {\n  string id = 1;\n  string gone = 2;\n}\n",
    );
    // Without configuration both deletions are reported.
    let r = run_in(v.path(), &["breaking", "new", "--against", "old"]);
    r.expect_code(1);
    assert_eq!(files_reported(&r).len(), 2, "{}", r.stdout);
    // new/buf.yaml: only FIELD_NO_DELETE, ignoring extra.proto.
    write(
        v.path(),
        "new/buf.yaml",
        "version: v2\nbreaking:\n  use: [FIELD_NO_DELETE]\n  ignore: [acme/v1/extra.proto]\n",
    );
    let r = run_in(v.path(), &["breaking", "new", "--against", "old"]);
    r.expect_code(1);
    assert_eq!(
        files_reported(&r),
        ["new/acme/v1/order.proto"],
        "{}",
        r.stdout
    );
    // An accord.yaml wins over buf.yaml.
    write(
        v.path(),
        "accord.yaml",
        "protobuf:\n  breaking:\n    use: [FIELD_SAME_NAME]\n",
    );
    run_in(v.path(), &["breaking", "new", "--against", "old"]).expect_code(0);

    // buf.yaml's lint section, with a v2 module.
    let t = temp();
    write(t.path(), "ws/proto/acme/v1/order.proto", BAD_FIELD);
    write(
        t.path(),
        "ws/buf.yaml",
        "version: v2\nmodules:\n  - path: proto\nlint:\n  use: [FIELD_LOWER_SNAKE_CASE]\n  ignore_only:\n    FIELD_LOWER_SNAKE_CASE: [proto/acme/v1/order.proto]\n",
    );
    let r = run_in(t.path(), &["lint", "ws"]);
    r.expect_code(0);
    write(
        t.path(),
        "ws/buf.yaml",
        "version: v2\nmodules:\n  - path: proto\nlint:\n  use: [FIELD_LOWER_SNAKE_CASE]\n",
    );
    let r = run_in(t.path(), &["lint", "ws"]);
    r.expect_code(1);
    assert!(
        r.stdout
            .starts_with("ws/proto/acme/v1/order.proto:7:9: error FIELD_LOWER_SNAKE_CASE"),
        "{}",
        r.stdout
    );
}
