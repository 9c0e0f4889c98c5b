//! One module per verb; `run` dispatches.

mod breaking;
mod breaking_broker;
mod build;
pub mod can_i_deploy;
mod changelog;
mod compat;
pub mod deployments;
pub mod describe_version;
pub mod docs;
mod lint;
mod openapi;
mod openapi_lint;
pub mod provider_contract;
pub mod publish;
mod rules;
pub mod schema;
pub mod serve;

use crate::args::{Cli, Command, FailOn};
use accord_rules::{Finding, Severity};
use anyhow::Result;

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Lint(a) => lint::run(a),
        Command::Breaking(a) => breaking::run(a),
        Command::Changelog(a) => changelog::run(a),
        Command::Build(a) => build::run(a),
        Command::Compat(a) => compat::run(a),
        Command::Rules(c) => rules::run(c),
        Command::Serve(a) => serve::run(a),
        Command::Docs(c) => docs::run(c),
        Command::Publish(a) => publish::run(a),
        Command::PublishProviderContract(a) => provider_contract::run(a),
        Command::CanIDeploy(a) => can_i_deploy::run(a),
        Command::CreateEnvironment(a) => deployments::create_environment(a),
        Command::RecordDeployment(a) => deployments::record_deployment(a),
        Command::RecordUndeployment(a) => deployments::record_undeployment(a),
        Command::RecordRelease(a) => deployments::record_release(a),
        Command::RecordSupportEnded(a) => deployments::record_support_ended(a),
        Command::DescribeVersion(a) => describe_version::run(a),
        Command::Schema(c) => schema::run(c),
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
