//! A Spectral ruleset file (`.spectral.yaml`/`.yml`/`.json`) read as accord configuration:
//! `extends: spectral:oas` (optionally `[[spectral:oas, recommended]]` or `[[spectral:oas,
//! all]]`) and `rules: {id: severity}`. Everything accord cannot honour (custom rules,
//! functions, other rulesets, overrides) is listed in `ignored` so the caller can warn.

use crate::config::{ConfigError, Section};
use serde_yaml_ng::Value;
use std::path::{Path, PathBuf};

/// The names Spectral looks for, in its order.
pub const FILE_NAMES: [&str; 4] = [
    ".spectral.yaml",
    ".spectral.yml",
    ".spectral.json",
    ".spectral.js",
];

/// What a Spectral ruleset means for accord.
#[derive(Debug, Default)]
pub struct Ruleset {
    pub section: Section,
    /// Human-readable descriptions of what was not applied.
    pub ignored: Vec<String>,
}

/// Finds a Spectral ruleset in `start` or the nearest parent directory.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

pub fn read(path: &Path) -> Result<Ruleset, ConfigError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        file: file.clone(),
        source,
    })?;
    if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
        // A JavaScript ruleset runs code; accord cannot, so it falls back to the defaults.
        return Ok(Ruleset {
            section: Section::default(),
            ignored: vec![format!(
                "{file}: a JavaScript ruleset cannot be read; spectral:oas recommended rules run"
            )],
        });
    }
    parse(&text, &file)
}

/// Spectral's severities (names or 0–3) as accord's; `None` turns the rule off.
fn severity(v: &Value) -> Result<Option<&'static str>, String> {
    match v {
        Value::Bool(false) => Ok(None),
        Value::Bool(true) => Ok(Some("default")),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Ok(Some("error")),
            Some(1) => Ok(Some("warning")),
            Some(2) | Some(3) => Ok(Some("info")),
            Some(-1) => Ok(None),
            _ => Err(format!("severity {n}")),
        },
        Value::String(s) => match s.as_str() {
            "off" => Ok(None),
            "error" => Ok(Some("error")),
            "warn" | "warning" => Ok(Some("warning")),
            // accord has no `hint` level: it is reported as info.
            "info" | "hint" => Ok(Some("info")),
            other => Err(format!("severity `{other}`")),
        },
        _ => Err("a severity that is not a name, number or boolean".to_string()),
    }
}

