//! End-to-end tests through the real `accord` binary, each in its own temporary directory.
//! One test binary (modules below) so the workspace links it once.
//!
//! The inputs are laid out so that buf's STANDARD lint rules and FILE breaking rules find
//! nothing in them except the violations a test plants (a field named `fooBar` for
//! FIELD_LOWER_SNAKE_CASE, a deleted field for FIELD_NO_DELETE): the tests stay exact when
//! more rules get their checks.

mod changelog;
mod config;
mod docs;
mod exit_codes;
mod formats;
mod git_and_images;
mod malformed;
mod openapi;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams when it is not.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code {} (wanted {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "accord panicked:\n{}",
            self.stderr
        );
        self
    }
}

pub fn accord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_accord"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs `accord ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = accord()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run accord");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `text` at `dir/rel`, creating parent directories.
pub fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, text).expect("write");
    p
}

/// A fresh temporary directory.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A clean file: nothing in STANDARD lint fires on it under root `proto/`.
pub const CLEAN: &str = "syntax = \"proto3\";

package acme.v1;

message Order {
  string order_id = 1;
  int64 total = 2;
}
";

/// Line 7, column 9 is `fooBar`: one FIELD_LOWER_SNAKE_CASE finding.
pub const BAD_FIELD: &str = "syntax = \"proto3\";

package acme.v1;

message Order {
  string order_id = 1;
  int64 fooBar = 2;
}
";

/// `Order` without field 2: against CLEAN, one FIELD_NO_DELETE finding at 5:1.
pub const DELETED_FIELD: &str = "syntax = \"proto3\";

package acme.v1;

message Order {
  string order_id = 1;
}
";

pub const LINT_MESSAGE: &str =
    "Field name \"fooBar\" should be lower_snake_case, such as \"foo_bar\".";
pub const DELETE_MESSAGE: &str =
    "Previously present field \"2\" with name \"total\" on message \"Order\" was deleted.";

/// A directory with `proto/acme/v1/order.proto` holding `text`.
pub fn project(text: &str) -> tempfile::TempDir {
    let t = temp();
    write(t.path(), "proto/acme/v1/order.proto", text);
    t
}

/// `old/acme/v1/order.proto` = CLEAN and `new/acme/v1/order.proto` = DELETED_FIELD.
pub fn versions() -> tempfile::TempDir {
    let t = temp();
    write(t.path(), "old/acme/v1/order.proto", CLEAN);
    write(t.path(), "new/acme/v1/order.proto", DELETED_FIELD);
    t
}
