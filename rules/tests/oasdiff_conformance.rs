//! oasdiff's own checker test pairs (`../shared/conformance/oasdiff/`, see its README): for
//! every case whose asserted rule ids accord implements, accord must report exactly what
//! oasdiff's test asserts (the multiset for `exact` cases, presence otherwise, never an
//! `absent` id). The implemented ids are read from the catalogue, so a new check brings
//! its cases in automatically. Prints the coverage figures.

use accord_rules::catalogue;
use accord_rules::openapi::{self, Options, Stability};
use accord_rules::{Format, RuleKind, Severity};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Cases accord answers differently on purpose, with the reason. A waived case that starts
/// passing fails the test, so this list cannot go stale.
const WAIVERS: &[(&str, &str)] = &[
    (
        "breaking-request-parameter-max-items-without-flatten",
        "the query parameter `category` is declared on the path item, not on the operation. \
         oasdiff's diff sees path-item parameters on an operation only once the spec is loaded \
         with --flatten-params (load.WithFlattenParams): this test loads without it and \
         expects nothing, while its twin TestBreaking_RequestParameterMaxItemsWithFlatten \
         loads the same pair flattened and expects request-parameter-max-items-decreased. \
         accord always applies path-item parameters to every operation of the path, as the \
         OpenAPI specification says (Path Item Object, `parameters`), so it reports what \
         oasdiff reports flattened",
    ),
    (
        "nullable-wrapping-narrowed-enum-still-reported",
        "the request property, a $ref to an enum, became oneOf [{type: null}, $ref] while the \
         enum lost `serviceAccount`. oasdiff recognises a nullable wrapping only when the \
         wrapped schema is validation-equivalent to the old one \
         (diff/nullable_wrapping_diff.go); here it is not, so oasdiff compares the old enum \
         schema with the bare wrapper and reports no request-property-became-nullable (and, \
         reading diff/enum_diff.go, lists every old value as removed, `user` too; its test \
         asserts only that the removal is reported). accord unwraps the nullable wrapper either way and \
         reports what changed: `serviceAccount` removed (ERR) and null now accepted \
         (request-property-became-nullable, INFO), both true",
    ),
];

/// Off in every oasdiff test (see the README of the conformance data).
const VERSIONING: [&str; 3] = [
    "api-version-not-bumped",
    "api-version-decreased",
    "api-major-version-not-bumped",
];

fn data_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/oasdiff");
    if d.is_dir() {
        return Some(d);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is missing (CI must provide ../shared)", d.display());
    }
    eprintln!(
        "notice: {} not found; skipping the oasdiff conformance test",
        d.display()
    );
    None
}

fn level(s: &str) -> Severity {
    match s {
        "ERR" => Severity::Error,
        "WARN" => Severity::Warning,
        _ => Severity::Info,
    }
}

