//! `accord can-i-deploy`: asks the broker whether versions may go to an environment (or a
//! tag), and answers with the exit code — 0 yes, 1 no or unknown, 2 usage or connection
//! error — in every output mode. One application version to an environment asks
//! `GET /can-i-deploy`; tags, `--latest` and several applications ask `GET /matrix`, both as
//! the Pact Broker has them.

use super::describe_version::TableOrJson;
use crate::broker::Connection;
use anyhow::{Result, bail};
use clap::{ArgGroup, ArgMatches, Args};
use serde_json::{Value, json};
use std::time::Duration;

#[derive(Debug, Args)]
// Their --version is the application\'s, not accord\'s.
#[command(disable_version_flag = true)]
#[command(group(ArgGroup::new("target").args(["to_environment", "to"]).required(true)))]
pub struct CanIDeployArgs {
    /// An application to deploy; follow each with --version or --latest (repeat the pair for
    /// several applications deployed together).
    #[arg(long, short = 'a', value_name = "NAME", required = true)]
    pub pacticipant: Vec<String>,
    /// The version of the --pacticipant before it.
    #[arg(long, short = 'e', value_name = "VERSION")]
    pub version: Vec<String>,
    /// The latest version of the --pacticipant before it, or its latest with TAG.
    #[arg(long, short = 'l', value_name = "TAG", num_args = 0..=1, default_missing_value = "")]
    pub latest: Vec<String>,
    /// The environment to deploy to (as recorded with record-deployment / record-release).
    #[arg(long, value_name = "ENVIRONMENT")]
    pub to_environment: Option<String>,
    /// The tag the counterparts must carry (the older, tag-based workflow).
    #[arg(long, value_name = "TAG")]
    pub to: Option<String>,
    /// Leave an integration with this application (at this version) out of the decision;
    /// it is still shown, marked ignored. Repeatable.
    #[arg(long, value_name = "PACTICIPANT[:VERSION]")]
    pub ignore: Vec<String>,
    /// While the answer is unknown (a verification not in yet), ask again up to N times.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub retry_while_unknown: u32,
    /// Seconds between two questions with --retry-while-unknown.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub retry_interval: f64,
    /// Print the answer but always exit 0 (connection errors still exit 2).
    #[arg(long)]
    pub dry_run: bool,
    /// table or json (the same content; the exit code is the same in both).
    #[arg(long, short = 'o', value_enum, default_value_t = TableOrJson::Table)]
    pub output: TableOrJson,
    #[command(flatten)]
    pub broker: Connection,
    /// The --pacticipant/--version/--latest pairs in command-line order (filled from the
    /// argument positions, which derive cannot see).
    #[arg(skip)]
    pub selectors: Vec<Selector>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub pacticipant: String,
    pub which: Which,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    Version(String),
    /// `--latest`, with a tag when one was given.
    Latest(Option<String>),
}

