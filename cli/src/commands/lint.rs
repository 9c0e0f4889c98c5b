//! `accord lint`.

use crate::args::{LintArgs, SchemaType};
use crate::input;
use crate::render::{self, Report};
use accord_rules::config::Policy;
use accord_rules::protobuf::run;
use accord_rules::{Format, RuleKind};
use anyhow::{Result, bail};
use std::path::PathBuf;

pub fn run(a: LintArgs) -> Result<u8> {
    let accord = input::accord_yaml(a.common.config.as_deref())?;
    let first = a
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    if a.common.schema_type.is_none() && super::openapi::is_openapi(&first) {
        return super::openapi_lint::run(&a, accord.as_ref());
    }
    match input::schema_type(&first, a.common.schema_type)? {
        SchemaType::Protobuf => {}
        SchemaType::Jsonschema => {
            // accord has no JSON Schema style rules yet: lint validates the schema against
            // its meta-schema (bad input exits 2) and reports nothing else.
            for p in if a.paths.is_empty() {
                vec![first.clone()]
            } else {
                a.paths.clone()
            } {
                input::load_jsonschema(&p)?;
            }
            let report =
                Report::from_sources(Vec::new(), Vec::<(String, std::sync::Arc<str>)>::new());
            render::emit(&report, a.common.format)?;
            return Ok(0);
        }
        SchemaType::Avro => {
            if a.paths.len() > 1 {
                bail!("give one Avro schema file per run (got {})", a.paths.len());
            }
            let schema = input::load_avro(&first)?;
            let (section, source) = match &accord {
                Some((y, f)) => (y.section(Format::Avro, RuleKind::Lint).cloned(), f.clone()),
                None => (None, "defaults".to_string()),
            };
            let policy = Policy::resolve(Format::Avro, RuleKind::Lint, section, &source)?;
            let findings = accord_rules::avro::run::lint(&schema, &policy);
            let report =
                Report::from_sources(findings, [(schema.file.to_string(), schema.source.clone())]);
            render::emit(&report, a.common.format)?;
            return Ok(super::exit_code(&report.findings, a.common.fail_on));
        }
    }
    let loaded = input::load_paths(&a.paths, &a.common.proto_path)?;
    let policy = Policy::for_protobuf(
        RuleKind::Lint,
        accord.as_ref().map(|(y, f)| (y, f.as_str())),
        loaded.buf_yaml.as_ref(),
    )?;
    let findings = run::lint(&loaded, &policy);
    let report = Report::new(findings, [&loaded.image]);
    // The process ends right after: freeing every descriptor, location and comment of a big
    // input one by one (a fiftieth of linting googleapis) is left to the OS.
    std::mem::forget(loaded);
    render::emit(&report, a.common.format)?;
    Ok(super::exit_code(&report.findings, a.common.fail_on))
}
