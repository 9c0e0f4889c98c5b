//! Renders the catalogue as Markdown: one rule for `accord rules explain`, all of them for
//! `docs/rules.md`. Both come from the same text in the rule's code.

use crate::catalogue::{self, RuleMeta};
use crate::finding::{Format, RuleKind};
use std::fmt::Write;

fn fence(code: &str, format: Format) -> String {
    let lang = match format {
        Format::Protobuf => "proto",
        Format::Openapi => "yaml",
        Format::Avro | Format::Jsonschema | Format::Pact => "json",
    };
    format!("```{lang}\n{}\n```\n", code.trim_end())
}

/// One rule's section.
pub fn rule_markdown(r: &RuleMeta) -> String {
    let mut s = String::new();
    let formats: Vec<_> = r.formats.iter().map(|f| f.as_str()).collect();
    let _ = writeln!(s, "### {}\n", r.id);
    let _ = writeln!(s, "{}\n", r.doc.summary);
    let _ = writeln!(
        s,
        "- kind: {}\n- formats: {}\n- categories: {}\n- default severity: {}",
        r.kind,
        formats.join(", "),
        if r.categories.is_empty() {
            "(none)".to_string()
        } else {
            r.categories.join(", ")
        },
        r.default_severity
    );
    if !r.aliases.is_empty() {
        let _ = writeln!(s, "- also known as: {}", r.aliases.join(", "));
    }
    let format = r.formats.first().copied().unwrap_or(Format::Protobuf);
    let (b, a) = match r.kind {
        RuleKind::Breaking => ("Before", "After (reported)"),
        RuleKind::Lint => ("Reported", "Accepted"),
    };
    let why = match r.kind {
        RuleKind::Breaking => "Why it breaks clients",
        RuleKind::Lint => "Why it matters",
    };
    let _ = writeln!(s, "\n**{why}.** {}\n", r.doc.why);
    let _ = writeln!(s, "{b}:\n\n{}", fence(r.doc.before, format));
    let _ = writeln!(s, "{a}:\n\n{}", fence(r.doc.after, format));
    let _ = writeln!(s, "**How to evolve safely.** {}\n", r.doc.evolve);
    s
}

/// The whole of `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# Rules\n\n<!-- Generated from the rule catalogue (rules/src/catalogue.rs) by \
         `cargo run -p accord -- rules docs > docs/rules.md`; a test fails when this file is \
         stale. Edit the rule's code, not this file. -->\n\n",
    );
    let all = catalogue::all();
    for format in Format::ALL {
        for kind in [RuleKind::Breaking, RuleKind::Lint] {
            let rules: Vec<_> = all
                .iter()
                .filter(|r| r.kind == kind && r.formats.first() == Some(&format))
                .collect();
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(s, "## {format} — {kind} ({} rules)\n", rules.len());
            let _ = writeln!(
                s,
                "| id | categories | severity | summary |\n|---|---|---|---|"
            );
            for r in &rules {
                let _ = writeln!(
                    s,
                    "| [{}](#{}) | {} | {} | {} |",
                    r.id,
                    r.id.to_ascii_lowercase(),
                    r.categories.join(", "),
                    r.default_severity,
                    r.doc.summary.replace('|', "\\|")
                );
            }
            s.push('\n');
            for r in rules {
                s.push_str(&rule_markdown(r));
            }
        }
    }
    s.push_str(crate::protobuf::parity::PARITY_NOTES);
    s.push('\n');
    s.push_str(crate::openapi::parity::PARITY_NOTES);
    s.push('\n');
    s.push_str(crate::openapi::optic_parity::OPTIC_NOTES);
    s.push('\n');
    s.push_str(crate::openapi::lint::spectral_parity::SPECTRAL_NOTES);
    s
}
