//! Renderers: findings in, text for people or machines out. Only this module turns findings
//! into text.

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
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let out = render(report, format, terminal);
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes())?;
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