/// Pairs each --version / --latest with the --pacticipant written before it.
pub fn selectors(m: &ArgMatches) -> Result<Vec<Selector>, String> {
    let pos = |id: &str| -> Vec<(usize, String)> {
        match (m.indices_of(id), m.get_many::<String>(id)) {
            (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
            _ => Vec::new(),
        }
    };
    let apps = pos("pacticipant");
    let mut which: Vec<(usize, Which)> = pos("version")
        .into_iter()
        .map(|(i, v)| (i, Which::Version(v)))
        .chain(
            pos("latest")
                .into_iter()
                .map(|(i, t)| (i, Which::Latest(if t.is_empty() { None } else { Some(t) }))),
        )
        .collect();
    which.sort_by_key(|(i, _)| *i);
    let mut out: Vec<(String, Option<Which>)> =
        apps.iter().map(|(_, a)| (a.clone(), None)).collect();
    for (i, w) in which {
        let Some(k) = apps.iter().rposition(|(a, _)| *a < i) else {
            return Err("give --pacticipant before its --version or --latest".into());
        };
        if out[k].1.is_some() {
            return Err(format!(
                "--pacticipant {} has more than one --version/--latest",
                out[k].0
            ));
        }
        out[k].1 = Some(w);
    }
    out.into_iter()
        .map(|(p, w)| match w {
            Some(which) => Ok(Selector {
                pacticipant: p,
                which,
            }),
            None => Err(format!("give --version or --latest for --pacticipant {p}")),
        })
        .collect()
}

pub fn run(a: CanIDeployArgs) -> Result<u8> {
    if a.selectors.is_empty() {
        bail!("give --pacticipant NAME with --version VERSION or --latest");
    }
    if !(a.retry_interval.is_finite() && a.retry_interval >= 0.0) {
        bail!(
            "--retry-interval {}: give a number of seconds",
            a.retry_interval
        );
    }
    let client = a.broker.client()?;
    let (path, query) = request(&a);
    let mut asked = 0;
    let body = loop {
        let body = client.get(path, &query)?.body;
        let deployable = body.get("summary").and_then(|s| s.get("deployable"));
        if !matches!(deployable, None | Some(Value::Null)) || asked >= a.retry_while_unknown {
            break body;
        }
        asked += 1;
        eprintln!(
            "accord: can-i-deploy: the answer is unknown ({}); asking again in {}s ({asked} of {})",
            reason_of(&body),
            a.retry_interval,
            a.retry_while_unknown
        );
        std::thread::sleep(Duration::from_secs_f64(a.retry_interval));
    };
    let answer = Answer::of(&body, &a.selectors);
    match a.output {
        TableOrJson::Json => println!(
            "{}",
            serde_json::to_string_pretty(&answer.json(&body, a.dry_run))?
        ),
        TableOrJson::Table => print!("{}", answer.table(&body, a.dry_run)),
    }
    if a.dry_run {
        return Ok(0);
    }
    Ok(u8::from(answer.deployable != Some(true)))
}

/// The endpoint and query for the selectors and target.
fn request(a: &CanIDeployArgs) -> (&'static str, Vec<(&'static str, String)>) {
    let mut q: Vec<(&'static str, String)> = Vec::new();
    let ignores = |q: &mut Vec<(&'static str, String)>| {
        for i in &a.ignore {
            let (p, v) = match i.split_once(':') {
                Some((p, v)) => (p, Some(v)),
                None => (i.as_str(), None),
            };
            q.push(("ignore[][pacticipant]", p.to_string()));
            if let Some(v) = v {
                q.push(("ignore[][version]", v.to_string()));
            }
        }
    };
    // `/can-i-deploy` in its documented form only; everything else (tags, --latest,
    // several applications) is a matrix query, which every broker answers the same way.
    if let (
        [
            Selector {
                pacticipant,
                which: Which::Version(v),
            },
        ],
        Some(env),
    ) = (a.selectors.as_slice(), &a.to_environment)
    {
        q.push(("pacticipant", pacticipant.clone()));
        q.push(("version", v.clone()));
        q.push(("environment", env.clone()));
        ignores(&mut q);
        return ("/can-i-deploy", q);
    }
    for s in &a.selectors {
        q.push(("q[][pacticipant]", s.pacticipant.clone()));
        match &s.which {
            Which::Version(v) => q.push(("q[][version]", v.clone())),
            Which::Latest(tag) => {
                q.push(("q[][latest]", "true".into()));
                if let Some(t) = tag {
                    q.push(("q[][tag]", t.clone()));
                }
            }
        }
    }
    let by = if a.selectors.len() == 1 {
        "cvp"
    } else {
        "cvpv"
    };
    q.push(("latestby", by.into()));
    match (&a.to_environment, &a.to) {
        (Some(e), _) => q.push(("environment", e.clone())),
        (None, Some(t)) => {
            q.push(("latest", "true".into()));
            q.push(("tag", t.clone()));
        }
        (None, None) => {}
    }
    ignores(&mut q);
    ("/matrix", q)
}

fn reason_of(body: &Value) -> String {
    body.get("summary")
        .and_then(|s| s.get("reason"))
        .and_then(Value::as_str)
        .unwrap_or("the broker gave no reason")
        .to_string()
}

/// One integration of the matrix, seen from the application being deployed.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    pacticipant: String,
    version: String,
    counterpart: String,
    counterpart_version: Option<String>,
    /// The counterpart's role: "consumer" or "provider".
    counterpart_role: &'static str,
    kind: String,
    result: String,
    reason: String,
    ignored: bool,
    /// The subject of a schema row.
    subject: Option<String>,
    /// What the broker found (contract comparisons, schema checks), as it sent them.
    findings: Value,
}

struct Answer {
    deployable: Option<bool>,
    reason: String,
    rows: Vec<Row>,
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "pact" => "pact verified",
        "pact-vs-openapi" => "pact vs OpenAPI",
        "schema" => "schema reader-writer",
        other => other,
    }
}

impl Answer {
    fn of(body: &Value, selectors: &[Selector]) -> Answer {
        let deployable = body
            .get("summary")
            .and_then(|s| s.get("deployable"))
            .and_then(Value::as_bool);
        let asked = |name: &str| selectors.iter().any(|s| s.pacticipant == name);
        let rows = body
            .get("matrix")
            .and_then(Value::as_array)
            .map(|m| m.iter().map(|line| row(line, &asked)).collect())
            .unwrap_or_default();
        Answer {
            deployable,
            reason: reason_of(body),
            rows,
        }
    }

