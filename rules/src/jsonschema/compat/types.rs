//! The entry of every comparison: true/false schemas, sums and products met against plain
//! schemas (Confluent's singleton and sum-type special cases), a change of kind (TYPE_CHANGED),
//! integer/number (TYPE_NARROWED), and dispatch to the per-type comparisons.

use super::{Ctx, Diffs, push, show};
use crate::jsonschema::model::{Class, Criterion, Node, Ty};
use serde_json::{Map, Value};

rule!(
    TYPE_CHANGED,
    ["TYPE"],
    "The reader's schema at a location is of another kind than the writer's (another JSON type, an enum instead of a type, a combination instead of a plain schema, a `false` schema…).",
    "Every value the writer produced at this location is of the writer's kind; a reader whose schema expects another kind rejects those values outright, so every existing message fails validation.",
    r#"{"properties": {"id": {"type": "integer"}}}"#,
    r#"{"properties": {"id": {"type": "string"}}}"#,
    "Keep the old kind acceptable: widen with `\"type\": [\"integer\", \"string\"]` or an `anyOf` that keeps the old schema as one branch, migrate writers, and narrow only once no old data remains."
);

rule!(
    TYPE_NARROWED,
    ["TYPE"],
    "The reader accepts only integers where the writer allowed any number.",
    "Writers were free to produce fractional numbers such as 2.5; a reader typed `integer` rejects them.",
    r#"{"properties": {"price": {"type": "number"}}}"#,
    r#"{"properties": {"price": {"type": "integer"}}}"#,
    "Keep `number` in the reader; if integers are required, add a new integer property and deprecate the old one."
);

rule!(
    SCHEMA_ADDED,
    ["TYPE"],
    "The reader constrains a subschema position (such as `items`) that the writer left unconstrained, or switches between a list `items` schema and tuple items.",
    "Where the writer had no schema every value was allowed; the reader's new schema rejects some of them. Switching between list and tuple forms changes which schema applies to which position.",
    r#"{"type": "array", "items": [{"type": "integer"}]}"#,
    r#"{"type": "array", "items": {"type": "integer"}}"#,
    "Keep the writer's form of `items`; add constraints only to data written after every writer has moved to the new schema."
);

fn is_combined(c: &Class<'_>) -> bool {
    matches!(c, Class::Combined { .. })
}

/// Compares two nodes: the special cases first, then same-kind comparison by type.
pub(super) fn compare_nodes(ctx: &mut Ctx<'_>, w: &Node, r: &Node, out: &mut Diffs) {
    let (wc, rc) = ctx.classes(w, r);
    // A writer that allows nothing, or a reader that accepts everything: nothing to check.
    if matches!(wc, Class::False) || matches!(rc, Class::True) {
        return;
    }
    // A plain writer against a sum or product reader.
    if !is_combined(&wc)
        && let Class::Combined {
            criterion, subs, ..
        } = &rc
    {
        if subs.len() == 1 {
            out.extend(ctx.compare(w, &subs[0]));
            return;
        } else if *criterion != Criterion::AllOf {
            for s in subs {
                let d = ctx.compare(w, s);
                if ctx.ok(&d) {
                    out.extend(d);
                    push(
                        out,
                        "SUM_TYPE_EXTENDED",
                        ctx.rptr(r),
                        "the writer's schema is one of the reader's alternatives",
                        None,
                        None,
                    );
                    return;
                }
            }
        } else {
            // A reader product accepts the writer's values when each of its parts does.
            for s in subs {
                out.extend(ctx.compare(w, s));
            }
            return;
        }
    }
    // A sum or product writer against a plain reader.
    if !is_combined(&rc)
        && let Class::Combined {
            criterion, subs, ..
        } = &wc
    {
        if subs.len() == 1 || *criterion != Criterion::AllOf {
            // Every alternative the writer may produce must be readable.
            let mut all = Diffs::default();
            for s in subs {
                all.extend(ctx.compare(s, r));
            }
            if ctx.ok(&all) || subs.len() == 1 {
                out.extend(all);
                return;
            }
        } else {
            // Values of a writer product satisfy every part: one readable part suffices.
            for s in subs {
                let d = ctx.compare(s, r);
                if ctx.ok(&d) {
                    out.extend(d);
                    return;
                }
            }
            // Otherwise say why the part of the reader's kind does not suffice.
            if let Some(s) = subs.iter().find(|s| ctx.w.class(s).same_shape(&rc)) {
                out.extend(ctx.compare(s, r));
                return;
            }
        }
    }
    if !wc.same_shape(&rc) {
        if let Class::Enum(values) = &wc
            && values.iter().all(|v| accepts(ctx, r, v, 0))
        {
            return;
        }
        if let (Class::Typed(t, _), Class::Enum(values)) = (&wc, &rc) {
            let has = |v: Value| values.iter().any(|x| **x == v);
            if (*t == Ty::Null && has(Value::Null))
                || (*t == Ty::Boolean && has(Value::Bool(true)) && has(Value::Bool(false)))
            {
                return;
            }
        }
        // A reader that only excludes another type accepts every value of the writer's type.
        if let (Class::Typed(t, _), Class::Not(n)) = (&wc, &rc)
            && let Class::Typed(u, _) = ctx.r.class(n)
            && t.family() != u.family()
            && !(*t == Ty::Integer && u == Ty::Number)
        {
            return;
        }
        let (before, after) = (wc.describe(), rc.describe());
        let message = match (&wc, &rc) {
            (Class::True, _) => {
                format!("the writer allowed any value here; the reader only accepts {after}")
            }
            (_, Class::False) => {
                format!(
                    "the reader rejects every value here (false schema); the writer produced {before}"
                )
            }
            (Class::Combined { criterion, .. }, _) if *criterion != Criterion::AllOf => format!(
                "the writer may produce {before}, and not all of them are {after} as the reader requires"
            ),
            (_, Class::Combined { criterion, .. }) if *criterion != Criterion::AllOf => format!(
                "none of the reader's {} alternatives accepts the writer's {before}",
                criterion.keyword()
            ),
            _ => format!(
                "type changed from {before} to {after}: the reader rejects the writer's values"
            ),
        };
        push(
            out,
            "TYPE_CHANGED",
            ctx.at_view(r),
            message,
            Some(before),
            Some(after),
        );
        return;
    }
    match (&wc, &rc) {
        (Class::Typed(wt, wm), Class::Typed(rt, rm)) => match rt.family() {
            Ty::String => super::string::compare(ctx, wm, rm, r, out),
            Ty::Number => super::number::compare(ctx, *wt, *rt, wm, rm, r, out),
            Ty::Object => super::object::compare(ctx, w, r, wm, rm, out),
            Ty::Array => super::array::compare(ctx, w, r, wm, rm, out),
            Ty::Null | Ty::Boolean | Ty::Integer => {}
        },
        (Class::Enum(wv), Class::Enum(rv)) => super::enums::compare(ctx, wv, rv, r, out),
        (Class::Combined { .. }, Class::Combined { .. }) => {
            super::combined::compare(ctx, w, &wc, &rc, r, out)
        }
        (Class::Not(wn), Class::Not(rn)) => super::combined::compare_not(ctx, wn, rn, r, out),
        _ => {}
    }
}

