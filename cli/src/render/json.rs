//! `--format json`: the stable machine shape documented in docs/cli.md.
//!
//! Serialized straight from borrowed findings: a `serde_json::Value` tree of googleapis'
//! 78,000 lint findings cost about 200 MB before a byte was printed.

use super::Report;
use accord_rules::{Finding, Format, RuleKind, Severity, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    findings: Vec<Item<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
pub(super) struct Item<'a> {
    rule: &'a str,
    severity: Severity,
    kind: RuleKind,
    format: Format,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    path: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    against: Option<&'a str>,
}

impl<'a> Item<'a> {
    pub(super) fn of(f: &'a Finding) -> Item<'a> {
        let s = f.location.span;
        Item {
            rule: &f.rule,
            severity: f.severity,
            kind: f.kind,
            format: f.format,
            message: &f.message,
            file: &f.location.file,
            line: s.line,
            column: s.column,
            end_line: s.end_line,
            end_column: s.end_column,
            path: &f.location.path,
            before: f.before.as_deref(),
            after: f.after.as_deref(),
            against: f.against.as_deref(),
        }
    }
}

pub fn render(report: &Report) -> String {
    let doc = Doc {
        findings: report.findings.iter().map(Item::of).collect(),
        summary: &report.summary,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON of findings");
    s.push('\n');
    s
}
