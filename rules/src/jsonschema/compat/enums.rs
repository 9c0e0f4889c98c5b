//! `enum` and `const` (a `const` is an enum of one value).

use super::{Ctx, Diffs, push, show};
use crate::jsonschema::model::Node;
use serde_json::Value;

rule!(
    ENUM_ARRAY_NARROWED,
    ["ENUM"],
    "The reader's `enum` (or `const`) drops values the writer's allowed.",
    "Writer messages carrying a dropped value are rejected by the reader.",
    r#"{"enum": ["draft", "sent", "paid"]}"#,
    r#"{"enum": ["draft", "sent"]}"#,
    "Keep every old value in the reader's enum; stop writers from producing a value before removing it, and remove it only when no old data has it."
);

rule!(
    ENUM_ARRAY_CHANGED,
    ["ENUM"],
    "The reader's `enum` (or `const`) both drops and adds values.",
    "Writer messages carrying a dropped value are rejected; the added values do not help old data.",
    r#"{"enum": ["draft", "sent"]}"#,
    r#"{"enum": ["draft", "dispatched"]}"#,
    "Add the new values first (a compatible extension), migrate writers, then remove old values once no data has them."
);

fn list(v: &[&Value]) -> String {
    match v {
        [one] => show(one),
        _ => show(&Value::Array(v.iter().map(|x| (*x).clone()).collect())),
    }
}

pub(super) fn compare(ctx: &mut Ctx<'_>, wv: &[&Value], rv: &[&Value], r: &Node, out: &mut Diffs) {
    let keyword = if ctx.r.value(&format!("{}/enum", ctx.rptr(r))).is_some() {
        "enum"
    } else {
        "const"
    };
    let p = ctx.at(r, keyword);
    let r_has_all = wv.iter().all(|x| rv.contains(x));
    let w_has_all = rv.iter().all(|x| wv.contains(x));
    let dropped: Vec<&Value> = wv.iter().copied().filter(|x| !rv.contains(x)).collect();
    let (kind, message) = match (r_has_all, w_has_all) {
        (true, true) => return,
        (true, false) => (
            "ENUM_ARRAY_EXTENDED",
            format!("{keyword} extended from {} to {}", list(wv), list(rv)),
        ),
        (false, true) => (
            "ENUM_ARRAY_NARROWED",
            format!(
                "{keyword} narrowed from {} to {}: writer values {} are rejected",
                list(wv),
                list(rv),
                list(&dropped)
            ),
        ),
        (false, false) => (
            "ENUM_ARRAY_CHANGED",
            format!(
                "{keyword} changed from {} to {}: writer values {} are rejected",
                list(wv),
                list(rv),
                list(&dropped)
            ),
        ),
    };
    push(out, kind, p, message, Some(list(wv)), Some(list(rv)));
}
