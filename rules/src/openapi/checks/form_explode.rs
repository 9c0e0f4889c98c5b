//! A parameter serialized with `style: form, explode: true` — the default for query and
//! cookie parameters — sends an array as `?p=1&p=2`, so a single value `?p=1` is a valid
//! one-element array. A scalar parameter that becomes an array whose items accept every
//! value the scalar did therefore still accepts every request clients send today (OpenAPI
//! 3.x, "Style Values"; oasdiff's `isParameterScalarToFormExplodeArray`).

use crate::openapi::schema::{self, Walker};
use crate::openapi::view::At;

/// Keywords that do not decide which values validate: the item may differ from the old
/// scalar in these (and in `type`, compared on its own) and still accept the same values.
const ANNOTATIONS: [&str; 9] = [
    "type",
    "nullable",
    "title",
    "description",
    "default",
    "example",
    "examples",
    "externalDocs",
    "$comment",
];

/// Whether `param` (the new parameter, resolved) went from the scalar schema `old` to the
/// array schema `new` in a way every old value still fits (see the module comment).
pub(crate) fn scalar_to_form_array_accepts(param: At, old: At, new: At) -> bool {
    let (ot, nt) = (schema::types(old), schema::types(new));
    if ot.is_empty() || ot.contains(&"array") || !nt.contains(&"array") {
        return false;
    }
    if !form_explode(param) {
        return false;
    }
    let Some(item) = new.get("items").map(|i| i.deref()) else {
        return false;
    };
    // Values arrive as text: an item typed `string` (or untyped) takes anything, and an
    // integer is a number.
    let it = schema::types(item);
    let covered = |t: &&str| {
        it.is_empty()
            || it.contains(&"string")
            || it.contains(t)
            || (*t == "integer" && it.contains(&"number"))
    };
    ot.iter().all(covered) && same_constraints(old, item)
}

/// `style: form` with `explode: true`, spelled out or by default: form is the default
/// style of query and cookie parameters, and explode defaults to true for form.
fn form_explode(param: At) -> bool {
    let location = param.get("in").and_then(|l| l.str());
    let style = param.get("style").and_then(|s| s.str()).or(match location {
        Some("query" | "cookie") => Some("form"),
        _ => None,
    });
    let explode = param.get("explode").and_then(|e| e.bool());
    style == Some("form") && explode != Some(false)
}

/// Whether two schemas carry the same validation keywords, `type` and annotations aside:
/// an item that adds or tightens one (a `pattern`, a `maximum`) may reject an old value.
fn same_constraints(a: At, b: At) -> bool {
    let (ka, kb) = (constraint_keys(a), constraint_keys(b));
    let mut walker = Walker::default();
    ka == kb
        && ka.iter().all(|k| match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) => walker.same(x, y),
            _ => false,
        })
}

fn constraint_keys<'a>(s: At<'a>) -> Vec<&'a str> {
    let mut k: Vec<&str> = s
        .members()
        .map(|(k, _)| k)
        .filter(|k| !ANNOTATIONS.contains(k) && !k.starts_with("x-"))
        .collect();
    k.sort_unstable();
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::load_str;
    use std::path::Path;

    /// The first parameter of `GET /p` before and after, and their schemas.
    fn accepts(old_param: &str, new_param: &str) -> bool {
        let doc = |p: &str| {
            format!(
                "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /p:\n    get:\n      parameters:\n        - {p}\n      responses: {{'200': {{description: ok}}}}\n"
            )
        };
        let old = load_str(Path::new("a.yaml"), &doc(old_param)).expect("old loads");
        let new = load_str(Path::new("b.yaml"), &doc(new_param)).expect("new loads");
        let (op, np) = (first_param(&old), first_param(&new));
        scalar_to_form_array_accepts(np, schema_of(op), schema_of(np))
    }

    fn first_param(s: &crate::openapi::Spec) -> At<'_> {
        let p = s.root().get("paths").and_then(|p| p.get("/p"));
        let p = p
            .and_then(|p| p.get("get"))
            .and_then(|g| g.get("parameters"));
        p.and_then(|p| p.items().next())
            .expect("a parameter")
            .deref()
    }

    fn schema_of(p: At<'_>) -> At<'_> {
        p.get("schema").expect("a schema").deref()
    }

    #[test]
    fn a_query_scalar_may_become_an_array_of_what_it_accepted() {
        let q = |s: &str| format!("{{name: p, in: query, schema: {s}}}");
        let arr = |item: &str| q(&format!("{{type: array, items: {item}}}"));
        assert!(accepts(&q("{type: string}"), &arr("{type: string}")));
        assert!(accepts(
            &q("{type: [string, integer]}"),
            &arr("{type: string}")
        ));
        assert!(accepts(
            &q("{type: [string, integer]}"),
            &arr("{type: [string, integer]}")
        ));
        assert!(accepts(&q("{type: integer}"), &arr("{type: number}")));
        assert!(accepts(
            &q("{type: [integer, 'null']}"),
            &arr("{type: integer, description: n}")
        ));
        assert!(accepts(
            &q("{type: integer, maximum: 5}"),
            &arr("{type: integer, maximum: 5}")
        ));
        // The item rejects old values: `abc`, `5`, `6`.
        assert!(!accepts(
            &q("{type: [string, integer]}"),
            &arr("{type: integer}")
        ));
        assert!(!accepts(
            &q("{type: string}"),
            &arr("{type: string, pattern: '^[a-z]+$'}")
        ));
        assert!(!accepts(
            &q("{type: integer}"),
            &arr("{type: integer, maximum: 5}")
        ));
        assert!(!accepts(
            &q("{type: integer, maximum: 5}"),
            &arr("{type: integer}")
        ));
    }

    #[test]
    fn only_form_with_explode_sends_one_value_as_an_array() {
        let arr = "{type: array, items: {type: string}}";
        let p = |extra: &str, schema: &str| format!("{{name: p, {extra} schema: {schema}}}");
        assert!(accepts(
            &p("in: cookie,", "{type: string}"),
            &p("in: cookie,", arr)
        ));
        assert!(accepts(
            &p("in: query,", "{type: string}"),
            &p("in: query, style: form, explode: true,", arr)
        ));
        // Without explode (`?p=a,b`), pipe-delimited, and the simple style of path and
        // header parameters, a comma or pipe inside an old value now splits it in two.
        for extra in [
            "in: query, explode: false,",
            "in: query, style: pipeDelimited,",
            "in: path, required: true,",
            "in: header,",
        ] {
            assert!(
                !accepts(&p(extra, "{type: string}"), &p(extra, arr)),
                "{extra}"
            );
        }
        // Already an array, or untyped before: not a scalar widening.
        assert!(!accepts(&p("in: query,", arr), &p("in: query,", arr)));
        assert!(!accepts(&p("in: query,", "{}"), &p("in: query,", arr)));
    }
}
