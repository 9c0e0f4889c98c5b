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
    /// Run none of the built-in rules (buf v2's `disable_builtin`, used with policies).
    #[serde(default)]
    pub disable_builtin: bool,
    /// The buf.yaml version the section came from (`v1beta1`, `v1`, `v2`): buf's categories
    /// differ between them. `None` for accord.yaml.
    #[serde(skip)]
    pub buf_version: Option<String>,
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
            // Pact comparisons run in the broker, not from accord.yaml.
            Format::Pact => return None,
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
            disable_builtin: l.disable_builtin,
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
            disable_builtin: b.disable_builtin,
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
    /// Further rule sets run in addition to this one (buf v2 `policies`), each with its own
    /// rules and ignores.
    pub policies: Vec<Policy>,
    /// Per-module settings (buf v2 `modules[].lint` / `.breaking`): module directory and the
    /// policy for its files. Empty when every module shares this policy.
    pub modules: Vec<(String, Policy)>,
}

/// buf's deprecated rule ids and what they now stand for (an empty list: a retired rule
/// that checks nothing). `FIELD_SAME_LABEL` meant only FIELD_SAME_CARDINALITY in v1beta1.
fn buf_replacements(name: &str, kind: RuleKind, v1beta1: bool) -> Option<&'static [&'static str]> {
    let up = name.to_ascii_uppercase();
    match (kind, up.as_str()) {
        (RuleKind::Breaking, "FIELD_SAME_CTYPE") => Some(&["FIELD_SAME_CPP_STRING_TYPE"]),
        (RuleKind::Breaking, "FIELD_SAME_LABEL") if v1beta1 => Some(&["FIELD_SAME_CARDINALITY"]),
        (RuleKind::Breaking, "FIELD_SAME_LABEL") => Some(&[
            "FIELD_SAME_CARDINALITY",
            "FIELD_WIRE_COMPATIBLE_CARDINALITY",
            "FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY",
        ]),
        (RuleKind::Breaking, "FILE_SAME_JAVA_STRING_CHECK_UTF8") => {
            Some(&["FIELD_SAME_JAVA_UTF8_VALIDATION"])
        }
        (RuleKind::Breaking, "FILE_SAME_PHP_GENERIC_SERVICES")
        | (RuleKind::Breaking, "MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT")
        | (RuleKind::Lint, "IMPORT_NO_WEAK") => Some(&[]),
        _ => None,
    }
}

/// Replaces deprecated buf rule ids in `use`/`except` by the rules that took their place,
/// unless accord knows the id itself (e.g. as an alias).
fn replace_deprecated(section: &mut Section, kind: RuleKind, v1beta1: bool) {
    let fix = |names: &[String]| -> Vec<String> {
        let mut out = Vec::new();
        for n in names {
            match buf_replacements(n, kind, v1beta1) {
                Some(ids) if catalogue::find(n).is_none() => {
                    out.extend(ids.iter().map(|s| s.to_string()))
                }
                _ => out.push(n.clone()),
            }
        }
        out
    };
    let had_use = !section.use_.is_empty();
    section.use_ = fix(&section.use_);
    section.except = fix(&section.except);
    if had_use && section.use_.is_empty() {
        // Only retired rules were named: nothing runs (not the defaults).
        section.disable_builtin = true;
    }
}

