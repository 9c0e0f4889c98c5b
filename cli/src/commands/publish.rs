//! `accord publish`: pact files to the broker, one `POST /contracts/publish` per consumer
//! (the Pact Broker's endpoint, so this works against it and PactFlow too). Every file is
//! read and checked before anything is sent: a broken file publishes nothing.

use crate::broker::{Connection, ci, hal, pact_file};
use anyhow::{Result, bail};
use base64::Engine;
use clap::{Args, ValueEnum};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Pact files, or directories whose `*.json` files are pacts.
    #[arg(required = true, value_name = "PACT_DIRS_OR_FILES")]
    pub paths: Vec<PathBuf>,
    /// The consumer's version [default: $GITHUB_SHA, $CI_COMMIT_SHA, else `git rev-parse HEAD`]
    #[arg(long, short = 'a', value_name = "VERSION")]
    pub consumer_app_version: Option<String>,
    /// The consumer version's branch [default: $GITHUB_HEAD_REF or $GITHUB_REF_NAME,
    /// $CI_COMMIT_REF_NAME, else the checked-out git branch]
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// Tag the consumer version (repeatable).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Link to the build that produced the pacts [default: the GitHub Actions run, or
    /// $CI_JOB_URL]
    #[arg(long, value_name = "URL")]
    pub build_url: Option<String>,
    /// When the version already has a different pact with the same provider: replace it
    /// (overwrite) or merge the interactions (merge).
    #[arg(long, value_enum, default_value_t = OnConflict::Overwrite)]
    pub on_conflict: OnConflict,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnConflict {
    Overwrite,
    Merge,
}

pub fn run(a: PublishArgs) -> Result<u8> {
    let files = pact_file::expand(&a.paths)?;
    let pacts = files
        .iter()
        .map(|f| pact_file::read(f))
        .collect::<Result<Vec<_>, _>>()?;
    let detected = ci::detect();
    let Some(version) = a.consumer_app_version.clone().or(detected.version) else {
        bail!(
            "no consumer version: give --consumer-app-version (none found in GITHUB_SHA, CI_COMMIT_SHA or git)"
        );
    };
    let branch = a.branch.clone().or(detected.branch);
    let build_url = a.build_url.clone().or(detected.build_url);
    let client = a.broker.client()?;
    let mut by_consumer: BTreeMap<&str, Vec<&pact_file::PactFile>> = BTreeMap::new();
    for p in &pacts {
        by_consumer.entry(p.consumer.as_str()).or_default().push(p);
    }
    let on_conflict = match a.on_conflict {
        OnConflict::Overwrite => "overwrite",
        OnConflict::Merge => "merge",
    };
    let mut failed = false;
    for (consumer, pacts) in by_consumer {
        let contracts: Vec<_> = pacts
            .iter()
            .map(|p| {
                json!({
                    "consumerName": p.consumer,
                    "providerName": p.provider,
                    "specification": "pact",
                    "contentType": "application/json",
                    "content": base64::engine::general_purpose::STANDARD.encode(&p.text),
                    "onConflict": on_conflict,
                })
            })
            .collect();
        let mut body = json!({
            "pacticipantName": consumer,
            "pacticipantVersionNumber": version,
            "tags": a.tags,
            "contracts": contracts,
        });
        if let Some(b) = &branch {
            body["branch"] = json!(b);
        }
        if let Some(u) = &build_url {
            body["buildUrl"] = json!(u);
        }
        let answer = client.post("/contracts/publish", &body)?;
        let printed_error = hal::print_notices(&answer.body);
        failed |= printed_error;
        if answer.body.get("notices").is_none() {
            for p in &pacts {
                println!(
                    "Published the pact between {} and {} for {} version {version} ({})",
                    p.consumer,
                    p.provider,
                    p.consumer,
                    p.path.display()
                );
            }
        }
    }
    Ok(u8::from(failed))
}