pub fn parse(text: &str, file: &str) -> Result<Ruleset, ConfigError> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| {
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
    })?;
    let mut out = Ruleset::default();
    let Value::Mapping(map) = doc else {
        out.ignored.push(format!(
            "{file}: not a mapping; spectral:oas recommended rules run"
        ));
        return Ok(out);
    };
    let mut all = false;
    let mut oas = false;
    for (k, v) in &map {
        let key = k.as_str().unwrap_or_default();
        match key {
            "extends" => {
                let entries: Vec<&Value> = match v {
                    Value::Sequence(xs) => xs.iter().collect(),
                    other => vec![other],
                };
                // `extends: [spectral:oas, all]` is one entry written flat.
                let flat_pair = matches!(v, Value::Sequence(xs) if xs.len() == 2
                    && xs[0].as_str() == Some("spectral:oas")
                    && matches!(xs[1].as_str(), Some("all" | "recommended" | "off")));
                if flat_pair {
                    oas = true;
                    all = v[1].as_str() == Some("all");
                    continue;
                }
                for e in entries {
                    let (name, mode) = match e {
                        Value::String(s) => (s.as_str(), "recommended"),
                        Value::Sequence(p) if !p.is_empty() => (
                            p[0].as_str().unwrap_or_default(),
                            p.get(1).and_then(Value::as_str).unwrap_or("recommended"),
                        ),
                        _ => ("", ""),
                    };
                    if name == "spectral:oas" {
                        oas = true;
                        match mode {
                            "all" => all = true,
                            "recommended" => {}
                            "off" => out.section.disable_builtin = true,
                            other => out
                                .ignored
                                .push(format!("extends mode `{other}` of spectral:oas")),
                        }
                    } else {
                        let shown = if name.is_empty() {
                            serde_yaml_ng::to_string(e)
                                .unwrap_or_default()
                                .trim()
                                .to_string()
                        } else {
                            name.to_string()
                        };
                        out.ignored.push(format!("extends `{shown}`"));
                    }
                }
            }
            "rules" => {
                let Value::Mapping(rules) = v else {
                    out.ignored.push("`rules` (not a mapping)".to_string());
                    continue;
                };
                for (id, setting) in rules {
                    let id = id.as_str().unwrap_or_default().to_string();
                    if crate::catalogue::find(&id).is_none_or(|r| {
                        r.kind != crate::finding::RuleKind::Lint
                            || !r.formats.contains(&crate::finding::Format::Openapi)
                    }) {
                        out.ignored.push(format!(
                            "rule `{id}` (not a spectral:oas rule accord knows)"
                        ));
                        continue;
                    }
                    match severity(setting) {
                        Ok(None) => out.section.except.push(id),
                        Ok(Some(sev)) => {
                            out.section.use_.push(id.clone());
                            if sev != "default" {
                                out.section.severity.insert(id, sev.to_string());
                            }
                        }
                        Err(what) => out.ignored.push(format!(
                            "rule `{id}`: {what} (a custom rule definition or an unknown severity)"
                        )),
                    }
                }
            }
            "formats" | "documentationUrl" | "description" => {}
            other => out.ignored.push(format!("`{other}`")),
        }
    }
    if !oas {
        out.ignored.push(
            "the ruleset does not extend spectral:oas; its recommended rules run anyway"
                .to_string(),
        );
    }
    // `use` lists rules switched on by name; the base set comes first.
    let base = if all { "ALL" } else { "recommended" };
    if !out.section.disable_builtin || !out.section.use_.is_empty() {
        let mut use_ = vec![base.to_string()];
        if out.section.disable_builtin {
            use_.clear();
            out.section.disable_builtin = false;
        }
        use_.append(&mut out.section.use_);
        out.section.use_ = use_;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_and_off() {
        let r = parse(
            "extends: [[spectral:oas, recommended]]\nrules:\n  info-contact: off\n  info-license: 1\n  operation-tags: hint\n  typed-enum: false\n  tag-description: true\n",
            ".spectral.yaml",
        )
        .unwrap();
        assert!(r.ignored.is_empty(), "{:?}", r.ignored);
        assert_eq!(r.section.except, vec!["info-contact", "typed-enum"]);
        assert_eq!(
            r.section.use_,
            vec![
                "recommended",
                "info-license",
                "operation-tags",
                "tag-description"
            ]
        );
        assert_eq!(r.section.severity["info-license"], "warning");
        assert_eq!(r.section.severity["operation-tags"], "info");
    }

    #[test]
    fn what_cannot_be_honoured_is_named() {
        let r = parse(
            "extends: [spectral:oas, ./mine.yaml]\nfunctions: [f]\nrules:\n  my-rule:\n    given: $\n    then: {function: truthy}\n",
            ".spectral.yaml",
        )
        .unwrap();
        let all = r.ignored.join("\n");
        assert!(all.contains("./mine.yaml"), "{all}");
        assert!(all.contains("`functions`"), "{all}");
        assert!(all.contains("my-rule"), "{all}");
        let r = parse(
            "extends: spectral:oas\nrules:\n  oas2-schema: off\n  oas3-valid-media-example: off\n",
            "s",
        )
        .unwrap();
        assert_eq!(r.ignored.len(), 1, "{:?}", r.ignored);
        assert!(
            r.ignored[0].contains("`oas2-schema` (not a spectral:oas rule accord knows)"),
            "{:?}",
            r.ignored
        );
    }

    #[test]
    fn all_mode() {
        let r = parse("extends: [spectral:oas, all]\n", "s").unwrap();
        assert_eq!(r.section.use_, vec!["ALL"]);
    }
}
