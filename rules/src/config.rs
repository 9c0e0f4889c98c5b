//! Which rules run and how their findings are reported: accord.yaml, or a buf.yaml when there
//! is no accord.yaml, resolved into a `Policy` per format and kind.
//!
//! ```yaml
//! # accord.yaml
//! protobuf:
//!   lint:
//!     use: [STANDARD]          # rule ids or categories
//!     except: [ENUM_VALUE_PREFIX]
//!     ignore: [vendor/**]      # globs, or path prefixes as buf writes them
//!     ignore_only: { FIELD_LOWER_SNAKE_CASE: [legacy/] }
//!     severity: { COMMENT_FIELD: warning }
//!     enum_zero_value_suffix: _UNSPECIFIED
//!   breaking:
//!     use: [FILE]
//! ```

use crate::catalogue::{self, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::bufyaml::{BreakingSection, BufYaml, LintSection};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{file}:{line}:{column}: {message}")]
    Parse {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: unknown rule or category `{name}` for {format} {kind}")]
    UnknownRule {
        file: String,
        name: String,
        format: Format,
        kind: RuleKind,
    },
    #[error("{file}: invalid severity `{value}` for {rule} (use error, warning or info)")]
    BadSeverity {
        file: String,
        rule: String,
        value: String,
    },
    #[error("{file}: invalid ignore pattern `{pattern}`: {message}")]
    BadGlob {
        file: String,
        pattern: String,
        message: String,
    },
}

/// The accord.yaml file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccordYaml {
    #[serde(default)]
    pub version: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub protobuf: FormatSection,
    #[serde(default)]
    pub openapi: FormatSection,
    #[serde(default)]
    pub avro: FormatSection,
    #[serde(default)]
    pub jsonschema: FormatSection,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatSection {
    #[serde(default)]
    pub lint: Option<Section>,
    #[serde(default)]
    pub breaking: Option<Section>,
}

/// One `lint:` or `breaking:` section; the option keys are buf's lint options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, rename = "use")]
    pub use_: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub ignore_only: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    #[serde(default)]
    pub disallow_comment_ignores: bool,
    #[serde(default)]
    pub ignore_unstable_packages: bool,
    #[serde(default)]
    pub enum_zero_value_suffix: Option<String>,
    #[serde(default)]
    pub service_suffix: Option<String>,
    #[serde(default)]
    pub rpc_allow_same_request_response: bool,
    #[serde(default)]
    pub rpc_allow_google_protobuf_empty_requests: bool,
    #[serde(default)]
    pub rpc_allow_google_protobuf_empty_responses: bool,
    /// Avro lint: the convention field names follow, `camelCase` (default) or `snake_case`.
    #[serde(default)]
    pub field_case: Option<String>,
}

impl AccordYaml {
    pub fn parse(text: &str, file: &str) -> Result<AccordYaml, ConfigError> {
        if text.trim().is_empty() {
            return Ok(AccordYaml::default());
        }
        serde_yaml_ng::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            ConfigError::Parse {
                file: file.to_string(),
                line,
                column,
                message: e.to_string(),
            }
        })
    }

    pub fn read(path: &Path) -> Result<AccordYaml, ConfigError> {
        let file = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            file: file.clone(),
            source,
        })?;
        AccordYaml::parse(&text, &file)
    }

    /// Finds `accord.yaml` (or `accord.yml`) in `start` or the nearest parent directory.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            for name in ["accord.yaml", "accord.yml"] {
                let p = d.join(name);
                if p.is_file() {
                    return Some(p);
                }
            }
            dir = d.parent();
        }
        None
    }

    pub fn section(&self, format: Format, kind: RuleKind) -> Option<&Section> {
        let f = match format {
            Format::Protobuf => &self.protobuf,
            Format::Openapi => &self.openapi,
            Format::Avro => &self.avro,
            Format::Jsonschema => &self.jsonschema,
        };
        match kind {
            RuleKind::Lint => f.lint.as_ref(),
            RuleKind::Breaking => f.breaking.as_ref(),
        }
    }
}

