//! `accord breaking`.

use crate::args::BreakingArgs;
use crate::input;
use crate::render::{self, Report};
use accord_rules::RuleKind;
use accord_rules::config::Policy;
use accord_rules::protobuf::{self, Loaded, ProtoInput, run};
use anyhow::{Result, bail};

pub fn run(a: BreakingArgs) -> Result<u8> {
    if a.paths
        .first()
        .is_some_and(|p| super::openapi::is_openapi(p))
    {
        return super::openapi::breaking(&a);
    }
    let accord = input::accord_yaml(a.common.config.as_deref())?;
    let mut previous: Vec<ProtoInput> = a.against.iter().cloned().map(ProtoInput::Path).collect();
    if let Some(spec) = &a.against_git {
        previous.extend(input::git_inputs(spec, &a.paths, a.history)?);
    }
    if previous.is_empty() {
        bail!("nothing to compare with: give --against OLD or --against-git REV");
    }
    let includes = &a.common.proto_path;
    // One input at a time: each already compiles on every core (in batches), and loading
    // them together would only add one more set of compiler pools to the peak memory.
    let current = input::load_paths(&a.paths, includes);
    let history: Vec<_> = previous
        .iter()
        .map(|p| protobuf::load(p, includes).map(|l| (p.label(), l)))
        .collect();
    let current = current?;
    let history: Vec<(String, Loaded)> = history.into_iter().collect::<Result<_, _>>()?;
    let policy = Policy::for_protobuf(
        RuleKind::Breaking,
        accord.as_ref().map(|(y, f)| (y, f.as_str())),
        current.buf_yaml.as_ref(),
    )?;
    let refs: Vec<(String, &Loaded)> = history.iter().map(|(l, x)| (l.clone(), x)).collect();
    let findings = run::breaking(&current, &refs, &policy);
    let report = Report::new(findings, [&current.image]);
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}
