//! Table-driven checks: oasdiff has one rule id per (keyword, place, change), for instance
//! `request-body-max-decreased`, `request-parameter-max-decreased` and
//! `response-property-max-increased` are the same comparison of `maximum` at three places in
//! two directions. Here each such id is one row of the `table` in `checks/mod.rs`: a `Place`
//! (which schema pairs it looks at) and a `Logic` (what it compares). The row still makes a
//! full catalogue entry with its own documentation; `apply` is the one mechanism behind all
//! rows.

use super::ops::{self, Sunset};
use super::{Sink, describe, enum_missing, hidden, path_of, type_text};
use crate::catalogue::RuleMeta;
use crate::openapi::Options;
use crate::openapi::node::fmt_num;
use crate::openapi::pairs::{Diff, Root, SchemaPair};
use crate::openapi::schema::{self, Dir, num};
use crate::openapi::view::At;

/// Which schema pairs a row looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The schema of a request body media type.
    ReqBody,
    /// Any schema below a request body's root (properties, items, subschemas).
    ReqProperty,
    /// The schema of a request parameter.
    Param,
    /// Any schema below a request parameter's root.
    ParamProperty,
    /// A property of an object-valued request header.
    HeaderProperty,
    RespBody,
    RespProperty,
}

impl Place {
    pub fn holds(self, s: &SchemaPair) -> bool {
        let body = s.is_body();
        let prop = s.is_property();
        match self {
            Place::ReqBody => s.dir == Dir::Request && body && !prop,
            Place::ReqProperty => s.dir == Dir::Request && body && prop,
            Place::Param => !body && !prop,
            Place::ParamProperty => !body && prop,
            Place::HeaderProperty => {
                prop && matches!(&s.root, Root::Param { location, .. } if location == "header")
            }
            Place::RespBody => s.dir == Dir::Response && body && !prop,
            Place::RespProperty => s.dir == Dir::Response && body && prop,
        }
    }
}

/// How a value changed from the old version to the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Increased,
    Decreased,
    /// Absent before, present now.
    Added,
    /// Present before, absent now.
    Removed,
    /// Present on both sides with different values.
    Changed,
}

/// How a type changed, in the words of oasdiff's type checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeChange {
    /// Values of the new type are a subset of the old (`number` → `integer`, and for
    /// parameters, which travel as text, `string` → anything).
    Specialized,
    /// The new type takes every old value and more (`integer` → `number`).
    Generalized,
    /// Neither.
    Other,
    /// The list of allowed types (a `type` array or a `oneOf`/`anyOf` of bare types) lost
    /// a type.
    ListNarrowed,
    /// The list of allowed types gained a type.
    ListWidened,
}

