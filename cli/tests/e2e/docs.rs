//! docs/rules.md is generated from the rule catalogue and must not go stale.

use super::*;

const REGENERATE: &str = "cargo run -p accord -- rules docs > docs/rules.md";

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = accord_rules::docs::rules_markdown();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(generated.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "docs/rules.md is stale (first difference at line {first_difference}); regenerate it with\n\n    {REGENERATE}\n"
        );
    }
}

#[test]
fn rules_docs_command_prints_the_same() {
    let t = temp();
    let r = run_in(t.path(), &["rules", "docs"]);
    r.expect_code(0);
    assert_eq!(r.stdout, accord_rules::docs::rules_markdown());
}

#[test]
fn explain_and_list() {
    let t = temp();
    let r = run_in(t.path(), &["rules", "explain", "FIELD_NO_DELETE"]);
    r.expect_code(0);
    assert!(
        r.stdout.starts_with("### FIELD_NO_DELETE\n"),
        "{}",
        r.stdout
    );
    let r = run_in(
        t.path(),
        &[
            "rules", "list", "--format", "protobuf", "--kind", "lint", "--json",
        ],
    );
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert!(items.iter().all(|i| i["kind"] == "lint"));
    assert!(items.iter().any(|i| i["id"] == "FIELD_LOWER_SNAKE_CASE"));
}

/// docs/cli.md mentions every command and every long flag the binary accepts.
#[test]
fn cli_md_covers_every_flag() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/cli.md"))
        .expect("docs/cli.md");
    let t = temp();
    let mut missing = Vec::new();
    for cmd in [
        &["lint"][..],
        &["breaking"],
        &["build"],
        &["compat"],
        &["rules", "list"],
        &["rules", "explain"],
        &["rules", "docs"],
    ] {
        let title = format!("accord {}", cmd.join(" "));
        if !doc.contains(&title) {
            missing.push(title.clone());
        }
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = run_in(t.path(), &args).stdout;
        for word in help.split_whitespace() {
            let flag = word
                .trim_start_matches('(')
                .trim_end_matches([',', '.', ')', ';', ']']);
            let flag = flag.split(['=', '[', '<']).next().unwrap_or("");
            if flag.starts_with("--")
                && flag.len() > 2
                && !["--help", "--version"].contains(&flag)
                && !doc.contains(flag)
            {
                missing.push(format!("{title} {flag}"));
            }
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "docs/cli.md does not mention: {missing:?}"
    );
}
