//! `accord rules list` and `accord rules explain`.

use crate::args::RulesCommand;
use accord_rules::catalogue;
use accord_rules::{Format, RuleKind};
use anyhow::{Result, bail};

pub fn run(c: RulesCommand) -> Result<u8> {
    match c {
        RulesCommand::List { format, kind, json } => list(format, kind, json),
        RulesCommand::Explain { id } => explain(&id),
        RulesCommand::Docs => {
            print!("{}", accord_rules::docs::rules_markdown());
            Ok(0)
        }
    }
}

fn list(format: Option<String>, kind: Option<String>, json: bool) -> Result<u8> {
    let format = match format {
        Some(f) => match Format::parse(&f.to_ascii_lowercase()) {
            Some(f) => Some(f),
            None => bail!("unknown format `{f}` (protobuf, openapi, avro, jsonschema)"),
        },
        None => None,
    };
    let kind = match kind.as_deref() {
        None => None,
        Some("breaking") => Some(RuleKind::Breaking),
        Some("lint") => Some(RuleKind::Lint),
        Some(k) => bail!("unknown kind `{k}` (breaking, lint)"),
    };
    let rules: Vec<_> = catalogue::all()
        .into_iter()
        .filter(|r| format.is_none_or(|f| r.formats.contains(&f)))
        .filter(|r| kind.is_none_or(|k| r.kind == k))
        .collect();
    if json {
        let items: Vec<_> = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "kind": r.kind,
                    "formats": r.formats,
                    "categories": r.categories,
                    "severity": r.default_severity,
                    "summary": r.doc.summary,
                    "aliases": r.aliases,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(0);
    }
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    println!(
        "{:width$}  {:8}  {:10}  {:8}  {:28}  SUMMARY",
        "ID", "KIND", "FORMAT", "SEVERITY", "CATEGORIES"
    );
    for r in rules {
        let formats: Vec<_> = r.formats.iter().map(|f| f.as_str()).collect();
        println!(
            "{:width$}  {:8}  {:10}  {:8}  {:28}  {}",
            r.id,
            r.kind.as_str(),
            formats.join(","),
            r.default_severity.as_str(),
            r.categories.join(","),
            r.doc.summary
        );
    }
    Ok(0)
}

fn explain(id: &str) -> Result<u8> {
    let Some(r) = catalogue::find(id) else {
        bail!("unknown rule `{id}` (see `accord rules list`)");
    };
    print!("{}", accord_rules::docs::rule_markdown(r));
    Ok(0)
}
