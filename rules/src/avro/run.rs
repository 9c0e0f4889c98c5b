//! Runs the Avro rules a policy selects and applies the policy to what they find: path
//! ignores, inline `accord:ignore` suppressions and severity overrides.

use super::lint::{self, Ctx, FieldCase, LintOptions, LintRule};
use super::model::Schema;
use crate::compat::{Mode, run_mode};
use crate::config::Policy;
use crate::finding::{Finding, sort_findings};
use crate::suppress;

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
    let mut found = run_mode(mode, current, previous);
    found.retain(|f| policy.rules.iter().any(|m| m.id == f.rule));
    // FORWARD findings point into the previous version (the reader there): keep them, their
    // file names say where they are.
    let mut out = Vec::with_capacity(found.len());
    for mut f in found {
        if policy.ignores(&f.rule, &f.location.file) {
            continue;
        }
        let src = if f.location.file == current.file {
            Some(&current.source)
        } else {
            previous
                .iter()
                .find(|(_, s)| s.file == f.location.file)
                .map(|(_, s)| &s.source)
        };
        if let Some(src) = src
            && suppress::suppressed(src, f.location.span.line, &f.rule)
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
