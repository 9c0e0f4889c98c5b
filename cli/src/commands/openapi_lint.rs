//! `accord lint` for OpenAPI descriptions: Spectral's `spectral:oas` rules. Configured by
//! accord.yaml's `openapi.lint` section when there is an accord.yaml, else by a Spectral
//! ruleset (`--ruleset`, or `.spectral.yaml` found like Spectral finds it), else defaults.

use crate::args::LintArgs;
use crate::render::{self, Report};
use accord_rules::config::{AccordYaml, Policy, Section};
use accord_rules::openapi::{self, lint::ruleset};
use accord_rules::{Format, RuleKind};
use anyhow::{Result, bail};
use std::path::Path;

pub fn run(a: &LintArgs, accord: Option<&(AccordYaml, String)>) -> Result<u8> {
    if a.paths.len() > 1 {
        bail!(
            "give one OpenAPI description per run (got {})",
            a.paths.len()
        );
    }
    let path = &a.paths[0];
    let (section, source) = config(path, a.ruleset.as_deref(), accord)?;
    let policy = Policy::resolve(Format::Openapi, RuleKind::Lint, section, &source)?;
    let spec = openapi::load(path)?;
    let findings = openapi::lint::lint(&spec, &policy);
    let report = Report::new(findings, std::iter::empty());
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

/// The lint section and where it came from.
fn config(
    spec: &Path,
    explicit: Option<&Path>,
    accord: Option<&(AccordYaml, String)>,
) -> Result<(Option<Section>, String)> {
    if explicit.is_none()
        && let Some((y, file)) = accord
    {
        return Ok((
            y.section(Format::Openapi, RuleKind::Lint).cloned(),
            file.clone(),
        ));
    }
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let dir = spec
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            ruleset::discover(&dir).or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|c| ruleset::discover(&c))
            })
        }
    };
    let Some(file) = found else {
        return Ok((None, "defaults".to_string()));
    };
    let r = ruleset::read(&file)?;
    let name = file.display().to_string();
    for what in &r.ignored {
        eprintln!("warning: {name}: ignored {what}");
    }
    Ok((Some(r.section), name))
}
