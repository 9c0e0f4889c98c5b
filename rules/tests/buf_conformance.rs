//! buf's own breaking and lint test cases (../shared/conformance/buf), with buf 1.75's real
//! output: accord must report the same rule at the same file, line and column.

use accord_rules::RuleKind;
use accord_rules::config::Policy;
use accord_rules::protobuf::{self, ProtoInput, run};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn buf_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/buf")
}

/// (rule, file, line, column) — what the acceptance compares.
type Key = (String, String, u32, u32);

fn expected(case_json: &Path) -> BTreeSet<Key> {
    let text = std::fs::read_to_string(case_json).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("buf JSON line");
            (
                v["type"].as_str().unwrap_or_default().to_string(),
                v["path"].as_str().unwrap_or_default().to_string(),
                v["start_line"].as_u64().unwrap_or(1) as u32,
                v["start_column"].as_u64().unwrap_or(1) as u32,
            )
        })
        .collect()
}

fn skipped(expected_dir: &Path, case: &str) -> bool {
    // Cases needing buf's custom check plugins fail under plain buf too (exit code 1).
    match std::fs::read_to_string(expected_dir.join(format!("{case}.rc"))) {
        Ok(rc) => rc.trim() == "1",
        // Without the recorded exit code: a case whose configuration declares check
        // plugins is one of those.
        Err(_) => declares_plugins(&case_dir(expected_dir, case)),
    }
}

fn case_dir(expected_dir: &Path, case: &str) -> PathBuf {
    let kind = expected_dir.file_name().unwrap_or_default();
    let root = expected_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(expected_dir);
    if kind == "breaking" {
        root.join("breaking/current").join(case)
    } else {
        root.join("lint").join(case)
    }
}

fn declares_plugins(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".yaml")
                && std::fs::read_to_string(e.path())
                    .unwrap_or_default()
                    .lines()
                    .any(|l| l.starts_with("plugins:"))
        })
}

fn keys(findings: &[accord_rules::Finding]) -> BTreeSet<Key> {
    findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.location.file.clone(),
                f.location.span.line,
                f.location.span.column,
            )
        })
        .collect()
}

/// Cases accord cannot match today, each with the reason (also in docs/rules.md, "Differences
/// from buf"). The test fails if one of them starts to match, so the list stays true.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn case_of(failure: &str) -> &str {
    failure.split([':', '\n']).next().unwrap_or_default()
}

/// Fails on every difference that is not a known one, and on a known one that went away.
fn report(kind: &str, failures: &[String], ran: &[String]) {
    let known = |case: &str| KNOWN_DIFFERENCES.iter().any(|(c, _)| *c == case);
    let mut problems: Vec<String> = failures
        .iter()
        .filter(|f| !known(case_of(f)))
        .cloned()
        .collect();
    for (case, _) in KNOWN_DIFFERENCES {
        if ran.iter().any(|r| r == case) && !failures.iter().any(|f| case_of(f) == *case) {
            problems.push(format!(
                "{case}: listed in KNOWN_DIFFERENCES but now matches buf; remove it from the list"
            ));
        }
    }
    if !problems.is_empty() {
        panic!(
            "{} of {} buf {kind} cases differ:\n\n{}",
            problems.len(),
            ran.len(),
            problems.join("\n\n")
        );
    }
}

fn diff(case: &str, want: &BTreeSet<Key>, got: &BTreeSet<Key>, extra: &str) -> Option<String> {
    if want == got {
        return None;
    }
    let missing: Vec<_> = want.difference(got).map(|k| format!("  - {k:?}")).collect();
    let unexpected: Vec<_> = got.difference(want).map(|k| format!("  + {k:?}")).collect();
    Some(format!(
        "{case}{extra}\n{}\n{}",
        missing.join("\n"),
        unexpected.join("\n")
    ))
}

/// Runs the cases whose name contains $ACCORD_CASE (all when unset).
fn selected(case: &str) -> bool {
    std::env::var("ACCORD_CASE").map_or(true, |f| case.contains(&f))
}

#[test]
fn buf_breaking_cases() {
    let dir = buf_dir();
    let mut cases: Vec<String> = std::fs::read_dir(dir.join("breaking/current"))
        .expect("shared/conformance/buf is beside the project")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let expected_dir = dir.join("expected/breaking");
    let mut failures = Vec::new();
    let mut ran: Vec<String> = Vec::new();
    for case in &cases {
        if skipped(&expected_dir, case) || !selected(case) {
            continue;
        }
        ran.push(case.clone());
        let want = expected(&expected_dir.join(format!("{case}.json")));
        let cur = protobuf::load(
            &ProtoInput::Path(dir.join("breaking/current").join(case)),
            &[],
        );
        let prev = protobuf::load(
            &ProtoInput::Path(dir.join("breaking/previous").join(case)),
            &[],
        );
        let (cur, prev) = match (cur, prev) {
            (Ok(c), Ok(p)) => (c, p),
            (c, p) => {
                failures.push(format!("{case}: load failed: {:?} {:?}", c.err(), p.err()));
                continue;
            }
        };
        let policy =
            Policy::for_protobuf(RuleKind::Breaking, None, cur.buf_yaml.as_ref()).expect("policy");
        let mut findings = run::breaking(&cur, &[("previous".into(), &prev)], &policy);
        let prefix = format!("{}/", dir.join("breaking/current").join(case).display());
        for f in &mut findings {
            if let Some(rest) = f.location.file.strip_prefix(&prefix) {
                f.location.file = rest.to_string();
            }
        }
        if let Some(d) = diff(case, &want, &keys(&findings), "") {
            failures.push(d);
        }
    }
    report("breaking", &failures, &ran);
}

