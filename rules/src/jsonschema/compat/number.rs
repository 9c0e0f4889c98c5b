//! Numbers: integer versus number, `maximum`, `minimum`, `exclusiveMaximum`,
//! `exclusiveMinimum` (draft 4's boolean form included) and `multipleOf`.

use super::{BoundKinds, Ctx, Diffs, bound, push, show};
use crate::jsonschema::model::{Node, Ty};
use serde_json::{Map, Value};

rule!(
    MAXIMUM_ADDED,
    ["NUMBER"],
    "The reader adds a `maximum` to a number the writer left unbounded above.",
    "Writers may have produced larger values, which the reader now rejects.",
    r#"{"type": "integer"}"#,
    r#"{"type": "integer", "maximum": 100}"#,
    "Enforce the limit in writers first; add it to the reader when no larger value remains."
);

rule!(
    MAXIMUM_DECREASED,
    ["NUMBER"],
    "The reader lowers a number's `maximum`.",
    "Values between the new and the old maximum were valid for the writer and fail the reader.",
    r#"{"type": "integer", "maximum": 100}"#,
    r#"{"type": "integer", "maximum": 10}"#,
    "Keep the old maximum in the reader."
);

rule!(
    MINIMUM_ADDED,
    ["NUMBER"],
    "The reader adds a `minimum` to a number the writer left unbounded below.",
    "Writers may have produced smaller values (negative ones, zero), which the reader now rejects.",
    r#"{"type": "integer"}"#,
    r#"{"type": "integer", "minimum": 0}"#,
    "Enforce the minimum in writers first; add it to the reader when no smaller value remains."
);

rule!(
    MINIMUM_INCREASED,
    ["NUMBER"],
    "The reader raises a number's `minimum`.",
    "Values between the old and the new minimum were valid for the writer and fail the reader.",
    r#"{"type": "integer", "minimum": 0}"#,
    r#"{"type": "integer", "minimum": 1}"#,
    "Keep the old minimum in the reader."
);

rule!(
    EXCLUSIVE_MAXIMUM_ADDED,
    ["NUMBER"],
    "The reader adds an `exclusiveMaximum` the writer's bounds do not already imply.",
    "Writer values at or above the new exclusive limit are rejected by the reader.",
    r#"{"type": "number"}"#,
    r#"{"type": "number", "exclusiveMaximum": 1}"#,
    "Enforce the limit in writers first; add it to the reader afterwards."
);

rule!(
    EXCLUSIVE_MAXIMUM_DECREASED,
    ["NUMBER"],
    "The reader lowers a number's `exclusiveMaximum`.",
    "Values between the new and the old exclusive limit were valid for the writer and fail the reader.",
    r#"{"type": "number", "exclusiveMaximum": 100}"#,
    r#"{"type": "number", "exclusiveMaximum": 50}"#,
    "Keep the old limit in the reader."
);

rule!(
    EXCLUSIVE_MINIMUM_ADDED,
    ["NUMBER"],
    "The reader adds an `exclusiveMinimum` the writer's bounds do not already imply.",
    "Writer values at or below the new exclusive limit are rejected by the reader.",
    r#"{"type": "number"}"#,
    r#"{"type": "number", "exclusiveMinimum": 0}"#,
    "Enforce the limit in writers first; add it to the reader afterwards."
);

rule!(
    EXCLUSIVE_MINIMUM_INCREASED,
    ["NUMBER"],
    "The reader raises a number's `exclusiveMinimum`.",
    "Values between the old and the new exclusive limit were valid for the writer and fail the reader.",
    r#"{"type": "number", "exclusiveMinimum": 0}"#,
    r#"{"type": "number", "exclusiveMinimum": 10}"#,
    "Keep the old limit in the reader."
);

