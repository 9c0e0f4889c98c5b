//! The INFO changes oasdiff reports outside schemas, for changelogs: endpoints, parameters,
//! request bodies, responses, media types, headers, tags, operation ids, security,
//! webhooks, components and the version. Rows are in `checks/info.rs` (`Info(…)` in its
//! `operations` section); `apply` runs one.

use super::family::{Life, life_event};
use super::ops::{self, generalized_to, on_path_item};
use super::{Sink, param_schema, param_type_breaks, text_type_breaks, type_text};
use crate::catalogue::RuleMeta;
use crate::finding::Severity;
use crate::openapi::Options;
use crate::openapi::pairs::{Diff, OpPair};
use crate::openapi::schema::{self, Dir};
use crate::openapi::sunset::{Retirement, retirement};
use crate::openapi::view::At;

/// Added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Added,
    Removed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    EndpointAdded,
    /// An operation was deprecated or reactivated.
    EndpointLife(Life),
    /// An operation's `x-stability-level` went up.
    StabilityIncreased,
    /// A deprecated operation without a sunset date was removed; `true`: with its whole
    /// path.
    RemovedWithDeprecation(bool),
    ParamLife(Life),
    ParamRemovedWithDeprecation,
    /// An optional parameter (not in the path, not declared on the path item) was added.
    NewOptionalParam,
    ParamBecameOptional,
    /// A parameter's type or format changed without breaking clients.
    ParamTypeGeneralized,
    RequestBodyAddedOptional,
    RequestBodyBecameOptional,
    /// A media type was added to the request body (`Request`) or a response.
    MediaTypeAdded(Dir),
    /// A response media type was replaced by a narrower one (`application/*` →
    /// `application/json`), `false`; or by the same type with other parameters, `true`.
    MediaTypeNameChanged(bool),
    /// A response status was added (`true`: 2xx ones) or a non-success one removed.
    Status(Side, bool),
    ResponseHeaderAdded,
    /// A response header's type narrowed (`false`) or swapped loosely (`true`).
    ResponseHeaderTypeOk(bool),
    ResponseHeaderBecameNotNullable,
    OperationId(Side),
    Tag(Side),
    /// A security requirement of an operation (`false`) or of the whole API (`true`).
    Security(bool, Side),
    SecurityScope(bool, Side),
    SecurityComponent(Side),
    /// `type`, `authorizationUrl`, `tokenUrl` of a security scheme changed.
    SecurityComponentField(&'static str),
    /// Scopes of a security scheme's implicit OAuth flow.
    SecurityComponentScope(Option<Side>),
    WebhookAdded,
    SchemaRemoved,
    /// `info.version` after a breaking change: not bumped, decreased, major not bumped.
    Version(VersionProblem),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionProblem {
    NotBumped,
    Decreased,
    MajorNotBumped,
}

fn operation_id(op: At<'_>) -> Option<&str> {
    op.get("operationId")
        .and_then(|v| v.str())
        .filter(|s| !s.is_empty())
}

/// The members of map `a` that map `b` does not have.
pub(crate) fn only_in<'a>(a: Option<At<'a>>, b: Option<At<'a>>) -> Vec<(&'a str, At<'a>)> {
    a.iter()
        .flat_map(|a| a.members())
        .filter(|(k, _)| b.and_then(|b| b.get(k)).is_none())
        .collect()
}

pub(crate) fn webhooks(s: &crate::openapi::Spec) -> Option<At<'_>> {
    s.root().get("webhooks")
}

/// A map under `components` (`schemas`, `securitySchemes`).
fn component<'a>(s: &'a crate::openapi::Spec, key: &str) -> Option<At<'a>> {
    s.root().get("components").and_then(|c| c.get(key))
}

/// oasdiff compares the implicit OAuth flow only.
fn implicit(s: At<'_>) -> Option<At<'_>> {
    s.get("flows").and_then(|f| f.get("implicit"))
}

fn required(el: At) -> bool {
    el.get("required").and_then(|r| r.bool()) == Some(true)
}

fn param_path(op: &OpPair, loc: &str, name: &str) -> String {
    format!("{} {loc} parameter '{name}'", op.new.label())
}

fn life_words(l: Life) -> &'static str {
    match l {
        Life::Deprecated => "was deprecated",
        Life::WithSunset => "was deprecated with a sunset date",
        Life::Reactivated => "is no longer deprecated",
    }
}

