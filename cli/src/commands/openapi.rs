//! `accord breaking` for OpenAPI descriptions: `NEW --against OLD` or `--against-git
//! REV[:path]`. Reached from `breaking.rs` when the first input is a `.yaml`/`.yml`/`.json`
//! file with a top-level `openapi` or `swagger` key. `changelog.rs` loads and checks
//! through the same functions.

use crate::args::BreakingArgs;
use crate::input;
use crate::render::{self, Report};
use accord_rules::config::Policy;
use accord_rules::openapi::{self, Options, Spec, Stability};
use accord_rules::{Finding, Format, RuleKind, Severity, finding::sort_findings};
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `path` is an OpenAPI (or Swagger) file this command should handle.
pub fn is_openapi(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !matches!(ext, "yaml" | "yml" | "json") || !path.is_file() {
        return false;
    }
    // A file too large or unreadable is left to the loader, which reports it properly.
    let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= openapi::load::MAX_FILE_BYTES);
    small
        && std::fs::read(path)
            .is_ok_and(|b| openapi::looks_like_openapi(&String::from_utf8_lossy(&b)))
}

pub fn breaking(a: &BreakingArgs) -> Result<u8> {
    if a.paths.len() != 1 {
        bail!(
            "give one OpenAPI file as the new version (got {})",
            a.paths.len()
        );
    }
    let (new, previous) = load_versions(&a.paths[0], &a.against, a.against_git.as_deref())?;
    let opts = options(
        a.deprecation_days_stable,
        a.deprecation_days_beta,
        a.stability_level.into(),
    );
    // As `oasdiff breaking`: info-level changes break nothing; `accord changelog` lists them.
    let findings = findings(
        &new,
        &previous,
        &opts,
        a.common.config.as_deref(),
        Severity::Warning,
    )?;
    let report = Report::new(findings, std::iter::empty());
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

pub fn options(
    deprecation_days_stable: i64,
    deprecation_days_beta: i64,
    stability_level: Stability,
) -> Options {
    Options {
        deprecation_days_stable,
        deprecation_days_beta,
        stability_level,
        ..Options::default()
    }
}

/// Loads the new version and each earlier one (`--against` files, then `--against-git`),
/// each labelled as the user named it.
pub fn load_versions(
    new_path: &Path,
    against: &[PathBuf],
    against_git: Option<&str>,
) -> Result<(Spec, Vec<(String, Spec)>)> {
    if against.is_empty() && against_git.is_none() {
        bail!("nothing to compare with: give --against OLD or --against-git REV[:PATH]");
    }
    // The versions parse on separate threads: on big descriptions loading is most of the time.
    std::thread::scope(|s| {
        let new = s.spawn(|| openapi::load(new_path));
        let olds: Vec<_> = against
            .iter()
            .map(|old| s.spawn(move || openapi::load(old).map(|o| (old.display().to_string(), o))))
            .collect();
        let mut previous: Vec<(String, Spec)> = Vec::new();
        for h in olds {
            previous.push(
                h.join()
                    .map_err(|_| anyhow::anyhow!("a loader thread panicked"))??,
            );
        }
        if let Some(spec) = against_git {
            previous.push((spec.to_string(), load_git(spec, new_path)?));
        }
        let new = new
            .join()
            .map_err(|_| anyhow::anyhow!("a loader thread panicked"))??;
        anyhow::Ok((new, previous))
    })
}

/// Every change the OpenAPI checks find from each earlier version to the new one, as
/// accord.yaml's `openapi.breaking` section selects, ignores and grades them, at or above
/// `least` after grading; sorted. `breaking` asks from warnings up, `changelog` for every
/// change; checks whose findings would all be dropped are not run.
pub fn findings(
    new: &Spec,
    previous: &[(String, Spec)],
    opts: &Options,
    config: Option<&Path>,
    least: Severity,
) -> Result<Vec<Finding>> {
    let (section, source) = match input::accord_yaml(config)? {
        Some((y, f)) => (y.section(Format::Openapi, RuleKind::Breaking).cloned(), f),
        None => (None, "defaults".to_string()),
    };
    let policy = Policy::resolve(Format::Openapi, RuleKind::Breaking, section, &source)?;
    let graded: HashMap<&str, Severity> = policy
        .rules
        .iter()
        .map(|m| (m.id, policy.severity_of(m)))
        .filter(|&(_, s)| s >= least)
        .collect();
    let mut findings: Vec<Finding> = Vec::new();
    for (label, old) in previous {
        for mut f in openapi::changes_of(old, new, opts, |m| graded.contains_key(m.id)) {
            let Some(&severity) = graded.get(f.rule.as_str()) else {
                continue;
            };
            if policy.ignores(&f.rule, &f.location.file) {
                continue;
            }
            f.severity = severity;
            if previous.len() > 1 {
                f.against = Some(label.clone());
            }
            findings.push(f);
        }
    }
    sort_findings(&mut findings);
    Ok(findings)
}

fn git(repo: &Path, args: &[&str]) -> std::io::Result<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(out.stdout)
}

/// Loads the old version from a git revision: `REV` (the same path as the new file) or
/// `REV:path`. Files its `$ref`s reach are read from the same revision.
fn load_git(spec: &str, current: &Path) -> Result<Spec> {
    let dir = current
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let top = git(dir, &["rev-parse", "--show-toplevel"])
        .context("--against-git needs the input to be inside a git repository")?;
    let repo = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let (rev, rel) = match spec.split_once(':') {
        Some((r, p)) => (r.to_string(), PathBuf::from(p)),
        None => {
            let abs = std::fs::canonicalize(current)
                .with_context(|| format!("{}: no such file", current.display()))?;
            let rel = abs
                .strip_prefix(std::fs::canonicalize(&repo)?)
                .unwrap_or(&abs)
                .to_path_buf();
            (spec.to_string(), rel)
        }
    };
    let read = |p: &Path| -> std::io::Result<Vec<u8>> {
        let obj = format!("{rev}:{}", p.to_string_lossy().replace('\\', "/"));
        git(&repo, &["show", &obj])
    };
    Ok(openapi::load_with(&rel, &read)?)
}
