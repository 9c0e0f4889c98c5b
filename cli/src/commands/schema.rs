//! `accord schema register|check|get` (a Confluent-compatible registry's subjects) and
//! `accord schema publish|consume` (which schema an application version writes to or reads
//! from a subject, for can-i-deploy's reader/writer checks).

use crate::args::SchemaType;
use crate::broker::client::seg;
use crate::broker::{Client, Connection};
use crate::input;
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum SchemaCommand {
    /// Register a schema under a subject (`POST /subjects/{subject}/versions`); prints its id.
    Register(RegisterArgs),
    /// Whether the registry would accept a schema under a subject, per the subject's
    /// compatibility level (exit 0 yes, 1 no, with the registry's reasons).
    Check(CheckArgs),
    /// Print a version of a subject (its schema, or the whole record with --output json).
    Get(GetArgs),
    /// Record that an application version writes this schema to a subject: registers it
    /// under the subject when the subject does not hold it yet, then links it to the version
    /// as writer.
    Publish(LinkArgs),
    /// Record that an application version reads a subject with this schema (reader link;
    /// the subject's versions are not touched).
    Consume(LinkArgs),
}

/// The schema file and how the registry should read it.
#[derive(Debug, Args)]
pub struct SchemaFile {
    /// The schema file (.avsc, .json, .proto).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The registry's schema type [default: from the file: .proto PROTOBUF, .avsc AVRO,
    /// .json AVRO or JSON by its content]
    #[arg(long, value_enum, value_name = "TYPE")]
    pub schema_type: Option<RegistryType>,
    /// A schema this one references, as NAME=SUBJECT:VERSION (the import path or type name
    /// the schema uses, and the registered subject version it resolves to). Repeatable.
    #[arg(long = "reference", value_name = "NAME=SUBJECT:VERSION", value_parser = parse_reference)]
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum RegistryType {
    Avro,
    Protobuf,
    Json,
}

impl RegistryType {
    fn as_str(self) -> &'static str {
        match self {
            RegistryType::Avro => "AVRO",
            RegistryType::Protobuf => "PROTOBUF",
            RegistryType::Json => "JSON",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub subject: String,
    pub version: i64,
}

fn parse_reference(s: &str) -> Result<Reference, String> {
    let bad = || format!("`{s}`: give a reference as NAME=SUBJECT:VERSION");
    let (name, rest) = s.split_once('=').ok_or_else(bad)?;
    let (subject, version) = rest.rsplit_once(':').ok_or_else(bad)?;
    let version: i64 = version
        .parse()
        .ok()
        .filter(|v| *v >= 1)
        .ok_or_else(|| format!("`{s}`: the version must be a number from 1"))?;
    if name.is_empty() || subject.is_empty() {
        return Err(bad());
    }
    Ok(Reference {
        name: name.to_string(),
        subject: subject.to_string(),
        version,
    })
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The subject (e.g. orders-value).
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    #[command(flatten)]
    pub schema: SchemaFile,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Args)]
// Their --version is the application's, not accord's.
#[command(disable_version_flag = true)]
pub struct CheckArgs {
    /// The subject.
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    /// The version to check against: a number, latest, or all (every version the
    /// subject's level asks for).
    #[arg(long, value_name = "VERSION", default_value = "latest")]
    pub version: String,
    #[command(flatten)]
    pub schema: SchemaFile,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Args)]
