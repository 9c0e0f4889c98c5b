//! Combined schemas (`allOf` products, `anyOf`/`oneOf` sums, and the products and sums accord
//! reads into one object such as `{"type": ["string", "null"]}`) and `not`.

use super::{Ctx, Diffs, push, show};
use crate::jsonschema::model::{Class, Criterion, Node};
use crate::jsonschema::parse::Schema;
use serde_json::Value;

rule!(
    COMBINED_TYPE_CHANGED,
    ["COMBINED"],
    "The reader combines its subschemas with another keyword than the writer (for example `anyOf` becomes `oneOf`, or `oneOf` becomes `allOf`).",
    "Values valid under the writer's combination need not be valid under the reader's: a value matching two `anyOf` branches fails `oneOf`, a value matching one branch fails `allOf`. Only a change to `anyOf` is safe.",
    r#"{"anyOf": [{"type": "string"}, {"maxLength": 3}]}"#,
    r#"{"oneOf": [{"type": "string"}, {"maxLength": 3}]}"#,
    "Change to `anyOf` only, or keep the writer's keyword."
);

rule!(
    PRODUCT_TYPE_EXTENDED,
    ["COMBINED"],
    "The reader's `allOf` has more subschemas than the writer's.",
    "Every extra `allOf` branch is one more condition that writer values were never checked against.",
    r#"{"allOf": [{"type": "object"}]}"#,
    r#"{"allOf": [{"type": "object"}, {"required": ["id"]}]}"#,
    "Add conditions to writers first; add them to the reader once all data satisfies them."
);

rule!(
    SUM_TYPE_NARROWED,
    ["COMBINED"],
    "The reader's `anyOf`/`oneOf` (or its `type` list) drops alternatives the writer had.",
    "Writer values that matched only a removed alternative are rejected.",
    r#"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#,
    r#"{"oneOf": [{"type": "string"}]}"#,
    "Keep every alternative the writer used; stop writers from using one before removing it."
);

rule!(
    COMBINED_TYPE_SUBSCHEMAS_CHANGED,
    ["COMBINED"],
    "The subschemas of the reader's combination cannot be paired one to one with compatible subschemas of the writer's.",
    "For some writer branch no reader branch accepts its values (the pairing is a maximum bipartite matching of compatible pairs, as in the Confluent registry), so values of that branch can be rejected.",
    r#"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#,
    r#"{"oneOf": [{"type": "string"}, {"type": "boolean"}]}"#,
    "Change one branch at a time in compatible ways, and keep the old alternatives until writers stop using them."
);

rule!(
    NOT_TYPE_EXTENDED,
    ["COMBINED"],
    "The reader's `not` excludes values the writer's `not` allowed.",
    "The reader rejects everything its `not` schema matches; where that schema matches more than the writer's did, writer values fall into the excluded set.",
    r#"{"not": {"type": "string", "maxLength": 0}}"#,
    r#"{"not": {"type": "string"}}"#,
    "Keep the reader's `not` schema at most as broad as the writer's."
);

/// The JSON of some subschemas (one, or an array of several), for before/after.
fn side(schema: &Schema, nodes: &[Node]) -> Option<String> {
    let values: Vec<Value> = nodes
        .iter()
        .filter_map(|n| schema.value(schema.deref(&n.ptr)).cloned())
        .collect();
    match values.as_slice() {
        [one] => Some(show(one)),
        _ => Some(show(&Value::Array(values))),
    }
}

/// The distinct subschemas of a combination (Confluent compares sets).
fn distinct(ctx: &Ctx<'_>, writer: bool, subs: &[Node]) -> Vec<Node> {
    let schema = if writer { ctx.w } else { ctx.r };
    let mut seen: Vec<Option<&Value>> = Vec::new();
    let mut out = Vec::new();
    for s in subs {
        let v = schema
            .value(schema.deref(&s.ptr))
            .filter(|_| s.view == crate::jsonschema::model::View::Whole);
        if v.is_some() && seen.contains(&v) {
            continue;
        }
        seen.push(v);
        out.push(s.clone());
    }
    out
}

