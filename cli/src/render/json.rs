//! `--format json`: the stable machine shape documented in docs/cli.md.

use super::Report;
use serde_json::{Value, json};

pub fn findings_json(report: &Report) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "kind": f.kind,
                "format": f.format,
                "message": f.message,
                "file": f.location.file,
                "line": f.location.span.line,
                "column": f.location.span.column,
                "end_line": f.location.span.end_line,
                "end_column": f.location.span.end_column,
                "path": f.location.path,
                "before": f.before,
                "after": f.after,
                "against": f.against,
            })
        })
        .collect();
    json!({
        "findings": findings,
        "summary": {
            "errors": report.summary.errors,
            "warnings": report.summary.warnings,
            "infos": report.summary.infos,
        }
    })
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&findings_json(report)).expect("JSON of findings");
    s.push('\n');
    s
}