// Their --version is the application's, not accord's.
#[command(disable_version_flag = true)]
pub struct GetArgs {
    /// The subject.
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    /// A version number or latest.
    #[arg(long, value_name = "VERSION", default_value = "latest")]
    pub version: String,
    /// schema (the schema's text) or json (the registry's record: subject, version, id,
    /// schemaType, references, schema).
    #[arg(long, short = 'o', value_enum, default_value_t = GetOutput::Schema)]
    pub output: GetOutput,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GetOutput {
    Schema,
    Json,
}

#[derive(Debug, Args)]
// Their --version is the application's, not accord's.
#[command(disable_version_flag = true)]
pub struct LinkArgs {
    /// The subject written or read.
    #[arg(long, value_name = "SUBJECT")]
    pub subject: String,
    /// The application.
    #[arg(long, short = 'a', value_name = "NAME")]
    pub pacticipant: String,
    /// Its version.
    #[arg(long, short = 'e', value_name = "VERSION")]
    pub version: String,
    #[command(flatten)]
    pub schema: SchemaFile,
    #[command(flatten)]
    pub broker: Connection,
}

pub fn run(c: SchemaCommand) -> Result<u8> {
    match c {
        SchemaCommand::Register(a) => register(a),
        SchemaCommand::Check(a) => check(a),
        SchemaCommand::Get(a) => get(a),
        SchemaCommand::Publish(a) => link(a, "writer"),
        SchemaCommand::Consume(a) => link(a, "reader"),
    }
}

/// The registry body for a schema file: `schema`, `schemaType` (left out for Avro, as
/// Confluent's clients do) and `references`.
fn body(s: &SchemaFile) -> Result<(Value, RegistryType)> {
    let text = std::fs::read_to_string(&s.file)
        .with_context(|| format!("{}: cannot read", s.file.display()))?;
    let ty = match s.schema_type {
        Some(t) => t,
        None => detect(&s.file)?,
    };
    let mut b = json!({ "schema": text });
    if ty != RegistryType::Avro {
        b["schemaType"] = json!(ty.as_str());
    }
    if !s.references.is_empty() {
        b["references"] = json!(
            s.references
                .iter()
                .map(|r| json!({"name": r.name, "subject": r.subject, "version": r.version}))
                .collect::<Vec<_>>()
        );
    }
    Ok((b, ty))
}

fn detect(file: &Path) -> Result<RegistryType> {
    if file.extension().is_some_and(|e| e == "proto") {
        return Ok(RegistryType::Protobuf);
    }
    if !file.extension().is_some_and(|e| e == "json" || e == "avsc") {
        bail!(
            "{}: cannot tell the schema type from the file name: give --schema-type AVRO, PROTOBUF or JSON",
            file.display()
        );
    }
    Ok(match input::schema_type(file, None)? {
        SchemaType::Avro => RegistryType::Avro,
        SchemaType::Jsonschema => RegistryType::Json,
        SchemaType::Protobuf => RegistryType::Protobuf,
    })
}

fn register(a: RegisterArgs) -> Result<u8> {
    let (b, _) = body(&a.schema)?;
    let client = a.broker.client()?;
    let id = register_body(&client, &a.subject, &b)?;
    println!(
        "Registered {} under {}: schema id {id}",
        a.schema.file.display(),
        a.subject
    );
    Ok(0)
}

fn register_body(client: &Client, subject: &str, b: &Value) -> Result<i64> {
    let answer = client.post(&format!("/subjects/{}/versions", seg(subject)), b)?;
    answer
        .body
        .get("id")
        .and_then(Value::as_i64)
        .with_context(|| format!("the registry's answer has no schema id: {}", answer.text))
}

fn check(a: CheckArgs) -> Result<u8> {
    let (b, _) = body(&a.schema)?;
    let client = a.broker.client()?;
    let path = if a.version == "all" {
        format!("/compatibility/subjects/{}/versions", seg(&a.subject))
    } else {
        format!(
            "/compatibility/subjects/{}/versions/{}",
            seg(&a.subject),
            seg(&a.version)
        )
    };
    let answer = match client.post_query(&path, &[("verbose", "true".into())], &b) {
        Ok(a) => a,
        // No version yet: whatever is registered first is accepted.
        Err(e) if e.error_code() == Some(40401) => {
            println!("compatible: {} has no versions yet", a.subject);
            return Ok(0);
        }
        Err(e) => return Err(e.into()),
    };
    let ok = answer
        .body
        .get("is_compatible")
        .and_then(Value::as_bool)
        .with_context(|| {
            format!(
                "the registry's answer has no is_compatible: {}",
                answer.text
            )
        })?;
    if ok {
        println!("compatible with {} version {}", a.subject, a.version);
        return Ok(0);
    }
    println!("incompatible with {} version {}", a.subject, a.version);
    if let Some(msgs) = answer.body.get("messages").and_then(Value::as_array) {
        for m in msgs {
            println!(
                "  - {}",
                m.as_str().map_or_else(|| m.to_string(), str::to_string)
            );
        }
    }
    Ok(1)
}

fn get(a: GetArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let record = client
        .get(
            &format!("/subjects/{}/versions/{}", seg(&a.subject), seg(&a.version)),
            &[],
        )?
        .body;
    match a.output {
        GetOutput::Json => println!("{}", serde_json::to_string_pretty(&record)?),
        GetOutput::Schema => {
            let text = record
                .get("schema")
                .and_then(Value::as_str)
                .context("the registry's answer has no schema")?;
            println!("{}", text.trim_end());
        }
    }
    Ok(0)
}

fn link(a: LinkArgs, role: &str) -> Result<u8> {
    let (b, ty) = body(&a.schema)?;
    let client = a.broker.client()?;
    let subject = seg(&a.subject);
    if role == "writer" {
        // A writer's schema must be in the subject for its consumers to read the data.
        match client.post(&format!("/subjects/{subject}"), &b) {
            Ok(found) => println!(
                "{} already holds this schema (version {}, id {})",
                a.subject,
                found.body.get("version").unwrap_or(&Value::Null),
                found.body.get("id").unwrap_or(&Value::Null)
            ),
            Err(e) if e.status() == Some(404) => {
                let id = register_body(&client, &a.subject, &b)?;
                println!(
                    "Registered {} under {}: schema id {id}",
                    a.schema.file.display(),
                    a.subject
                );
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut link = json!({ "schema": b["schema"], "schemaType": ty.as_str() });
    if let Some(r) = b.get("references") {
        link["references"] = r.clone();
    }
    let answer = client.put(
        &format!(
            "/pacticipants/{}/versions/{}/schemas/{role}/{subject}",
            seg(&a.pacticipant),
            seg(&a.version)
        ),
        &link,
    )?;
    let verb = if role == "writer" { "writes" } else { "reads" };
    let news = if answer.status == 201 {
        "recorded"
    } else {
        "already recorded"
    };
    println!(
        "{} {} {verb} {} (schema id {}): {news}",
        a.pacticipant,
        a.version,
        a.subject,
        answer.body.get("schemaId").unwrap_or(&Value::Null)
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            parse_reference("acme/common.proto=common-value:3").unwrap(),
            Reference {
                name: "acme/common.proto".into(),
                subject: "common-value".into(),
                version: 3
            }
        );
        assert!(parse_reference("a=b").is_err());
        assert!(parse_reference("a=b:0").is_err());
        assert!(parse_reference("=b:1").is_err());
    }
}