    fn word(&self) -> &'static str {
        match self.deployable {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        }
    }

    fn json(&self, body: &Value, dry_run: bool) -> Value {
        json!({
            "deployable": self.deployable,
            "answer": self.word(),
            "reason": self.reason,
            "dryRun": dry_run,
            "summary": body.get("summary").cloned().unwrap_or(Value::Null),
            "notices": body.get("notices").cloned().unwrap_or(json!([])),
            "integrations": self.rows.iter().map(|r| json!({
                "pacticipant": {"name": r.pacticipant, "version": r.version},
                "counterpart": {
                    "name": r.counterpart,
                    "version": r.counterpart_version,
                    "role": r.counterpart_role,
                },
                "kind": r.kind,
                "kindLabel": kind_label(&r.kind),
                "result": r.result,
                "reason": r.reason,
                "ignored": r.ignored,
                "subject": r.subject,
                "findings": r.findings,
            })).collect::<Vec<_>>(),
        })
    }

    fn table(&self, body: &Value, dry_run: bool) -> String {
        let mut out = String::new();
        out.push_str(&format!("Deployable: {}\n", self.word()));
        if !self.rows.is_empty() {
            let header = [
                "PACTICIPANT",
                "COUNTERPART",
                "ITS VERSION",
                "KIND",
                "RESULT",
                "REASON",
            ];
            let cells: Vec<[String; 6]> = self
                .rows
                .iter()
                .map(|r| {
                    [
                        format!("{} {}", r.pacticipant, r.version),
                        format!("{} ({})", r.counterpart, r.counterpart_role),
                        r.counterpart_version.clone().unwrap_or_else(|| "-".into()),
                        kind_label(&r.kind).to_string(),
                        if r.ignored {
                            format!("{} (ignored)", r.result)
                        } else {
                            r.result.clone()
                        },
                        r.reason.replace(['\r', '\n'], " "),
                    ]
                })
                .collect();
            let mut width = header.map(str::len);
            for c in &cells {
                for (w, s) in width.iter_mut().zip(c) {
                    *w = (*w).max(s.chars().count());
                }
            }
            let line = |c: [&str; 6]| {
                let mut l = String::new();
                for (i, s) in c.iter().enumerate() {
                    if i == 5 {
                        l.push_str(s);
                    } else {
                        l.push_str(&format!("{s:<w$}  ", w = width[i]));
                    }
                }
                format!("{}\n", l.trim_end())
            };
            out.push('\n');
            out.push_str(&line(header));
            for c in &cells {
                out.push_str(&line(c.each_ref().map(String::as_str)));
            }
        } else {
            out.push_str("\nNo integrations.\n");
        }
        out.push('\n');
        out.push_str(&self.reason);
        out.push('\n');
        if let Some(list) = body.get("notices").and_then(Value::as_array) {
            for n in list {
                let t = n.get("type").and_then(Value::as_str).unwrap_or("info");
                let text = n.get("text").and_then(Value::as_str).unwrap_or("");
                // Brokers repeat the summary's reason as a notice: once is enough.
                if text != self.reason {
                    out.push_str(&format!("{t}: {text}\n"));
                }
            }
        }
        if dry_run {
            out.push_str(&format!(
                "Dry run: exiting 0 (the answer was {}).\n",
                self.word()
            ));
        }
        out
    }
}

