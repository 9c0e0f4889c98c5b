//! Environments and what runs in them, through the Pact Broker's endpoints:
//! `accord create-environment`, `record-deployment`, `record-undeployment`,
//! `record-release` and `record-support-ended`.

use crate::broker::client::seg;
use crate::broker::{Client, Connection, hal};
use anyhow::{Result, bail};
use clap::Args;
use serde_json::{Value, json};

#[derive(Debug, Args)]
pub struct CreateEnvironmentArgs {
    /// The environment's name, as deployments and can-i-deploy refer to it (e.g. production).
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// A name for people to read.
    #[arg(long, value_name = "TEXT")]
    pub display_name: Option<String>,
    /// Mark the environment as production.
    #[arg(long)]
    pub production: bool,
    /// The team or person responsible (with --contact-email-address).
    #[arg(long, value_name = "NAME")]
    pub contact_name: Option<String>,
    /// How to reach the contact.
    #[arg(long, value_name = "EMAIL")]
    pub contact_email_address: Option<String>,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Args)]
// Their --version is the application's, not accord's.
#[command(disable_version_flag = true)]
pub struct RecordDeploymentArgs {
    /// The application deployed.
    #[arg(long, short = 'a', value_name = "NAME")]
    pub pacticipant: String,
    /// Its version.
    #[arg(long, short = 'e', value_name = "VERSION")]
    pub version: String,
    /// The environment it went to.
    #[arg(long, value_name = "ENVIRONMENT")]
    pub environment: String,
    /// Which instance, when several versions run side by side in the environment (a
    /// deployment replaces only the version of the same instance).
    #[arg(long, value_name = "NAME")]
    pub application_instance: Option<String>,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Args)]
pub struct RecordUndeploymentArgs {
    /// The application taken out of the environment.
    #[arg(long, short = 'a', value_name = "NAME")]
    pub pacticipant: String,
    /// The environment.
    #[arg(long, value_name = "ENVIRONMENT")]
    pub environment: String,
    /// Only this instance (default: every deployed version of the application there).
    #[arg(long, value_name = "NAME")]
    pub application_instance: Option<String>,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Args)]
// Their --version is the application's, not accord's.
#[command(disable_version_flag = true)]
pub struct RecordReleaseArgs {
    /// The application released.
    #[arg(long, short = 'a', value_name = "NAME")]
    pub pacticipant: String,
    /// Its version (a release stays supported alongside others until support ends).
    #[arg(long, short = 'e', value_name = "VERSION")]
    pub version: String,
    /// The environment it was released to.
    #[arg(long, value_name = "ENVIRONMENT")]
    pub environment: String,
    #[command(flatten)]
    pub broker: Connection,
}

pub fn create_environment(a: CreateEnvironmentArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let mut body = json!({
        "name": a.name,
        "displayName": a.display_name.clone().unwrap_or_else(|| a.name.clone()),
        "production": a.production,
    });
    if a.contact_name.is_some() || a.contact_email_address.is_some() {
        let mut contact = json!({ "name": a.contact_name.clone().unwrap_or_default() });
        if let Some(email) = &a.contact_email_address {
            contact["details"] = json!({ "emailAddress": email });
        }
        body["contacts"] = json!([contact]);
    }
    let answer = client.post("/environments", &body)?;
    println!(
        "Created environment {} with UUID {}",
        a.name,
        hal::uuid(&answer.body).unwrap_or_default()
    );
    Ok(0)
}

/// The uuid of the environment named `name` (`GET /environments?name=`).
pub fn environment_uuid(client: &Client, name: &str) -> Result<String> {
    let answer = client.get("/environments", &[("name", name.to_string())])?;
    // Older brokers ignore the filter: match the name here as well.
    let found = hal::embedded(&answer.body, "environments")
        .iter()
        .find(|e| hal::str_of(e, "name") == name);
    match found.and_then(hal::uuid) {
        Some(u) => Ok(u),
        None => bail!(
            "no environment named `{name}` on the broker at {} (create it with `accord create-environment --name {name}`)",
            client.base_url()
        ),
    }
}

