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
    /// Any schema of a request parameter, its root or below.
    ParamAny,
    /// A request property that is `readOnly` (so never sent): oasdiff's `request-read-only-*`.
    ReqReadOnly,
    /// A response property that is `writeOnly` (so never returned).
    RespWriteOnly,
}

impl Place {
    pub fn holds(self, s: &SchemaPair) -> bool {
        let body = s.is_body();
        let prop = s.is_property();
        match self {
            Place::ReqBody => s.dir == Dir::Request && body && !prop,
            Place::ReqProperty => s.dir == Dir::Request && body && prop,
            Place::Param => !body && !prop,
            Place::ParamAny => !body,
            Place::ParamProperty => !body && prop,
            Place::HeaderProperty => {
                prop && matches!(&s.root, Root::Param { location, .. } if location == "header")
            }
            Place::RespBody => s.dir == Dir::Response && body && !prop,
            Place::RespProperty | Place::RespWriteOnly => s.dir == Dir::Response && body && prop,
            Place::ReqReadOnly => s.dir == Dir::Request && body && prop,
        }
    }

    /// Whether the place is the properties that do not travel in its direction.
    fn hidden_only(self) -> bool {
        matches!(self, Place::ReqReadOnly | Place::RespWriteOnly)
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
    /// Annotation-only entries (`{title: …}`, `{description: …}`: they validate nothing)
    /// were added to or removed from an `allOf`; `Entries("allOf", …)` leaves them out.
    AllOfAnnotation(&'static str, Change),
    /// Values were added to an `enum`.
    EnumAdded,
    /// The type or format changed in a way that does not break clients in this direction:
    /// `false` a widening (request) or narrowing (response), `true` a swap of concrete
    /// types that only loosely typed media (not JSON) tolerate.
    TypeOk(bool),
    /// The `discriminator` (`""`), its `propertyName` or its `mapping` changed.
    Discriminator(&'static str, Change),
    /// A required property became optional.
    BecameOptional,
    /// A property was added (`Added`) or removed (`Removed`); `Some(true)`: only required
    /// ones, `Some(false)`: only optional ones.
    Property(Change, Option<bool>),
    /// `readOnly` or `writeOnly` was set (`Added`) or unset (`Removed`) on a required
    /// (`true`) or optional (`false`) property.
    Flag(&'static str, Change, bool),
    /// A property was deprecated (with or without a sunset date) or reactivated.
    Lifecycle(Life),
    /// The `x-stability-level` of a property went up.
    StabilityIncreased,
    /// A pattern was relaxed to `.*`.
    PatternGeneralized,
}

/// The deprecation events that are no problem (the problems are `Sunset`s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Life {
    /// Newly deprecated, with no sunset date and none required.
    Deprecated,
    /// Newly deprecated, with a valid sunset date far enough ahead.
    WithSunset,
    /// No longer deprecated.
    Reactivated,
}

/// The INFO counterpart of the sunset checks: what a deprecation change is when it is no
/// problem. `days` is the minimum deprecation period of the operation.
pub(crate) fn life_event(old: At, new: At, days: i64, today: i64) -> Option<Life> {
    match (ops::deprecated(old), ops::deprecated(new)) {
        (true, false) => Some(Life::Reactivated),
        (false, true) => match new.get("x-sunset") {
            None => (days == 0).then_some(Life::Deprecated),
            Some(x) => x
                .str()
                .and_then(crate::openapi::sunset::parse_date)
                .filter(|t| *t >= today + days)
                .map(|_| Life::WithSunset),
        },
        _ => None,
    }
}

/// Keywords that only annotate: a schema made of them alone accepts every value.
const ANNOTATIONS: [&str; 8] = [
    "title",
    "description",
    "example",
    "examples",
    "default",
    "externalDocs",
    "$comment",
    "deprecated",
];

pub(crate) fn annotation_only(s: At) -> bool {
    let s = s.deref();
    s.node.is_obj()
        && s.members()
            .all(|(k, _)| ANNOTATIONS.contains(&k) || k.starts_with("x-"))
}

/// The entries of a subschema list that were added (in `new`) or removed (from `old`):
/// those `pair_subschemas` does not pair (`prefixItems` pair by position).
fn unpaired<'a>(old: At<'a>, new: At<'a>, key: &str, change: Change) -> Vec<At<'a>> {
    let (a, b) = (old.get(key), new.get(key));
    let list =
        |m: Option<At<'a>>| -> Vec<At<'a>> { m.map(|m| m.items().collect()).unwrap_or_default() };
    let (la, lb) = (list(a), list(b));
    let pairs = match (a, b) {
        (Some(_), Some(_)) if key == "prefixItems" => (0..la.len().min(lb.len()))
            .map(|i| (la[i].id(), lb[i].id()))
            .collect(),
        (Some(a), Some(b)) => schema::pair_subschemas(a, b)
            .into_iter()
            .map(|(_, x, y)| (x.id(), y.id()))
            .collect(),
        _ => Vec::new(),
    };
    match change {
        Change::Added => lb
            .into_iter()
            .filter(|y| !pairs.iter().any(|p| p.1 == y.id()))
            .collect(),
        Change::Removed => la
            .into_iter()
            .filter(|x| !pairs.iter().any(|p| p.0 == x.id()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Runs one table row.
pub fn apply(meta: &RuleMeta, place: Place, logic: Logic, d: &Diff, o: &Options, out: &mut Sink) {
    for s in d.schemas.iter().filter(|s| place.holds(s)) {
        // oasdiff compares patterns even on properties that do not travel this way, and
        // reports readOnly/writeOnly changes whatever they were.
        let exempt = matches!(logic, Logic::Keyword("pattern", _) | Logic::Flag(..));
        let side = s.new.or(s.old);
        if !exempt && side.is_some_and(|x| hidden(s, x)) != place.hidden_only() {
            continue;
        }
        match logic {
            Logic::Required(change, with_default) => {
                required(meta, change, with_default, d, s, out);
                continue;
            }
            Logic::Property(change, req) => {
                property(meta, change, req, d, s, out);
                continue;
            }
            _ => {}
        }
        let (Some(old), Some(new)) = (s.old, s.new) else {
            continue;
        };
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
                // An empty pattern matches anything: oasdiff reads it as no pattern.
                let b = b.filter(|v| !(key == "pattern" && v.str() == Some("")));
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
            Logic::Entries(key, change) | Logic::AllOfAnnotation(key, change) => {
                // `*-wrapped-in-one-of` claims a new oneOf around the old shape.
                if key == "oneOf" && schema::wrapped_in_one_of(old, new) {
                    continue;
                }
                // Annotation-only `allOf` entries (`{title: …}`) have rows of their own.
                let annotations = matches!(logic, Logic::AllOfAnnotation(..));
                let verb = if change == Change::Added {
                    "added to"
                } else {
                    "removed from"
                };
                for e in unpaired(old, new, key, change) {
                    if key == "allOf" && annotation_only(e) != annotations {
                        continue;
                    }
                    let msg = format!("a subschema was {verb} the {key} of the {what}");
                    out.hit(meta, new.get(key).unwrap_or(new), path(), msg);
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
                    && o.stability_level.includes(a)
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
            Logic::EnumAdded => {
                for v in enum_missing(new, old) {
                    let msg = format!("added the enum value {v} to the {what}");
                    out.hit(meta, new.get("enum").unwrap_or(new), path(), msg);
                }
            }
            Logic::TypeOk(compatible) => {
                if let Some(c) = type_ok(s, old, new)
                    && c == compatible
                {
                    let (a, b) = (type_text(old), type_text(new));
                    let msg = format!("the type of the {what} changed from '{a}' to '{b}'");
                    out.change(meta, new, path(), msg, a, b);
                }
            }
            Logic::Discriminator(part, change) => {
                if let Some(msg) = discriminator(old, new, part, change) {
                    let at = new.get("discriminator").unwrap_or(new);
                    out.hit(
                        meta,
                        at,
                        path(),
                        format!("the discriminator of the {what} {msg}"),
                    );
                }
            }
            Logic::BecameOptional => {
                if s.required_old && !s.required_new {
                    out.hit(meta, new, path(), format!("the {what} became optional"));
                }
            }
            Logic::Flag(key, change, req) => {
                let (a, b) = (schema::flag(old, key), schema::flag(new, key));
                let hit = match change {
                    Change::Added => !a && b,
                    _ => a && !b,
                };
                if hit && s.required_new == req {
                    let verb = if b { "became" } else { "is no longer" };
                    let msg = format!("the {what} {verb} {key}");
                    out.hit(meta, new, path(), msg);
                }
            }
            Logic::Lifecycle(want) => {
                let op = d.ops[s.op].new.op;
                if ops::stability(op).is_err() {
                    continue;
                }
                if life_event(old, new, ops::min_days(op, o), o.today) == Some(want) {
                    let msg = match want {
                        Life::Reactivated => format!("the {what} is no longer deprecated"),
                        Life::Deprecated => format!("the {what} was deprecated"),
                        Life::WithSunset => format!(
                            "the {what} was deprecated with the sunset date {}",
                            new.get("x-sunset").and_then(|x| x.str()).unwrap_or("")
                        ),
                    };
                    out.hit(meta, new.get("deprecated").unwrap_or(new), path(), msg);
                }
            }
            Logic::StabilityIncreased => {
                if let (Ok(a), Ok(b)) = (ops::stability(old), ops::stability(new))
                    && ops::rank(b) > ops::rank(a)
                    && o.stability_level.includes(a)
                {
                    let (a, b) = (a.unwrap_or("stable"), b.unwrap_or("stable"));
                    let msg =
                        format!("the stability level of the {what} increased from {a} to {b}");
                    out.change(meta, new, path(), msg, a.to_string(), b.to_string());
                }
            }
            Logic::PatternGeneralized => {
                if let (Some(a), Some(b)) = (old.get("pattern"), new.get("pattern"))
                    && b.str() == Some(".*")
                    && !same(a, b)
                {
                    let msg = format!("the pattern of the {what} was relaxed to '.*'");
                    out.hit(meta, b, path(), msg);
                }
            }
            Logic::Required(..) | Logic::Property(..) => {}
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
    if hit && with_default.is_none_or(|w| new.get("default").is_some() == w) {
        let verb = if change == Change::Added {
            "was added as required"
        } else {
            "became required"
        };
        let msg = format!("the {} {verb}", describe(s));
        out.hit(meta, new, path_of(d, s), msg);
    }
}

/// A property added (`Added`) or removed (`Removed`), optionally only required or only
/// optional ones.
fn property(
    meta: &RuleMeta,
    change: Change,
    req: Option<bool>,
    d: &Diff,
    s: &SchemaPair,
    out: &mut Sink,
) {
    let (at, required, verb) = match (change, s.old, s.new) {
        (Change::Added, None, Some(n)) => (n, s.required_new, "was added"),
        (Change::Removed, Some(o), None) => (o, s.required_old, "was removed"),
        _ => return,
    };
    if req.is_none_or(|r| r == required) {
        let kind = if required { "required" } else { "optional" };
        let msg = format!("the {kind} {} {verb}", describe(s));
        out.hit(meta, at, path_of(d, s), msg);
    }
}

/// Whether a type or format change breaks nobody, and if so whether it is a swap of
/// concrete types (`Some(true)`) or a widening/narrowing (`Some(false)`).
fn type_ok(s: &SchemaPair, old: At, new: At) -> Option<bool> {
    let (a, b) = (schema::types(old), schema::types(new));
    let changed = a != b || schema::format(old) != schema::format(new);
    if !changed || super::pair_type_breaks(s, old, new) || schema::wrapped_in_one_of(old, new) {
        return None;
    }
    // The list-of-types rows report changes of type arrays and bare alternatives.
    if matches!(
        type_change(s, old, new),
        Some(TypeChange::ListNarrowed | TypeChange::ListWidened)
    ) {
        return None;
    }
    let covered = |x: &[&str], y: &[&str]| {
        !x.is_empty()
            && x.iter()
                .all(|t| y.contains(t) || (*t == "integer" && y.contains(&"number")))
    };
    let fits = match s.dir {
        Dir::Request => covered(&a, &b),
        Dir::Response => covered(&b, &a),
    };
    Some(a != b && !a.is_empty() && !b.is_empty() && !fits)
}

/// What changed in a `discriminator`, in words, when it is the `part`/`change` asked for.
fn discriminator(old: At, new: At, part: &str, change: Change) -> Option<String> {
    let (a, b) = (old.get("discriminator"), new.get("discriminator"));
    match (part, change, a, b) {
        ("", Change::Added, None, Some(_)) => Some("was added".into()),
        ("", Change::Removed, Some(_), None) => Some("was removed".into()),
        ("propertyName", _, Some(a), Some(b)) => {
            let (x, y) = (a.get("propertyName"), b.get("propertyName"));
            let (x, y) = (x.and_then(|v| v.str()), y.and_then(|v| v.str()));
            (x != y).then(|| {
                format!(
                    "changed its property name from '{}' to '{}'",
                    x.unwrap_or(""),
                    y.unwrap_or("")
                )
            })
        }
        ("mapping", _, Some(a), Some(b)) => {
            let (ma, mb) = (a.get("mapping"), b.get("mapping"));
            let keys = |m: Option<At<'_>>| -> Vec<(String, String)> {
                m.iter()
                    .flat_map(|m| m.members())
                    .map(|(k, v)| (k.to_string(), v.str().unwrap_or("").to_string()))
                    .collect()
            };
            let (ka, kb) = (keys(ma), keys(mb));
            let find = |l: &[(String, String)], k: &str| {
                l.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
            };
            let hits: Vec<&str> = match change {
                Change::Added => kb
                    .iter()
                    .filter(|(k, _)| find(&ka, k).is_none())
                    .map(|(k, _)| k.as_str())
                    .collect(),
                Change::Removed => ka
                    .iter()
                    .filter(|(k, _)| find(&kb, k).is_none())
                    .map(|(k, _)| k.as_str())
                    .collect(),
                _ => ka
                    .iter()
                    .filter(|(k, v)| find(&kb, k).is_some_and(|w| w != *v))
                    .map(|(k, _)| k.as_str())
                    .collect(),
            };
            let verb = match change {
                Change::Added => "added",
                Change::Removed => "deleted",
                _ => "changed",
            };
            (!hits.is_empty())
                .then(|| format!("had the mapping key(s) '{}' {verb}", hits.join("', '")))
        }
        _ => None,
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

/// A parameter's list of types lost some but kept `string`: its value travels as text
/// (`?id=5`), so it still takes every value (`[integer, string]` → `string`), as oasdiff
/// judges it (`request-parameter-type-generalized`).
pub(crate) fn text_list_narrowing(old: At, new: At) -> bool {
    let (Some(a), Some(b)) = (type_list(old), type_list(new)) else {
        return false;
    };
    b.contains(&"string") && a.len() > b.len() && b.iter().all(|t| a.contains(t))
}

/// How the type of a pair changed, if it did. The generic `*-type-changed` checks leave
/// out what a more precise id (generalized, list narrowed or widened) reports.
pub(crate) fn type_change(s: &SchemaPair, old: At, new: At) -> Option<TypeChange> {
    let (a, b) = (type_list(old)?, type_list(new)?);
    if a == b {
        return None;
    }
    let param = !s.is_body();
    if param && !s.is_property() && text_list_narrowing(old, new) {
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
