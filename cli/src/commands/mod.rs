//! One module per verb; `run` dispatches.

mod breaking;
mod build;
mod compat;
pub mod docs;
mod lint;
mod openapi;
mod rules;
pub mod serve;

use crate::args::{Cli, Command, FailOn};
use accord_rules::{Finding, Severity};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Lint(a) => lint::run(a),
        Command::Breaking(a) => breaking::run(a),
        Command::Build(a) => build::run(a),
        Command::Compat(a) => compat::run(a),
        Command::Rules(c) => rules::run(c),
        Command::Serve(a) => serve::run(a),
        Command::Docs(c) => docs::run(c),
    }
}

/// 1 when a finding is at or above the threshold, else 0.
pub fn exit_code(findings: &[Finding], fail_on: FailOn) -> u8 {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::None => return 0,
    };
    u8::from(findings.iter().any(|f| f.severity >= threshold))
}