fn spec_file(dir: &Path, stem: &str) -> PathBuf {
    let y = dir.join(format!("{stem}.yaml"));
    if y.exists() {
        y
    } else {
        dir.join(format!("{stem}.json"))
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn oasdiff_conformance() {
    let Some(dir) = data_dir() else { return };
    // Which ids each oasdiff check function can emit (the README's "tricky points" add
    // the ids a check emits beyond the tsv's owner column).
    let tsv = std::fs::read_to_string(dir.join("rules.tsv")).expect("rules.tsv");
    let mut by_check: HashMap<String, BTreeSet<String>> = HashMap::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() > 6 {
            by_check
                .entry(cols[6].to_string())
                .or_default()
                .insert(cols[1].to_string());
        }
    }
    for (check, id) in [
        (
            "RequestParameterDeprecationCheck",
            "request-parameter-sunset-parse",
        ),
        (
            "RequestParameterSunsetChangedCheck",
            "request-parameter-sunset-parse",
        ),
        ("APISunsetChangedCheck", "api-path-sunset-parse"),
    ] {
        by_check.entry(check.into()).or_default().insert(id.into());
    }
    let implemented: BTreeSet<&str> = catalogue::all()
        .into_iter()
        .filter(|r| r.kind == RuleKind::Breaking && r.formats.contains(&Format::Openapi))
        .map(|r| r.id)
        .collect();
    let waivers: HashMap<&str, &str> = WAIVERS.iter().copied().collect();

    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read conformance dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    let (mut covered, mut passed) = (0, 0);
    let mut asserted: BTreeSet<String> = BTreeSet::new();
    let mut failures: Vec<String> = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let exp: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap())
                .unwrap();
        let ids = strs(&exp["ids"]);
        asserted.extend(ids.iter().cloned());
        let checks = &exp["options"]["checks"];
        let only: Option<BTreeSet<String>> = checks.as_array().map(|cs| {
            cs.iter()
                .filter_map(|c| c.as_str())
                .flat_map(|c| by_check.get(c).cloned().unwrap_or_default())
                .collect()
        });
        let all_known = ids.iter().all(|i| implemented.contains(i.as_str()));
        let check_known = only
            .as_ref()
            .is_none_or(|o| o.iter().any(|i| implemented.contains(i.as_str())));
        if !(all_known && check_known) {
            continue;
        }
        covered += 1;
        let min = level(exp["options"]["min_level"].as_str().unwrap_or("INFO"));
        let days = |k: &str| exp["options"][k].as_i64().unwrap_or(0);
        let stability_level = match exp["options"]["stability_level"].as_str() {
            Some(l) => l.parse::<Stability>().expect("a known stability level"),
            // The README's default, which is also oasdiff's.
            None => Stability::Beta,
        };
        let opts = Options {
            deprecation_days_beta: days("deprecation_days_beta"),
            deprecation_days_stable: days("deprecation_days_stable"),
            stability_level,
            ..Options::default()
        };
        let run = || -> Result<Vec<String>, String> {
            let old = openapi::load(&spec_file(case, "base")).map_err(|e| e.to_string())?;
            let new = openapi::load(&spec_file(case, "revision")).map_err(|e| e.to_string())?;
            let mut got: Vec<String> = openapi::changes(&old, &new, &opts)
                .into_iter()
                .filter(|f| f.severity >= min)
                .map(|f| f.rule)
                // oasdiff's test helpers switch the versioning-policy rules off.
                .filter(|r| !VERSIONING.contains(&r.as_str()))
                .filter(|r| only.as_ref().is_none_or(|o| o.contains(r)))
                .collect();
            got.sort();
            Ok(got)
        };
        let verdict = match run() {
            Err(e) => Err(format!("load error: {e}")),
            Ok(got) => {
                let mut problems = Vec::new();
                if exp["exact"].as_bool() == Some(true) {
                    let mut want = ids.clone();
                    want.sort();
                    if got != want {
                        problems.push(format!("want exactly {want:?}, got {got:?}"));
                    }
                } else {
                    for i in &ids {
                        if !got.contains(i) {
                            problems.push(format!("missing {i} (got {got:?})"));
                        }
                    }
                    if let Some(n) = exp["count"].as_u64()
                        && got.len() as u64 != n
                    {
                        problems.push(format!("want {n} findings, got {got:?}"));
                    }
                }
                for a in strs(&exp["absent"]) {
                    if got.contains(&a) {
                        problems.push(format!("{a} must not be reported"));
                    }
                }
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(problems.join("; "))
                }
            }
        };
        match (verdict, waivers.get(name.as_str())) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => failures.push(format!("{name}: passes now; drop its waiver")),
            (Err(_), Some(_)) => {}
            (Err(e), None) => failures.push(format!("{name}: {e}")),
        }
    }
    let ids_done = asserted
        .iter()
        .filter(|i| implemented.contains(i.as_str()))
        .count();
    let summary: BTreeMap<&str, String> = BTreeMap::from([
        ("cases fully covered", format!("{covered}/{}", cases.len())),
        (
            "covered cases passing",
            format!("{passed}/{covered} ({} waived)", WAIVERS.len()),
        ),
        (
            "asserted ids implemented",
            format!("{ids_done}/{}", asserted.len()),
        ),
        ("checks implemented", implemented.len().to_string()),
    ]);
    eprintln!("oasdiff conformance: {summary:?}");
    // docs/rules.md states these figures; keep them true.
    let stated = format!("**{covered} of {} cases**", cases.len());
    assert!(
        openapi::parity::PARITY_NOTES.contains(&stated),
        "rules/src/openapi/parity.rs should say {stated} (and the passing/waived counts)"
    );
    assert!(
        failures.is_empty(),
        "{} case(s) differ from oasdiff:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
