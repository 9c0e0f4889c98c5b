//! One fixture per JSON Schema rule: `fixtures/jsonschema/<RULE_ID>/{reader,writer}.json`
//! (the reader is the new schema under BACKWARD) and `expected.txt`, one finding per line
//! `<file>:<line>:<col> <RULE_ID> <message>`, sorted. Each fixture runs with only its rule
//! and holds cases that must fire and near misses that must not. `ACCORD_BLESS=1` rewrites
//! expected.txt (review the diff by hand).

use accord_rules::jsonschema::{self, JsonCompat, RULES};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/jsonschema")
}

fn run(rule: &str) -> String {
    let d = dir().join(rule);
    let load = |name: &str| {
        let text =
            std::fs::read_to_string(d.join(name)).unwrap_or_else(|e| panic!("{rule}/{name}: {e}"));
        jsonschema::parse(&text, name).unwrap_or_else(|e| panic!("{rule}: {e}"))
    };
    let (reader, writer) = (load("reader.json"), load("writer.json"));
    let mut lines: Vec<String> = JsonCompat::default()
        .check(&reader, &writer)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            format!(
                "{}:{}:{} {} {}",
                f.location.file, f.location.span.line, f.location.span.column, f.rule, f.message
            )
        })
        .collect();
    lines.sort();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    for r in RULES {
        assert!(dir().join(r.id).is_dir(), "no fixture for {}", r.id);
    }
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            RULES.iter().any(|r| r.id == name),
            "fixture {name} names no rule"
        );
    }
}

#[test]
fn fixtures_match_expected() {
    let bless = std::env::var_os("ACCORD_BLESS").is_some();
    let mut failures = Vec::new();
    for r in RULES {
        let got = run(r.id);
        let path = dir().join(r.id).join("expected.txt");
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got.is_empty() {
            failures.push(format!("{}: the fixture does not fire", r.id));
        }
        if got != want {
            failures.push(format!("{}:\n--- expected\n{want}--- got\n{got}", r.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