/// The default `use` when a section names none (buf's defaults).
fn default_use(format: Format, kind: RuleKind) -> Vec<String> {
    match (format, kind) {
        (Format::Protobuf, RuleKind::Breaking) => vec!["FILE".into()],
        (Format::Protobuf, RuleKind::Lint) => vec!["STANDARD".into()],
        // Spectral runs the `recommended` rules of `spectral:oas` unless told otherwise.
        (Format::Openapi, RuleKind::Lint) => vec!["recommended".into()],
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
    lenient: bool,
    buf_version: Option<&str>,
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
                    || categories_in(r, buf_version)
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(name))
                    || up == "ALL"
                    || (up == "DEFAULT"
                        && format != Format::Protobuf
                        // OpenAPI lint's default is Spectral's `recommended` set, not all.
                        && !(format == Format::Openapi && kind == RuleKind::Lint))
            })
            .collect();
        if matched.is_empty() && catalogue::find(name).is_none() && !lenient {
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

/// A rule's categories as a buf configuration of `buf_version` sees them. The catalogue
/// holds buf v2's; buf v1 and v1beta1 have no CSR category, lack some newer rules and file a
/// few rules under other categories.
fn categories_in(rule: &RuleMeta, buf_version: Option<&str>) -> Vec<&'static str> {
    let v1beta1 = match buf_version {
        Some("v1beta1") => true,
        Some("v1") => false,
        _ => return rule.categories.to_vec(),
    };
    if !rule.formats.contains(&Format::Protobuf) {
        return rule.categories.to_vec();
    }
    if rule.kind == RuleKind::Lint {
        // v1beta1's lint categories, which buf still accepts from such configurations.
        let mut out = rule.categories.to_vec();
        out.extend(
            LEGACY_LINT_CATEGORIES
                .iter()
                .filter(|(_, ids)| ids.contains(&rule.id))
                .map(|(c, _)| *c),
        );
        if v1beta1 && rule.categories.contains(&"STANDARD") {
            out.push("DEFAULT");
        }
        // A v1beta1 rule that later versions dropped from every category.
        if v1beta1 && rule.id == "FIELD_NO_DESCRIPTOR" {
            out.extend(["MINIMAL", "BASIC", "DEFAULT", "STANDARD"]);
        }
        return out;
    }
    const ALL_WIRE: &[&str] = &["FILE", "PACKAGE", "WIRE_JSON", "WIRE"];
    match rule.id {
        "EXTENSION_NO_DELETE" | "PACKAGE_EXTENSION_NO_DELETE" | "FIELD_SAME_DEFAULT" => Vec::new(),
        "FIELD_WIRE_COMPATIBLE_TYPE" | "FIELD_WIRE_JSON_COMPATIBLE_TYPE" if v1beta1 => Vec::new(),
        "FIELD_SAME_CARDINALITY" | "FIELD_SAME_TYPE" if v1beta1 => ALL_WIRE.to_vec(),
        "FILE_SAME_PACKAGE" if v1beta1 => vec!["FILE"],
        _ => rule
            .categories
            .iter()
            .copied()
            .filter(|c| *c != "CSR")
            .collect(),
    }
}

/// buf v1beta1's lint categories and their rules.
const LEGACY_LINT_CATEGORIES: &[(&str, &[&str])] = &[
    (
        "FILE_LAYOUT",
        &[
            "DIRECTORY_SAME_PACKAGE",
            "PACKAGE_DIRECTORY_MATCH",
            "PACKAGE_SAME_DIRECTORY",
        ],
    ),
    (
        "PACKAGE_AFFINITY",
        &[
            "PACKAGE_SAME_CSHARP_NAMESPACE",
            "PACKAGE_SAME_GO_PACKAGE",
            "PACKAGE_SAME_JAVA_MULTIPLE_FILES",
            "PACKAGE_SAME_JAVA_PACKAGE",
            "PACKAGE_SAME_PHP_NAMESPACE",
            "PACKAGE_SAME_RUBY_PACKAGE",
            "PACKAGE_SAME_SWIFT_PREFIX",
        ],
    ),
    (
        "SENSIBLE",
        &[
            "ENUM_NO_ALLOW_ALIAS",
            "FIELD_NO_DESCRIPTOR",
            "IMPORT_NO_PUBLIC",
            "PACKAGE_DEFINED",
        ],
    ),
    ("STYLE_BASIC", STYLE_BASIC),
    ("STYLE_DEFAULT", STYLE_DEFAULT),
    ("STYLE_STANDARD", STYLE_DEFAULT),
    ("OTHER", &["ENUM_FIRST_VALUE_ZERO"]),
];

const STYLE_BASIC: &[&str] = &[
    "ENUM_PASCAL_CASE",
    "ENUM_VALUE_UPPER_SNAKE_CASE",
    "FIELD_LOWER_SNAKE_CASE",
    "MESSAGE_PASCAL_CASE",
    "ONEOF_LOWER_SNAKE_CASE",
    "PACKAGE_LOWER_SNAKE_CASE",
    "RPC_PASCAL_CASE",
    "SERVICE_PASCAL_CASE",
];

