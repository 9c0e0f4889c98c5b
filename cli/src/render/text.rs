//! `--format text`: `file:line:col: severity RULE_ID message`, with the source line and a
//! caret when writing to a terminal (colour only there).

use super::{Report, place};
use accord_rules::Severity;
use std::fmt::Write;

/// A severity as printed, coloured on a terminal.
pub fn severity(s: Severity, terminal: bool) -> String {
    if terminal {
        let code = match s {
            Severity::Error => "31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        format!("\x1b[1;{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub fn render(report: &Report, terminal: bool) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let sev = severity(f.severity, terminal);
        // One finding, one line, whatever the message holds.
        let message = f.message.replace(['\r', '\n'], " ");
        let _ = writeln!(out, "{}: {} {} {}", place(f), sev, f.rule, message);
        if terminal
            && let Some(src) = report.sources.get(&f.location.file)
            && let Some(line) = src
                .lines()
                .nth(f.location.span.line.saturating_sub(1) as usize)
        {
            let col = f.location.span.column.max(1) as usize;
            let width = if f.location.span.end_line == f.location.span.line
                && f.location.span.end_column > f.location.span.column
            {
                (f.location.span.end_column - f.location.span.column) as usize
            } else {
                1
            };
            // Never past the end of the line (an image's source info may say anything).
            let width = width.min(line.chars().count().saturating_sub(col - 1).max(1));
            let pad: String = line
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "  {line}");
            let _ = writeln!(out, "  {pad}\x1b[1;32m{}\x1b[0m", "^".repeat(width));
        }
    }
    let s = &report.summary;
    if terminal || !report.findings.is_empty() {
        let _ = writeln!(
            out,
            "{} error(s), {} warning(s), {} info(s)",
            s.errors, s.warnings, s.infos
        );
    }
    out
}
