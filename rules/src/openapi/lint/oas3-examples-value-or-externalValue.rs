//! `oas3-examples-value-or-externalValue` (Spectral `spectral:oas`): An Example Object has exactly one of `value` and `externalValue`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-examples-value-or-externalValue",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "An Example Object has exactly one of `value` and `externalValue`.",
            why: "The two are mutually exclusive; with neither the example is empty, with both tools pick one arbitrarily.",
            before: "examples:\n  cat: {summary: A cat}",
            after: "examples:\n  cat: {summary: A cat, value: {name: Tom}}",
            evolve: "Give either an inline `value` or an `externalValue` URL.",
        },
    ),
    check,
};

use super::Here;

const MESSAGE: &str = "Examples must have either \"value\" or \"externalValue\" field.";

fn xor(sink: &mut Sink, examples: Option<Here>) {
    let Some(examples) = examples else {
        return;
    };
    for (_, e) in examples.members() {
        // A `$ref` is checked at its target (Spectral reports a shared example once, where
        // it is defined, e.g. under `components.examples`).
        if !e.node.is_obj() || e.node.member("$ref").is_some() {
            continue;
        }
        let has = |k: &str| e.node.member(k).is_some();
        if has("value") == has("externalValue") {
            sink.report(&e, MESSAGE);
        }
    }
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let components = root.get("components");
    xor(sink, components.as_ref().and_then(|c| c.get("examples")).map(|e| Here { ..e }));
    for kind in ["parameters", "headers"] {
        if let Some(group) = components.as_ref().and_then(|c| c.get(kind)) {
            for (_, p) in group.members() {
                xor(sink, p.get("examples"));
            }
        }
    }
    // `$.paths[*][*]..content[*].examples[*]`, `..parameters[*].examples[*]`,
    // `..headers[*].examples[*]`: anywhere below an operation-level key.
    let Some(paths) = root.get("paths") else {
        return;
    };
    for (_, item) in paths.members() {
        for (_, op) in item.members() {
            let mut found: Vec<String> = Vec::new();
            super::walk::walk(op.file, op.node, &mut |v| {
                let n = v.stack.len();
                if n >= 2
                    && matches!(v.key_at(1), Some("content" | "parameters" | "headers"))
                    && v.node.member("examples").is_some()
                {
                    found.push(v.ptr());
                }
            });
            for ptr in found {
                let Some(target) = resolve(&op, &ptr) else {
                    continue;
                };
                xor(sink, target.get("examples"));
            }
        }
    }
}

/// The node at a pointer relative to `base`.
fn resolve<'a>(base: &Here<'a>, ptr: &str) -> Option<Here<'a>> {
    let mut cur = base.clone();
    for raw in ptr.split('/').skip(1) {
        let key = raw.replace("~1", "/").replace("~0", "~");
        cur = match &cur.node.v {
            crate::openapi::node::Val::Arr(_) => cur.items().nth(key.parse().ok()?)?,
            _ => cur.get(&key)?,
        };
    }
    Some(cur)
}
