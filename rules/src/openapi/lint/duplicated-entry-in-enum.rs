//! `duplicated-entry-in-enum` (Spectral `spectral:oas`): An `enum` lists each value once.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "duplicated-entry-in-enum",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "An `enum` lists each value once.",
            why: "A repeated value is a mistake (often a typo of another value) and makes generated enums fail to compile.",
            before: "enum: [a, b, a]",
            after: "enum: [a, b]",
            evolve: "Remove the repeated value.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    super::walk::walk_all(cx.spec, &mut |v| {
        if v.key() == Some("properties") {
            return;
        }
        let Some(e) = v.node.get("enum") else {
            return;
        };
        let items = e.items();
        // Spectral (ajv's uniqueItems) reports the last pair of equal items it finds.
        let mut dup = None;
        for j in (0..items.len()).rev() {
            if let Some(i) = (0..j).rev().find(|&i| items[i].same(&items[j])) {
                dup = Some((i, j));
                break;
            }
        }
        if let Some((i, j)) = dup
            && let Some(at) = v.here().get("enum")
        {
            sink.report(
                &at,
                format!("\"enum\" property must not have duplicate items (items ## {i} and {j} are identical)"),
            );
        }
    });
}