/// Runs one `Info(…)` row.
pub fn apply(meta: &RuleMeta, ev: Event, d: &Diff, o: &Options, out: &mut Sink) {
    match ev {
        Event::EndpointAdded => {
            for op in &d.added_ops {
                let msg = format!("added the endpoint {}", op.label());
                out.hit(meta, op.op, op.label(), msg);
            }
        }
        Event::EndpointLife(want) => {
            for op in &d.ops {
                let (a, b) = (op.old.op, op.new.op);
                if ops::stability(b).is_err() {
                    continue;
                }
                if life_event(a, b, ops::min_days(b, o), o.today) == Some(want) {
                    let msg = format!("{} {}", op.new.label(), life_words(want));
                    out.hit(meta, b.get("deprecated").unwrap_or(b), op.new.label(), msg);
                }
            }
        }
        Event::StabilityIncreased => {
            // `d.ops` leaves operations below the threshold out; promoting one is the point
            // here, but only from a level the threshold tracks (see `stability.rs`).
            for (old, new) in &d.all_paired {
                if let (Ok(a), Ok(b)) = (ops::stability(old.op), ops::stability(new.op))
                    && ops::rank(b) > ops::rank(a)
                    && o.stability_level.includes(a)
                {
                    let (a, b) = (a.unwrap_or("stable"), b.unwrap_or("stable"));
                    let msg = format!(
                        "the stability level of {} increased from {a} to {b}",
                        new.label()
                    );
                    let at = new.op.get("x-stability-level").unwrap_or(new.op);
                    out.change(meta, at, new.label(), msg, a.to_string(), b.to_string());
                }
            }
        }
        Event::RemovedWithDeprecation(path) => {
            for (op, whole) in &d.removed_ops {
                if *whole == path && ops::deprecated(op.op) && op.op.get("x-sunset").is_none() {
                    let msg = format!("{} was removed after its deprecation", op.label());
                    out.hit(meta, op.op, op.label(), msg);
                }
            }
        }
        Event::ParamLife(want) => {
            for op in &d.ops {
                if ops::stability(op.new.op).is_err() {
                    continue;
                }
                let days = ops::min_days(op.new.op, o);
                for p in &op.params {
                    // Parameters have no `*-deprecated-with-sunset` id: both are `Deprecated`.
                    let event = |a, b| match life_event(a, b, days, o.today) {
                        Some(Life::WithSunset) => Some(Life::Deprecated),
                        e => e,
                    };
                    if let (Some(a), Some(b)) = (p.old, p.new)
                        && event(a, b) == Some(want)
                    {
                        let msg = format!(
                            "the {} parameter '{}' {}",
                            p.location,
                            p.name,
                            life_words(want)
                        );
                        let path = param_path(op, &p.location, &p.name);
                        out.hit(meta, b.get("deprecated").unwrap_or(b), path, msg);
                    }
                }
            }
        }
        Event::ParamRemovedWithDeprecation => {
            for op in &d.ops {
                for p in &op.params {
                    if let (Some(a), None) = (p.old, p.new)
                        && retirement(a, o.today) == Retirement::Retired
                        && a.get("x-sunset").is_none()
                    {
                        let msg = format!(
                            "removed the deprecated {} parameter '{}'",
                            p.location, p.name
                        );
                        out.hit(meta, a, param_path(op, &p.location, &p.name), msg);
                    }
                }
            }
        }
        Event::NewOptionalParam => {
            for op in &d.ops {
                for p in &op.params {
                    if let (None, Some(b)) = (p.old, p.new)
                        && p.location != "path"
                        && !required(b)
                        && !on_path_item(&op.new, b)
                    {
                        let msg =
                            format!("added the optional {} parameter '{}'", p.location, p.name);
                        out.hit(meta, b, param_path(op, &p.location, &p.name), msg);
                    }
                }
            }
        }
        Event::ParamBecameOptional => {
            for op in &d.ops {
                for p in &op.params {
                    if let (Some(a), Some(b)) = (p.old, p.new)
                        && required(a)
                        && !required(b)
                    {
                        let msg =
                            format!("the {} parameter '{}' became optional", p.location, p.name);
                        out.hit(meta, b, param_path(op, &p.location, &p.name), msg);
                    }
                }
            }
        }
        Event::ParamTypeGeneralized => {
            for op in &d.ops {
                for p in &op.params {
                    let (Some(a), Some(b)) = (p.old, p.new) else {
                        continue;
                    };
                    let (Some(x), Some(y)) = (param_schema(a), param_schema(b)) else {
                        continue;
                    };
                    let changed = schema::types(x) != schema::types(y)
                        || schema::format(x) != schema::format(y);
                    let listed = super::family::type_list(x).is_some_and(|l| l.len() > 1)
                        || super::family::type_list(y).is_some_and(|l| l.len() > 1);
                    // A scalar that became a form/explode array of what it accepted is
                    // generalized whatever its types (see `form_explode.rs`).
                    let text_narrowed = super::family::text_list_narrowing(x, y);
                    let widened = ((!listed || text_narrowed) && !param_type_breaks(x, y))
                        || super::form_explode::scalar_to_form_array_accepts(b, x, y);
                    if changed && widened {
                        let (t1, t2) = (type_text(x), type_text(y));
                        let msg = format!(
                            "the type of the {} parameter '{}' changed from '{t1}' to '{t2}'",
                            p.location, p.name
                        );
                        let path = param_path(op, &p.location, &p.name);
                        out.change(meta, y, path, msg, t1, t2);
                    }
                }
            }
        }
        Event::RequestBodyAddedOptional => {
            for op in &d.ops {
                if let (None, Some(b)) = (op.body.old, op.body.new)
                    && !required(b)
                {
                    let msg = format!("{} now takes an optional request body", op.new.label());
                    out.hit(meta, b, format!("{} request body", op.new.label()), msg);
                }
            }
        }
        Event::RequestBodyBecameOptional => {
            for op in &d.ops {
                if let (Some(a), Some(b)) = (op.body.old, op.body.new)
                    && required(a)
                    && !required(b)
                {
                    let msg = format!("the request body of {} became optional", op.new.label());
                    out.hit(meta, b, format!("{} request body", op.new.label()), msg);
                }
            }
        }
        Event::MediaTypeAdded(dir) => {
            for op in &d.ops {
                for m in &op.media {
                    let here = if m.status.is_some() {
                        Dir::Response
                    } else {
                        Dir::Request
                    };
                    if let (None, Some(b)) = (m.old, m.new)
                        && here == dir
                    {
                        // A range that replaced a type it covers is `*-name-generalized`.
                        if dir == Dir::Response && covers_removed(op, m.status, m.media) {
                            continue;
                        }
                        let (msg, path) = match m.status {
                            Some(s) => (
                                format!("added the media type '{}' to the {s} response", m.media),
                                format!("{} response {s} {}", op.new.label(), m.media),
                            ),
                            None => (
                                format!("added the media type '{}' to the request body", m.media),
                                format!("{} request body {}", op.new.label(), m.media),
                            ),
                        };
                        out.hit(meta, b, path, msg);
                    }
                }
            }
        }
        Event::MediaTypeNameChanged(params) => {
            for op in &d.ops {
                for m in op.media.iter().filter(|m| m.status.is_some()) {
                    let (Some(_), None) = (m.old, m.new) else {
                        continue;
                    };
                    let status = m.status.unwrap_or("");
                    let to = if params {
                        same_essence(op, m.status, m.media)
                    } else {
                        narrowed_to(op, m.status, m.media)
                    };
                    if let Some((to, at)) = to {
                        let msg = format!(
                            "the media type '{}' of the {status} response changed to '{to}'",
                            m.media
                        );
                        let path = format!("{} response {status} {to}", op.new.label());
                        out.hit(meta, at, path, msg);
                    }
                }
            }
        }
        Event::Status(side, success) => {
            for op in &d.ops {
                for (status, r) in &op.responses {
                    let Ok(code) = status.parse::<u16>() else {
                        continue;
                    };
                    let ok = (200..300).contains(&code);
                    let (at, verb) = match (side, r.old, r.new) {
                        (Side::Added, None, Some(b)) => (b, "added"),
                        (Side::Removed, Some(a), None) => (a, "removed"),
                        _ => continue,
                    };
                    if ok == success {
                        let msg = format!("{verb} the response status {status}");
                        let path = format!("{} response {status}", op.new.label());
                        out.hit(meta, at, path, msg);
                    }
                }
            }
        }
        Event::ResponseHeaderAdded
        | Event::ResponseHeaderTypeOk(_)
        | Event::ResponseHeaderBecameNotNullable => {
            for op in &d.ops {
                for (status, r) in &op.responses {
                    let (Some(ro), Some(rn)) = (r.old, r.new) else {
                        continue;
                    };
                    for (name, a, b) in ops::headers(ro, rn) {
                        header(meta, ev, op, status, name, a, b, out);
                    }
                }
            }
        }
        Event::OperationId(side) => {
            for op in &d.ops {
                let (a, b) = (operation_id(op.old.op), operation_id(op.new.op));
                let hit = match side {
                    Side::Added => a.is_none() && b.is_some(),
                    Side::Removed => a.is_some() && a != b,
                };
                if hit {
                    let msg = match side {
                        Side::Added => format!("added the operation id '{}'", b.unwrap_or("")),
                        Side::Removed => format!(
                            "the operation id '{}' was removed or changed to '{}'",
                            a.unwrap_or(""),
                            b.unwrap_or("")
                        ),
                    };
                    let at = op.new.op.get("operationId").unwrap_or(op.new.op);
                    out.hit(meta, at, op.new.label(), msg);
                }
            }
        }
        Event::Tag(side) => {
            for op in &d.ops {
                let tags = |x: At<'_>| -> Vec<String> {
                    x.get("tags")
                        .map(|t| {
                            t.items()
                                .filter_map(|v| v.str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (a, b) = (tags(op.old.op), tags(op.new.op));
                let (from, to) = match side {
                    Side::Added => (&b, &a),
                    Side::Removed => (&a, &b),
                };
                for t in from.iter().filter(|t| !to.contains(t)) {
                    let verb = if side == Side::Added {
                        "added"
                    } else {
                        "removed"
                    };
                    let msg = format!("{verb} the tag '{t}'");
                    let at = op.new.op.get("tags").unwrap_or(op.new.op);
                    out.hit(meta, at, op.new.label(), msg);
                }
            }
        }
        Event::Security(global, side) | Event::SecurityScope(global, side) => {
            let scopes = matches!(ev, Event::SecurityScope(..));
            security(meta, global, side, scopes, d, out);
        }
        Event::SecurityComponent(_)
        | Event::SecurityComponentField(_)
        | Event::SecurityComponentScope(_) => security_components(meta, ev, d, out),
        Event::WebhookAdded => {
            for (name, w) in only_in(webhooks(d.new), webhooks(d.old)) {
                let msg = format!("added the webhook '{name}'");
                out.hit(meta, w, format!("webhook {name}"), msg);
            }
        }
        Event::SchemaRemoved => {
            let (a, b) = (component(d.old, "schemas"), component(d.new, "schemas"));
            for (name, s) in only_in(a, b) {
                let msg = format!("removed the schema '{name}' from components");
                out.hit(meta, s, format!("components schema {name}"), msg);
            }
        }
        Event::Version(want) => version(meta, want, d, out),
    }
}

/// Whether a response media type was added as a range covering one that was removed.
fn covers_removed(op: &OpPair, status: Option<&str>, media: &str) -> bool {
    op.media
        .iter()
        .filter(|m| m.status == status && m.old.is_some() && m.new.is_none())
        .any(|m| generalized_to(op, status, m.media) == Some(media))
}

fn essence(m: &str) -> &str {
    m.split(';').next().unwrap_or(m).trim()
}

/// The media type added to the same response with the same type but other parameters
/// (`application/json` → `application/json; charset=utf-8`).
fn same_essence<'a>(
    op: &OpPair<'a>,
    status: Option<&str>,
    media: &str,
) -> Option<(&'a str, At<'a>)> {
    op.media
        .iter()
        .filter(|m| m.status == status && m.old.is_none())
        .find(|m| m.media != media && essence(m.media) == essence(media))
        .and_then(|m| m.new.map(|n| (m.media, n)))
}

/// The media type added to the same response that a removed range covers
/// (`application/*` → `application/json`).
fn narrowed_to<'a>(
    op: &OpPair<'a>,
    status: Option<&str>,
    range: &str,
) -> Option<(&'a str, At<'a>)> {
    let (kind, sub) = essence(range).split_once('/')?;
    if sub != "*" {
        return None;
    }
    op.media
        .iter()
        .filter(|m| m.status == status && m.old.is_none())
        .find(|m| {
            essence(m.media)
                .split_once('/')
                .is_some_and(|(k, s)| s != "*" && (kind == "*" || k == kind))
        })
        .and_then(|m| m.new.map(|n| (m.media, n)))
}

#[allow(clippy::too_many_arguments)]
fn header(
    meta: &RuleMeta,
    ev: Event,
    op: &OpPair,
    status: &str,
    name: &str,
    a: Option<At>,
    b: Option<At>,
    out: &mut Sink,
) {
    let path = format!("{} response {status} header '{name}'", op.new.label());
    match (ev, a, b) {
        (Event::ResponseHeaderAdded, None, Some(b)) => {
            let msg = format!("added the header '{name}' to the {status} response");
            out.hit(meta, b, path, msg);
        }
        (Event::ResponseHeaderBecameNotNullable, Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (a.field("schema"), b.field("schema"))
                && schema::nullable(x)
                && !schema::nullable(y)
            {
                let msg =
                    format!("the header '{name}' of the {status} response is no longer nullable");
                out.hit(meta, y, path, msg);
            }
        }
        (Event::ResponseHeaderTypeOk(compatible), Some(a), Some(b)) => {
            let (Some(x), Some(y)) = (a.field("schema"), b.field("schema")) else {
                return;
            };
            let (t1, t2) = (schema::types(x), schema::types(y));
            let changed = t1 != t2 || schema::format(x) != schema::format(y);
            if !changed || text_type_breaks(Dir::Response, x, y) {
                return;
            }
            let narrowed = !t2.is_empty()
                && t2
                    .iter()
                    .all(|t| t1.contains(t) || (*t == "integer" && t1.contains(&"number")));
            let swap = t1 != t2 && !t1.is_empty() && !t2.is_empty() && !narrowed;
            if swap == compatible {
                let (s1, s2) = (type_text(x), type_text(y));
                let msg = format!(
                    "the type of the header '{name}' of the {status} response changed from '{s1}' to '{s2}'"
                );
                out.change(meta, y, path, msg, s1, s2);
            }
        }
        _ => {}
    }
}

/// A security requirement: its scheme names (sorted) and each one's scopes.
type Requirement<'a> = Vec<(&'a str, Vec<&'a str>)>;

fn requirements(list: Option<At<'_>>) -> Vec<Requirement<'_>> {
    list.map(|l| {
        l.items()
            .map(|r| {
                let mut req: Requirement = r
                    .members()
                    .map(|(k, v)| (k, v.items().filter_map(|s| s.str()).collect()))
                    .collect();
                req.sort_by_key(|(k, _)| *k);
                req
            })
            .collect()
    })
    .unwrap_or_default()
}

fn names<'a>(r: &Requirement<'a>) -> Vec<&'a str> {
    r.iter().map(|(k, _)| *k).collect()
}

