//! `accord breaking` for OpenAPI descriptions: `NEW --against OLD` or `--against-git
//! REV[:path]`. Reached from `breaking.rs` when the first input is a `.yaml`/`.yml`/`.json`
//! file with a top-level `openapi` or `swagger` key.

use crate::args::BreakingArgs;
use crate::render::{self, Report};
use accord_rules::openapi::{self, Options, Spec};
use accord_rules::{Finding, finding::sort_findings};
use anyhow::{Context, Result, bail};
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
    let new_path = &a.paths[0];
    if a.against.is_empty() && a.against_git.is_none() {
        bail!("nothing to compare with: give --against OLD or --against-git REV[:PATH]");
    }
    // The versions parse on separate threads: on big descriptions loading is most of the time.
    let (new, previous) = std::thread::scope(|s| {
        let new = s.spawn(|| openapi::load(new_path));
        let olds: Vec<_> = a
            .against
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
        if let Some(spec) = &a.against_git {
            previous.push((spec.clone(), load_git(spec, new_path)?));
        }
        let new = new
            .join()
            .map_err(|_| anyhow::anyhow!("a loader thread panicked"))??;
        anyhow::Ok((new, previous))
    })?;
    let opts = Options {
        deprecation_days_stable: a.deprecation_days_stable,
        deprecation_days_beta: a.deprecation_days_beta,
        ..Options::default()
    };
    let mut findings: Vec<Finding> = Vec::new();
    for (label, old) in &previous {
        for mut f in openapi::breaking(old, &new, &opts) {
            if previous.len() > 1 {
                f.against = Some(label.clone());
            }
            findings.push(f);
        }
    }
    sort_findings(&mut findings);
    let report = Report::new(findings, std::iter::empty());
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
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
