//! `accord publish-provider-contract`: a provider's OpenAPI document for a version, with the
//! result of its own tests, through PactFlow's endpoint
//! (`POST /provider-contracts/provider/{provider}/publish`). The broker then compares every
//! consumer pact with it.

use crate::broker::client::seg;
use crate::broker::{Connection, ci, hal};
use anyhow::{Context, Result, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::{ArgGroup, Args};
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("self_verification").args(["verification_success", "verification_failure"])))]
pub struct ProviderContractArgs {
    /// The OpenAPI document (YAML or JSON).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The provider application.
    #[arg(long, value_name = "NAME")]
    pub provider: String,
    /// The provider's version [default: $GITHUB_SHA, $CI_COMMIT_SHA, else `git rev-parse HEAD`]
    #[arg(long, value_name = "VERSION")]
    pub provider_app_version: Option<String>,
    /// The provider version's branch [default: from CI variables or git, as for publish]
    #[arg(long, value_name = "BRANCH")]
    pub branch: Option<String>,
    /// Tag the provider version (repeatable).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// Link to the build [default: the GitHub Actions run, or $CI_JOB_URL]
    #[arg(long, value_name = "URL")]
    pub build_url: Option<String>,
    /// The provider's own tests of this document passed.
    #[arg(long)]
    pub verification_success: bool,
    /// The provider's own tests of this document failed (consumers cannot deploy against it).
    #[arg(long)]
    pub verification_failure: bool,
    /// The tool that ran those tests (e.g. schemathesis, dredd).
    #[arg(long, value_name = "NAME")]
    pub verifier: Option<String>,
    /// The tests' output, attached to the result.
    #[arg(long, value_name = "FILE")]
    pub verification_results: Option<PathBuf>,
    #[command(flatten)]
    pub broker: Connection,
}

pub fn run(a: ProviderContractArgs) -> Result<u8> {
    let text =
        std::fs::read(&a.file).with_context(|| format!("{}: cannot read", a.file.display()))?;
    let content_type = match a.file.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => "application/yaml",
        Some("json") => "application/json",
        _ => {
            // Documents without a telling extension: JSON starts with `{`.
            if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
                "application/json"
            } else {
                "application/yaml"
            }
        }
    };
    if (a.verifier.is_some() || a.verification_results.is_some())
        && !(a.verification_success || a.verification_failure)
    {
        bail!(
            "--verifier and --verification-results describe a result: give --verification-success or --verification-failure"
        );
    }
    let detected = ci::detect();
    let Some(version) = a.provider_app_version.clone().or(detected.version) else {
        bail!(
            "no provider version: give --provider-app-version (none found in GITHUB_SHA, CI_COMMIT_SHA or git)"
        );
    };
    let mut contract = json!({
        "content": STANDARD.encode(&text),
        "contentType": content_type,
        "specification": "oas",
    });
    if a.verification_success || a.verification_failure {
        let mut results = json!({ "success": a.verification_success });
        if let Some(path) = &a.verification_results {
            let out =
                std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
            results["content"] = json!(STANDARD.encode(out));
            results["contentType"] = json!("text/plain");
        }
        if let Some(v) = &a.verifier {
            results["verifier"] = json!(v);
        }
        contract["selfVerificationResults"] = results;
    }
    let mut body = json!({
        "pacticipantVersionNumber": version,
        "tags": a.tags,
        "contract": contract,
    });
    if let Some(b) = a.branch.clone().or(detected.branch) {
        body["branch"] = json!(b);
    }
    if let Some(u) = a.build_url.clone().or(detected.build_url) {
        body["buildUrl"] = json!(u);
    }
    let client = a.broker.client()?;
    let answer = client.post(
        &format!("/provider-contracts/provider/{}/publish", seg(&a.provider)),
        &body,
    )?;
    let error = hal::print_notices(&answer.body);
    if answer.body.get("notices").is_none() {
        println!(
            "Published the provider contract of {} version {version} ({})",
            a.provider,
            a.file.display()
        );
    }
    Ok(u8::from(error))
}
