//! `--format github`: GitHub Actions workflow commands, which annotate the PR's diff.

use super::Report;
use accord_rules::Severity;
use std::fmt::Write;

/// Data escaping of workflow commands.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property escaping: data escaping plus the separators.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let s = f.location.span;
        let mut props = Vec::new();
        if !f.location.file.is_empty() {
            props.push(format!("file={}", escape_property(&f.location.file)));
            props.push(format!("line={}", s.line));
            props.push(format!("col={}", s.column));
            if s.end_line >= s.line && s.end_line > 0 {
                props.push(format!("endLine={}", s.end_line));
                if s.end_line == s.line {
                    props.push(format!("endColumn={}", s.end_column));
                }
            }
        }
        props.push(format!("title={}", escape_property(&f.rule)));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&f.message)
        );
    }
    out
}