const STYLE_DEFAULT: &[&str] = &[
    "ENUM_PASCAL_CASE",
    "ENUM_VALUE_UPPER_SNAKE_CASE",
    "FIELD_LOWER_SNAKE_CASE",
    "MESSAGE_PASCAL_CASE",
    "ONEOF_LOWER_SNAKE_CASE",
    "PACKAGE_LOWER_SNAKE_CASE",
    "RPC_PASCAL_CASE",
    "SERVICE_PASCAL_CASE",
    "ENUM_VALUE_PREFIX",
    "ENUM_ZERO_VALUE_SUFFIX",
    "FILE_LOWER_SNAKE_CASE",
    "PACKAGE_VERSION_SUFFIX",
    "RPC_REQUEST_RESPONSE_UNIQUE",
    "RPC_REQUEST_STANDARD_NAME",
    "RPC_RESPONSE_STANDARD_NAME",
    "SERVICE_SUFFIX",
];

impl Policy {
    pub fn resolve(
        format: Format,
        kind: RuleKind,
        section: Option<Section>,
        source: &str,
    ) -> Result<Policy, ConfigError> {
        Policy::resolve_with(format, kind, section, source, false)
    }

    /// Like `resolve`; with `lenient`, names that are no known rule or category (e.g. rules
    /// of buf check plugins, which accord cannot run) are skipped instead of rejected.
    pub fn resolve_with(
        format: Format,
        kind: RuleKind,
        section: Option<Section>,
        source: &str,
        lenient: bool,
    ) -> Result<Policy, ConfigError> {
        let section = section.unwrap_or_default();
        let version = section.buf_version.as_deref();
        let use_ = if section.use_.is_empty() {
            default_use(format, kind)
        } else {
            section.use_.clone()
        };
        let mut rules = if section.disable_builtin {
            Vec::new()
        } else {
            expand(&use_, format, kind, source, lenient, version)?
        };
        let except = expand(&section.except, format, kind, source, lenient, version)?;
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
            let ids = expand(
                std::slice::from_ref(name),
                format,
                kind,
                source,
                lenient,
                version,
            )?
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
            for r in expand(
                std::slice::from_ref(name),
                format,
                kind,
                source,
                lenient,
                version,
            )? {
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
            policies: Vec::new(),
            modules: Vec::new(),
        })
    }

    /// The built-in rules a buf.yaml (or none) selects for protobuf, without its policies.
    fn buf_builtin(kind: RuleKind, buf: Option<&BufYaml>) -> Result<Policy, ConfigError> {
        let lenient = buf.is_some_and(|b| !b.plugins.is_empty());
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
        let section = match (section, buf) {
            (Some(mut s), Some(b)) => {
                replace_deprecated(&mut s, kind, b.version == "v1beta1");
                Some(s)
            }
            (s, _) => s,
        };
        // Without a buf.yaml buf uses its v1 defaults; a buf.yaml without a version is v1beta1.
        let version = match buf {
            None => "v1".to_string(),
            Some(b) if b.version.is_empty() => "v1beta1".to_string(),
            Some(b) => b.version.clone(),
        };
        let mut section = section.unwrap_or_default();
        section.buf_version = Some(version);
        let section = Some(section);
        Policy::resolve_with(Format::Protobuf, kind, section, "buf.yaml", lenient)
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
        let mut policy = Policy::buf_builtin(kind, buf)?;
        // buf v2 modules may each have their own lint and breaking settings.
        if let Some(b) = buf
            && b.is_v2()
            && b.modules
                .iter()
                .any(|m| m.lint.is_some() || m.breaking.is_some() || m.version.is_some())
        {
            for m in &b.modules {
                let dir = m.path.trim_start_matches("./").trim_end_matches('/');
                let single = BufYaml {
                    version: m.version.clone().unwrap_or_else(|| b.version.clone()),
                    lint: m.lint.clone().or_else(|| b.lint.clone()),
                    breaking: m.breaking.clone().or_else(|| b.breaking.clone()),
                    plugins: b.plugins.clone(),
                    ..BufYaml::default()
                };
                let dir = if dir == "." { "" } else { dir };
                policy
                    .modules
                    .push((dir.to_string(), Policy::buf_builtin(kind, Some(&single))?));
            }
        }
        for (entry, file) in buf.map(|b| b.policy_files.as_slice()).unwrap_or_default() {
            let mut section = match kind {
                RuleKind::Lint => file.lint().map(Section::from),
                RuleKind::Breaking => file.breaking().map(Section::from),
            }
            .unwrap_or_default();
            section.ignore.extend(entry.ignore.iter().cloned());
            for (rule, paths) in &entry.ignore_only {
                section
                    .ignore_only
                    .entry(rule.clone())
                    .or_default()
                    .extend(paths.iter().cloned());
            }
            replace_deprecated(&mut section, kind, false);
            section.buf_version = Some("v2".to_string());
            let lenient = buf.is_some_and(|b| !b.plugins.is_empty()) || !file.plugins.is_empty();
            policy.policies.push(Policy::resolve_with(
                Format::Protobuf,
                kind,
                Some(section),
                &entry.policy,
                lenient,
            )?);
        }
        Ok(policy)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn breaking_policy(yaml: &str) -> Policy {
        let buf = BufYaml::parse(yaml, "buf.yaml").expect("buf.yaml");
        Policy::for_protobuf(RuleKind::Breaking, None, Some(&buf)).expect("policy")
    }

    fn ids(p: &Policy) -> Vec<&'static str> {
        p.rules.iter().map(|r| r.id).collect()
    }

    #[test]
    fn deprecated_ids_are_replaced_or_dropped() {
        let p = breaking_policy(
            "version: v1\nbreaking:\n  use: [MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT, FIELD_NO_DELETE]\n",
        );
        assert_eq!(ids(&p), vec!["FIELD_NO_DELETE"]);
        let p =
            breaking_policy("version: v1\nbreaking:\n  use: [FILE_SAME_PHP_GENERIC_SERVICES]\n");
        assert!(p.rules.is_empty());
    }

    #[test]
    fn plugin_rule_ids_are_tolerated_only_with_plugins() {
        let p = breaking_policy(
            "version: v2\nbreaking:\n  use: [ENUM_NO_DELETE, SERVICE_SUFFIXES_NO_CHANGE]\nplugins:\n  - plugin: buf-plugin-suffix\n",
        );
        assert_eq!(ids(&p), vec!["ENUM_NO_DELETE"]);
        let buf = BufYaml::parse(
            "version: v2\nbreaking:\n  use: [SERVICE_SUFFIXES_NO_CHANGE]\n",
            "buf.yaml",
        )
        .unwrap();
        assert!(Policy::for_protobuf(RuleKind::Breaking, None, Some(&buf)).is_err());
    }

    #[test]
    fn field_no_descriptor_is_in_v1beta1_categories_only() {
        let lint = |yaml: &str| {
            let buf = BufYaml::parse(yaml, "buf.yaml").expect("buf.yaml");
            Policy::for_protobuf(RuleKind::Lint, None, Some(&buf)).expect("policy")
        };
        let has = |p: &Policy| ids(p).contains(&"FIELD_NO_DESCRIPTOR");
        assert!(has(&lint("version: v1beta1\n")));
        assert!(has(&lint("version: v1beta1\nlint:\n  use: [MINIMAL]\n")));
        assert!(!has(&lint("version: v1\nlint:\n  use: [MINIMAL]\n")));
        assert!(!has(&lint("version: v2\n")));
    }

    #[test]
    fn older_buf_versions_have_their_own_categories() {
        let v1 = breaking_policy("version: v1\nbreaking:\n  use: [FILE]\n");
        assert!(!ids(&v1).contains(&"EXTENSION_NO_DELETE"));
        assert!(ids(&v1).contains(&"FILE_NO_DELETE"));
        let v2 = breaking_policy("version: v2\nbreaking:\n  use: [FILE]\n");
        assert!(ids(&v2).contains(&"EXTENSION_NO_DELETE"));
        let v1beta1 = breaking_policy("version: v1beta1\nbreaking:\n  use: [WIRE]\n");
        assert!(!ids(&v1beta1).contains(&"FILE_SAME_PACKAGE"));
        // No buf.yaml: buf's v1 defaults (FILE).
        let none = Policy::for_protobuf(RuleKind::Breaking, None, None).unwrap();
        assert!(!ids(&none).contains(&"EXTENSION_NO_DELETE"));
        assert!(ids(&none).contains(&"MESSAGE_NO_DELETE"));
    }

    #[test]
    fn disable_builtin_runs_nothing() {
        let p = breaking_policy("version: v2\nbreaking:\n  disable_builtin: true\n");
        assert!(p.rules.is_empty());
    }
}
