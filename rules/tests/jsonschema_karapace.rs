//! Runs every reader/writer assertion of Karapace's JSON Schema compatibility tests
//! (shared/conformance/jsonschema/karapace-jsonschema-compat-pairs.json) through accord's
//! engine. Cases where accord follows the Confluent Schema Registry (or plain JSON Schema
//! semantics) rather than Karapace are listed, with the reason, in
//! docs/jsonschema-divergences.md; this test reads that table, expects the opposite verdict
//! for those cases, and the same verdict for every other one.

use accord_rules::compat::ReaderWriter;
use accord_rules::jsonschema::{self, Schema};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Case index → test name, from the table rows `| 12, 30-32 | test_name | ... |`.
fn divergences() -> BTreeMap<usize, String> {
    let text = std::fs::read_to_string(root().join("../docs/jsonschema-divergences.md"))
        .expect("docs/jsonschema-divergences.md");
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        for part in cells[1].split(',') {
            let part = part.trim();
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part, part),
            };
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            for i in a..=b {
                out.insert(i, cells[2].trim_matches('`').to_string());
            }
        }
    }
    out
}

fn load(v: &Value, name: &str) -> Schema {
    let text = serde_json::to_string_pretty(v).unwrap();
    jsonschema::parse(&text, name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn karapace_pairs() {
    let path =
        root().join("../../shared/conformance/jsonschema/karapace-jsonschema-compat-pairs.json");
    let data: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("conformance data")).unwrap();
    assert_eq!(data.len(), 321);
    let listed = divergences();
    let start = std::time::Instant::now();
    let mut matched = 0;
    let mut diverged = 0;
    let mut failures = Vec::new();
    for (i, case) in data.iter().enumerate() {
        let test = case["test"].as_str().unwrap();
        let reader = load(&case["reader"], "reader.json");
        let writer = load(&case["writer"], "writer.json");
        let findings = Schema::incompatibilities(&reader, &writer);
        let accord = findings.is_empty();
        let karapace = case["compatible"].as_bool().unwrap();
        match listed.get(&i) {
            Some(name) => {
                assert_eq!(name, test, "divergence #{i} names the wrong test");
                if accord != karapace {
                    diverged += 1;
                } else {
                    failures.push(format!("#{i} {test}: listed as a divergence but accord agrees with Karapace ({karapace})"));
                }
            }
            None => {
                if accord == karapace {
                    matched += 1;
                } else {
                    let why: Vec<String> = findings
                        .iter()
                        .map(|f| format!("{} {}", f.rule, f.message))
                        .collect();
                    failures.push(format!(
                        "#{i} {test}: Karapace says compatible={karapace}, accord {accord}\n  reader {}\n  writer {}\n  {}",
                        case["reader"], case["writer"], why.join("\n  ")
                    ));
                }
            }
        }
    }
    eprintln!(
        "karapace: {matched} matched, {diverged} documented divergences, {} failures, {:?}",
        failures.len(),
        start.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(matched + diverged, 321);
}
