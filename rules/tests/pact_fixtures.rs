//! The bi-directional fixtures in `fixtures/pact/<case>/`: `pact.json` (written by pact-js,
//! see `fixtures/pact/README.md`), `openapi.yaml` (the provider's document) and
//! `expected.json` (the findings: rule, severity, interaction, JSON path, line in the
//! document and message, sorted). A case named after a rule must produce that rule and
//! holds near misses that must not; `compatible-*` cases must produce no error.
//! `ACCORD_BLESS=1` rewrites `expected.json` from accord's output (review the diff before
//! committing); `ACCORD_FIXTURE=<substring>` runs only matching cases.

use accord_rules::pact::{self, PactSpec};
use accord_rules::{Format, Severity, catalogue, openapi};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/pact")
}

fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures_dir())
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().join("pact.json").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn run_case(dir: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(dir.join("pact.json")).map_err(|e| e.to_string())?;
    let p = pact::parse_pact(&text).map_err(|e| e.to_string())?;
    let spec = openapi::load(&dir.join("openapi.yaml")).map_err(|e| e.to_string())?;
    let result = pact::compare(&p, &spec);
    let mut rows: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.finding.rule,
                "severity": f.finding.severity.as_str(),
                "interaction": f.interaction,
                "path": f.finding.location.path,
                "line": f.finding.location.span.line,
                "message": f.finding.message,
            })
        })
        .collect();
    rows.sort_by_key(|r| r.to_string());
    Ok(json!({
        "spec": p.spec.as_str(),
        "interactions": result.interactions,
        "messages": result.messages_skipped,
        "success": result.success(),
        "findings": rows,
    }))
}

#[test]
fn fixtures_match_expected() {
    let bless = std::env::var_os("ACCORD_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let mut failures = Vec::new();
    let mut ran = 0;
    for name in cases() {
        if std::env::var("ACCORD_FIXTURE").is_ok_and(|f| !name.contains(&f)) {
            continue;
        }
        let dir = fixtures_dir().join(&name);
        let got = match run_case(&dir) {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        ran += 1;
        let expected_path = dir.join("expected.json");
        let rendered = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if bless {
            std::fs::write(&expected_path, &rendered).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(want) if want == rendered => {}
            Ok(want) => failures.push(format!(
                "{name}: findings differ from expected.json\n--- expected\n{want}\n--- got\n{rendered}"
            )),
            Err(_) => failures.push(format!(
                "{name}: no expected.json (ACCORD_BLESS=1 ACCORD_FIXTURE={name} writes it)\n{rendered}"
            )),
        }
    }
    assert!(ran > 0, "no pact fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every pact rule has a case named after it that produces it; every case is a rule or a
/// compatible case; compatible cases have no error; near misses are in the rule's case.
#[test]
fn every_rule_has_a_firing_case() {
    let rules: Vec<&str> = catalogue::all()
        .into_iter()
        .filter(|r| r.formats.contains(&Format::Pact))
        .map(|r| r.id)
        .collect();
    assert!(rules.len() >= 20, "{rules:?}");
    let names = cases();
    for r in &rules {
        assert!(names.iter().any(|n| n == r), "no fixture for {r}");
        let got = run_case(&fixtures_dir().join(r)).unwrap();
        let fired = got["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == *r);
        assert!(fired, "{r}: its fixture does not produce it: {got:#}");
    }
    for n in &names {
        assert!(
            rules.contains(&n.as_str()) || n.starts_with("compatible-"),
            "fixture {n} names no rule"
        );
        if n.starts_with("compatible-") {
            let got = run_case(&fixtures_dir().join(n)).unwrap();
            assert_eq!(got["success"], true, "{n}: {got:#}");
        }
    }
}

/// The fixtures cover every pact version pact-js writes and both OpenAPI versions.
#[test]
fn fixtures_cover_versions() {
    let mut specs = Vec::new();
    let mut oas = Vec::new();
    for n in cases() {
        let dir = fixtures_dir().join(&n);
        let p = pact::parse_pact(&std::fs::read_to_string(dir.join("pact.json")).unwrap()).unwrap();
        specs.push(p.spec);
        let doc = openapi::load(&dir.join("openapi.yaml")).unwrap();
        oas.push(doc.version);
    }
    for s in [PactSpec::V2, PactSpec::V3, PactSpec::V4] {
        assert!(specs.contains(&s), "no {s:?} pact among the fixtures");
    }
    assert!(oas.contains(&openapi::Version::V30));
    assert!(oas.contains(&openapi::Version::V31));
}

/// A consumer that uses a field the provider removed: the finding names the interaction
/// and the JSON path (the acceptance example).
#[test]
fn removed_field_is_named_with_interaction_and_path() {
    let dir = fixtures_dir().join("compatible-v3");
    let p = pact::parse_pact(&std::fs::read_to_string(dir.join("pact.json")).unwrap()).unwrap();
    let doc = std::fs::read_to_string(dir.join("openapi.yaml")).unwrap();
    // The provider drops `name` from a closed Customer.
    let changed = doc.replacen(
        "      properties:\n        name:\n          type: string\n        email:",
        "      properties:\n        email:",
        1,
    );
    assert_ne!(doc, changed);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("openapi.yaml"), &changed).unwrap();
    let spec = openapi::load(&tmp.path().join("openapi.yaml")).unwrap();
    let r = pact::compare(&p, &spec);
    assert!(!r.success(), "{:#?}", r.findings);
    let f = r
        .findings
        .iter()
        .find(|f| f.finding.severity == Severity::Error)
        .unwrap();
    assert_eq!(f.finding.rule, "response.body.unknown");
    assert_eq!(f.finding.location.path, "$.body.customer.name");
    assert_eq!(f.interaction, "a request for order 1 with a note");
    assert_eq!(f.provider_state.as_deref(), Some("order 1 exists"));
    assert!(
        f.finding
            .message
            .contains("a request for order 1 with a note")
    );
}