impl From<&LintSection> for Section {
    fn from(l: &LintSection) -> Section {
        Section {
            use_: l.use_.clone(),
            except: l.except.clone(),
            ignore: l.ignore.clone(),
            ignore_only: l.ignore_only.clone(),
            disallow_comment_ignores: l.disallow_comment_ignores.unwrap_or(false)
                || l.allow_comment_ignores == Some(false),
            enum_zero_value_suffix: l.enum_zero_value_suffix.clone(),
            service_suffix: l.service_suffix.clone(),
            rpc_allow_same_request_response: l.rpc_allow_same_request_response,
            rpc_allow_google_protobuf_empty_requests: l.rpc_allow_google_protobuf_empty_requests,
            rpc_allow_google_protobuf_empty_responses: l.rpc_allow_google_protobuf_empty_responses,
            ..Section::default()
        }
    }
}

impl From<&BreakingSection> for Section {
    fn from(b: &BreakingSection) -> Section {
        Section {
            use_: b.use_.clone(),
            except: b.except.clone(),
            ignore: b.ignore.clone(),
            ignore_only: b.ignore_only.clone(),
            ignore_unstable_packages: b.ignore_unstable_packages,
            ..Section::default()
        }
    }
}

/// A path filter: a glob (`vendor/**`), or a buf-style path prefix (`vendor` matches
/// `vendor/a.proto`).
#[derive(Debug, Clone)]
pub struct PathPattern {
    raw: String,
    glob: Option<GlobMatcher>,
}

impl PathPattern {
    pub fn new(raw: &str, file: &str) -> Result<PathPattern, ConfigError> {
        let cleaned = raw
            .trim_start_matches("./")
            .trim_end_matches('/')
            .to_string();
        let glob = if cleaned.contains(['*', '?', '[', '{']) {
            Some(
                Glob::new(&cleaned)
                    .map_err(|e| ConfigError::BadGlob {
                        file: file.to_string(),
                        pattern: raw.to_string(),
                        message: e.to_string(),
                    })?
                    .compile_matcher(),
            )
        } else {
            None
        };
        Ok(PathPattern { raw: cleaned, glob })
    }

    pub fn matches(&self, path: &str) -> bool {
        match &self.glob {
            Some(g) => g.is_match(path),
            None => {
                self.raw.is_empty()
                    || self.raw == "."
                    || path == self.raw
                    || path.starts_with(&format!("{}/", self.raw))
            }
        }
    }
}

/// The resolved settings for one format and kind: which rules run and how to filter and
/// grade what they find.
#[derive(Debug, Clone)]
pub struct Policy {
    pub format: Format,
    pub kind: RuleKind,
    pub rules: Vec<&'static RuleMeta>,
    pub ignore: Vec<PathPattern>,
    pub ignore_only: Vec<(Vec<&'static str>, Vec<PathPattern>)>,
    pub severity: BTreeMap<&'static str, Severity>,
    pub comment_ignores: bool,
    pub section: Section,
    /// Where the settings came from, for messages.
    pub source: String,
}

/// The default `use` when a section names none (buf's defaults).
fn default_use(format: Format, kind: RuleKind) -> Vec<String> {
    match (format, kind) {
        (Format::Protobuf, RuleKind::Breaking) => vec!["FILE".into()],
        (Format::Protobuf, RuleKind::Lint) => vec!["STANDARD".into()],
        _ => vec!["DEFAULT".into()],
    }
}

/// Expands ids and categories to rules of the format and kind; `DEFAULT` or `ALL` selects
/// every rule.
fn expand(
    names: &[String],
    format: Format,
    kind: RuleKind,
    file: &str,
) -> Result<Vec<&'static RuleMeta>, ConfigError> {
    let pool: Vec<&'static RuleMeta> = catalogue::all()
        .into_iter()
        .filter(|r| r.kind == kind && r.formats.contains(&format))
        .collect();
    let mut out: Vec<&'static RuleMeta> = Vec::new();
    for name in names {
        let up = name.to_ascii_uppercase();
        let matched: Vec<&'static RuleMeta> = pool
            .iter()
            .copied()
            .filter(|r| {
                r.is_named(name)
                    || r.id.eq_ignore_ascii_case(name)
                    || r.categories.iter().any(|c| c.eq_ignore_ascii_case(name))
                    || up == "ALL"
                    || (up == "DEFAULT" && format != Format::Protobuf)
            })
            .collect();
        if matched.is_empty() && catalogue::find(name).is_none() {
            return Err(ConfigError::UnknownRule {
                file: file.to_string(),
                name: name.clone(),
                format,
                kind,
            });
        }
        for m in matched {
            if !out.iter().any(|r| r.id == m.id) {
                out.push(m);
            }
        }
    }
    Ok(out)
}