fn security(meta: &RuleMeta, global: bool, side: Side, scopes: bool, d: &Diff, out: &mut Sink) {
    let mut places: Vec<(Option<At>, Option<At>, String, At)> = Vec::new();
    if global {
        let (a, b) = (d.old.root().get("security"), d.new.root().get("security"));
        places.push((
            a,
            b,
            "security".to_string(),
            b.or(a).unwrap_or(d.new.root()),
        ));
    } else {
        for op in &d.ops {
            let (a, b) = (op.old.op.get("security"), op.new.op.get("security"));
            places.push((a, b, op.new.label(), b.unwrap_or(op.new.op)));
        }
    }
    for (a, b, path, at) in places {
        let (ra, rb) = (requirements(a), requirements(b));
        let (from, to) = match side {
            Side::Added => (&rb, &ra),
            Side::Removed => (&ra, &rb),
        };
        for r in from {
            let other = to.iter().find(|x| names(x) == names(r));
            match (scopes, other) {
                // An empty requirement (`{}`, anonymous access) is no scheme.
                (false, None) if !r.is_empty() => {
                    let verb = if side == Side::Added {
                        "added"
                    } else {
                        "removed"
                    };
                    let msg = format!("{verb} the security requirement '{}'", names(r).join(", "));
                    out.hit(meta, at, path.clone(), msg);
                }
                (true, Some(other)) => {
                    for ((scheme, mine), (_, theirs)) in r.iter().zip(other.iter()) {
                        for s in mine.iter().filter(|s| !theirs.contains(s)) {
                            let verb = if side == Side::Added {
                                "added"
                            } else {
                                "removed"
                            };
                            let msg =
                                format!("{verb} the scope '{s}' of the security scheme '{scheme}'");
                            out.hit(meta, at, path.clone(), msg);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn security_components(meta: &RuleMeta, ev: Event, d: &Diff, out: &mut Sink) {
    let (a, b) = (
        component(d.old, "securitySchemes"),
        component(d.new, "securitySchemes"),
    );
    let list = |m: Option<At<'_>>| -> Vec<String> {
        m.iter()
            .flat_map(|m| m.members())
            .map(|(k, _)| k.to_string())
            .collect()
    };
    let (la, lb) = (list(a), list(b));
    let path = |n: &str| format!("components securityScheme {n}");
    match ev {
        Event::SecurityComponent(side) => {
            let (from, to, m) = match side {
                Side::Added => (&lb, &la, b),
                Side::Removed => (&la, &lb, a),
            };
            for n in from.iter().filter(|n| !to.contains(n)) {
                let verb = if side == Side::Added {
                    "added"
                } else {
                    "removed"
                };
                let at = m.and_then(|m| m.get(n)).unwrap_or(d.new.root());
                out.hit(
                    meta,
                    at,
                    path(n),
                    format!("{verb} the security scheme '{n}'"),
                );
            }
        }
        Event::SecurityComponentField(_) | Event::SecurityComponentScope(_) => {
            for n in la.iter().filter(|n| lb.contains(n)) {
                let (Some(x), Some(y)) = (a.and_then(|m| m.get(n)), b.and_then(|m| m.get(n)))
                else {
                    continue;
                };
                let x = x.deref();
                let y = y.deref();
                component_change(meta, ev, n, x, y, &path(n), out);
            }
        }
        _ => {}
    }
}

fn component_change(meta: &RuleMeta, ev: Event, n: &str, x: At, y: At, path: &str, out: &mut Sink) {
    let text = |v: Option<At<'_>>| v.and_then(|v| v.str()).unwrap_or("").to_string();
    match ev {
        Event::SecurityComponentField(key) => {
            let (v1, v2) = if key == "type" {
                (text(x.get("type")), text(y.get("type")))
            } else {
                (
                    text(implicit(x).and_then(|f| f.get(key))),
                    text(implicit(y).and_then(|f| f.get(key))),
                )
            };
            if v1 != v2 {
                let msg =
                    format!("the {key} of the security scheme '{n}' changed from '{v1}' to '{v2}'");
                out.change(meta, y, path.to_string(), msg, v1, v2);
            }
        }
        Event::SecurityComponentScope(side) => {
            let scopes = |s: At<'_>| -> Vec<(String, String)> {
                implicit(s)
                    .and_then(|f| f.get("scopes"))
                    .map(|m| {
                        m.members()
                            .map(|(k, v)| (k.to_string(), v.str().unwrap_or("").to_string()))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (sa, sb) = (scopes(x), scopes(y));
            let find = |l: &[(String, String)], k: &str| {
                l.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
            };
            let hits: Vec<&String> = match side {
                Some(Side::Added) => sb
                    .iter()
                    .filter(|(k, _)| find(&sa, k).is_none())
                    .map(|(k, _)| k)
                    .collect(),
                Some(Side::Removed) => sa
                    .iter()
                    .filter(|(k, _)| find(&sb, k).is_none())
                    .map(|(k, _)| k)
                    .collect(),
                None => sa
                    .iter()
                    .filter(|(k, v)| find(&sb, k).is_some_and(|w| w != *v))
                    .map(|(k, _)| k)
                    .collect(),
            };
            let verb = match side {
                Some(Side::Added) => "added to",
                Some(Side::Removed) => "removed from",
                None => "changed in",
            };
            for s in hits {
                let msg = format!("the OAuth scope '{s}' was {verb} the security scheme '{n}'");
                out.hit(meta, y, path.to_string(), msg);
            }
        }
        _ => {}
    }
}

/// `1.2.3` (an optional `v`, pre-release and build ignored), as oasdiff reads semver.
fn semver(v: &str) -> Option<(u64, u64, u64)> {
    let v = v.strip_prefix('v').unwrap_or(v);
    let core = v.split(['-', '+']).next()?;
    let mut it = core.split('.');
    let mut part = || -> Option<u64> {
        let p = it.next()?;
        if p.is_empty() || (p.len() > 1 && p.starts_with('0')) {
            return None;
        }
        p.parse().ok()
    };
    let r = (part()?, part()?, part()?);
    it.next().is_none().then_some(r)
}

/// What is wrong with going from version `a` to `b` after a breaking change, when both
/// are semantic versions: the same, lower, or (from 1.0.0 on) the same major; below 1.0.0
/// the minor is the major.
fn version_problem(a: &str, b: &str) -> Option<VersionProblem> {
    let (x, y) = (semver(a)?, semver(b)?);
    let pre_1 = x.0 == 0 && y.0 == 0;
    if a == b {
        Some(VersionProblem::NotBumped)
    } else if y <= x {
        Some(VersionProblem::Decreased)
    } else if (pre_1 && y.1 <= x.1) || (!pre_1 && y.0 <= x.0) {
        Some(VersionProblem::MajorNotBumped)
    } else {
        None
    }
}

/// Runs after every other check: it looks at whether any of them found a breaking change.
fn version(meta: &RuleMeta, want: VersionProblem, d: &Diff, out: &mut Sink) {
    if !out.findings.iter().any(|f| f.severity == Severity::Error) {
        return;
    }
    let ver = |s: &crate::openapi::Spec| {
        s.root()
            .get("info")
            .and_then(|i| i.get("version"))
            .and_then(|v| v.str().map(str::to_string))
    };
    let (Some(a), Some(b)) = (ver(d.old), ver(d.new)) else {
        return;
    };
    let problem = version_problem(&a, &b);
    if problem == Some(want) {
        let msg = match want {
            VersionProblem::NotBumped => {
                format!("a breaking change was detected but the version is still {b}")
            }
            VersionProblem::Decreased => {
                format!("a breaking change was detected but the version decreased from {a} to {b}")
            }
            VersionProblem::MajorNotBumped => format!(
                "a breaking change was detected but the major version did not increase ({a} to {b})"
            ),
        };
        let at = d
            .new
            .root()
            .get("info")
            .and_then(|i| i.get("version"))
            .unwrap_or(d.new.root());
        out.hit(meta, at, "info version".to_string(), msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_after_a_breaking_change() {
        use VersionProblem::*;
        assert_eq!(version_problem("1.2.3", "1.2.3"), Some(NotBumped));
        assert_eq!(version_problem("1.2.3", "1.2.2"), Some(Decreased));
        assert_eq!(version_problem("v1.2.3", "1.2.3"), Some(Decreased));
        assert_eq!(version_problem("1.2.3", "1.3.0"), Some(MajorNotBumped));
        assert_eq!(version_problem("1.2.3", "2.0.0"), None);
        // Below 1.0.0 a minor bump is allowed to break.
        assert_eq!(version_problem("0.2.0", "0.3.0"), None);
        assert_eq!(version_problem("0.2.0", "0.2.1"), Some(MajorNotBumped));
        // Not semantic versions: no opinion.
        assert_eq!(version_problem("1", "1"), None);
        assert_eq!(version_problem("2024-01-01", "2024-02-01"), None);
        assert_eq!(semver("1.02.3"), None);
        assert_eq!(semver("1.2.3-rc.1+b5"), Some((1, 2, 3)));
    }
}
