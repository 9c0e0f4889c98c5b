//! The per-rule fixtures in `fixtures/protobuf/<RULE_ID>/`: each runs ONLY its rule and must
//! print exactly its `expected.txt` (checked against real buf when the fixture was written).
//!
//! Layout of a fixture:
//! - breaking: `previous/` and `current/` (with `current/buf.yaml`), or `history/1..N/`
//!   (oldest first; a `previous/` beside them is the newest) then `current/`, for the rules
//!   that look at every earlier version.
//! - lint: `input/` (with `input/buf.yaml`).
//! - `expected.txt`: `<file>:<line>:<col> <RULE_ID> <message>` a line, file relative to
//!   `current/` or `input/` (empty for a deleted file), sorted by file, line, column, rule,
//!   message.
//!
//! `ACCORD_BLESS=1` rewrites every `expected.txt` from accord's output instead of comparing
//! (check the result against buf before committing it). `ACCORD_FIXTURE=<substring>` runs
//! only the fixtures whose id contains it.

use accord_rules::catalogue::{self, RuleMeta};
use accord_rules::config::{Policy, Section};
use accord_rules::protobuf::{self, Loaded, ProtoInput, run};
use accord_rules::{Finding, Format, RuleKind};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/protobuf")
}

/// Fixture folder names, sorted.
fn fixture_ids() -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(fixtures_dir()) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn selected(id: &str) -> bool {
    std::env::var("ACCORD_FIXTURE").map_or(true, |f| id.contains(&f))
}

fn load(dir: &Path) -> Result<Loaded, String> {
    protobuf::load(&ProtoInput::Path(dir.to_path_buf()), &[]).map_err(|e| e.to_string())
}

/// The policy buf would apply with the fixture's buf.yaml, narrowed to this one rule: its
/// options (suffixes, ignores, comment-ignore setting) stay, `use` becomes just the rule.
fn policy_for(meta: &RuleMeta, loaded: &Loaded) -> Result<Policy, String> {
    let base = Policy::for_protobuf(meta.kind, None, loaded.buf_yaml.as_ref())
        .map_err(|e| e.to_string())?;
    let section = Section {
        use_: vec![meta.id.to_string()],
        except: Vec::new(),
        ..base.section
    };
    Policy::resolve(Format::Protobuf, meta.kind, Some(section), "buf.yaml")
        .map_err(|e| e.to_string())
}

/// The fixture's buf.yaml must run exactly this rule, or checking expected.txt against buf
/// would check something else.
fn check_buf_yaml(meta: &RuleMeta, loaded: &Loaded, dir: &str) -> Result<(), String> {
    let by = loaded
        .buf_yaml
        .as_ref()
        .ok_or_else(|| format!("no {dir}/buf.yaml (buf must run this rule alone)"))?;
    let uses = match meta.kind {
        RuleKind::Breaking => by.breaking().map(|s| s.use_.clone()),
        RuleKind::Lint => by.lint().map(|s| s.use_.clone()),
    }
    .unwrap_or_default();
    if uses != [meta.id] {
        return Err(format!(
            "{dir}/buf.yaml must say `{}: {{use: [{}]}}` (it uses {uses:?})",
            meta.kind, meta.id
        ));
    }
    Ok(())
}

/// Numbered sub-directories of `history/`, oldest (lowest number) first.
fn history_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut dirs: Vec<(u64, PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        match name.parse::<u64>() {
            Ok(n) if e.path().is_dir() => dirs.push((n, e.path())),
            _ => {
                return Err(format!(
                    "history/{name}: expected numbered directories 1..N"
                ));
            }
        }
    }
    dirs.sort();
    Ok(dirs.into_iter().map(|(_, p)| p).collect())
}

/// One finding as an expected.txt line, its file made relative to the fixture's root.
fn line_of(f: &Finding, root: &Path) -> (String, u32, u32, String, String) {
    let prefix = format!("{}/", root.display());
    let file = f
        .location
        .file
        .strip_prefix(&prefix)
        .unwrap_or(&f.location.file)
        .to_string();
    let (line, col) = if file.is_empty() {
        (1, 1)
    } else {
        (f.location.span.line, f.location.span.column)
    };
    (file, line, col, f.rule.clone(), f.message.clone())
}