/// A maximum matching in a bipartite graph given as adjacency lists (Kuhn's algorithm): the
/// left vertex matched to each right vertex.
fn max_matching(adj: &[Vec<usize>], right: usize) -> Vec<Option<usize>> {
    fn augment(
        u: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &v in &adj[u] {
            if !seen[v] {
                seen[v] = true;
                if owner[v].is_none_or(|o| augment(o, adj, seen, owner)) {
                    owner[v] = Some(u);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; right];
    for u in 0..adj.len() {
        let mut seen = vec![false; right];
        augment(u, adj, &mut seen, &mut owner);
    }
    owner
}

pub(super) fn compare(
    ctx: &mut Ctx<'_>,
    w: &Node,
    wc: &Class<'_>,
    rc: &Class<'_>,
    r: &Node,
    out: &mut Diffs,
) {
    let (
        Class::Combined {
            criterion: wk,
            subs: ws,
            ..
        },
        Class::Combined {
            criterion: rk,
            subs: rs,
            synthetic: rsyn,
        },
    ) = (wc, rc)
    else {
        return;
    };
    let p = if *rsyn {
        ctx.rptr(r)
    } else {
        ctx.at(r, rk.keyword())
    };
    let wsyn = matches!(
        wc,
        Class::Combined {
            synthetic: true,
            ..
        }
    );
    if (*rsyn || wsyn) && *wk == Criterion::AllOf && *rk == Criterion::AllOf {
        // One object read as several parts (type keywords next to allOf/anyOf/oneOf/not/enum):
        // a reader value must satisfy each of the reader's parts, so compare part by part —
        // with the writer's part of the same kind when both are such objects, else with the
        // writer as a whole.
        for rp in rs {
            match ws.iter().find(|wp| wsyn && *rsyn && wp.view == rp.view) {
                Some(wp) => out.extend(ctx.compare(wp, rp)),
                None => out.extend(ctx.compare(w, rp)),
            }
        }
        return;
    }
    if *rsyn && wsyn && *wk == Criterion::AnyOf && *rk == Criterion::AnyOf {
        // Two lists of types: pair each writer type with the reader's same type, or one of
        // its family (integer and number).
        for wp in ws {
            let wt = ctx.w.class(wp);
            let same = |rp: &&Node| match (ctx.r.class(rp), &wt) {
                (Class::Typed(a, _), Class::Typed(b, _)) => a == *b,
                _ => false,
            };
            let partner = rs
                .iter()
                .find(same)
                .or_else(|| rs.iter().find(|rp| ctx.r.class(rp).same_shape(&wt)));
            match partner {
                Some(rp) => out.extend(ctx.compare(wp, rp)),
                None => push(
                    out,
                    "SUM_TYPE_NARROWED",
                    ctx.at(r, "type"),
                    format!(
                        "type {} removed from the type list: the writer's {} values are rejected",
                        wt.describe(),
                        wt.describe()
                    ),
                    Some(wt.describe()),
                    None,
                ),
            }
        }
        return;
    }
    if wk != rk {
        if *rk == Criterion::AnyOf {
            push(
                out,
                "COMBINED_TYPE_EXTENDED",
                p.clone(),
                format!("{} became anyOf", wk.keyword()),
                None,
                None,
            );
        } else {
            push(
                out,
                "COMBINED_TYPE_CHANGED",
                p,
                format!(
                    "{} became {}: values valid under the writer's combination can fail the reader's",
                    wk.keyword(),
                    rk.keyword()
                ),
                Some(wk.keyword().into()),
                Some(rk.keyword().into()),
            );
            return;
        }
    }
    let ws = distinct(ctx, true, ws);
    let rs = distinct(ctx, false, rs);
    let product = *rk == Criterion::AllOf;
    // Which writer branch each reader branch can read.
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); ws.len()];
    for (i, w) in ws.iter().enumerate() {
        for (j, rn) in rs.iter().enumerate() {
            let d = ctx.compare(w, rn);
            if ctx.ok(&d) {
                adj[i].push(j);
            }
        }
    }
    if ws.len() < rs.len() {
        if product {
            push(
                out,
                "PRODUCT_TYPE_EXTENDED",
                p.clone(),
                format!(
                    "allOf grew from {} to {} subschemas: writer values were never checked against the new ones",
                    ws.len(),
                    rs.len()
                ),
                Some(ws.len().to_string()),
                Some(rs.len().to_string()),
            );
        } else {
            push(
                out,
                "SUM_TYPE_EXTENDED",
                p.clone(),
                format!(
                    "{} grew from {} to {} alternatives",
                    rk.keyword(),
                    ws.len(),
                    rs.len()
                ),
                None,
                None,
            );
        }
    } else if ws.len() > rs.len() {
        if product {
            push(
                out,
                "PRODUCT_TYPE_NARROWED",
                p.clone(),
                format!("allOf shrank from {} to {} subschemas", ws.len(), rs.len()),
                None,
                None,
            );
        } else if adj.iter().any(Vec::is_empty) {
            push(
                out,
                "SUM_TYPE_NARROWED",
                p.clone(),
                format!(
                    "{} shrank from {} to {} alternatives: writer values of a removed alternative are rejected",
                    rk.keyword(),
                    ws.len(),
                    rs.len()
                ),
                Some(ws.len().to_string()),
                Some(rs.len().to_string()),
            );
        }
    }
    let owner = max_matching(&adj, rs.len());
    let matched = owner.iter().flatten().count();
    if matched < ws.len().min(rs.len()) {
        push(
            out,
            "COMBINED_TYPE_SUBSCHEMAS_CHANGED",
            p,
            format!(
                "{} of the writer's {} subschemas have no compatible counterpart in the reader's {}",
                ws.len().min(rs.len()) - matched,
                wk.keyword(),
                rk.keyword()
            ),
            side(ctx.w, &ws),
            side(ctx.r, &rs),
        );
        // Say why: an unmatched writer branch against the unmatched reader branch at the
        // same position, when there is one.
        for (i, w) in ws.iter().enumerate() {
            let w_matched = owner.contains(&Some(i));
            if !w_matched && i < rs.len() && owner[i].is_none() {
                out.extend(ctx.compare(w, &rs[i]));
            }
        }
    }
}

pub(super) fn compare_not(ctx: &mut Ctx<'_>, wn: &Node, rn: &Node, r: &Node, out: &mut Diffs) {
    // The reader rejects what its `not` matches; it is compatible when the writer's `not`
    // matches at least that, i.e. when the writer's `not` schema, read as a reader, accepts
    // everything the reader's `not` schema allows.
    let mut swapped = Ctx::new(ctx.r, ctx.w, ctx.policy);
    swapped.depth = ctx.depth + 1;
    let d = swapped.compare(rn, wn);
    let p = ctx.at(r, "not");
    if swapped.ok(&d) {
        if !d.is_empty() {
            push(
                out,
                "NOT_TYPE_NARROWED",
                p,
                "the reader's `not` excludes less than the writer's",
                None,
                None,
            );
        }
    } else {
        push(
            out,
            "NOT_TYPE_EXTENDED",
            p,
            "the reader's `not` excludes values the writer's `not` allowed",
            side(ctx.w, std::slice::from_ref(wn)),
            side(ctx.r, std::slice::from_ref(rn)),
        );
    }
}
