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
    /// v2 check plugins; accord cannot run them, so rule ids they define are tolerated.
    #[serde(default)]
    pub plugins: Vec<serde_yaml_ng::Value>,
    /// v2 policies: further rule sets, each in its own file, run in addition to this one.
    #[serde(default)]
    pub policies: Vec<PolicyEntry>,
    /// The policy files `policies` names that could be read, with their names as written.
    #[serde(skip)]
    pub policy_files: Vec<(PolicyEntry, BufYaml)>,
}

/// One entry of buf.yaml's `policies:` list.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PolicyEntry {
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
    /// For a directory of a buf.work.yaml workspace: the version of its own buf.yaml (`v1`
    /// without one), whose defaults its settings take.
    #[serde(skip)]
    pub version: Option<String>,
}

/// buf.work.yaml (buf v1 workspaces): directories that are modules of their own.
#[derive(Debug, Clone, Default, Deserialize)]
struct BufWorkYaml {
    #[serde(default)]
    directories: Vec<String>,
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

    /// Reads `dir/buf.yaml` when it exists, else `dir/buf.work.yaml` as the v2 modules it
    /// stands for.
    pub fn find_in(dir: &Path) -> Result<Option<BufYaml>, ProtoError> {
        let path = dir.join("buf.yaml");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut by = BufYaml::parse(&text, &path.to_string_lossy())?;
                by.read_policies(dir)?;
                Ok(Some(by))
            }
            Err(_) => BufYaml::find_workspace(dir),
        }
    }

    /// A buf.work.yaml workspace: each directory is a module with the settings of its own
    /// buf.yaml (v1 or v1beta1, whose paths are relative to that directory), or buf's v1
    /// defaults without one.
    fn find_workspace(dir: &Path) -> Result<Option<BufYaml>, ProtoError> {
        let path = dir.join("buf.work.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let shown = path.to_string_lossy();
        let work: BufWorkYaml = if text.trim().is_empty() {
            BufWorkYaml::default()
        } else {
            serde_yaml_ng::from_str(&text).map_err(|e| ProtoError::Config {
                file: shown.to_string(),
                line: e.location().map_or(1, |l| l.line() as u32),
                column: e.location().map_or(1, |l| l.column() as u32),
                message: e.to_string(),
            })?
        };
        let mut modules = Vec::new();
        for d in &work.directories {
            let d = d.trim_start_matches("./").trim_end_matches('/').to_string();
            let module = match BufYaml::find_in(&dir.join(&d))? {
                Some(by) => by.as_workspace_module(&d),
                None => ModuleV2 {
                    path: d,
                    version: Some("v1".into()),
                    ..ModuleV2::default()
                },
            };
            modules.push(module);
        }
        Ok(Some(BufYaml {
            version: "v2".into(),
            modules,
            ..BufYaml::default()
        }))
    }

    /// This (v1) buf.yaml of workspace directory `d` as a v2 module: its excludes and ignores
    /// re-rooted at the workspace.
    fn as_workspace_module(&self, d: &str) -> ModuleV2 {
        let under = |p: &String| format!("{d}/{}", p.trim_start_matches("./"));
        let lint = self.lint.clone().map(|mut l| {
            l.ignore = l.ignore.iter().map(under).collect();
            for paths in l.ignore_only.values_mut() {
                *paths = paths.iter().map(under).collect();
            }
            l
        });
        let breaking = self.breaking.clone().map(|mut b| {
            b.ignore = b.ignore.iter().map(under).collect();
            for paths in b.ignore_only.values_mut() {
                *paths = paths.iter().map(under).collect();
            }
            b
        });
        let excludes = self
            .build
            .as_ref()
            .map(|b| b.excludes.iter().map(under).collect())
            .unwrap_or_default();
        let version = if self.version.is_empty() {
            "v1beta1".to_string()
        } else {
            self.version.clone()
        };
        ModuleV2 {
            path: d.to_string(),
            excludes,
            lint,
            breaking,
            version: Some(version),
        }
    }

    /// Reads the local policy files `policies` names (relative to `dir`); remote policies
    /// (registry references) are not files and are skipped.
    pub fn read_policies(&mut self, dir: &Path) -> Result<(), ProtoError> {
        for entry in &self.policies {
            let path = dir.join(&entry.policy);
            if let Ok(text) = std::fs::read_to_string(&path) {
                let policy = BufYaml::parse(&text, &path.to_string_lossy())?;
                self.policy_files.push((entry.clone(), policy));
            }
        }
        Ok(())
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
