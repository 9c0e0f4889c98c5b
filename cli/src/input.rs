//! Turns the paths and revisions on the command line into loaded inputs (protobuf, Avro),
//! detects which schema language a path holds, and finds the configuration that applies.

use crate::args::SchemaType;
use accord_rules::avro;
use accord_rules::config::AccordYaml;
use accord_rules::json;
use accord_rules::protobuf::{self, Loaded, ProtoInput};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The accord.yaml named by --config, or found from the working directory.
pub fn accord_yaml(explicit: Option<&Path>) -> Result<Option<(AccordYaml, String)>> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => AccordYaml::discover(&std::env::current_dir()?),
    };
    match path {
        Some(p) => {
            let y = AccordYaml::read(&p)?;
            Ok(Some((y, p.to_string_lossy().into_owned())))
        }
        None => Ok(None),
    }
}

/// Loads the first path (several paths are loaded and must be one format; we compile them as
/// one protobuf input when they share a directory).
pub fn load_paths(paths: &[PathBuf], includes: &[PathBuf]) -> Result<Loaded> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    if paths.len() > 1 {
        bail!("give one file or directory per input (got {})", paths.len());
    }
    Ok(protobuf::load(
        &ProtoInput::Path(paths[0].clone()),
        includes,
    )?)
}

/// The repository root holding `cwd`.
fn repo_root() -> Result<PathBuf> {
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!(
            "--against-git needs a git repository: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// `REV[:subdir]` into inputs, oldest first; `history` > 1 adds the commits before REV.
pub fn git_inputs(spec: &str, current: &[PathBuf], history: usize) -> Result<Vec<ProtoInput>> {
    let repo = repo_root()?;
    let (rev, subdir) = match spec.split_once(':') {
        Some((r, s)) => (r.to_string(), s.to_string()),
        None => {
            // Same place in the tree as the current input.
            let cur = current
                .first()
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            let abs = std::fs::canonicalize(&cur)
                .with_context(|| format!("{}: no such file or directory", cur.display()))?;
            let rel = abs
                .strip_prefix(std::fs::canonicalize(&repo)?)
                .unwrap_or(Path::new(""));
            (spec.to_string(), rel.to_string_lossy().into_owned())
        }
    };
    let mut revs = vec![rev.clone()];
    if history > 1 {
        let out = Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args([
                "rev-list",
                "--first-parent",
                "-n",
                &history.to_string(),
                &rev,
            ])
            .output()
            .context("cannot run git")?;
        if !out.status.success() {
            bail!(
                "git revision {rev}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        revs = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_string)
            .collect();
        revs.reverse();
        if let Some(last) = revs.last_mut() {
            *last = rev.clone();
        }
    }
    Ok(revs
        .into_iter()
        .map(|r| ProtoInput::Git {
            repo: repo.clone(),
            rev: r,
            subdir: subdir.clone(),
        })
        .collect())
}

/// The schema language of `path`: `--schema-type` when given, else by its name and content.
pub fn schema_type(path: &Path, explicit: Option<SchemaType>) -> Result<SchemaType> {
    if let Some(t) = explicit {
        return Ok(t);
    }
    if path.is_dir() {
        return Ok(SchemaType::Protobuf);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("avsc") => Ok(SchemaType::Avro),
        Some("json") => {
            let display = path.to_string_lossy();
            let text =
                std::fs::read_to_string(path).with_context(|| format!("{display}: cannot read"))?;
            let doc = json::parse(&text, &display)?;
            Ok(if looks_like_avro(&doc.value) {
                SchemaType::Avro
            } else {
                SchemaType::Jsonschema
            })
        }
        _ => Ok(SchemaType::Protobuf),
    }
}

/// An Avro schema object: `"type"` is record, enum, fixed (or error) or a primitive name.
/// `null`, `boolean` and `string` are JSON Schema types too: those count as Avro only with a
/// `logicalType`; anything with `$schema` or `properties` is JSON Schema.
fn looks_like_avro(v: &serde_json::Value) -> bool {
    let Some(t) = v.get("type").and_then(|t| t.as_str()) else {
        return false;
    };
    matches!(
        t,
        "record"
            | "error"
            | "enum"
            | "fixed"
            | "null"
            | "boolean"
            | "int"
            | "long"
            | "float"
            | "double"
            | "bytes"
            | "string"
    ) && !(v.get("$schema").is_some()
        || v.get("properties").is_some()
        || (matches!(t, "null" | "boolean" | "string") && v.get("logicalType").is_none()))
}

/// The error every JSON Schema path gives until that engine is built in.
/// Loads a JSON Schema (validated against its meta-schema).
pub fn load_jsonschema(path: &Path) -> Result<accord_rules::jsonschema::Schema> {
    Ok(accord_rules::jsonschema::load(path)?)
}

/// Loads an Avro schema, named in findings as the user wrote its path.
pub fn load_avro(path: &Path) -> Result<avro::Schema> {
    Ok(avro::load(path, &path.to_string_lossy())?)
}
