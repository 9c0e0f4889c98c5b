//! `accord breaking FILE --against-broker SUBJECT[@VERSION]`: the earlier versions come from
//! a schema registry instead of files. They are fetched, then go through the same engines as
//! `--against` files, under the subject's compatibility level unless --mode says otherwise.

use crate::args::{BreakingArgs, SchemaType};
use crate::broker::Client;
use crate::broker::client::seg;
use crate::input;
use crate::render::{self, Report};
use accord_rules::compat::Mode;
use accord_rules::config::Policy;
use accord_rules::protobuf::{self, ProtoInput, run as proto_run};
use accord_rules::{Format, RuleKind};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One registered version of the subject.
struct Fetched {
    /// `subject@version`, as findings name it.
    label: String,
    text: String,
    schema_type: String,
    references: Vec<Value>,
}

pub fn run(a: &BreakingArgs, spec: &str) -> Result<u8> {
    if !a.against.is_empty() || a.against_git.is_some() {
        bail!("give --against-broker alone, not with --against or --against-git");
    }
    let [current] = a.paths.as_slice() else {
        bail!(
            "give one schema file as the new version with --against-broker (got {})",
            a.paths.len()
        );
    };
    let (subject, version) = match spec.rsplit_once('@') {
        Some((s, v)) if !s.is_empty() => (s, Some(v)),
        _ => (spec, None),
    };
    let client = a.broker.client()?;
    let mode = match a.mode {
        Some(m) => m,
        None => level(&client, subject)?,
    };
    let fetched = fetch(&client, subject, version, mode)?;
    let accord = input::accord_yaml(a.common.config.as_deref())?;
    let ty = input::schema_type(current, a.common.schema_type)?;
    let want = match ty {
        SchemaType::Avro => "AVRO",
        SchemaType::Jsonschema => "JSON",
        SchemaType::Protobuf => "PROTOBUF",
    };
    if let Some(f) = fetched.iter().find(|f| f.schema_type != want) {
        bail!(
            "{} holds a {} schema, and {} is {want}: give --schema-type if the file type was guessed wrong",
            f.label,
            f.schema_type,
            current.display()
        );
    }
    let section = |format| match &accord {
        Some((y, file)) => (y.section(format, RuleKind::Breaking).cloned(), file.clone()),
        None => (None, "defaults".to_string()),
    };
    let texts = || {
        fetched
            .iter()
            .map(|f| (f.label.clone(), Arc::from(f.text.as_str())))
            .collect::<Vec<_>>()
    };
    let report = match ty {
        SchemaType::Avro => {
            let cur = input::load_avro(current)?;
            let previous = fetched
                .iter()
                .map(|f| {
                    Ok((
                        f.label.clone(),
                        accord_rules::avro::parse(&f.text, &f.label)?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            let (s, src) = section(Format::Avro);
            let policy = Policy::resolve(Format::Avro, RuleKind::Breaking, s, &src)?;
            let findings = accord_rules::avro::run::breaking(&cur, &previous, mode, &policy);
            let mut sources = texts();
            sources.push((cur.file.to_string(), cur.source.clone()));
            Report::from_sources(findings, sources)
        }
        SchemaType::Jsonschema => {
            let cur = input::load_jsonschema(current)?;
            let previous = fetched
                .iter()
                .map(|f| {
                    Ok((
                        f.label.clone(),
                        accord_rules::jsonschema::parse(&f.text, &f.label)?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            let (s, src) = section(Format::Jsonschema);
            let policy = Policy::resolve(Format::Jsonschema, RuleKind::Breaking, s, &src)?;
            let findings = accord_rules::jsonschema::breaking(
                &cur,
                &previous,
                mode,
                a.json_policy.compat(),
                &policy,
            );
            let mut sources = texts();
            sources.push((cur.file.clone(), Arc::from(cur.source.as_str())));
            Report::from_sources(findings, sources)
        }
        SchemaType::Protobuf => {
            if current.is_dir() {
                bail!("give one .proto file as the new version with --against-broker");
            }
            // The earlier versions get the new one's import path: buf's rules pair files by
            // it, and the registry's references are laid out relative to the same root.
            let rel = a
                .common
                .proto_path
                .iter()
                .find_map(|root| current.strip_prefix(root).ok())
                .map(Path::to_path_buf)
                .or_else(|| current.file_name().map(PathBuf::from))
                .context("the new version has no file name")?;
            let dir = tempfile::tempdir().context("creating a temporary directory")?;
            let cur = input::load_paths(std::slice::from_ref(current), &a.common.proto_path)?;
            let mut loaded = Vec::new();
            for (i, f) in fetched.iter().enumerate() {
                let root = dir.path().join(format!("v{i}"));
                write_references(&client, &root, &f.references, 0)?;
                let file = root.join(&rel);
                write(&file, &f.text)?;
                let l = protobuf::load(&ProtoInput::Path(file), std::slice::from_ref(&root))?;
                loaded.push((f.label.clone(), l));
            }
            let refs: Vec<(String, &protobuf::Loaded)> =
                loaded.iter().map(|(l, x)| (l.clone(), x)).collect();
            let findings = proto_run::breaking_mode(&cur, &refs, &refs, mode);
            Report::new(findings, [&cur.image])
        }
    };
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

/// The subject's compatibility level, else the registry's global one.
fn level(client: &Client, subject: &str) -> Result<Mode> {
    let answer = match client.get(
        &format!("/config/{}", seg(subject)),
        &[("defaultToGlobal", "true".into())],
    ) {
        Ok(a) => a,
        Err(e) if e.status() == Some(404) => client.get("/config", &[])?,
        Err(e) => return Err(e.into()),
    };
    let raw = answer
        .body
        .get("compatibilityLevel")
        .or_else(|| answer.body.get("compatibility"))
        .and_then(Value::as_str)
        .unwrap_or("BACKWARD");
    Mode::parse(raw)
        .with_context(|| format!("the registry answered an unknown compatibility level `{raw}`"))
}

/// The versions to compare with: the one named, or the latest, or every version when asked
/// for `all` or when the mode is transitive and no version was named.
fn fetch(
    client: &Client,
    subject: &str,
    version: Option<&str>,
    mode: Mode,
) -> Result<Vec<Fetched>> {
    let numbers: Vec<String> = match version {
        Some("all") => all_versions(client, subject)?,
        Some(v) => vec![v.to_string()],
        None if mode.transitive() => all_versions(client, subject)?,
        None => vec!["latest".to_string()],
    };
    numbers
        .iter()
        .map(|n| {
            let r = client
                .get(
                    &format!("/subjects/{}/versions/{}", seg(subject), seg(n)),
                    &[],
                )?
                .body;
            let number = r.get("version").map_or_else(|| n.clone(), Value::to_string);
            Ok(Fetched {
                label: format!("{subject}@{number}"),
                text: r
                    .get("schema")
                    .and_then(Value::as_str)
                    .with_context(|| format!("{subject} version {n}: the registry sent no schema"))?
                    .to_string(),
                schema_type: r
                    .get("schemaType")
                    .and_then(Value::as_str)
                    .unwrap_or("AVRO")
                    .to_string(),
                references: r
                    .get("references")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn all_versions(client: &Client, subject: &str) -> Result<Vec<String>> {
    let list = client
        .get(&format!("/subjects/{}/versions", seg(subject)), &[])?
        .body;
    let Some(items) = list.as_array() else {
        bail!("the registry's version list of {subject} is not a list: {list}");
    };
    Ok(items.iter().map(Value::to_string).collect())
}

/// Writes the files a Protobuf schema imports, at the paths it imports them by.
fn write_references(client: &Client, root: &Path, refs: &[Value], depth: usize) -> Result<()> {
    if depth > 32 {
        bail!("schema references nest more than 32 deep");
    }
    for r in refs {
        let name = r.get("name").and_then(Value::as_str).unwrap_or("");
        let subject = r.get("subject").and_then(Value::as_str).unwrap_or("");
        let version = r.get("version").map(Value::to_string).unwrap_or_default();
        let rel = PathBuf::from(name);
        if name.is_empty()
            || rel.is_absolute()
            || rel
                .components()
                .any(|c| c == std::path::Component::ParentDir)
        {
            bail!("schema reference `{name}` is not a relative import path");
        }
        let body = client
            .get(
                &format!("/subjects/{}/versions/{}", seg(subject), seg(&version)),
                &[],
            )?
            .body;
        let text = body.get("schema").and_then(Value::as_str).unwrap_or("");
        write(&root.join(&rel), text)?;
        if let Some(nested) = body.get("references").and_then(Value::as_array) {
            write_references(client, root, nested, depth + 1)?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
