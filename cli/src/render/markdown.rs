//! `--format markdown`: a summary and a table, for PR comments and job summaries.

use super::{Report, place};
use std::fmt::Write;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(report: &Report) -> String {
    let mut out = String::from("## accord\n\n");
    let s = &report.summary;
    if report.findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**{} error(s), {} warning(s), {} info(s)**\n",
        s.errors, s.warnings, s.infos
    );
    out.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    for f in &report.findings {
        let path = if f.location.path.is_empty() {
            String::new()
        } else {
            format!(" (`{}`)", cell(&f.location.path))
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}`{} | {} |",
            f.severity,
            f.rule,
            cell(&place(f)),
            path,
            cell(&f.message)
        );
    }
    out
}