rule!(
    MULTIPLE_OF_ADDED,
    ["NUMBER"],
    "The reader requires numbers to be a multiple of a value the writer did not constrain.",
    "Writer values that are not multiples of the new `multipleOf` fail the reader.",
    r#"{"type": "number"}"#,
    r#"{"type": "number", "multipleOf": 0.01}"#,
    "Enforce the step in writers first."
);

rule!(
    MULTIPLE_OF_EXPANDED,
    ["NUMBER"],
    "The reader's `multipleOf` is a multiple of the writer's (for example 2 becomes 4).",
    "Writer values that are multiples of the old step but not of the new one (6 with 2 → 4) fail the reader.",
    r#"{"type": "integer", "multipleOf": 2}"#,
    r#"{"type": "integer", "multipleOf": 4}"#,
    "Use a step that divides the old one (2 → 1 is safe)."
);

rule!(
    MULTIPLE_OF_CHANGED,
    ["NUMBER"],
    "The reader's `multipleOf` neither divides nor is a multiple of the writer's.",
    "Values that are multiples of the old step but not of the new one fail the reader.",
    r#"{"type": "integer", "multipleOf": 3}"#,
    r#"{"type": "integer", "multipleOf": 5}"#,
    "Use a step that divides the old one."
);

/// keyword, upper?, exclusive?, writer value, reader value, difference types.
type BoundSpec<'a> = (
    &'static str,
    bool,
    bool,
    &'a Option<Value>,
    &'a Option<Value>,
    BoundKinds,
);

/// Upper and lower bounds as (value, exclusive), draft 4's boolean exclusives folded in.
struct Bounds {
    max: Option<Value>,
    xmax: Option<Value>,
    min: Option<Value>,
    xmin: Option<Value>,
}

fn bounds(m: &Map<String, Value>) -> Bounds {
    let mut b = Bounds {
        max: m.get("maximum").cloned(),
        xmax: m.get("exclusiveMaximum").filter(|v| v.is_number()).cloned(),
        min: m.get("minimum").cloned(),
        xmin: m.get("exclusiveMinimum").filter(|v| v.is_number()).cloned(),
    };
    if m.get("exclusiveMaximum") == Some(&Value::Bool(true)) {
        b.xmax = b.max.take();
    }
    if m.get("exclusiveMinimum") == Some(&Value::Bool(true)) {
        b.xmin = b.min.take();
    }
    b
}

fn f(v: &Option<Value>) -> Option<f64> {
    v.as_ref().and_then(Value::as_f64)
}

/// Whether the writer's upper bounds already keep every value within `limit` (exclusive or not).
fn upper_implied(w: &Bounds, limit: f64, exclusive: bool) -> bool {
    let by_max = f(&w.max).is_some_and(|m| if exclusive { m < limit } else { m <= limit });
    let by_xmax = f(&w.xmax).is_some_and(|m| m <= limit);
    by_max || by_xmax
}

fn lower_implied(w: &Bounds, limit: f64, exclusive: bool) -> bool {
    let by_min = f(&w.min).is_some_and(|m| if exclusive { m > limit } else { m >= limit });
    let by_xmin = f(&w.xmin).is_some_and(|m| m >= limit);
    by_min || by_xmin
}

