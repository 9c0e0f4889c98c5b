//! Arrays: list `items`, tuple items (`items` arrays before 2020-12, `prefixItems` after) with
//! their content model (`additionalItems`, 2020-12's `items` after `prefixItems`,
//! `unevaluatedItems`), `minItems`/`maxItems`, `uniqueItems`.

use super::object::Additional;
use super::types::compare_optional;
use super::{BoundKinds, Ctx, Diffs, JsonPolicy, bound, push, show};
use crate::jsonschema::model::{Class, Node};
use crate::jsonschema::parse::{Draft, Schema};
use serde_json::{Map, Value};

rule!(
    ITEM_ADDED_TO_OPEN_CONTENT_MODEL,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader's tuple declares a position the writer's open tuple left free.",
    "The writer's tuple allowed any value after its declared positions; the reader now validates that position with a schema such values can fail. Strict reading; `--json-policy lenient` accepts it.",
    r#"{"type": "array", "items": [{"type": "string"}]}"#,
    r#"{"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}"#,
    "Add the position with the empty schema `{}` first, or give tuples an `additionalItems` schema from the start so new positions that accept it are covered."
);

rule!(
    ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader's closed tuple drops a position the writer declared.",
    "Writer arrays that fill the position are longer than the reader's closed tuple allows and are rejected.",
    r#"{"type": "array", "items": [{"type": "string"}, {"type": "integer"}], "additionalItems": false}"#,
    r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": false}"#,
    "Keep the position in the reader, or open the reader's tuple."
);

rule!(
    ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader's tuple declares a position whose schema rejects values the writer's `additionalItems` schema allowed there.",
    "Writer arrays may hold, at that position, values valid for the writer's additional-items schema that the reader's new position schema rejects.",
    r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": {"type": "number"}}"#,
    r#"{"type": "array", "items": [{"type": "string"}, {"type": "integer"}], "additionalItems": {"type": "number"}}"#,
    "Give the new position a schema that accepts what `additionalItems` allowed."
);

rule!(
    ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader's tuple drops a position, and its `additionalItems` schema rejects the writer's values for it.",
    "The position now falls under the reader's additional-items schema, which rejects values the writer's position schema allowed.",
    r#"{"type": "array", "items": [{"type": "string"}, {"type": "integer"}], "additionalItems": {"type": "string"}}"#,
    r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": {"type": "string"}}"#,
    "Keep the position, or widen `additionalItems` to cover its values."
);

rule!(
    ADDITIONAL_ITEMS_REMOVED,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader closes a tuple (`additionalItems: false`) the writer left open.",
    "Writer arrays longer than the reader's tuple are rejected.",
    r#"{"type": "array", "items": [{"type": "string"}]}"#,
    r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": false}"#,
    "Keep the reader's tuple open; close it only in a step checked with `--json-policy lenient` once no writer sends longer arrays."
);

rule!(
    ADDITIONAL_ITEMS_NARROWED,
    ["ARRAY", "CONTENT_MODEL"],
    "The reader gives the items after its tuple a schema where the writer allowed anything.",
    "Writer arrays with other values after the tuple positions are rejected.",
    r#"{"type": "array", "items": [{"type": "string"}]}"#,
    r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": {"type": "string"}}"#,
    "Constrain writers first."
);

rule!(
    MAX_ITEMS_ADDED,
    ["ARRAY"],
    "The reader limits the length of an array the writer left unbounded.",
    "Writer arrays longer than the new `maxItems` are rejected.",
    r#"{"type": "array"}"#,
    r#"{"type": "array", "maxItems": 10}"#,
    "Leave the reader unbounded."
);

rule!(
    MAX_ITEMS_DECREASED,
    ["ARRAY"],
    "The reader lowers `maxItems`.",
    "Writer arrays with a length between the new and the old limit are rejected.",
    r#"{"type": "array", "maxItems": 20}"#,
    r#"{"type": "array", "maxItems": 10}"#,
    "Keep the old limit."
);

rule!(
    MIN_ITEMS_ADDED,
    ["ARRAY"],
    "The reader requires a minimum array length the writer did not.",
    "Shorter writer arrays, the empty array included, are rejected.",
    r#"{"type": "array"}"#,
    r#"{"type": "array", "minItems": 1}"#,
    "Leave the reader without a minimum."
);

rule!(
    MIN_ITEMS_INCREASED,
    ["ARRAY"],
    "The reader raises `minItems`.",
    "Writer arrays with a length between the old and the new minimum are rejected.",
    r#"{"type": "array", "minItems": 1}"#,
    r#"{"type": "array", "minItems": 2}"#,
    "Keep the old minimum."
);

