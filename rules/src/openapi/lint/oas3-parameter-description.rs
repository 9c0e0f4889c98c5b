//! `oas3-parameter-description` (Spectral `spectral:oas`): Every parameter has a `description`.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-parameter-description",
        Severity::Warning,
        false,
        RuleDoc {
            summary: "Every parameter has a `description`.",
            why: "Parameter names rarely say enough: units, formats and defaults belong in the description.",
            before: "parameters: [{name: limit, in: query}]",
            after: "parameters: [{name: limit, in: query, description: Most items to return.}]",
            evolve: "Describe the parameter.",
        },
    ),
    check,
};

use super::Here;

fn each(sink: &mut Sink, params: Option<Here>) {
    let Some(params) = params else {
        return;
    };
    let list: Vec<Here> = match params.node.v {
        crate::openapi::node::Val::Arr(_) => params.items().collect(),
        _ => params.members().map(|(_, p)| p).collect(),
    };
    for p in list {
        if p.node.get("in").is_some_and(|i| !matches!(i.v, crate::openapi::node::Val::Null)) {
            super::require_field(sink, &p, "description", "Parameter objects must have \"description\".");
        }
    }
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    if let Some(paths) = root.get("paths") {
        for (_, item) in paths.members() {
            let item = item.deref(cx.spec);
            each(sink, item.get("parameters"));
        }
    }
    for op in cx.operations() {
        each(sink, op.op.get("parameters"));
    }
    each(sink, root.get("components").and_then(|c| c.get("parameters")));
}
