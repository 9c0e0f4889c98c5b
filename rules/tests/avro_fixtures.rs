//! Runs every `fixtures/avro/<RULE_ID>/` case with only its rule and compares the findings
//! with `expected.txt` (`<file>:<line>:<col> <RULE_ID> <message>`, sorted). Compatibility
//! rules read `reader.avsc` (the new schema) against `writer.avsc`; lint rules lint
//! `input.avsc`. `ACCORD_BLESS=1` rewrites expected.txt (review the diff by hand).

use accord_rules::avro;
use accord_rules::catalogue;
use accord_rules::config::{Policy, Section};
use accord_rules::{Format, RuleKind};
use std::path::Path;

fn line(f: &accord_rules::Finding) -> String {
    let file = Path::new(&f.location.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    format!(
        "{file}:{}:{} {} {}",
        f.location.span.line, f.location.span.column, f.rule, f.message
    )
}

fn policy(id: &str, kind: RuleKind) -> Policy {
    let section = Section {
        use_: vec![id.to_string()],
        ..Section::default()
    };
    Policy::resolve(Format::Avro, kind, Some(section), "fixture").unwrap()
}

#[test]
fn every_avro_rule_has_a_passing_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/avro");
    let bless = std::env::var_os("ACCORD_BLESS").is_some();
    let rules: Vec<_> = catalogue::all()
        .into_iter()
        .filter(|r| r.formats.contains(&Format::Avro))
        .collect();
    assert_eq!(rules.len(), 17);
    let mut failures = Vec::new();
    for r in &rules {
        let dir = root.join(r.id);
        let load = |name: &str| {
            let p = dir.join(name);
            avro::load(&p, &p.to_string_lossy()).unwrap_or_else(|e| panic!("{e}"))
        };
        let findings = match r.kind {
            RuleKind::Breaking => {
                let reader = load("reader.avsc");
                let writer = load("writer.avsc");
                let p = policy(r.id, RuleKind::Breaking);
                avro::run::breaking(
                    &reader,
                    &[("writer.avsc".into(), writer)],
                    accord_rules::compat::Mode::Backward,
                    &p,
                )
            }
            RuleKind::Lint => avro::run::lint(&load("input.avsc"), &policy(r.id, RuleKind::Lint)),
        };
        assert!(
            findings.iter().all(|f| f.rule == r.id),
            "{}: another rule fired",
            r.id
        );
        let mut got: Vec<String> = findings.iter().map(line).collect();
        got.sort();
        let got = got.join("\n") + if got.is_empty() { "" } else { "\n" };
        let expected_path = dir.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if want.trim().is_empty() {
            failures.push(format!("{}: expected.txt is empty or missing", r.id));
        } else if got != want {
            failures.push(format!("{}:\n--- want\n{want}--- got\n{got}", r.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_across_formats() {
    let mut ids: Vec<&str> = catalogue::all().iter().map(|r| r.id).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "a rule id is registered twice");
}
