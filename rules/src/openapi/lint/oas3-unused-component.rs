//! `oas3-unused-component` (Spectral `spectral:oas`): Every component is referenced somewhere.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-unused-component",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Every component is referenced somewhere.",
            why: "An unreferenced component is dead weight: it is usually left over from a refactoring, or a typo in the `$ref` that should use it.",
            before: "components: {schemas: {Old: {type: object}}}",
            after: "components: {schemas: {}}",
            evolve: "Delete the component, or reference it where it was meant to be used.",
        },
    ),
    check,
};

use std::collections::HashSet;

const KINDS: [&str; 8] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
];

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let Some(components) = root.get("components") else {
        return;
    };
    // Every `$ref` of every file, as the pointer it names in the root document.
    let mut used: HashSet<String> = HashSet::new();
    let root_path = &cx.spec.files[0].path;
    super::walk::walk_all(cx.spec, &mut |v| {
        if v.key() != Some("$ref") {
            return;
        }
        let Some(r) = v.node.as_str() else {
            return;
        };
        let (doc, frag) = r.split_once('#').unwrap_or((r, ""));
        let same = doc.is_empty() && v.file == 0
            || !doc.is_empty()
                && cx.spec.refs[v.file as usize]
                    .get(r)
                    .is_some_and(|t| t.file == 0 && cx.spec.files[0].path == *root_path);
        if same {
            used.insert(frag.to_string());
        }
    });
    for kind in KINDS {
        let Some(group) = components.get(kind) else {
            continue;
        };
        if !group.node.is_obj() {
            continue;
        }
        for (name, c) in group.members() {
            let ptr = format!("/components/{kind}/{}", super::walk::escape(name));
            if !used.contains(&ptr) {
                sink.report(&c, "Potentially unused component has been detected.");
            }
        }
    }
}
