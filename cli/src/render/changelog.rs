//! `accord changelog`'s renderings: every change between two OpenAPI versions, grouped by
//! endpoint (`GET /pets/{id}`), then the changes to the document as a whole; within a group
//! by severity (errors first), then rule. Text and markdown show a diff of the fragment each
//! change touched; JSON is the stable machine shape documented in docs/output-formats.md.

use super::{fragment, place};
use crate::args::ChangelogFormat;
use accord_rules::openapi::Spec;
use accord_rules::openapi::locate::{self, Endpoint, METHODS};
use accord_rules::{Finding, Severity, Summary};
use serde::Serialize;
use std::fmt::Write;

/// The changes of one endpoint, or of the document (`endpoint: None`).
pub struct Group {
    pub endpoint: Option<Endpoint>,
    pub changes: Vec<Finding>,
}

pub struct Changelog<'a> {
    pub groups: Vec<Group>,
    pub summary: Summary,
    old: &'a Spec,
    new: &'a Spec,
}

impl<'a> Changelog<'a> {
    pub fn new(findings: Vec<Finding>, old: &'a Spec, new: &'a Spec) -> Changelog<'a> {
        let summary = Summary::of(&findings);
        let mut keyed: Vec<(Option<Endpoint>, Finding)> = findings
            .into_iter()
            .map(|f| (locate::endpoint(&f), f))
            .collect();
        // Endpoints by path, then method in the order path items list them; the document's
        // own changes last. `sort_by` is stable: ties keep the findings' file:line order.
        keyed.sort_by(|(ea, fa), (eb, fb)| {
            group_key(ea.as_ref())
                .cmp(&group_key(eb.as_ref()))
                .then(fb.severity.cmp(&fa.severity))
                .then(fa.rule.cmp(&fb.rule))
        });
        let mut groups: Vec<Group> = Vec::new();
        for (e, f) in keyed {
            match groups.last_mut() {
                Some(g) if g.endpoint == e => g.changes.push(f),
                _ => groups.push(Group {
                    endpoint: e,
                    changes: vec![f],
                }),
            }
        }
        Changelog {
            groups,
            summary,
            old,
            new,
        }
    }

    fn diff(&self, f: &Finding) -> Option<String> {
        let fr = locate::fragments(self.old, self.new, f)?;
        fragment::diff(fr.key.as_deref(), fr.before, fr.after)
    }

    fn endpoints(&self) -> usize {
        self.groups.iter().filter(|g| g.endpoint.is_some()).count()
    }
}

fn group_key(e: Option<&Endpoint>) -> (bool, &str, usize) {
    match e {
        Some(e) => (
            false,
            e.path.as_str(),
            METHODS.iter().position(|m| *m == e.method).unwrap_or(0),
        ),
        None => (true, "", 0),
    }
}

fn title(g: &Group) -> String {
    g.endpoint
        .as_ref()
        .map_or_else(|| "Document".to_string(), Endpoint::to_string)
}

pub fn render(log: &Changelog, format: ChangelogFormat, terminal: bool) -> String {
    match format {
        ChangelogFormat::Text => text(log, terminal),
        ChangelogFormat::Markdown => markdown(log),
        ChangelogFormat::Json => json(log),
    }
}

fn counts(log: &Changelog) -> String {
    let s = &log.summary;
    format!(
        "{} change(s) in {} endpoint(s){}: {} error(s), {} warning(s), {} info(s)",
        s.errors + s.warnings + s.infos,
        log.endpoints(),
        if log.groups.iter().any(|g| g.endpoint.is_none()) {
            " and the document"
        } else {
            ""
        },
        s.errors,
        s.warnings,
        s.infos
    )
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// A heading per group, a line per change, its diff indented below.
fn text(log: &Changelog, terminal: bool) -> String {
    let mut out = String::new();
    if log.groups.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for g in &log.groups {
        let _ = writeln!(out, "{}", title(g));
        for f in &g.changes {
            let sev = super::text::severity(f.severity, terminal);
            let _ = writeln!(
                out,
                "  {sev} {} {} ({})",
                f.rule,
                one_line(&f.message),
                place(f)
            );
            for line in log.diff(f).iter().flat_map(|d| d.lines()) {
                let colour = match line.chars().next() {
                    Some('+') if terminal => Some("32"),
                    Some('-') if terminal => Some("31"),
                    _ => None,
                };
                match colour {
                    Some(c) => {
                        let _ = writeln!(out, "      \x1b[{c}m{line}\x1b[0m");
                    }
                    None => {
                        let _ = writeln!(out, "      {line}");
                    }
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", counts(log));
    out
}

/// A section per group, a bullet per change, its diff in a ```diff block, for release
/// notes, PR comments and job summaries.
fn markdown(log: &Changelog) -> String {
    let mut out = String::from("## Changelog\n\n");
    if log.groups.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(out, "**{}**\n", counts(log));
    for g in &log.groups {
        let _ = writeln!(out, "### {}\n", code(&title(g)));
        for f in &g.changes {
            let breaking = if f.severity > Severity::Info {
                " (breaking)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- **{}**{breaking} {} {} — {}",
                f.severity,
                code(&f.rule),
                one_line(&f.message).replace('<', "&lt;"),
                code(&place(f))
            );
            if let Some(d) = log.diff(f) {
                // A fence longer than any run of backticks in the diff, indented under the
                // bullet so the list stays one list.
                let fence = "`".repeat(longest_run(&d, '`').max(2) + 1);
                let _ = writeln!(out, "\n  {fence}diff");
                for line in d.lines() {
                    let _ = writeln!(out, "  {line}");
                }
                let _ = writeln!(out, "  {fence}\n");
            }
        }
        out.push('\n');
    }
    out
}

/// Inline code that survives backticks in what it quotes.
fn code(s: &str) -> String {
    let s = one_line(s);
    let ticks = "`".repeat(longest_run(&s, '`') + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for x in s.chars() {
        cur = if x == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

#[derive(Serialize)]
struct Doc<'a> {
    changes: Vec<Item<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    changes: usize,
    endpoints: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonEndpoint<'a> {
    method: &'a str,
    path: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    endpoint: Option<JsonEndpoint<'a>>,
    /// Whether `accord breaking` reports it (every severity above info).
    breaking: bool,
    #[serde(flatten)]
    finding: super::json::Item<'a>,
}

/// One flat list in changelog order, each change naming its endpoint: `group_by(.endpoint)`
/// in jq gives the groups back, and no change is ever in two places. No diffs: machines
/// have both documents.
fn json(log: &Changelog) -> String {
    let changes = log
        .groups
        .iter()
        .flat_map(|g| g.changes.iter().map(move |f| (g.endpoint.as_ref(), f)))
        .map(|(e, f)| Item {
            endpoint: e.map(|e| JsonEndpoint {
                method: &e.method,
                path: &e.path,
            }),
            breaking: f.severity > Severity::Info,
            finding: super::json::Item::of(f),
        })
        .collect::<Vec<_>>();
    let s = &log.summary;
    let doc = Doc {
        summary: JsonSummary {
            changes: changes.len(),
            endpoints: log.endpoints(),
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
        changes,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON of changes");
    out.push('\n');
    out
}
