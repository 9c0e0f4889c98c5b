//! Runs the Avro rules a policy selects and applies the policy to what they find: path
//! ignores, inline `accord:ignore` suppressions and severity overrides.

use super::lint::{self, Ctx, FieldCase, LintOptions, LintRule};
use super::model::Schema;
use super::parse::{AvroError, load};
use crate::compat::{Direction, Mode, ReaderWriter, run_mode};
use crate::config::Policy;
use crate::finding::{Finding, sort_findings};
use crate::suppress;
use std::path::PathBuf;

/// Lints one schema. `field_case` comes from the policy section (`field_case:`).
pub fn lint(schema: &Schema, policy: &Policy) -> Vec<Finding> {
    let rules: Vec<&'static LintRule> = lint::RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let field_case = policy
        .section
        .field_case
        .as_deref()
        .and_then(FieldCase::parse)
        .unwrap_or_default();
    let ctx = Ctx {
        schema,
        options: LintOptions { field_case },
    };
    finish(lint::run(&ctx, &rules), schema, policy)
}

/// Checks `current` against `previous` (oldest first) under `mode`.
pub fn breaking(
    current: &Schema,
    previous: &[(String, Schema)],
    mode: Mode,
    policy: &Policy,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in run_mode(mode, current, previous) {
        let reader = if f.location.file == current.file {
            Some(current)
        } else {
            previous
                .iter()
                .map(|(_, s)| s)
                .find(|s| s.file == f.location.file)
        };
        out.extend(keep(f, reader, policy));
    }
    sort_findings(&mut out);
    out
}

/// `breaking` over files, for long histories: each earlier version is read, checked and
/// dropped in turn (on every core), so memory holds a few schemas, not the whole history.
/// Every file is read (and must be valid) even when the mode does not check it. Findings are
/// labelled with each file's path as given.
pub fn breaking_paths(
    current: &Schema,
    previous: &[PathBuf],
    mode: Mode,
    policy: &Policy,
) -> Result<Vec<Finding>, AvroError> {
    let n = previous.len();
    let checks = mode.checks(n);
    let workers = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, n.max(1));
    let checks = &checks;
    let results: Vec<Result<Vec<Finding>, (usize, AvroError)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|t| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    for i in (t..n).step_by(workers) {
                        let label = previous[i].to_string_lossy().into_owned();
                        let old = load(&previous[i], &label).map_err(|e| (i, e))?;
                        for c in checks.iter().filter(|c| c.previous == i) {
                            let (reader, writer) = match c.direction {
                                Direction::NewReadsOld => (current, &old),
                                Direction::OldReadsNew => (&old, current),
                            };
                            for mut f in Schema::incompatibilities(reader, writer) {
                                f.against = Some(label.clone());
                                out.extend(keep(f, Some(reader), policy));
                            }
                        }
                    }
                    Ok(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(r) => r,
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    });
    let mut out = Vec::new();
    let mut first_error: Option<(usize, AvroError)> = None;
    for r in results {
        match r {
            Ok(found) => out.extend(found),
            Err((i, e)) => {
                if first_error.as_ref().is_none_or(|(j, _)| i < *j) {
                    first_error = Some((i, e));
                }
            }
        }
    }
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    sort_findings(&mut out);
    Ok(out)
}

/// Applies the policy to one breaking finding: the rule selected, path ignores, inline
/// suppressions in the reader's file, severity overrides.
fn keep(mut f: Finding, reader: Option<&Schema>, policy: &Policy) -> Option<Finding> {
    let meta = policy.rules.iter().find(|m| m.id == f.rule)?;
    if policy.ignores(&f.rule, &f.location.file) {
        return None;
    }
    if let Some(r) = reader
        && suppress::suppressed(&r.source, f.location.span.line, &f.rule)
    {
        return None;
    }
    f.severity = policy.severity_of(meta);
    Some(f)
}

fn finish(found: Vec<Finding>, schema: &Schema, policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::with_capacity(found.len());
    for mut f in found {
        if policy.ignores(&f.rule, &f.location.file)
            || suppress::suppressed(&schema.source, f.location.span.line, &f.rule)
        {
            continue;
        }
        if let Some(meta) = policy.rules.iter().find(|m| m.id == f.rule) {
            f.severity = policy.severity_of(meta);
        }
        out.push(f);
    }
    sort_findings(&mut out);
    out
}