fn row(line: &Value, asked: &dyn Fn(&str) -> bool) -> Row {
    let name = |side: &str| {
        line.get(side)
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let number = |side: &str| {
        line.get(side)
            .and_then(|s| s.get("version"))
            .and_then(|v| v.get("number"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (consumer, provider) = (name("consumer"), name("provider"));
    // Seen from the application asked about; a consumer asked about sees its provider.
    let from_consumer = asked(&consumer) || !asked(&provider);
    let (me, me_side, other, other_side, role) = if from_consumer {
        (consumer, "consumer", provider, "provider", "provider")
    } else {
        (provider, "provider", consumer, "consumer", "consumer")
    };
    let contract = line.get("contract").filter(|c| c.is_object());
    let verification = line.get("verificationResult").filter(|v| v.is_object());
    let kind = contract
        .and_then(|c| c.get("kind"))
        .and_then(Value::as_str)
        .unwrap_or("pact")
        .to_string();
    let success = verification
        .and_then(|v| v.get("success"))
        .and_then(Value::as_bool);
    let result = contract
        .and_then(|c| c.get("result"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            match success {
                Some(true) => "success",
                Some(false) => "failure",
                None => "unknown",
            }
            .to_string()
        });
    let provider_name = name("provider");
    let provider_version = number("provider");
    let reason = contract
        .and_then(|c| c.get("reason"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| match (success, &provider_version) {
            (Some(true), Some(v)) => format!("pact verified by {provider_name} {v}"),
            (Some(false), Some(v)) => format!("verification by {provider_name} {v} failed"),
            (Some(ok), None) => {
                format!("verification {}", if ok { "passed" } else { "failed" })
            }
            (None, _) if line.get("pact").is_none_or(Value::is_null) => "no pact".to_string(),
            (None, _) => "no verification result".to_string(),
        });
    Row {
        version: number(me_side).unwrap_or_default(),
        pacticipant: me,
        counterpart: other,
        counterpart_version: number(other_side),
        counterpart_role: role,
        kind,
        result,
        reason,
        ignored: line
            .get("ignored")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        subject: contract
            .and_then(|c| c.get("subject"))
            .and_then(Value::as_str)
            .map(str::to_string),
        findings: contract
            .and_then(|c| c.get("findings"))
            .filter(|f| f.is_array())
            .cloned()
            .unwrap_or(json!([])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(p: &str, v: &str) -> Selector {
        Selector {
            pacticipant: p.into(),
            which: Which::Version(v.into()),
        }
    }

    fn pairs(args: &[&str]) -> Result<Vec<Selector>, String> {
        use clap::CommandFactory;
        let m = crate::args::Cli::command()
            .try_get_matches_from(
                ["accord", "can-i-deploy", "--to", "prod"]
                    .iter()
                    .chain(args),
            )
            .map_err(|e| e.to_string())?;
        selectors(m.subcommand_matches("can-i-deploy").expect("subcommand"))
    }

    #[test]
    fn versions_pair_with_the_pacticipant_before_them() {
        let got = pairs(&[
            "-a", "web", "--latest", "main", "-a", "api", "-e", "7", "-a", "db", "-l",
        ])
        .unwrap();
        assert_eq!(
            got,
            vec![
                Selector {
                    pacticipant: "web".into(),
                    which: Which::Latest(Some("main".into()))
                },
                sel("api", "7"),
                Selector {
                    pacticipant: "db".into(),
                    which: Which::Latest(None)
                },
            ]
        );
        assert!(
            pairs(&["-e", "1", "-a", "web"])
                .unwrap_err()
                .contains("before its")
        );
        assert!(
            pairs(&["-a", "web", "-e", "1", "-l"])
                .unwrap_err()
                .contains("more than one")
        );
        assert!(
            pairs(&["-a", "web", "-a", "api", "-e", "1"])
                .unwrap_err()
                .contains("for --pacticipant web")
        );
    }

    #[test]
    fn rows_are_seen_from_the_application_asked_about() {
        let body = json!({
            "summary": {"deployable": false, "reason": "one failed"},
            "matrix": [
                {"consumer": {"name": "web", "version": {"number": "1"}},
                 "provider": {"name": "api", "version": {"number": "7"}},
                 "pact": {}, "verificationResult": {"success": true}},
                {"consumer": {"name": "billing", "version": {"number": "3"}},
                 "provider": {"name": "web", "version": {"number": "1"}},
                 "pact": null, "verificationResult": null,
                 "contract": {"kind": "schema", "result": "failure", "reason": "field x"}},
            ]
        });
        let a = Answer::of(&body, &[sel("web", "1")]);
        assert_eq!(a.deployable, Some(false));
        assert_eq!(a.rows[0].counterpart, "api");
        assert_eq!(a.rows[0].counterpart_version.as_deref(), Some("7"));
        assert_eq!(a.rows[0].kind, "pact");
        assert_eq!(a.rows[0].reason, "pact verified by api 7");
        assert_eq!(a.rows[1].counterpart, "billing");
        assert_eq!(a.rows[1].counterpart_role, "consumer");
        assert_eq!(
            (a.rows[1].result.as_str(), a.rows[1].reason.as_str()),
            ("failure", "field x")
        );
        let t = a.table(&body, false);
        assert!(t.contains("schema reader-writer"), "{t}");
        assert!(t.starts_with("Deployable: no\n"), "{t}");
    }

    #[test]
    fn a_missing_verification_is_unknown() {
        let body = json!({"summary": {"deployable": null, "reason": "r"}, "matrix": [
            {"consumer": {"name": "web", "version": {"number": "1"}},
             "provider": {"name": "api", "version": null},
             "pact": {"createdAt": "x"}, "verificationResult": null}]});
        let a = Answer::of(&body, &[sel("web", "1")]);
        assert_eq!(a.deployable, None);
        assert_eq!(a.rows[0].result, "unknown");
        assert_eq!(a.rows[0].reason, "no verification result");
        assert_eq!(a.rows[0].counterpart_version, None);
    }
}