/// What a row compares at its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logic {
    /// A numeric keyword (`maximum`, `maxLength`, `minItems`, …) went up or down, or was
    /// set (`Added`) or unset (`Removed`).
    Bound(&'static str, Change),
    /// A keyword appeared, disappeared or changed value (compared structurally).
    Keyword(&'static str, Change),
    /// A member of a keyword's map (`patternProperties`, `dependentSchemas`,
    /// `dependentRequired`) appeared, disappeared or changed; one finding per member.
    Member(&'static str, Change),
    /// Entries of a subschema list (`allOf`, `anyOf`, `oneOf`, `prefixItems`) were added
    /// or removed; one finding per entry.
    Entries(&'static str, Change),
    /// Values of an enum keyword (`enum`, `x-extensible-enum`) were removed.
    EnumRemoved(&'static str),
    /// A schema with no `enum` got one.
    BecameEnum,
    /// The schema stopped accepting `null`.
    BecameNotNullable,
    /// The schema started accepting `null`.
    BecameNullable,
    Type(TypeChange),
    /// The schema was replaced by a `oneOf` of alternatives: a value matching more than one
    /// of them is now invalid.
    WrappedInOneOf,
    /// The `x-stability-level` of a property went down.
    StabilityDecreased,
    /// A property that was `writeOnly` (so never in responses) is not any more.
    BecameNotWriteOnly,
    /// A property was newly deprecated with a sunset problem (`Missing`, `ParseNew`,
    /// `TooSmall`).
    Deprecated(Sunset),
    /// A property became required (`Changed`) or was added as required (`Added`); only
    /// properties with (`Some(true)`) or without (`Some(false)`) a `default`, or any.
    Required(Change, Option<bool>),
}

/// Runs one table row.
pub fn apply(meta: &RuleMeta, place: Place, logic: Logic, d: &Diff, o: &Options, out: &mut Sink) {
    for s in d.schemas.iter().filter(|s| place.holds(s)) {
        if let Logic::Required(change, with_default) = logic {
            required(meta, change, with_default, d, s, out);
            continue;
        }
        let (Some(old), Some(new)) = (s.old, s.new) else {
            continue;
        };
        // oasdiff compares patterns even on properties that do not travel this way.
        if hidden(s, new) && !matches!(logic, Logic::Keyword("pattern", _)) {
            continue;
        }
        // Words are only made for hits: most rows match nothing on most pairs.
        let path = || path_of(d, s);
        let what = Words(s);
        match logic {
            Logic::Bound(key, change) => {
                let (a, b) = (num(old, key), num(new, key));
                let hit = match (change, a, b) {
                    (Change::Increased, Some(a), Some(b)) => b > a,
                    (Change::Decreased, Some(a), Some(b)) => b < a,
                    (Change::Added, None, Some(_)) | (Change::Removed, Some(_), None) => true,
                    _ => false,
                };
                if hit {
                    let show = |v: Option<f64>| v.map_or_else(|| "unset".to_string(), fmt_num);
                    let (a, b) = (show(a), show(b));
                    let msg = format!("the {key} of the {what} changed from {a} to {b}");
                    let at = new.get(key).unwrap_or(new);
                    out.change(meta, at, path(), msg, a, b);
                }
            }
            Logic::Keyword(key, change) => {
                let (a, b) = (old.get(key), new.get(key));
                let hit = match (change, a, b) {
                    (Change::Added, None, Some(_)) | (Change::Removed, Some(_), None) => true,
                    // A pattern relaxed to match anything narrows nothing.
                    (Change::Changed, Some(a), Some(b)) => {
                        let anything = key == "pattern" && matches!(b.str(), Some(".*" | ""));
                        !anything && !same(a, b)
                    }
                    _ => false,
                };
                if hit {
                    let show = |v: Option<At>| v.map_or_else(|| "unset".to_string(), render);
                    let (x, y) = (show(a), show(b));
                    let msg = format!("the {key} of the {what} changed from {x} to {y}");
                    out.change(meta, b.unwrap_or(new), path(), msg, x, y);
                }
            }
            Logic::Member(key, change) => {
                let (a, b) = (old.get(key), new.get(key));
                let names = |m: Option<At<'_>>| -> Vec<String> {
                    m.iter()
                        .flat_map(|m| m.members())
                        .map(|(k, _)| k.to_string())
                        .collect()
                };
                let (an, bn) = (names(a), names(b));
                let hits: Vec<&String> = match change {
                    Change::Added => bn.iter().filter(|k| !an.contains(k)).collect(),
                    Change::Removed => an.iter().filter(|k| !bn.contains(k)).collect(),
                    Change::Changed => an
                        .iter()
                        .filter(|k| {
                            let x = a.and_then(|m| m.get(k));
                            let y = b.and_then(|m| m.get(k));
                            matches!((x, y), (Some(x), Some(y)) if !same(x, y))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                for k in hits {
                    let verb = match change {
                        Change::Added => "added to",
                        Change::Removed => "removed from",
                        _ => "changed in",
                    };
                    let msg = format!("'{k}' was {verb} the {key} of the {what}");
                    out.hit(meta, b.unwrap_or(new), path(), msg);
                }
            }
            Logic::Entries(key, change) => {
                // `*-wrapped-in-one-of` claims a new oneOf around the old shape.
                if key == "oneOf" && schema::wrapped_in_one_of(old, new) {
                    continue;
                }
                let (a, b) = (old.get(key), new.get(key));
                let count = |m: Option<At>| m.map_or(0, |m| m.node.items().len());
                let paired = match (a, b) {
                    (Some(a), Some(b)) if key == "prefixItems" => {
                        count(Some(a)).min(count(Some(b)))
                    }
                    (Some(a), Some(b)) => schema::pair_subschemas(a, b).len(),
                    _ => 0,
                };
                let n = match change {
                    Change::Added => count(b).saturating_sub(paired),
                    Change::Removed => count(a).saturating_sub(paired),
                    _ => 0,
                };
                let verb = if change == Change::Added {
                    "added to"
                } else {
                    "removed from"
                };
                for _ in 0..n {
                    let msg = format!("a subschema was {verb} the {key} of the {what}");
                    out.hit(meta, b.unwrap_or(new), path(), msg);
                }
            }
            Logic::EnumRemoved(key) => {
                let values = |s: At<'_>| -> Vec<String> {
                    s.get(key)
                        .map(|e| e.items().map(|v| v.node.render()).collect())
                        .unwrap_or_default()
                };
                let (av, bv) = (values(old), values(new));
                let missing: Vec<String> = if key == "enum" {
                    enum_missing(old, new)
                } else if bv.is_empty() {
                    Vec::new()
                } else {
                    av.into_iter().filter(|v| !bv.contains(v)).collect()
                };
                for v in missing {
                    let msg = format!("removed the {key} value {v} from the {what}");
                    out.hit(meta, new.get(key).unwrap_or(new), path(), msg);
                }
            }
            Logic::BecameEnum => {
                if old.get("enum").is_none()
                    && let Some(e) = new.get("enum")
                {
                    let msg = format!("the {what} was restricted to a list of enum values");
                    out.hit(meta, e, path(), msg);
                }
            }
            Logic::BecameNotNullable => {
                if s.null_old && !s.null_new {
                    out.hit(
                        meta,
                        new,
                        path(),
                        format!("the {what} no longer accepts null"),
                    );
                }
            }
            Logic::BecameNullable => {
                if !s.null_old && s.null_new {
                    out.hit(meta, new, path(), format!("the {what} may now be null"));
                }
            }
            Logic::Type(kind) => {
                if type_change(s, old, new) == Some(kind) {
                    let (a, b) = (type_text(old), type_text(new));
                    let msg = format!("the type of the {what} changed from '{a}' to '{b}'");
                    out.change(meta, new, path(), msg, a, b);
                }
            }
            Logic::WrappedInOneOf => {
                if schema::wrapped_in_one_of(old, new) {
                    let msg = format!("the {what} was wrapped in a oneOf");
                    out.hit(meta, new.get("oneOf").unwrap_or(new), path(), msg);
                }
            }
            Logic::StabilityDecreased => {
                if let (Ok(a), Ok(b)) = (ops::stability(old), ops::stability(new))
                    && ops::rank(b) < ops::rank(a)
                {
                    let (a, b) = (a.unwrap_or("stable"), b.unwrap_or("stable"));
                    let msg =
                        format!("the stability level of the {what} decreased from {a} to {b}");
                    out.change(meta, new, path(), msg, a.to_string(), b.to_string());
                }
            }
            Logic::BecameNotWriteOnly => {
                if s.required_new
                    && schema::flag(old, "writeOnly")
                    && !schema::flag(new, "writeOnly")
                {
                    let msg = format!("the required {what} is no longer write-only");
                    out.hit(meta, new, path(), msg);
                }
            }
            Logic::Deprecated(want) => {
                if ops::deprecated(old) || !ops::deprecated(new) {
                    continue;
                }
                let days = ops::min_days(d.ops[s.op].new.op, o);
                let sunset = new.get("x-sunset");
                let problem = match (want, sunset) {
                    (Sunset::Missing, None) => days > 0,
                    (Sunset::ParseNew, Some(x)) => ops::bad_date(x),
                    (Sunset::TooSmall, Some(x)) => {
                        days > 0
                            && x.str()
                                .and_then(crate::openapi::sunset::parse_date)
                                .is_some_and(|t| t < o.today + days)
                    }
                    _ => false,
                };
                if problem {
                    let msg = match want {
                        Sunset::Missing => format!(
                            "the {what} was deprecated without an x-sunset date ({days} days of notice are required)"
                        ),
                        Sunset::ParseNew => {
                            format!("the {what} was deprecated with an x-sunset that is not a date")
                        }
                        _ => format!(
                            "the {what} was deprecated with a sunset date less than {days} days away"
                        ),
                    };
                    out.hit(meta, sunset.unwrap_or(new), path(), msg);
                }
            }
            Logic::Required(..) => {}
        }
    }
}

fn required(
    meta: &RuleMeta,
    change: Change,
    with_default: Option<bool>,
    d: &Diff,
    s: &SchemaPair,
    out: &mut Sink,
) {
    let Some(new) = s.new else { return };
    let hit = match change {
        Change::Added => s.old.is_none() && s.required_new,
        _ => s.old.is_some() && !s.required_old && s.required_new,
    };
    if hit && !hidden(s, new) && with_default.is_none_or(|w| new.get("default").is_some() == w) {
        let verb = if change == Change::Added {
            "was added as required"
        } else {
            "became required"
        };
        let msg = format!("the {} {verb}", describe(s));
        out.hit(meta, new, path_of(d, s), msg);
    }
}

/// `describe` of a pair, made when formatted.
struct Words<'p, 'a>(&'p SchemaPair<'a>);

impl std::fmt::Display for Words<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&describe(self.0))
    }
}

fn same(a: At, b: At) -> bool {
    schema::Walker::default().same(a, b)
}

fn render(a: At) -> String {
    let r = a.deref();
    match r.ref_str() {
        Some(x) => x.to_string(),
        None => r.node.render(),
    }
}

/// The list of types a schema allows: its `type` (an array in 3.1), or the types of a
/// `oneOf`/`anyOf` whose entries are all bare `{type: …}` schemas.
pub fn type_list(s: At<'_>) -> Option<Vec<&str>> {
    let t = schema::types(s);
    if !t.is_empty() {
        return Some(t);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(list) = s.get(key) {
            let mut out = Vec::new();
            for e in list.items() {
                let e = e.deref();
                if e.node.members().len() != 1 {
                    return None;
                }
                out.extend(schema::types(e));
            }
            out.sort_unstable();
            out.dedup();
            return (!out.is_empty()).then_some(out);
        }
    }
    None
}

/// How the type of a pair changed, if it did. The generic `*-type-changed` checks leave
/// out what a more precise id (generalized, list narrowed or widened) reports.
pub(crate) fn type_change(s: &SchemaPair, old: At, new: At) -> Option<TypeChange> {
    let (a, b) = (type_list(old)?, type_list(new)?);
    if a == b {
        return None;
    }
    if a.len() > 1 || b.len() > 1 {
        let lost = a.iter().any(|t| !b.contains(t));
        let gained = b.iter().any(|t| !a.contains(t));
        return match (lost, gained) {
            (true, false) => Some(TypeChange::ListNarrowed),
            (false, true) => Some(TypeChange::ListWidened),
            _ => Some(TypeChange::Other),
        };
    }
    let (x, y) = (a[0], b[0]);
    let param = !s.is_body();
    Some(match (x, y) {
        ("integer", "number") => TypeChange::Generalized,
        ("number", "integer") => TypeChange::Specialized,
        // A parameter travels as text: any typed value was a string before.
        ("string", _) if param => TypeChange::Specialized,
        _ => TypeChange::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::load_str;
    use std::path::Path;

    /// The schemas under `components/schemas` of a small 3.1 document.
    fn spec(schemas: &str) -> crate::openapi::Spec {
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        load_str(Path::new("t.yaml"), &text).expect("test spec loads")
    }

    fn schema<'a>(s: &'a crate::openapi::Spec, name: &str) -> At<'a> {
        s.root()
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|c| c.get(name))
            .expect("schema exists")
    }

    #[test]
    fn type_lists_come_from_type_arrays_and_bare_alternatives() {
        let s = spec(
            "    A: {type: [string, integer, 'null']}\n    B: {oneOf: [{type: string}, {type: integer}]}\n    C: {oneOf: [{type: string, maxLength: 3}, {type: integer}]}\n",
        );
        assert_eq!(type_list(schema(&s, "A")), Some(vec!["integer", "string"]));
        assert_eq!(type_list(schema(&s, "B")), Some(vec!["integer", "string"]));
        // An alternative with more than a type is a real subschema, not a list of types.
        assert_eq!(type_list(schema(&s, "C")), None);
    }

    #[test]
    fn wrapping_in_one_of_needs_a_shape_before_and_only_alternatives_after() {
        let s = spec(
            "    Old: {type: object, properties: {a: {type: string}}}\n    New: {oneOf: [{type: object}, {type: string}]}\n    Typed: {type: object, oneOf: [{required: [a]}]}\n",
        );
        let (old, new, typed) = (schema(&s, "Old"), schema(&s, "New"), schema(&s, "Typed"));
        assert!(schema::wrapped_in_one_of(old, new));
        assert!(!schema::wrapped_in_one_of(new, old));
        assert!(!schema::wrapped_in_one_of(old, typed));
    }
}