impl Policy {
    pub fn resolve(
        format: Format,
        kind: RuleKind,
        section: Option<Section>,
        source: &str,
    ) -> Result<Policy, ConfigError> {
        let section = section.unwrap_or_default();
        let use_ = if section.use_.is_empty() {
            default_use(format, kind)
        } else {
            section.use_.clone()
        };
        let mut rules = expand(&use_, format, kind, source)?;
        let except = expand(&section.except, format, kind, source)?;
        rules.retain(|r| !except.iter().any(|e| e.id == r.id));
        // Keep catalogue order so output is stable whatever order `use` lists.
        let order: Vec<&str> = catalogue::all().iter().map(|r| r.id).collect();
        rules.sort_by_key(|r| order.iter().position(|id| *id == r.id));
        let ignore = section
            .ignore
            .iter()
            .map(|p| PathPattern::new(p, source))
            .collect::<Result<_, _>>()?;
        let mut ignore_only = Vec::new();
        for (name, paths) in &section.ignore_only {
            let ids = expand(std::slice::from_ref(name), format, kind, source)?
                .into_iter()
                .map(|r| r.id)
                .collect();
            let pats = paths
                .iter()
                .map(|p| PathPattern::new(p, source))
                .collect::<Result<_, _>>()?;
            ignore_only.push((ids, pats));
        }
        let mut severity = BTreeMap::new();
        for (name, value) in &section.severity {
            let sev = Severity::parse(value).ok_or_else(|| ConfigError::BadSeverity {
                file: source.to_string(),
                rule: name.clone(),
                value: value.clone(),
            })?;
            for r in expand(std::slice::from_ref(name), format, kind, source)? {
                severity.insert(r.id, sev);
            }
        }
        Ok(Policy {
            format,
            kind,
            rules,
            ignore,
            ignore_only,
            severity,
            comment_ignores: !section.disallow_comment_ignores,
            section,
            source: source.to_string(),
        })
    }

    /// The policy for protobuf: accord.yaml's section when there is an accord.yaml, else the
    /// input's buf.yaml, else the defaults.
    pub fn for_protobuf(
        kind: RuleKind,
        accord: Option<(&AccordYaml, &str)>,
        buf: Option<&BufYaml>,
    ) -> Result<Policy, ConfigError> {
        if let Some((a, file)) = accord {
            return Policy::resolve(
                Format::Protobuf,
                kind,
                a.section(Format::Protobuf, kind).cloned(),
                file,
            );
        }
        let section = buf.and_then(|b| match kind {
            RuleKind::Lint => b.lint().map(Section::from).map(|mut s| {
                // buf v1 needs allow_comment_ignores: true; v2 allows them unless disallowed.
                if !b.is_v2() {
                    s.disallow_comment_ignores = !b
                        .lint()
                        .and_then(|l| l.allow_comment_ignores)
                        .unwrap_or(false);
                }
                s
            }),
            RuleKind::Breaking => b.breaking().map(Section::from),
        });
        let section = match (section, buf) {
            (None, Some(b)) if !b.is_v2() && kind == RuleKind::Lint => Some(Section {
                disallow_comment_ignores: true,
                ..Section::default()
            }),
            (s, _) => s,
        };
        Policy::resolve(Format::Protobuf, kind, section, "buf.yaml")
    }

    /// Whether a finding in `path` (relative to its input's root) by `rule` is ignored by path.
    pub fn ignores(&self, rule: &str, path: &str) -> bool {
        self.ignore.iter().any(|p| p.matches(path))
            || self
                .ignore_only
                .iter()
                .any(|(ids, pats)| ids.contains(&rule) && pats.iter().any(|p| p.matches(path)))
    }

    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_severity)
    }
}
