//! `accord lint`.

use crate::args::LintArgs;
use crate::input;
use crate::render::{self, Report};
use accord_rules::RuleKind;
use accord_rules::config::Policy;
use accord_rules::protobuf::run;
use anyhow::Result;

pub fn run(a: LintArgs) -> Result<u8> {
    let accord = input::accord_yaml(a.common.config.as_deref())?;
    let loaded = input::load_paths(&a.paths, &a.common.proto_path)?;
    let policy = Policy::for_protobuf(
        RuleKind::Lint,
        accord.as_ref().map(|(y, f)| (y, f.as_str())),
        loaded.buf_yaml.as_ref(),
    )?;
    let findings = run::lint(&loaded, &policy);
    let report = Report::new(findings, [&loaded.image]);
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}
