//! buf.yaml (v1beta1, v1 and v2), read so that a buf user can switch to accord without
//! writing a new configuration: module roots and excludes, and the lint and breaking sections.

use super::error::ProtoError;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BufYaml {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub build: Option<BuildV1>,
    #[serde(default)]
    pub modules: Vec<ModuleV2>,
    #[serde(default)]
    pub lint: Option<LintSection>,
    #[serde(default)]
    pub breaking: Option<BreakingSection>,
    /// Check plugins (`plugins:`); accord cannot run them, but their rule ids may appear in
    /// `use` and must not be rejected.
    #[serde(default)]
    pub plugins: Vec<serde_yaml_ng::Value>,
    /// v2 `policies:`: further rule sets, each with its own ignores.
    #[serde(default)]
    pub policies: Vec<PolicyRef>,
    /// The policy files `policies:` names, read next to this buf.yaml (in order).
    #[serde(skip)]
    pub policy_files: Vec<(PolicyRef, BufYaml)>,
}

/// One entry of buf.yaml's `policies:`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PolicyRef {
    #[serde(default)]
    pub policy: String,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub ignore_only: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct BuildV1 {
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub excludes: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModuleV2 {
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub excludes: Vec<String>,
    #[serde(default)]
    pub lint: Option<LintSection>,
    #[serde(default)]
    pub breaking: Option<BreakingSection>,
}

/// buf's `lint:` section (v1 and v2 spellings).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LintSection {
    #[serde(default, rename = "use")]
    pub use_: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub ignore_only: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub allow_comment_ignores: Option<bool>,
    #[serde(default)]
    pub disallow_comment_ignores: Option<bool>,
    #[serde(default)]
    pub enum_zero_value_suffix: Option<String>,
    #[serde(default)]
    pub rpc_allow_same_request_response: bool,
    #[serde(default)]
    pub rpc_allow_google_protobuf_empty_requests: bool,
    #[serde(default)]
    pub rpc_allow_google_protobuf_empty_responses: bool,
    #[serde(default)]
    pub service_suffix: Option<String>,
    /// v2: run none of the built-in rules (only policies' and plugins').
    #[serde(default)]
    pub disable_builtin: bool,
}

/// buf's `breaking:` section.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BreakingSection {
    #[serde(default, rename = "use")]
    pub use_: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub ignore_only: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub ignore_unstable_packages: bool,
    #[serde(default)]
    pub disable_builtin: bool,
}

impl BufYaml {
    pub fn parse(text: &str, file: &str) -> Result<BufYaml, ProtoError> {
        if text.trim().is_empty() {
            return Ok(BufYaml::default());
        }
        serde_yaml_ng::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            ProtoError::Config {
                file: file.to_string(),
                line,
                column,
                message: e.to_string(),
            }
        })
    }

    /// Reads `dir/buf.yaml` when it exists.
    pub fn find_in(dir: &Path) -> Result<Option<BufYaml>, ProtoError> {
        let path = dir.join("buf.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return BufYaml::workspace_in(dir);
        };
        let mut buf = BufYaml::parse(&text, &path.to_string_lossy())?;
        for r in buf.policies.clone() {
            // Remote policies (`owner/name:ref`) cannot be read here; local files can.
            let file = dir.join(&r.policy);
            if let Ok(text) = std::fs::read_to_string(&file) {
                let policy = BufYaml::parse(&text, &file.to_string_lossy())?;
                buf.policy_files.push((r, policy));
            }
        }
        Ok(Some(buf))
    }

    /// A v1 workspace (`buf.work.yaml` listing module directories, each with its own v1
    /// buf.yaml) read as the equivalent v2 configuration: one module per directory, keeping
    /// each module's lint and breaking settings and v1's comment-ignore default.
    fn workspace_in(dir: &Path) -> Result<Option<BufYaml>, ProtoError> {
        #[derive(Deserialize)]
        struct Work {
            #[serde(default)]
            directories: Vec<String>,
        }
        let path = dir.join("buf.work.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let work: Work = serde_yaml_ng::from_str(&text).map_err(|e| ProtoError::Config {
            file: path.to_string_lossy().into_owned(),
            line: e.location().map(|l| l.line() as u32).unwrap_or(1),
            column: e.location().map(|l| l.column() as u32).unwrap_or(1),
            message: e.to_string(),
        })?;
        let mut out = BufYaml {
            version: "v2".into(),
            ..BufYaml::default()
        };
        for d in work.directories {
            let module = BufYaml::find_in(&dir.join(&d))?.unwrap_or_default();
            let mut lint = module.lint().cloned().unwrap_or_default();
            if !module.is_v2() && lint.allow_comment_ignores != Some(true) {
                lint.disallow_comment_ignores = Some(true);
            }
            out.modules.push(ModuleV2 {
                path: d.clone(),
                excludes: module
                    .build
                    .as_ref()
                    .map(|b| {
                        b.excludes
                            .iter()
                            .map(|e| format!("{}/{}", d.trim_end_matches('/'), e))
                            .collect()
                    })
                    .unwrap_or_default(),
                lint: Some(lint),
                breaking: module.breaking().cloned(),
            });
        }
        Ok(Some(out))
    }

    pub fn is_v2(&self) -> bool {
        self.version == "v2"
    }

    /// Module directories (relative to the buf.yaml) with their excludes, relative to the
    /// same directory.
    pub fn module_dirs(&self) -> Vec<(String, Vec<String>)> {
        let clean = |s: &str| {
            let s = s.trim_start_matches("./").trim_end_matches('/');
            if s == "." {
                String::new()
            } else {
                s.to_string()
            }
        };
        if self.is_v2() && !self.modules.is_empty() {
            return self
                .modules
                .iter()
                .map(|m| {
                    (
                        clean(&m.path),
                        m.excludes.iter().map(|e| clean(e)).collect(),
                    )
                })
                .collect();
        }
        if let Some(build) = &self.build {
            let excludes: Vec<String> = build.excludes.iter().map(|e| clean(e)).collect();
            if !build.roots.is_empty() {
                return build
                    .roots
                    .iter()
                    .map(|r| (clean(r), excludes.clone()))
                    .collect();
            }
            return vec![(String::new(), excludes)];
        }
        vec![(String::new(), Vec::new())]
    }

    /// The lint section that applies (the first module's in v2, falling back to the top level).
    pub fn lint(&self) -> Option<&LintSection> {
        self.modules
            .first()
            .and_then(|m| m.lint.as_ref())
            .or(self.lint.as_ref())
    }

    pub fn breaking(&self) -> Option<&BreakingSection> {
        self.modules
            .first()
            .and_then(|m| m.breaking.as_ref())
            .or(self.breaking.as_ref())
    }
}
