//! `accord describe-version`: one version of an application as the broker knows it.

use crate::broker::client::seg;
use crate::broker::{Connection, hal};
use anyhow::Result;
use clap::{ArgGroup, Args, ValueEnum};
use serde_json::{Value, json};

#[derive(Debug, Args)]
// Their --version is the application\'s, not accord\'s.
#[command(disable_version_flag = true)]
#[command(group(ArgGroup::new("which").args(["version", "latest"])))]
pub struct DescribeVersionArgs {
    /// The application.
    #[arg(long, short = 'a', value_name = "NAME")]
    pub pacticipant: String,
    /// The version number.
    #[arg(long, short = 'e', value_name = "VERSION")]
    pub version: Option<String>,
    /// The latest version, or the latest with this tag (the default when --version is not
    /// given).
    #[arg(long, short = 'l', value_name = "TAG", num_args = 0..=1, default_missing_value = "")]
    pub latest: Option<String>,
    /// table or json.
    #[arg(long, short = 'o', value_enum, default_value_t = TableOrJson::Table)]
    pub output: TableOrJson,
    #[command(flatten)]
    pub broker: Connection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

pub fn run(a: DescribeVersionArgs) -> Result<u8> {
    let client = a.broker.client()?;
    let p = seg(&a.pacticipant);
    let path = match (&a.version, a.latest.as_deref()) {
        (Some(v), _) => format!("/pacticipants/{p}/versions/{}", seg(v)),
        (None, Some(tag)) if !tag.is_empty() => {
            format!("/pacticipants/{p}/latest-version/{}", seg(tag))
        }
        (None, _) => format!("/pacticipants/{p}/latest-version"),
    };
    let v = client.get(&path, &[])?.body;
    let names = |key: &str| -> Vec<String> {
        hal::embedded(&v, key)
            .iter()
            .map(|x| hal::str_of(x, "name").to_string())
            .collect()
    };
    let described = json!({
        "pacticipant": a.pacticipant,
        "version": hal::str_of(&v, "number"),
        "branches": names("branchVersions"),
        "tags": names("tags"),
        "buildUrl": v.get("buildUrl").cloned().unwrap_or(Value::Null),
        "createdAt": v.get("createdAt").cloned().unwrap_or(Value::Null),
    });
    match a.output {
        TableOrJson::Json => println!("{}", serde_json::to_string_pretty(&described)?),
        TableOrJson::Table => {
            let row = |k: &str, val: String| println!("{}", format!("{k:<12} {val}").trim_end());
            row("Pacticipant", a.pacticipant.clone());
            row("Version", hal::str_of(&v, "number").to_string());
            row("Branches", names("branchVersions").join(", "));
            row("Tags", names("tags").join(", "));
            row("Build URL", hal::str_of(&v, "buildUrl").to_string());
            row("Created", hal::str_of(&v, "createdAt").to_string());
        }
    }
    Ok(0)
}
