//! The one finding type every format's rules produce, and the sink rules push into.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is; ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" | "err" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule guards compatibility between versions or the style of one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    Breaking,
    Lint,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Breaking => "breaking",
            RuleKind::Lint => "lint",
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The schema language a rule or finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Protobuf,
    Openapi,
    Avro,
    Jsonschema,
    /// Consumer pacts checked against a provider's OpenAPI document (bi-directional).
    Pact,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Protobuf,
        Format::Openapi,
        Format::Avro,
        Format::Jsonschema,
        Format::Pact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Protobuf => "protobuf",
            Format::Openapi => "openapi",
            Format::Avro => "avro",
            Format::Jsonschema => "jsonschema",
            Format::Pact => "pact",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source span: 1-based line and column of the start, and of the end when known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// "No location", printed as 1:1 as buf and compilers do.
    pub const FILE_START: Span = Span {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
}

/// Where a finding is: a file (may be empty when the whole input is concerned, e.g. a
/// deleted file), a span in it, and a logical path such as `acme.v1.Order.total`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub span: Span,
    pub path: String,
}

/// One problem found by one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub kind: RuleKind,
    pub format: Format,
    pub message: String,
    pub location: Location,
    /// The value on the old side of a change (breaking rules), when there is one.
    pub before: Option<String>,
    /// The value on the new side of a change, when there is one.
    pub after: Option<String>,
    /// Which previous version (as the user named it) a breaking finding concerns.
    pub against: Option<String>,
}

impl Finding {
    /// Sort key that reads top to bottom through each file.
    pub fn sort_key(&self) -> (&str, Span, &str, &str) {
        (
            &self.location.file,
            self.location.span,
            &self.rule,
            &self.message,
        )
    }
}

/// Sorts findings by file and position and drops exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key());
}

/// Counts by severity, as every renderer's summary shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}
