//! --against-git REV[:subdir], and FileDescriptorSet images written by `accord build`.

use super::*;
use std::process::Command;

/// Runs git in `dir` as a test user, failing the test when git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=accord test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with `proto/acme/v1/order.proto`: v1 = CLEAN, v2 = DELETED_FIELD.
fn repo() -> tempfile::TempDir {
    let t = project(CLEAN);
    git(t.path(), &["init", "-q"]);
    git(t.path(), &["add", "."]);
    git(t.path(), &["commit", "-q", "-m", "v1"]);
    write(t.path(), "proto/acme/v1/order.proto", DELETED_FIELD);
    git(t.path(), &["commit", "-q", "-a", "-m", "v2"]);
    t
}

#[test]
fn against_git_revision() {
    let t = repo();
    // Same path as the input.
    let r = run_in(t.path(), &["breaking", "proto", "--against-git", "HEAD~1"]);
    r.expect_code(1);
    assert_eq!(
        r.stdout,
        format!(
            "proto/acme/v1/order.proto:5:1: error FIELD_NO_DELETE {DELETE_MESSAGE}\n\
             1 error(s), 0 warning(s), 0 info(s)\n"
        )
    );
    // REV:subdir.
    let r = run_in(
        t.path(),
        &["breaking", "proto", "--against-git", "HEAD~1:proto"],
    );
    r.expect_code(1);
    assert!(r.stdout.contains("FIELD_NO_DELETE"), "{}", r.stdout);
    // The JSON names the revision compared with.
    let r = run_in(
        t.path(),
        &[
            "breaking",
            "proto",
            "--against-git",
            "HEAD~1",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["findings"][0]["against"], "HEAD~1:proto");
    // The working tree against HEAD: nothing changed.
    run_in(t.path(), &["breaking", "proto", "--against-git", "HEAD"]).expect_code(0);
}

#[test]
fn against_git_from_a_subdirectory() {
    let t = repo();
    let r = run_in(
        &t.path().join("proto"),
        &["breaking", "--against-git", "HEAD~1"],
    );
    r.expect_code(1);
    assert!(
        r.stdout
            .starts_with("acme/v1/order.proto:5:1: error FIELD_NO_DELETE"),
        "{}",
        r.stdout
    );
}

#[test]
fn against_git_uncommitted_change() {
    let t = repo();
    // Undo the deletion in the working tree, then delete the other field.
    write(
        t.path(),
        "proto/acme/v1/order.proto",
        CLEAN.replace("  string order_id = 1;\n", ""),
    );
    let r = run_in(t.path(), &["breaking", "proto", "--against-git", "HEAD~1"]);
    r.expect_code(1);
    assert!(
        r.stdout.contains("field \"1\" with name \"order_id\""),
        "{}",
        r.stdout
    );
    // Against HEAD (which already lacks field 2): only field 1.
    let r = run_in(t.path(), &["breaking", "proto", "--against-git", "HEAD"]);
    r.expect_code(1);
    assert_eq!(
        r.stdout.matches("FIELD_NO_DELETE").count(),
        1,
        "{}",
        r.stdout
    );
}

#[test]
fn against_git_errors() {
    let t = repo();
    let r = run_in(
        t.path(),
        &["breaking", "proto", "--against-git", "no-such-rev"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("no-such-rev"), "{}", r.stderr);
    let r = run_in(
        t.path(),
        &["breaking", "proto", "--against-git", "HEAD:nowhere"],
    );
    r.expect_code(2);
    let outside = temp();
    write(outside.path(), "proto/acme/v1/order.proto", CLEAN);
    let r = run_in(
        outside.path(),
        &["breaking", "proto", "--against-git", "HEAD"],
    );
    r.expect_code(2);
    assert!(r.stderr.contains("git"), "{}", r.stderr);
}

#[test]
fn build_writes_an_image_that_round_trips() {
    let t = project(BAD_FIELD);
    run_in(t.path(), &["build", "proto", "-o", "v1.binpb"]).expect_code(0);
    let bytes = std::fs::read(t.path().join("v1.binpb")).unwrap();
    assert!(!bytes.is_empty());
    // It is a FileDescriptorSet accord reads back with the same files and locations.
    let image = accord_rules::protobuf::image::read_image(&t.path().join("v1.binpb")).unwrap();
    let names: Vec<&str> = image.targets().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["acme/v1/order.proto"]);
    let r = run_in(t.path(), &["lint", "v1.binpb"]);
    r.expect_code(1);
    assert_eq!(
        r.stdout,
        format!(
            "acme/v1/order.proto:7:9: error FIELD_LOWER_SNAKE_CASE {LINT_MESSAGE}\n\
             1 error(s), 0 warning(s), 0 info(s)\n"
        )
    );
}

#[test]
fn breaking_against_an_image() {
    let v = versions();
    run_in(v.path(), &["build", "old", "-o", "old.binpb"]).expect_code(0);
    run_in(v.path(), &["build", "new", "--output", "new.binpb"]).expect_code(0);
    let r = run_in(v.path(), &["breaking", "new", "--against", "old.binpb"]);
    r.expect_code(1);
    assert_eq!(
        r.stdout,
        format!(
            "new/acme/v1/order.proto:5:1: error FIELD_NO_DELETE {DELETE_MESSAGE}\n\
             1 error(s), 0 warning(s), 0 info(s)\n"
        )
    );
    // Image against image: same finding, located by the image's source info.
    let r = run_in(
        v.path(),
        &["breaking", "new.binpb", "--against", "old.binpb"],
    );
    r.expect_code(1);
    assert!(
        r.stdout
            .starts_with("acme/v1/order.proto:5:1: error FIELD_NO_DELETE"),
        "{}",
        r.stdout
    );
    // Images of the same version: nothing.
    run_in(
        v.path(),
        &["breaking", "old.binpb", "--against", "old.binpb"],
    )
    .expect_code(0);
}

#[test]
fn build_with_imports() {
    let t = temp();
    write(
        t.path(),
        "proto/acme/v1/order.proto",
        "syntax = \"proto3\";\n\npackage acme.v1;\n\nimport \"google/protobuf/timestamp.proto\";\n\nmessage Order {\n  google.protobuf.Timestamp created = 1;\n}\n",
    );
    run_in(t.path(), &["build", "proto", "-o", "all.binpb"]).expect_code(0);
    run_in(
        t.path(),
        &["build", "proto", "-o", "own.binpb", "--exclude-imports"],
    )
    .expect_code(0);
    let all = accord_rules::protobuf::image::read_image(&t.path().join("all.binpb")).unwrap();
    let own = accord_rules::protobuf::image::read_image(&t.path().join("own.binpb")).unwrap();
    assert_eq!(all.files.len(), 2);
    assert_eq!(own.files.len(), 1);
    // The well-known import is not a target either way.
    assert_eq!(all.targets().count(), 1);
    let r = run_in(t.path(), &["build", "proto", "-o", "no/such/dir/x.binpb"]);
    r.expect_code(2);
    assert!(r.stderr.contains("no/such/dir/x.binpb"), "{}", r.stderr);
}

/// --history N loads the N commits up to REV (oldest first); buf's rules still compare with
/// REV itself. More commits than the repository has is fine.
#[test]
fn against_git_history() {
    let t = repo();
    run_in(
        t.path(),
        &[
            "breaking",
            "proto",
            "--against-git",
            "HEAD",
            "--history",
            "2",
        ],
    )
    .expect_code(0);
    run_in(
        t.path(),
        &[
            "breaking",
            "proto",
            "--against-git",
            "HEAD",
            "--history",
            "10",
        ],
    )
    .expect_code(0);
    let r = run_in(
        t.path(),
        &[
            "breaking",
            "proto",
            "--against-git",
            "HEAD~1",
            "--history",
            "2",
            "--format",
            "json",
        ],
    );
    r.expect_code(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["findings"][0]["against"], "HEAD~1:proto");
}

/// Several --against versions: buf's rules compare with the last (newest) one.
#[test]
fn several_against_versions() {
    let v = versions();
    write(v.path(), "mid/acme/v1/order.proto", DELETED_FIELD);
    run_in(
        v.path(),
        &["breaking", "new", "--against", "old", "--against", "mid"],
    )
    .expect_code(0);
    run_in(
        v.path(),
        &["breaking", "new", "--against", "mid", "--against", "old"],
    )
    .expect_code(1);
}