rule!(
    UNIQUE_ITEMS_ADDED,
    ["ARRAY"],
    "The reader requires unique items; the writer allowed duplicates.",
    "Writer arrays that repeat a value are rejected.",
    r#"{"type": "array", "items": {"type": "string"}}"#,
    r#"{"type": "array", "items": {"type": "string"}, "uniqueItems": true}"#,
    "Deduplicate in writers first."
);

struct Arr {
    all: Option<Node>,
    tuple: Vec<Node>,
    additional: Additional,
    /// Keyword that holds the tuple and the one that holds its content model (for locations).
    tuple_kw: &'static str,
    additional_kw: &'static str,
}

impl Arr {
    fn new(schema: &Schema, ptr: &str, m: &Map<String, Value>) -> Arr {
        let tuple_of = |kw: &str, a: &Vec<Value>| {
            (0..a.len())
                .map(|i| Node::whole(format!("{ptr}/{kw}/{i}")))
                .collect::<Vec<_>>()
        };
        let content = |kw: &'static str| -> (&'static str, Additional) {
            match m.get(kw) {
                Some(v) => (kw, Additional::of(schema, ptr, kw, Some(v))),
                None => (
                    "unevaluatedItems",
                    Additional::of(schema, ptr, "unevaluatedItems", m.get("unevaluatedItems")),
                ),
            }
        };
        if schema.draft >= Draft::Draft202012
            && let Some(Value::Array(a)) = m.get("prefixItems")
        {
            let (additional_kw, additional) = content("items");
            return Arr {
                all: None,
                tuple: tuple_of("prefixItems", a),
                additional,
                tuple_kw: "prefixItems",
                additional_kw,
            };
        }
        match m.get("items") {
            Some(Value::Array(a)) => {
                let (additional_kw, additional) = content("additionalItems");
                Arr {
                    all: None,
                    tuple: tuple_of("items", a),
                    additional,
                    tuple_kw: "items",
                    additional_kw,
                }
            }
            Some(_) => Arr {
                all: Some(Node::whole(format!("{ptr}/items"))),
                tuple: Vec::new(),
                additional: Additional::Open,
                tuple_kw: "items",
                additional_kw: "additionalItems",
            },
            None => Arr {
                all: None,
                tuple: Vec::new(),
                additional: Additional::Open,
                tuple_kw: "items",
                additional_kw: "additionalItems",
            },
        }
    }
}

