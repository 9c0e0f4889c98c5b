//! `accord changelog NEW --against OLD` (or `--against-git REV[:path]`): every change the
//! OpenAPI checks find between two versions, breaking or not, grouped by endpoint, for
//! release notes. Loading, configuration and checks are `breaking`'s (`openapi.rs`); only
//! the selection (info-level changes kept) and the rendering differ. A changelog is not a
//! gate: it exits 0 unless `--fail-on` is given.

use super::openapi;
use crate::args::ChangelogArgs;
use crate::render::{self, changelog::Changelog};
use accord_rules::Severity;
use accord_rules::openapi::load::MAX_FILE_BYTES;
use anyhow::{Result, bail};

pub fn run(a: ChangelogArgs) -> Result<u8> {
    let p = &a.path;
    // A missing or oversized file is the loader's to report; anything else that is not an
    // OpenAPI description is refused here, with the reason.
    let oversized = std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > MAX_FILE_BYTES);
    if p.exists() && !oversized && !openapi::is_openapi(p) {
        bail!(
            "{}: not an OpenAPI description (a .yaml, .yml or .json file with a top-level \
             `openapi` key). `accord changelog` covers OpenAPI only: the Protobuf, Avro and \
             JSON Schema engines report breaking changes alone, so a changelog of them would \
             leave out every compatible change; use `accord breaking` for those",
            p.display()
        );
    }
    let against: Vec<_> = a.against.iter().cloned().collect();
    let (new, previous) = openapi::load_versions(p, &against, a.against_git.as_deref())?;
    let opts = openapi::options(
        a.deprecation_days_stable,
        a.deprecation_days_beta,
        a.stability_level.into(),
    );
    let findings = openapi::findings(&new, &previous, &opts, a.config.as_deref(), Severity::Info)?;
    let Some((_, old)) = previous.first() else {
        bail!("nothing to compare with: give --against OLD or --against-git REV[:PATH]");
    };
    let code = a
        .fail_on
        .map_or(0, |threshold| super::exit_code(&findings, threshold));
    let log = Changelog::new(findings, old, &new);
    render::write_out(&render::changelog::render(
        &log,
        a.format,
        render::terminal(),
    ))?;
    Ok(code)
}
