//! Renderers: findings in, text for people or machines out. Only this module turns findings
//! into text.

pub mod changelog;
mod fragment;
mod github;
mod json;
mod markdown;
mod sarif;
mod text;

use crate::args::OutputFormat;
use accord_rules::protobuf::Image;
use accord_rules::{Finding, Summary};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// What a renderer needs: the findings, and the source text of the files they point into
/// (for carets).
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub sources: HashMap<String, Arc<str>>,
}

impl Report {
    pub fn new<'a>(findings: Vec<Finding>, images: impl IntoIterator<Item = &'a Image>) -> Report {
        let mut sources = HashMap::new();
        for image in images {
            for f in image.targets() {
                if let Some(src) = &f.source {
                    sources.insert(f.display.clone(), src.clone());
                }
            }
        }
        Report {
            summary: Summary::of(&findings),
            findings,
            sources,
        }
    }
}

impl Report {
    /// A report over files given as (display path, source text) pairs, for formats read
    /// file by file (Avro, JSON Schema).
    pub fn from_sources(
        findings: Vec<Finding>,
        files: impl IntoIterator<Item = (String, Arc<str>)>,
    ) -> Report {
        Report {
            summary: Summary::of(&findings),
            findings,
            sources: files.into_iter().collect(),
        }
    }
}

/// Renders to a string (tests call this; `emit` writes it to stdout).
pub fn render(report: &Report, format: OutputFormat, terminal: bool) -> String {
    match format {
        OutputFormat::Text => text::render(report, terminal),
        OutputFormat::Json => json::render(report),
        OutputFormat::Github => github::render(report),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Markdown => markdown::render(report),
    }
}

pub fn emit(report: &Report, format: OutputFormat) -> std::io::Result<()> {
    write_out(&render(report, format, terminal()))
}

/// Whether standard output is a terminal that may be coloured.
pub fn terminal() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

pub fn write_out(text: &str) -> std::io::Result<()> {
    let mut lock = std::io::stdout().lock();
    lock.write_all(text.as_bytes())?;
    lock.flush()
}

/// `file:line:col`, or what stands for a finding with no file.
pub fn place(f: &Finding) -> String {
    if f.location.file.is_empty() {
        f.against.clone().unwrap_or_else(|| "<input>".into())
    } else {
        format!(
            "{}:{}:{}",
            f.location.file, f.location.span.line, f.location.span.column
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_rules::{Format, Location, RuleKind, Severity, Span};

    fn finding(rule: &str, severity: Severity, file: &str, line: u32, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            kind: RuleKind::Breaking,
            format: Format::Protobuf,
            message: message.into(),
            location: Location {
                file: file.into(),
                span: if file.is_empty() {
                    Span::FILE_START
                } else {
                    Span {
                        line,
                        column: 3,
                        end_line: line,
                        end_column: 9,
                    }
                },
                path: if file.is_empty() {
                    String::new()
                } else {
                    "acme.v1.Order.total".into()
                },
            },
            before: Some("int64".into()),
            after: Some("string".into()),
            against: Some("main:proto".into()),
        }
    }

    /// Findings of every shape: no file (a deleted file), every severity, characters that
    /// need escaping in each format.
    fn report() -> Report {
        let findings = vec![
            finding(
                "FILE_NO_DELETE",
                Severity::Error,
                "",
                1,
                "Previously present file \"acme/v1/gone.proto\" was deleted.",
            ),
            finding(
                "FIELD_SAME_TYPE",
                Severity::Warning,
                "proto/acme v1/ü%#?.proto",
                4,
                "Field \"2\" changed type from \"int64\" to \"string\" | 100%, a:b\nnext line",
            ),
            finding(
                "FIELD_NO_DELETE",
                Severity::Info,
                "proto/a.proto",
                7,
                "gone",
            ),
        ];
        Report::new(findings, [])
    }

    #[test]
    fn sarif_of_every_shape_validates() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/sarif-schema-2.1.0.json")).unwrap();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        // The schema does reject what is not SARIF 2.1.0.
        for bad in [
            serde_json::json!({"version": "2.0.0", "runs": []}),
            serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]}),
            serde_json::json!({"version": "2.1.0", "runs": [], "extra": 1}),
            serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}),
        ] {
            assert!(!validator.is_valid(&bad), "{bad}");
        }
        let text = render(&report(), OutputFormat::Sarif, false);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let results = doc["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        // The deleted file has no location; the levels follow the severities.
        assert!(results[0].get("locations").is_none());
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["error", "warning", "note"]);
        assert_eq!(
            results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "proto/acme%20v1/%C3%BC%25%23%3F.proto"
        );
        assert_eq!(results[1]["properties"]["before"], "int64");
        let rules = doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        for r in results {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
    }

    #[test]
    fn text_of_every_shape() {
        let text = render(&report(), OutputFormat::Text, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "main:proto: error FILE_NO_DELETE Previously present file \"acme/v1/gone.proto\" was deleted."
        );
        assert!(lines[1].starts_with("proto/acme v1/ü%#?.proto:4:3: warning FIELD_SAME_TYPE "));
        assert!(
            lines[1].ends_with("100%, a:b next line"),
            "one line per finding"
        );
        assert_eq!(lines[2], "proto/a.proto:7:3: info FIELD_NO_DELETE gone");
        assert_eq!(lines[3], "1 error(s), 1 warning(s), 1 info(s)");
    }

    #[test]
    fn github_of_every_shape() {
        let text = render(&report(), OutputFormat::Github, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "one command per finding, newlines escaped");
        assert_eq!(
            lines[0],
            "::error title=FILE_NO_DELETE::Previously present file \"acme/v1/gone.proto\" was deleted."
        );
        assert_eq!(
            lines[1],
            "::warning file=proto/acme v1/ü%25#?.proto,line=4,col=3,endLine=4,endColumn=9,title=FIELD_SAME_TYPE::Field \"2\" changed type from \"int64\" to \"string\" | 100%25, a:b%0Anext line"
        );
        assert!(lines[2].starts_with("::notice file=proto/a.proto,line=7,col=3,"));
    }

    #[test]
    fn markdown_of_every_shape() {
        let text = render(&report(), OutputFormat::Markdown, false);
        assert!(text.contains("**1 error(s), 1 warning(s), 1 info(s)**"));
        assert!(
            text.contains("| error | `FILE_NO_DELETE` | `main:proto` |"),
            "{text}"
        );
        // A `|` in a message does not break the table; a newline does not end the row.
        assert!(
            text.contains("to \"string\" \\| 100%, a:b next line |"),
            "{text}"
        );
    }

    #[test]
    fn json_of_every_shape() {
        let text = render(&report(), OutputFormat::Json, false);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let f = &v["findings"][0];
        assert_eq!(f["file"], "");
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(v["findings"][1]["before"], "int64");
        assert_eq!(v["findings"][1]["after"], "string");
        assert_eq!(v["summary"]["warnings"], 1);
    }
}