pub(super) fn compare(
    ctx: &mut Ctx<'_>,
    wt: Ty,
    rt: Ty,
    wm: &Map<String, Value>,
    rm: &Map<String, Value>,
    r: &Node,
    out: &mut Diffs,
) {
    let p = ctx.at(r, "type");
    if wt == Ty::Number && rt == Ty::Integer {
        push(
            out,
            "TYPE_NARROWED",
            p,
            "type narrowed from number to integer: the writer's fractional values are rejected",
            Some("number".into()),
            Some("integer".into()),
        );
    } else if wt == Ty::Integer && rt == Ty::Number {
        push(
            out,
            "TYPE_EXTENDED",
            p,
            "type extended from integer to number",
            Some("integer".into()),
            Some("number".into()),
        );
    }
    let (wb, rb) = (bounds(wm), bounds(rm));
    let specs: [BoundSpec<'_>; 4] = [
        (
            "maximum",
            true,
            false,
            &wb.max,
            &rb.max,
            BoundKinds {
                added: "MAXIMUM_ADDED",
                removed: "MAXIMUM_REMOVED",
                increased: "MAXIMUM_INCREASED",
                decreased: "MAXIMUM_DECREASED",
            },
        ),
        (
            "exclusiveMaximum",
            true,
            true,
            &wb.xmax,
            &rb.xmax,
            BoundKinds {
                added: "EXCLUSIVE_MAXIMUM_ADDED",
                removed: "EXCLUSIVE_MAXIMUM_REMOVED",
                increased: "EXCLUSIVE_MAXIMUM_INCREASED",
                decreased: "EXCLUSIVE_MAXIMUM_DECREASED",
            },
        ),
        (
            "minimum",
            false,
            false,
            &wb.min,
            &rb.min,
            BoundKinds {
                added: "MINIMUM_ADDED",
                removed: "MINIMUM_REMOVED",
                increased: "MINIMUM_INCREASED",
                decreased: "MINIMUM_DECREASED",
            },
        ),
        (
            "exclusiveMinimum",
            false,
            true,
            &wb.xmin,
            &rb.xmin,
            BoundKinds {
                added: "EXCLUSIVE_MINIMUM_ADDED",
                removed: "EXCLUSIVE_MINIMUM_REMOVED",
                increased: "EXCLUSIVE_MINIMUM_INCREASED",
                decreased: "EXCLUSIVE_MINIMUM_DECREASED",
            },
        ),
    ];
    for (keyword, upper, exclusive, wv, rv, kinds) in specs {
        // A reader bound the writer's own bounds already guarantee breaks nothing.
        if let Some(limit) = f(rv) {
            let implied = if upper {
                upper_implied(&wb, limit, exclusive)
            } else {
                lower_implied(&wb, limit, exclusive)
            };
            if implied && wv.as_ref().and_then(Value::as_f64) != Some(limit) {
                continue;
            }
        }
        bound(
            ctx,
            out,
            r,
            keyword,
            upper,
            wv.as_ref(),
            rv.as_ref(),
            &kinds,
        );
    }
    let p = ctx.at(r, "multipleOf");
    match (wm.get("multipleOf"), rm.get("multipleOf")) {
        (None, Some(rv)) => push(
            out,
            "MULTIPLE_OF_ADDED",
            p,
            format!(
                "`multipleOf` {} added: writer values that are not multiples of it are rejected",
                show(rv)
            ),
            None,
            Some(show(rv)),
        ),
        (Some(wv), None) => push(
            out,
            "MULTIPLE_OF_REMOVED",
            p,
            format!("`multipleOf` {} removed", show(wv)),
            Some(show(wv)),
            None,
        ),
        (Some(wv), Some(rv)) => {
            let (Some(a), Some(b)) = (wv.as_f64(), rv.as_f64()) else {
                return;
            };
            if a == b || b == 0.0 || a == 0.0 {
                return;
            }
            let divides = |x: f64, y: f64| {
                let q = x / y;
                (q - q.round()).abs() < 1e-9
            };
            let (kind, why) = if divides(a, b) {
                ("MULTIPLE_OF_REDUCED", "")
            } else if divides(b, a) {
                (
                    "MULTIPLE_OF_EXPANDED",
                    ": multiples of the writer's step that are not multiples of the reader's are rejected",
                )
            } else {
                (
                    "MULTIPLE_OF_CHANGED",
                    ": multiples of the writer's step that are not multiples of the reader's are rejected",
                )
            };
            push(
                out,
                kind,
                p,
                format!(
                    "`multipleOf` changed from {} to {}{why}",
                    show(wv),
                    show(rv)
                ),
                Some(show(wv)),
                Some(show(rv)),
            );
        }
        (None, None) => {}
    }
}