pub fn record_deployment(a: RecordDeploymentArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let env = environment_uuid(&client, &a.environment)?;
    let mut body = json!({});
    if let Some(i) = &a.application_instance {
        body["applicationInstance"] = json!(i);
    }
    client.post(
        &format!(
            "/pacticipants/{}/versions/{}/deployed-versions/environment/{}",
            seg(&a.pacticipant),
            seg(&a.version),
            seg(&env)
        ),
        &body,
    )?;
    let instance = a
        .application_instance
        .as_ref()
        .map(|i| format!(" (application instance {i})"))
        .unwrap_or_default();
    println!(
        "Recorded deployment of {} version {} to {}{instance}",
        a.pacticipant, a.version, a.environment
    );
    Ok(0)
}

pub fn record_undeployment(a: RecordUndeploymentArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let env = environment_uuid(&client, &a.environment)?;
    let answer = client.get(
        &format!(
            "/environments/{}/deployed-versions/currently-deployed",
            seg(&env)
        ),
        &[("pacticipant", a.pacticipant.clone())],
    )?;
    let deployed: Vec<&Value> = hal::embedded(&answer.body, "deployedVersions")
        .iter()
        .filter(|d| deployed_name(d).is_none_or(|n| n == a.pacticipant))
        .filter(|d| {
            a.application_instance.as_deref().is_none_or(|want| {
                d.get("applicationInstance")
                    .or_else(|| d.get("target"))
                    .and_then(Value::as_str)
                    == Some(want)
            })
        })
        .collect();
    if deployed.is_empty() {
        let instance = a
            .application_instance
            .as_ref()
            .map(|i| format!(" with application instance {i}"))
            .unwrap_or_default();
        bail!(
            "{} is not currently deployed to {}{instance}",
            a.pacticipant,
            a.environment
        );
    }
    for d in deployed {
        let Some(uuid) = hal::uuid(d) else {
            bail!("the broker listed a deployed version without a uuid or self link: {d}");
        };
        client.patch(
            &format!("/deployed-versions/{}", seg(&uuid)),
            &json!({ "currentlyDeployed": false }),
        )?;
        let version = deployed_version(d).unwrap_or_default();
        println!(
            "Recorded undeployment of {} version {version} from {}",
            a.pacticipant, a.environment
        );
    }
    Ok(0)
}

pub fn record_release(a: RecordReleaseArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let env = environment_uuid(&client, &a.environment)?;
    client.post(
        &format!(
            "/pacticipants/{}/versions/{}/released-versions/environment/{}",
            seg(&a.pacticipant),
            seg(&a.version),
            seg(&env)
        ),
        &json!({}),
    )?;
    println!(
        "Recorded release of {} version {} to {}",
        a.pacticipant, a.version, a.environment
    );
    Ok(0)
}

pub fn record_support_ended(a: RecordReleaseArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let env = environment_uuid(&client, &a.environment)?;
    let answer = client.get(
        &format!(
            "/environments/{}/released-versions/currently-supported",
            seg(&env)
        ),
        &[("pacticipant", a.pacticipant.clone())],
    )?;
    let released: Vec<&Value> = hal::embedded(&answer.body, "releasedVersions")
        .iter()
        .filter(|d| deployed_name(d).is_none_or(|n| n == a.pacticipant))
        .filter(|d| deployed_version(d).is_none_or(|v| v == a.version))
        .collect();
    if released.is_empty() {
        bail!(
            "{} version {} is not a currently supported release in {}",
            a.pacticipant,
            a.version,
            a.environment
        );
    }
    for r in released {
        let Some(uuid) = hal::uuid(r) else {
            bail!("the broker listed a released version without a uuid or self link: {r}");
        };
        client.patch(
            &format!("/released-versions/{}", seg(&uuid)),
            &json!({ "currentlySupported": false }),
        )?;
    }
    println!(
        "Recorded the end of support of {} version {} in {}",
        a.pacticipant, a.version, a.environment
    );
    Ok(0)
}

/// The pacticipant a deployed/released version belongs to, where the broker says.
fn deployed_name(d: &Value) -> Option<&str> {
    d.get("_embedded")
        .and_then(|e| e.get("pacticipant"))
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
}

fn deployed_version(d: &Value) -> Option<&str> {
    d.get("_embedded")
        .and_then(|e| e.get("version"))
        .and_then(|v| v.get("number"))
        .and_then(Value::as_str)
}
