//! The OpenAPI fixtures in `fixtures/openapi/<name>/`: `before.yaml` (the old version),
//! `after.yaml` (the new one) and `expected.txt` (`<file>:<line>:<col> <rule-id> <message>`
//! a line, the file relative to the fixture, sorted). A folder named after a rule runs only
//! that rule; any other folder (multi-file references, recursive schemas) runs every check.
//! An optional `options.txt` sets the deprecation periods and the stability threshold;
//! today is fixed at 2026-01-01.
//! `ACCORD_BLESS=1` rewrites `expected.txt` from accord's output (review the diff before
//! committing); `ACCORD_FIXTURE=<substring>` runs only matching fixtures.
//!
//! Also here: bad input gives a typed error with a location, never a panic or a hang.

use accord_rules::Format;
use accord_rules::catalogue;
use accord_rules::openapi::{self, OpenApiError, Options, Stability};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/openapi")
}

fn fixture_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures_dir())
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn openapi_rules() -> Vec<&'static str> {
    catalogue::all()
        .into_iter()
        .filter(|r| r.formats.contains(&Format::Openapi))
        .map(|r| r.id)
        .collect()
}

/// A lint fixture: `spec.yaml` linted with only the rule the folder is named after (on
/// even when Spectral has it off by default).
fn run_lint_fixture(dir: &Path, rule: &str) -> Result<String, String> {
    let dir = &dir.canonicalize().map_err(|e| e.to_string())?;
    let spec = openapi::load(&dir.join("spec.yaml")).map_err(|e| e.to_string())?;
    let rules: Vec<_> = openapi::lint::RULES
        .iter()
        .copied()
        .filter(|r| r.meta.id == rule)
        .collect();
    if rules.is_empty() {
        return Err(format!("{rule}: no such lint rule"));
    }
    Ok(render(openapi::lint::run(&spec, &rules), dir))
}

