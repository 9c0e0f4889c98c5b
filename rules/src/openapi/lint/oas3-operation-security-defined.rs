//! `oas3-operation-security-defined` (Spectral `spectral:oas`): Security requirements name schemes declared in `components.securitySchemes`, with declared scopes.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-operation-security-defined",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "Security requirements name schemes declared in `components.securitySchemes`, with declared scopes.",
            why: "A requirement naming an undeclared scheme cannot be satisfied: clients do not know how to authenticate.",
            before: "security: [{oauth: [read]}]",
            after: "components: {securitySchemes: {oauth: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://a', scopes: {read: Read}}}}}}\nsecurity: [{oauth: [read]}]",
            evolve: "Declare the scheme (and its scopes) or fix the name.",
        },
    ),
    check,
};

use super::Here;
use crate::openapi::node::Node;

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let schemes = root.node.get("components").and_then(|c| c.get("securitySchemes"));
    let mut requirements: Vec<(Here, &str)> = Vec::new();
    if let Some(s) = root.get("security") {
        requirements.extend(s.items().map(|r| (r, "API")));
    }
    for op in cx.operations() {
        if let Some(s) = op.op.get("security") {
            requirements.extend(s.items().map(|r| (r, "Operation")));
        }
    }
    for (req, object) in requirements {
        // Spectral skips requirements that are not objects of string arrays.
        if !req.node.is_obj()
            || !req
                .node
                .members()
                .iter()
                .all(|m| m.val.items().len() == m.val.items().iter().filter(|x| x.as_str().is_some()).count() && matches!(m.val.v, crate::openapi::node::Val::Arr(_)))
        {
            continue;
        }
        for (name, scopes) in req.members() {
            let Some(scheme) = schemes.filter(|s| s.is_obj()).and_then(|s| s.get(name)) else {
                sink.report(
                    &scopes,
                    format!("{object} \"security\" values must match a scheme defined in the \"components.securitySchemes\" object."),
                );
                continue;
            };
            for scope in scopes.items() {
                let s = scope.str().unwrap_or_default();
                if !defined(scheme, s) {
                    sink.report(&scope, format!("\"{s}\" must be listed among scopes."));
                }
            }
        }
    }
}

fn defined(scheme: &Node, scope: &str) -> bool {
    scheme.get("flows").is_some_and(|flows| {
        flows
            .members()
            .iter()
            .any(|f| f.val.get("scopes").is_some_and(|s| s.is_obj() && s.get(scope).is_some()))
    })
}
