//! `path-params` (Spectral `spectral:oas`): Path parameters are declared, required, used in the path and not repeated; no two paths are equivalent.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "path-params",
        Severity::Error,
        true,
        RuleDoc {
            summary: "Path parameters are declared, required, used in the path and not repeated; no two paths are equivalent.",
            why: "A template variable without a parameter (or a parameter the path does not use) cannot be filled in by clients, and `/pets/{a}` next to `/pets/{b}` is one route servers cannot tell apart.",
            before: "/pets/{id}:\n  get: {responses: {'200': {description: ok}}}",
            after: "/pets/{id}:\n  get:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    responses: {'200': {description: ok}}",
            evolve: "Declare each `{name}` of the path as a required `in: path` parameter, and nothing else.",
        },
    ),
    check,
};

use super::Here;
use crate::openapi::node::Node;

/// `{name}` variables of a path template as Spectral reads them (`{;?name*}` allowed).
fn variables(path: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            let mut j = i + 1;
            if j < b.len() && b[j] == b';' {
                j += 1;
            }
            if j < b.len() && b[j] == b'?' {
                j += 1;
            }
            let start = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
                j += 1;
            }
            let name_end = j;
            if j < b.len() && b[j] == b'*' {
                j += 1;
            }
            if name_end > start && j < b.len() && b[j] == b'}' {
                out.push((i, j + 1, path[start..name_end].to_string()));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Declared path parameters by name (first declaration wins), reporting bad ones.
fn declared<'a>(
    cx: &Ctx<'a>,
    params: Option<Here<'a>>,
    sink: &mut Sink,
    out: &mut Vec<(String, Here<'a>)>,
) {
    let Some(params) = params else {
        return;
    };
    let mut seen: Vec<String> = Vec::new();
    for item in params.items() {
        let p = item.deref(cx.spec);
        if !p.node.is_obj() || p.node.get("in").and_then(Node::as_str) != Some("path") {
            continue;
        }
        let Some(name) = p.node.get("name") else {
            continue;
        };
        let name = name.as_str().map_or_else(|| name.render(), str::to_string);
        if p.node.get("required").and_then(Node::as_bool) != Some(true) {
            sink.report(
                &item,
                format!("Path parameter \"{name}\" must have \"required\" property that is set to \"true\"."),
            );
        }
        if seen.contains(&name) {
            sink.report(&item, format!("Path parameter \"{name}\" must not be defined multiple times."));
            continue;
        }
        seen.push(name.clone());
        out.push((name, item));
    }
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let Some(paths) = cx.root().get("paths") else {
        return;
    };
    let mut unique: Vec<(String, &str)> = Vec::new();
    for (path, item_ref) in paths.members() {
        let item = item_ref.deref(cx.spec);
        if !item.node.is_obj() {
            continue;
        }
        let vars = variables(path);
        let mut normalized = String::new();
        let mut last = 0;
        for (a, b, _) in &vars {
            normalized.push_str(&path[last..*a]);
            normalized.push('%');
            last = *b;
        }
        normalized.push_str(&path[last..]);
        match unique.iter().find(|(n, _)| *n == normalized) {
            Some((_, first)) => sink.report(
                &item_ref,
                format!("Paths \"{first}\" and \"{path}\" must not be equivalent."),
            ),
            None => unique.push((normalized, path)),
        }
        let mut elements: Vec<&str> = Vec::new();
        for (_, _, v) in &vars {
            if elements.contains(&v.as_str()) {
                sink.report(
                    &item_ref,
                    format!("Path \"{path}\" must not use parameter \"{{{v}}}\" multiple times."),
                );
            } else {
                elements.push(v);
            }
        }
        let mut top = Vec::new();
        declared(cx, item.get("parameters"), sink, &mut top);
        for (method, op) in item.members() {
            if !op.node.is_obj() || !super::METHODS.contains(&method) {
                continue;
            }
            let mut own = Vec::new();
            declared(cx, op.get("parameters"), sink, &mut own);
            // Operation parameters override path-level ones of the same name.
            let mut defined: Vec<(String, Here)> = top
                .iter()
                .filter(|(n, _)| !own.iter().any(|(o, _)| o == n))
                .cloned()
                .collect();
            defined.extend(own);
            for (name, at) in &defined {
                if !elements.contains(&name.as_str()) {
                    sink.report(at, format!("Parameter \"{name}\" must be used in path \"{path}\"."));
                }
            }
            for e in &elements {
                if !defined.iter().any(|(n, _)| n == e) {
                    sink.report(
                        &op,
                        format!("Operation must define parameter \"{{{e}}}\" as expected by path \"{path}\"."),
                    );
                }
            }
        }
    }
}
