//! `operation-parameters` (Spectral `spectral:oas`): An operation lists each parameter (`name` + `in`) once.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "operation-parameters",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "An operation lists each parameter (`name` + `in`) once.",
            why: "Two parameters with the same name and location are ambiguous: tools keep one of them and clients cannot know which.",
            before: "parameters:\n  - {name: id, in: query}\n  - {name: id, in: query}",
            after: "parameters:\n  - {name: id, in: query}",
            evolve: "Remove the repeated parameter, keeping the definition servers actually implement.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    for op in cx.operations() {
        let Some(params) = op.op.get("parameters") else {
            continue;
        };
        if params.node.items().len() < 2 {
            continue;
        }
        let mut seen: Vec<String> = Vec::new();
        let mut bodies = Vec::new();
        for item in params.items() {
            let p = item.deref(cx.spec);
            if !p.node.is_obj() {
                continue;
            }
            let print = |k: &str| p.node.get(k).map_or("undefined".to_string(), |n| n.render());
            let key = format!("{}-{}", print("in"), print("name"));
            if seen.contains(&key) {
                sink.report(
                    &item,
                    "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values.",
                );
            } else {
                seen.push(key);
            }
            if p.node.get("in").and_then(|n| n.as_str()) == Some("body") {
                bodies.push(item.clone());
            }
        }
        for b in bodies.iter().skip(1) {
            sink.report(
                b,
                "Operation must not have more than a single instance of the \"in:body\" parameter.",
            );
        }
    }
}