pub(super) fn compare(
    ctx: &mut Ctx<'_>,
    w: &Node,
    r: &Node,
    wm: &Map<String, Value>,
    rm: &Map<String, Value>,
    out: &mut Diffs,
) {
    let wptr = ctx.wptr(w);
    let rptr = ctx.rptr(r);
    let wa = Arr::new(ctx.w, &wptr, wm);
    let ra = Arr::new(ctx.r, &rptr, rm);

    compare_optional(ctx, wa.all.clone(), ra.all.clone(), r, "items", out);

    // Tuple positions.
    let n = wa.tuple.len().min(ra.tuple.len());
    for i in 0..n {
        out.extend(ctx.compare(&wa.tuple[i], &ra.tuple[i]));
    }
    for (i, rn) in ra.tuple.iter().enumerate().skip(wa.tuple.len()) {
        let p = format!("{rptr}/{}/{i}", ra.tuple_kw);
        let after = ctx.r.value(&ctx.rptr(rn)).map(show);
        match &wa.additional {
            Additional::Closed => push(
                out,
                "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL",
                p,
                format!("position {i} added; the writer's closed tuple never filled it"),
                None,
                None,
            ),
            Additional::Open => {
                if matches!(ctx.r.class(rn), Class::True) {
                    push(
                        out,
                        "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
                        p,
                        format!("position {i} added with an empty schema"),
                        None,
                        None,
                    );
                } else {
                    push(
                        out,
                        "ITEM_ADDED_TO_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "position {i} added to a tuple the writer left open: the writer may have put values there that this schema rejects"
                        ),
                        None,
                        after,
                    );
                }
            }
            Additional::Schema(s) => {
                let d = ctx.compare(s, rn);
                if ctx.ok(&d) {
                    out.extend(d);
                    push(
                        out,
                        "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "position {i} added; it accepts what the writer's additional items allowed"
                        ),
                        None,
                        None,
                    );
                } else {
                    if ctx.policy == JsonPolicy::Strict {
                        out.extend(d);
                    }
                    push(
                        out,
                        "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "position {i} added with a schema that rejects values the writer's additional items allowed there"
                        ),
                        ctx.w.value(&ctx.wptr(s)).map(show),
                        after,
                    );
                }
            }
        }
    }
    for (i, wn) in wa.tuple.iter().enumerate().skip(ra.tuple.len()) {
        let p = format!("{rptr}/{}", ra.tuple_kw);
        let before = ctx.w.value(&ctx.wptr(wn)).map(show);
        match &ra.additional {
            Additional::Open => push(
                out,
                "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
                p,
                format!("position {i} removed; the reader's open tuple still accepts it"),
                None,
                None,
            ),
            Additional::Schema(s) => {
                let d = ctx.compare(wn, s);
                let fine = ctx.ok(&d);
                out.extend(d);
                if fine {
                    push(
                        out,
                        "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                        p,
                        format!("position {i} removed; the reader's additional items accept it"),
                        None,
                        None,
                    );
                } else {
                    push(
                        out,
                        "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
                        p,
                        format!(
                            "position {i} removed: it now falls under the reader's additional items, which reject values the writer allowed"
                        ),
                        before,
                        ctx.r.value(&ctx.rptr(s)).map(show),
                    );
                }
            }
            Additional::Closed => {
                if matches!(ctx.w.class(wn), Class::False) {
                    push(
                        out,
                        "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL",
                        p,
                        format!("forbidden position {i} removed"),
                        None,
                        None,
                    );
                } else {
                    push(
                        out,
                        "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL",
                        p,
                        format!(
                            "position {i} removed from a closed tuple: writer arrays that fill it are rejected"
                        ),
                        before,
                        None,
                    );
                }
            }
        }
    }

    // Content model after the tuple.
    let ap = ctx.at(r, ra.additional_kw);
    if wa.additional.permits() != ra.additional.permits() {
        if wa.additional.permits() {
            push(
                out,
                "ADDITIONAL_ITEMS_REMOVED",
                ap,
                "the reader closed the tuple: writer arrays longer than it are rejected",
                Some("open".into()),
                Some("closed".into()),
            );
        } else {
            push(
                out,
                "ADDITIONAL_ITEMS_ADDED",
                ap,
                "the reader opened the tuple",
                None,
                None,
            );
        }
    } else {
        match (&wa.additional, &ra.additional) {
            (Additional::Open, Additional::Schema(n)) => {
                let after = ctx.r.value(&ctx.rptr(n)).map(show);
                push(
                    out,
                    "ADDITIONAL_ITEMS_NARROWED",
                    ap,
                    "the reader gave the items after its tuple a schema; the writer allowed any value there",
                    None,
                    after,
                );
            }
            (Additional::Schema(_), Additional::Open) => push(
                out,
                "ADDITIONAL_ITEMS_EXTENDED",
                ap,
                "the reader allows any item after its tuple",
                None,
                None,
            ),
            (Additional::Schema(a), Additional::Schema(b)) => out.extend(ctx.compare(a, b)),
            _ => {}
        }
    }

    bound(
        ctx,
        out,
        r,
        "maxItems",
        true,
        wm.get("maxItems"),
        rm.get("maxItems"),
        &BoundKinds {
            added: "MAX_ITEMS_ADDED",
            removed: "MAX_ITEMS_REMOVED",
            increased: "MAX_ITEMS_INCREASED",
            decreased: "MAX_ITEMS_DECREASED",
        },
    );
    bound(
        ctx,
        out,
        r,
        "minItems",
        false,
        wm.get("minItems"),
        rm.get("minItems"),
        &BoundKinds {
            added: "MIN_ITEMS_ADDED",
            removed: "MIN_ITEMS_REMOVED",
            increased: "MIN_ITEMS_INCREASED",
            decreased: "MIN_ITEMS_DECREASED",
        },
    );
    let unique = |m: &Map<String, Value>| m.get("uniqueItems") == Some(&Value::Bool(true));
    match (unique(wm), unique(rm)) {
        (false, true) => push(
            out,
            "UNIQUE_ITEMS_ADDED",
            ctx.at(r, "uniqueItems"),
            "uniqueItems added: writer arrays with repeated values are rejected",
            Some("false".into()),
            Some("true".into()),
        ),
        (true, false) => push(
            out,
            "UNIQUE_ITEMS_REMOVED",
            rptr.clone(),
            "uniqueItems removed",
            None,
            None,
        ),
        _ => {}
    }
}
