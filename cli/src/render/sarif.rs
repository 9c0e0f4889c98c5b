//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.

use super::Report;
use accord_rules::{Severity, catalogue};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a relative URI reference (SARIF's `artifactLocation.uri`): `/` separators,
/// and every byte outside RFC 3986's unreserved and path characters percent-encoded (spaces,
/// `%`, `#`, `?`, non-ASCII; `:` too, so a first segment is never read as a scheme).
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut rule_ids: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<Value> = rule_ids
        .iter()
        .map(|id| match catalogue::find(id) {
            Some(r) => json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.doc.summary },
                "fullDescription": { "text": r.doc.why },
                "help": {
                    "text": r.doc.evolve,
                    "markdown": accord_rules::docs::rule_markdown(r),
                },
                "defaultConfiguration": { "level": level(r.default_severity) },
                "properties": { "tags": r.categories, "kind": r.kind },
            }),
            None => json!({ "id": id }),
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let s = f.location.span;
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_ids.iter().position(|id| *id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": f.message },
            });
            if !f.location.file.is_empty() {
                let mut region =
                    json!({ "startLine": s.line.max(1), "startColumn": s.column.max(1) });
                if s.end_line >= s.line && s.end_line > 0 {
                    region["endLine"] = json!(s.end_line);
                    region["endColumn"] = json!(s.end_column.max(1));
                }
                let mut loc = json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri_reference(&f.location.file) },
                        "region": region,
                    }
                });
                if !f.location.path.is_empty() {
                    loc["logicalLocations"] = json!([{ "fullyQualifiedName": f.location.path }]);
                }
                result["locations"] = json!([loc]);
            }
            let mut props = serde_json::Map::new();
            if let Some(b) = &f.before {
                props.insert("before".into(), json!(b));
            }
            if let Some(a) = &f.after {
                props.insert("after".into(), json!(a));
            }
            if let Some(a) = &f.against {
                props.insert("against".into(), json!(a));
            }
            if !props.is_empty() {
                result["properties"] = Value::Object(props);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "accord",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/accord-dev/accord",
                    "rules": rules,
                }
            },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF JSON");
    s.push('\n');
    s
}