#[test]
fn buf_lint_cases() {
    let dir = buf_dir();
    let mut cases: Vec<String> = std::fs::read_dir(dir.join("lint"))
        .expect("shared/conformance/buf is beside the project")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let expected_dir = dir.join("expected/lint");
    let mut failures = Vec::new();
    let mut ran: Vec<String> = Vec::new();
    for case in &cases {
        if skipped(&expected_dir, case) || !selected(case) {
            continue;
        }
        ran.push(case.clone());
        let want = expected(&expected_dir.join(format!("{case}.json")));
        let root = dir.join("lint").join(case);
        let loaded = match protobuf::load(&ProtoInput::Path(root.clone()), &[]) {
            Ok(l) => l,
            Err(e) => {
                failures.push(format!("{case}: load failed: {e}"));
                continue;
            }
        };
        let policy =
            Policy::for_protobuf(RuleKind::Lint, None, loaded.buf_yaml.as_ref()).expect("policy");
        let mut findings = run::lint(&loaded, &policy);
        let prefix = format!("{}/", root.display());
        for f in &mut findings {
            if let Some(rest) = f.location.file.strip_prefix(&prefix) {
                f.location.file = rest.to_string();
            }
        }
        if let Some(d) = diff(case, &want, &keys(&findings), "") {
            failures.push(d);
        }
    }
    report("lint", &failures, &ran);
}

/// No false findings from accord's CEL checker on a large body of real CEL: every standard
/// rule protovalidate's own validate.proto defines (hundreds of expressions, with `this`,
/// `rules`, `rule`, macros, `format`, `getField` and protovalidate's functions) must compile
/// to a bool or a string.
#[test]
fn protovalidate_standard_rules_type_check() {
    use accord_rules::protobuf::cel::{Type, compile, proto};
    use prost_reflect::{Kind, Value};
    let dir = buf_dir().join("lint/protovalidate/vendor/protovalidate");
    let loaded = protobuf::load(&ProtoInput::Path(dir), &[]).expect("validate.proto loads");
    let pool = loaded.image.pool().expect("reflection pool");
    let predefined = pool
        .get_extension_by_name("buf.validate.predefined")
        .expect("(buf.validate.predefined)");
    let mut checked = 0;
    let mut failures = Vec::new();
    for message in pool.all_messages() {
        let name = message.full_name().to_string();
        let Some(family) = name
            .strip_prefix("buf.validate.")
            .and_then(|r| r.strip_suffix("Rules"))
        else {
            continue;
        };
        let this = match family {
            "Float" | "Double" => Type::Double,
            "Int32" | "Int64" | "SInt32" | "SInt64" | "SFixed32" | "SFixed64" | "Enum" => Type::Int,
            "UInt32" | "UInt64" | "Fixed32" | "Fixed64" => Type::Uint,
            "Bool" => Type::Bool,
            "String" => Type::String,
            "Bytes" => Type::Bytes,
            "Repeated" => Type::List(Box::new(Type::Dyn)),
            "Map" => Type::Map(Box::new(Type::Dyn), Box::new(Type::Dyn)),
            "Duration" => Type::Duration,
            "Timestamp" => Type::Timestamp,
            "FieldMask" => Type::Message("google.protobuf.FieldMask".into()),
            _ => Type::Dyn,
        };
        for field in message.fields() {
            let options = field.options();
            if !options.has_extension(&predefined) {
                continue;
            }
            let Value::Message(rules) = options.get_extension(&predefined).into_owned() else {
                continue;
            };
            let Some(Value::List(list)) = rules.get_field_by_name("cel").map(|v| v.into_owned())
            else {
                continue;
            };
            let rule = match (field.is_list(), field.kind()) {
                (true, k) => Type::List(Box::new(proto::kind_type(&k))),
                (false, Kind::Message(m)) => proto::message_type(m.full_name()),
                (false, k) => proto::kind_type(&k),
            };
            let vars = [
                ("this", this.clone()),
                ("rules", Type::Message(name.clone())),
                ("rule", rule),
                ("now", Type::Timestamp),
            ];
            for r in list {
                let Value::Message(r) = r else { continue };
                let expr = r
                    .get_field_by_name("expression")
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                checked += 1;
                match compile(&expr, &vars, pool) {
                    Ok(Type::Bool | Type::String | Type::Dyn) => {}
                    other => failures.push(format!("{name}.{}: {expr}\n  {other:?}", field.name())),
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} expressions found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