/// Compares an optional writer subschema with an optional reader subschema at `keyword`
/// (Confluent's SCHEMA_ADDED/SCHEMA_REMOVED): a reader schema where the writer had none
/// restricts what was free.
pub(super) fn compare_optional(
    ctx: &mut Ctx<'_>,
    w: Option<Node>,
    r: Option<Node>,
    r_parent: &Node,
    keyword: &str,
    out: &mut Diffs,
) {
    match (w, r) {
        (Some(w), Some(r)) => out.extend(ctx.compare(&w, &r)),
        (None, Some(r)) => {
            if !matches!(ctx.r.class(&r), Class::True) {
                let p = ctx.at(r_parent, keyword);
                let after = ctx.r.value(&ctx.rptr(&r)).map(show);
                push(
                    out,
                    "SCHEMA_ADDED",
                    p,
                    format!(
                        "the reader added a schema for `{keyword}` where the writer allowed any value"
                    ),
                    None,
                    after,
                );
            }
        }
        (Some(_), None) => push(
            out,
            "SCHEMA_REMOVED",
            ctx.rptr(r_parent),
            format!("the reader dropped the writer's `{keyword}` schema"),
            None,
            None,
        ),
        (None, None) => {}
    }
}

/// Whether the reader's node accepts a value (used for a writer's enum values; the common
/// keywords are checked, the rest assumed to pass).
pub(super) fn accepts(ctx: &Ctx<'_>, r: &Node, v: &Value, depth: usize) -> bool {
    if depth > 32 {
        return true;
    }
    match ctx.r.class(r) {
        Class::True => true,
        Class::False => false,
        Class::Enum(vals) => vals.contains(&v),
        Class::Not(n) => !accepts(ctx, &n, v, depth + 1),
        Class::Combined {
            criterion, subs, ..
        } => match criterion {
            Criterion::AllOf => subs.iter().all(|s| accepts(ctx, s, v, depth + 1)),
            Criterion::AnyOf => subs.iter().any(|s| accepts(ctx, s, v, depth + 1)),
            Criterion::OneOf => {
                subs.iter()
                    .filter(|s| accepts(ctx, s, v, depth + 1))
                    .count()
                    == 1
            }
        },
        Class::Typed(t, m) => t.admits(v) && facets_admit(m, v),
    }
}

fn num(m: &Map<String, Value>, k: &str) -> Option<f64> {
    m.get(k).and_then(Value::as_f64)
}

fn facets_admit(m: &Map<String, Value>, v: &Value) -> bool {
    match v {
        Value::String(s) => {
            let n = s.chars().count() as f64;
            num(m, "minLength").is_none_or(|x| n >= x)
                && num(m, "maxLength").is_none_or(|x| n <= x)
                && m.get("pattern")
                    .and_then(Value::as_str)
                    .and_then(|p| regex::Regex::new(p).ok())
                    .is_none_or(|re| re.is_match(s))
        }
        Value::Number(n) => {
            let Some(x) = n.as_f64() else { return true };
            let excl_bool = |k: &str| m.get(k).and_then(Value::as_bool).unwrap_or(false);
            let max_ok = num(m, "maximum").is_none_or(|mx| {
                if excl_bool("exclusiveMaximum") {
                    x < mx
                } else {
                    x <= mx
                }
            });
            let min_ok = num(m, "minimum").is_none_or(|mn| {
                if excl_bool("exclusiveMinimum") {
                    x > mn
                } else {
                    x >= mn
                }
            });
            max_ok
                && min_ok
                && num(m, "exclusiveMaximum").is_none_or(|mx| x < mx)
                && num(m, "exclusiveMinimum").is_none_or(|mn| x > mn)
        }
        _ => true,
    }
}