fn render(findings: Vec<accord_rules::Finding>, dir: &Path) -> String {
    let prefix = format!("{}/", dir.display());
    let mut lines: Vec<String> = findings
        .into_iter()
        .map(|f| {
            let file = f
                .location
                .file
                .strip_prefix(&prefix)
                .unwrap_or(&f.location.file);
            let s = f.location.span;
            format!("{file}:{}:{} {} {}", s.line, s.column, f.rule, f.message)
        })
        .collect();
    lines.sort();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn run_fixture(dir: &Path, only: Option<&str>) -> Result<String, String> {
    if dir.join("spec.yaml").is_file() {
        let rule = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        return run_lint_fixture(dir, &rule.unwrap_or_default());
    }
    // Canonical, so that files reached through `$ref`s share the root's prefix.
    let dir = &dir.canonicalize().map_err(|e| e.to_string())?;
    let old = openapi::load(&dir.join("before.yaml")).map_err(|e| e.to_string())?;
    let new = openapi::load(&dir.join("after.yaml")).map_err(|e| e.to_string())?;
    let mut opts = Options {
        // Fixed, so fixtures with sunset dates do not change meaning over time.
        today: openapi::sunset::parse_date("2026-01-01").unwrap_or(0),
        ..Options::default()
    };
    // `options.txt`: `deprecation-days-stable N`, `deprecation-days-beta N` and
    // `stability-level LEVEL` lines.
    if let Ok(text) = std::fs::read_to_string(dir.join("options.txt")) {
        for line in text.lines() {
            let mut w = line.split_whitespace();
            let (key, value) = (w.next(), w.next().unwrap_or(""));
            let n = value.parse().ok();
            match (key, n) {
                (Some("deprecation-days-stable"), Some(n)) => opts.deprecation_days_stable = n,
                (Some("deprecation-days-beta"), Some(n)) => opts.deprecation_days_beta = n,
                (Some("stability-level"), _) if value.parse::<Stability>().is_ok() => {
                    opts.stability_level = value.parse().unwrap_or_default();
                }
                _ => return Err(format!("options.txt: cannot read '{line}'")),
            }
        }
    }
    let found = openapi::changes(&old, &new, &opts)
        .into_iter()
        .filter(|f| only.is_none_or(|r| f.rule == r))
        .collect();
    Ok(render(found, dir))
}

#[test]
fn fixtures_match_expected() {
    let bless = std::env::var_os("ACCORD_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let rules = openapi_rules();
    let mut failures = Vec::new();
    let mut ran = 0;
    for name in fixture_names() {
        if std::env::var("ACCORD_FIXTURE").is_ok_and(|f| !name.contains(&f)) {
            continue;
        }
        let dir = fixtures_dir().join(&name);
        let only = rules.iter().copied().find(|r| *r == name);
        let got = match run_fixture(&dir, only) {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        ran += 1;
        let path = dir.join("expected.txt");
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!("{name}:\n--- expected\n{want}+++ accord\n{got}"));
        }
        if only.is_some() && got.is_empty() {
            failures.push(format!("{name}: the fixture must make its rule fire"));
        }
    }
    assert!(ran > 0, "no fixtures under {}", fixtures_dir().display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every OpenAPI check has a fixture folder and real documentation.
#[test]
fn every_check_has_a_fixture_and_a_doc() {
    let names = fixture_names();
    let mut problems = Vec::new();
    for r in catalogue::all() {
        if !r.formats.contains(&Format::Openapi) {
            continue;
        }
        if !names.iter().any(|n| n == r.id) {
            problems.push(format!("{}: no fixtures/openapi/{}/", r.id, r.id));
        }
        let d = &r.doc;
        for text in [d.summary, d.why, d.before, d.after, d.evolve] {
            if text.trim().is_empty() || text.trim() == "TODO" {
                problems.push(format!("{}: documentation missing", r.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn invalid_yaml_has_a_location() {
    let t = tempfile::tempdir().unwrap();
    let p = write(t.path(), "a.yaml", &format!("{HEAD}paths:\n  /x: [1, 2\n"));
    match openapi::load(&p) {
        Err(OpenApiError::Syntax { line, .. }) => assert!(line >= 4),
        other => panic!("{other:?}"),
    }
}

#[test]
fn dangling_ref_is_an_error_with_its_place() {
    let t = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/Nope'}}\n"
    );
    let p = write(t.path(), "a.yaml", &text);
    match openapi::load(&p) {
        Err(OpenApiError::UnresolvedRef { line, column, .. }) => assert_eq!((line, column), (6, 9)),
        other => panic!("{other:?}"),
    }
    let text =
        format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'missing.yaml#/B'}}\n");
    let p = write(t.path(), "b.yaml", &text);
    assert!(matches!(
        openapi::load(&p),
        Err(OpenApiError::UnresolvedRef { .. })
    ));
}

#[test]
fn ref_cycle_is_an_error() {
    let t = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    );
    let p = write(t.path(), "a.yaml", &text);
    let e = openapi::load(&p).unwrap_err();
    assert!(matches!(e, OpenApiError::RefCycle { .. }), "{e}");
}

#[test]
fn versions_are_checked() {
    let t = tempfile::tempdir().unwrap();
    let p = write(
        t.path(),
        "s.json",
        r#"{"swagger": "2.0", "info": {}, "paths": {}}"#,
    );
    let e = openapi::load(&p).unwrap_err();
    assert!(matches!(e, OpenApiError::Swagger { .. }), "{e}");
    assert!(e.to_string().contains("Swagger 2.0 is not supported"));
    let p = write(t.path(), "u.yaml", "openapi: 4.0.0\ninfo: {}\npaths: {}\n");
    let e = openapi::load(&p).unwrap_err();
    assert!(
        matches!(e, OpenApiError::UnknownVersion { line: 1, .. }),
        "{e}"
    );
    let p = write(t.path(), "n.yaml", "title: not an api\n");
    assert!(matches!(
        openapi::load(&p),
        Err(OpenApiError::NotOpenApi { .. })
    ));
    for v in ["3.0.3", "3.1.0"] {
        let p = write(
            t.path(),
            "ok.yaml",
            &format!("openapi: {v}\ninfo: {{}}\npaths: {{}}\n"),
        );
        openapi::load(&p).unwrap();
    }
}

#[test]
fn a_100_mb_file_is_refused_before_reading() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("huge.json");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let e = openapi::load(&p).unwrap_err();
    assert!(matches!(e, OpenApiError::TooLarge { .. }), "{e}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let t = tempfile::tempdir().unwrap();
    let deep = format!(
        "{{\"openapi\": \"3.1.0\", \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let p = write(t.path(), "deep.json", &deep);
    assert!(matches!(
        openapi::load(&p),
        Err(OpenApiError::TooDeep { .. })
    ));
    let deep = format!("{HEAD}x: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let p = write(t.path(), "deep.yaml", &deep);
    let e = openapi::load(&p).unwrap_err();
    assert!(
        matches!(
            e,
            OpenApiError::TooDeep { .. } | OpenApiError::Syntax { .. }
        ),
        "{e}"
    );
}