/// Runs one fixture and returns its lines, or why it could not run.
fn run_fixture(meta: &RuleMeta, dir: &Path) -> Result<Vec<String>, String> {
    let (root, findings) = match meta.kind {
        RuleKind::Breaking => {
            let current_dir = dir.join("current");
            if !current_dir.is_dir() {
                return Err("no current/ directory".into());
            }
            let mut versions = Vec::new();
            if dir.join("history").is_dir() {
                versions.extend(history_dirs(&dir.join("history"))?);
            }
            if dir.join("previous").is_dir() {
                versions.push(dir.join("previous"));
            }
            if versions.is_empty() {
                return Err("no previous/ or history/ directory".into());
            }
            let current = load(&current_dir).map_err(|e| format!("current: {e}"))?;
            check_buf_yaml(meta, &current, "current")?;
            let mut history = Vec::new();
            for v in &versions {
                let label = v
                    .strip_prefix(dir)
                    .unwrap_or(v)
                    .to_string_lossy()
                    .into_owned();
                let loaded = load(v).map_err(|e| format!("{label}: {e}"))?;
                history.push((label, loaded));
            }
            let policy = policy_for(meta, &current)?;
            let refs: Vec<(String, &Loaded)> =
                history.iter().map(|(l, x)| (l.clone(), x)).collect();
            (current_dir, run::breaking(&current, &refs, &policy))
        }
        RuleKind::Lint => {
            let input = dir.join("input");
            if !input.is_dir() {
                return Err("no input/ directory".into());
            }
            let loaded = load(&input).map_err(|e| format!("input: {e}"))?;
            check_buf_yaml(meta, &loaded, "input")?;
            let policy = policy_for(meta, &loaded)?;
            (input, run::lint(&loaded, &policy))
        }
    };
    let mut rows: Vec<_> = findings.iter().map(|f| line_of(f, &root)).collect();
    rows.sort();
    rows.dedup();
    Ok(rows
        .into_iter()
        .map(|(file, line, col, rule, message)| format!("{file}:{line}:{col} {rule} {message}"))
        .collect())
}

fn read_expected(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

fn diff(want: &[String], got: &[String]) -> String {
    let mut out = Vec::new();
    for w in want {
        if !got.contains(w) {
            out.push(format!("  - {w}"));
        }
    }
    for g in got {
        if !want.contains(g) {
            out.push(format!("  + {g}"));
        }
    }
    if out.is_empty() {
        // Same lines, different order or duplicates.
        out.push("  (same lines, different order or count: keep expected.txt sorted)".into());
    }
    out.join("\n")
}

#[test]
fn fixtures_match_expected() {
    let bless = std::env::var_os("ACCORD_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let mut failures = Vec::new();
    let mut ran = 0;
    for id in fixture_ids() {
        if !selected(&id) {
            continue;
        }
        let dir = fixtures_dir().join(&id);
        ran += 1;
        let Some(meta) = catalogue::all()
            .into_iter()
            .find(|r| r.id == id && r.formats.contains(&Format::Protobuf))
        else {
            failures.push(format!(
                "{id}: not a protobuf rule id in the catalogue (fixture folders are named by rule id)"
            ));
            continue;
        };
        let got = match run_fixture(meta, &dir) {
            Ok(lines) => lines,
            Err(e) => {
                failures.push(format!("{id}: {e}"));
                continue;
            }
        };
        let expected_path = dir.join("expected.txt");
        if bless {
            let mut text = got.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            std::fs::write(&expected_path, text).expect("write expected.txt");
            continue;
        }
        match read_expected(&expected_path) {
            None => failures.push(format!(
                "{id}: no expected.txt (ACCORD_BLESS=1 ACCORD_FIXTURE={id} writes it; then check it against buf)\n{}",
                got.iter()
                    .map(|l| format!("  + {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
            Some(want) if want != got => {
                failures.push(format!("{id}:\n{}", diff(&want, &got)));
            }
            Some(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} fixtures differ from expected.txt (- expected, + accord):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every protobuf rule has a fixture and real documentation.
#[test]
fn catalogue_is_complete() {
    let ids = fixture_ids();
    let mut problems = Vec::new();
    for r in catalogue::all() {
        if !r.formats.contains(&Format::Protobuf) {
            continue;
        }
        if !ids.iter().any(|i| i == r.id) {
            problems.push(format!("{}: no fixtures/protobuf/{}/", r.id, r.id));
        }
        let d = &r.doc;
        let todo: Vec<&str> = [
            ("summary", d.summary),
            ("why", d.why),
            ("before", d.before),
            ("after", d.after),
            ("evolve", d.evolve),
        ]
        .into_iter()
        .filter(|(_, text)| text.trim().is_empty() || text.trim() == "TODO")
        .map(|(name, _)| name)
        .collect();
        if !todo.is_empty() {
            problems.push(format!("{}: doc still TODO: {}", r.id, todo.join(", ")));
        }
    }
    assert!(
        problems.is_empty(),
        "{} catalogue problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
