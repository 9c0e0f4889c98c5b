//! `accord breaking`.

use crate::args::{BreakingArgs, SchemaType};
use crate::input;
use crate::render::{self, Report};
use accord_rules::config::Policy;
use accord_rules::protobuf::{self, Loaded, ProtoInput, run};
use accord_rules::{Format, RuleKind};
use anyhow::{Result, bail};
use std::path::PathBuf;
use std::sync::Arc;

pub fn run(a: BreakingArgs) -> Result<u8> {
    if let Some(spec) = &a.against_broker {
        return super::breaking_broker::run(&a, spec);
    }
    if a.paths
        .first()
        .is_some_and(|p| super::openapi::is_openapi(p))
    {
        return super::openapi::breaking(&a);
    }
    let accord = input::accord_yaml(a.common.config.as_deref())?;
    let first = a
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    match input::schema_type(&first, a.common.schema_type)? {
        SchemaType::Protobuf => {}
        SchemaType::Jsonschema => return jsonschema(&a, &first, accord.as_ref()),
        SchemaType::Avro => return avro(&a, &first, accord.as_ref()),
    }
    let mut previous: Vec<ProtoInput> = a.against.iter().cloned().map(ProtoInput::Path).collect();
    if let Some(spec) = &a.against_git {
        previous.extend(input::git_inputs(spec, &a.paths, a.history)?);
    }
    if previous.is_empty() {
        bail!("nothing to compare with: give --against OLD or --against-git REV");
    }
    let includes = &a.common.proto_path;
    // One input at a time: each already compiles on every core (in batches), and loading
    // them together would only add one more set of compiler pools to the peak memory.
    let current = input::load_paths(&a.paths, includes);
    let history: Vec<_> = previous
        .iter()
        .map(|p| protobuf::load(p, includes).map(|l| (p.label(), l)))
        .collect();
    let current = current?;
    let history: Vec<(String, Loaded)> = history.into_iter().collect::<Result<_, _>>()?;
    let refs: Vec<(String, &Loaded)> = history.iter().map(|(l, x)| (l.clone(), x)).collect();
    let findings = match a.mode {
        Some(mode) => run::breaking_mode(&current, &refs, &refs, mode),
        None => {
            let policy = Policy::for_protobuf(
                RuleKind::Breaking,
                accord.as_ref().map(|(y, f)| (y, f.as_str())),
                current.buf_yaml.as_ref(),
            )?;
            run::breaking(&current, &refs, &policy)
        }
    };
    let report = Report::new(findings, [&current.image]);
    // As in `lint`: the process ends right after, so the images' descriptors, locations
    // and comments are left to the OS rather than freed one by one.
    drop(refs);
    std::mem::forget((current, history));
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

/// Avro: the new schema against each --against (oldest first) under --mode.
fn avro(
    a: &BreakingArgs,
    current: &std::path::Path,
    accord: Option<&(accord_rules::config::AccordYaml, String)>,
) -> Result<u8> {
    if a.paths.len() > 1 {
        bail!(
            "give one Avro schema file as the new version (got {})",
            a.paths.len()
        );
    }
    if a.against_git.is_some() {
        bail!(
            "--against-git is not supported for Avro yet: give each earlier version with --against"
        );
    }
    if a.against.is_empty() {
        bail!(
            "nothing to compare with: give --against OLD (repeat for older versions, oldest first)"
        );
    }
    let current = input::load_avro(current)?;
    let (section, source) = match accord {
        Some((y, f)) => (
            y.section(Format::Avro, RuleKind::Breaking).cloned(),
            f.clone(),
        ),
        None => (None, "defaults".to_string()),
    };
    let policy = Policy::resolve(Format::Avro, RuleKind::Breaking, section, &source)?;
    let findings =
        accord_rules::avro::run::breaking_paths(&current, &a.against, mode_or_default(a), &policy)?;
    // Carets need the text of the files findings point into: the new schema, and the
    // earlier versions that were readers (FORWARD) — read again, only those.
    let mut sources = vec![(current.file.to_string(), current.source.clone())];
    for f in &findings {
        if !sources.iter().any(|(name, _)| *name == f.location.file)
            && let Ok(text) = std::fs::read_to_string(&f.location.file)
        {
            sources.push((f.location.file.clone(), Arc::from(text)));
        }
    }
    let report = Report::from_sources(findings, sources);
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

/// JSON Schema: the new schema against each --against (oldest first) under --mode and
/// --json-policy.
fn jsonschema(
    a: &BreakingArgs,
    current: &std::path::Path,
    accord: Option<&(accord_rules::config::AccordYaml, String)>,
) -> Result<u8> {
    if a.paths.len() > 1 || a.against_git.is_some() {
        bail!(
            "give one JSON Schema file as the new version and each earlier one with --against (--against-git is not supported for JSON Schema yet)"
        );
    }
    if a.against.is_empty() {
        bail!(
            "nothing to compare with: give --against OLD (repeat for older versions, oldest first)"
        );
    }
    let current = input::load_jsonschema(current)?;
    let previous = a
        .against
        .iter()
        .map(|p| Ok((p.to_string_lossy().into_owned(), input::load_jsonschema(p)?)))
        .collect::<Result<Vec<_>>>()?;
    let (section, source) = match accord {
        Some((y, f)) => (
            y.section(Format::Jsonschema, RuleKind::Breaking).cloned(),
            f.clone(),
        ),
        None => (None, "defaults".to_string()),
    };
    let policy = Policy::resolve(Format::Jsonschema, RuleKind::Breaking, section, &source)?;
    let findings = accord_rules::jsonschema::breaking(
        &current,
        &previous,
        mode_or_default(a),
        a.json_policy.compat(),
        &policy,
    );
    let sources = std::iter::once(&current)
        .chain(previous.iter().map(|(_, s)| s))
        .map(|s| (s.file.clone(), Arc::from(s.source.as_str())))
        .collect::<Vec<_>>();
    let report = Report::from_sources(findings, sources);
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}

/// Avro and JSON Schema check BACKWARD unless told otherwise, as the Confluent registry does.
fn mode_or_default(a: &BreakingArgs) -> accord_rules::compat::Mode {
    a.mode.unwrap_or(accord_rules::compat::Mode::Backward)
}
