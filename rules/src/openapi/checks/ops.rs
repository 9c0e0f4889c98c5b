//! Table-driven checks on operations rather than schemas: the deprecation lifecycle
//! (`x-stability-level`, `deprecated`, `x-sunset` and the minimum deprecation periods),
//! response headers, request bodies and webhooks. Rows are in the `operations` section of
//! the table in `checks/mod.rs`; `apply` runs one.

use super::{Sink, text_type_breaks, type_text};
use crate::catalogue::RuleMeta;
use crate::openapi::Options;
use crate::openapi::pairs::{Diff, OpPair, Operation, ParamPair};
use crate::openapi::schema::{self, Dir};
use crate::openapi::sunset::parse_date;
use crate::openapi::view::At;

/// Something wrong with a sunset date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sunset {
    /// Newly deprecated without `x-sunset` while a minimum deprecation period applies.
    Missing,
    /// `x-sunset` is not a date, wherever met (deprecating, changing the date, removing).
    Parse,
    /// `x-sunset` is not a date on an element being deprecated.
    ParseNew,
    /// `x-sunset` is not a date on an element that was already deprecated (its date
    /// changed, or it was removed).
    ParseOld,
    /// Newly deprecated with a sunset closer than the minimum deprecation period.
    TooSmall,
    /// Still deprecated, but `x-sunset` was deleted.
    Deleted,
    /// Still deprecated, and `x-sunset` moved earlier, closer than the minimum period.
    ChangedTooSmall,
    /// Removed while deprecated with a sunset date still ahead.
    RemovedBeforeSunset,
}

/// Operations or parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Operation,
    Parameter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpLogic {
    /// `x-stability-level` is not one of draft, alpha, beta, stable (in either version).
    InvalidStability,
    /// `x-stability-level` went down (stable → beta, …).
    StabilityDecreased,
    /// A sunset problem; `Parse` covers every way oasdiff meets a bad date (deprecating,
    /// changing the date, removing).
    Sunset(Of, Sunset),
    /// A response header was removed; `true`: only required ones, `false`: only optional.
    ResponseHeaderRemoved(bool),
    ResponseHeaderBecameOptional,
    ResponseHeaderBecameNullable,
    /// The type of a response header changed in a way clients may not parse; `true`: only
    /// widenings (`integer` → `number`), `false`: only the others.
    ResponseHeaderType(bool),
    RequestBodyRemoved,
    RequestBodyAddedRequired,
    NewPathParameter,
    /// A parameter (not in the path) declared on the path item, so added to every
    /// operation of the path; `true`: required ones, `false`: optional ones.
    NewPathLevelParameter(bool),
    /// A media type of a request (`Dir::Request`) or response got a schema (`true`) where
    /// it took any content, or lost it (`false`).
    MediaSchema(Dir, bool),
    WebhookRemoved,
    /// A response media type was replaced by a range that covers it (`application/json`
    /// → `application/*`): clients may now get any type of the range.
    MediaTypeGeneralized,
    /// The INFO changes of `changes.rs`.
    Info(super::changes::Event),
}

const LEVELS: [&str; 4] = ["draft", "alpha", "beta", "stable"];

/// The declared stability level, `Err` when it is not a known one.
pub(crate) fn stability<'a>(op: At<'a>) -> Result<Option<&'a str>, At<'a>> {
    match op.get("x-stability-level") {
        None => Ok(None),
        Some(v) => match v.str() {
            Some(s) if LEVELS.contains(&s) => Ok(Some(s)),
            _ => Err(v),
        },
    }
}

pub(crate) fn rank(level: Option<&str>) -> usize {
    // No level means stable, as in oasdiff.
    LEVELS
        .iter()
        .position(|l| Some(*l) == level)
        .unwrap_or(LEVELS.len() - 1)
}

/// The least number of days between deprecation and sunset for an operation.
pub(crate) fn min_days(op: At, o: &Options) -> i64 {
    match stability(op) {
        Ok(Some("draft" | "alpha")) => 0,
        Ok(Some("beta")) => o.deprecation_days_beta,
        _ => o.deprecation_days_stable,
    }
}

pub(crate) fn deprecated(el: At) -> bool {
    el.get("deprecated").and_then(|d| d.bool()) == Some(true)
}

fn sunset_of(el: At) -> Option<At> {
    el.get("x-sunset")
}

pub(crate) fn bad_date(s: At) -> bool {
    s.str().and_then(parse_date).is_none()
}

/// What to check for one deprecatable element (an operation or a parameter).
struct Elem<'e, 'a> {
    old: Option<At<'a>>,
    new: Option<At<'a>>,
    /// The operation it belongs to, for the stability level.
    op: At<'a>,
    /// For words, made only for hits (this runs for every parameter of every operation).
    what: What<'e, 'a>,
}

enum What<'e, 'a> {
    Op(Operation<'a>),
    Param(&'e OpPair<'a>, &'e ParamPair<'a>),
}

impl Elem<'_, '_> {
    fn path(&self) -> String {
        match &self.what {
            What::Op(o) => o.label(),
            What::Param(op, p) => {
                format!("{} {} parameter '{}'", op.new.label(), p.location, p.name)
            }
        }
    }

    fn name(&self) -> String {
        match &self.what {
            What::Op(o) => o.label(),
            What::Param(_, p) => format!("{} parameter '{}'", p.location, p.name),
        }
    }
}

fn sunset(meta: &RuleMeta, want: Sunset, e: &Elem, o: &Options, out: &mut Sink) {
    // An operation whose level is invalid has no deprecation period to check against;
    // `api-invalid-stability-level` reports it.
    if stability(e.op).is_err() {
        return;
    }
    let days = min_days(e.op, o);
    let today = o.today;
    let name = || e.name();
    match (e.old, e.new) {
        (Some(old), Some(new)) if !deprecated(old) && deprecated(new) => {
            // Newly deprecated.
            match (want, sunset_of(new)) {
                (Sunset::Missing, None) if days > 0 => out.hit(
                    meta,
                    new,
                    e.path(),
                    format!("{nm} was deprecated without an x-sunset date ({days} days of notice are required)", nm = name()),
                ),
                (Sunset::Parse | Sunset::ParseNew, Some(s)) if bad_date(s) => {
                    out.hit(meta, s, e.path(), format!("{nm} was deprecated with an x-sunset that is not a date", nm = name()));
                }
                (Sunset::TooSmall, Some(s)) if days > 0 => {
                    if let Some(d) = s.str().and_then(parse_date)
                        && d < today + days
                    {
                        out.hit(meta, s, e.path(), format!("{nm} was deprecated with a sunset date less than {days} days away", nm = name()));
                    }
                }
                _ => {}
            }
        }
        (Some(old), Some(new)) if deprecated(old) && deprecated(new) => {
            match (want, sunset_of(old), sunset_of(new)) {
                (Sunset::Deleted, Some(_), None) => out.hit(
                    meta,
                    new,
                    e.path(),
                    format!(
                        "the x-sunset date of the deprecated {nm} was deleted",
                        nm = name()
                    ),
                ),
                (Sunset::Parse | Sunset::ParseOld, Some(a), Some(b))
                    if !a.node.same(b.node) && (bad_date(a) || bad_date(b)) =>
                {
                    out.hit(
                        meta,
                        b,
                        e.path(),
                        format!(
                            "the x-sunset of the deprecated {nm} is not a date",
                            nm = name()
                        ),
                    );
                }
                (Sunset::ChangedTooSmall, Some(a), Some(b)) => {
                    if let (Some(x), Some(y)) =
                        (a.str().and_then(parse_date), b.str().and_then(parse_date))
                        && y < x
                        && y < today + days
                    {
                        out.hit(meta, b, e.path(), format!("the sunset date of the deprecated {nm} moved earlier, less than {days} days away", nm = name()));
                    }
                }
                _ => {}
            }
        }
        (Some(old), None) if deprecated(old) => match (want, sunset_of(old)) {
            (Sunset::Parse | Sunset::ParseOld, Some(s)) if bad_date(s) => {
                out.hit(
                    meta,
                    old,
                    e.path(),
                    format!(
                        "{nm} was removed, and its x-sunset is not a date",
                        nm = name()
                    ),
                );
            }
            (Sunset::RemovedBeforeSunset, Some(s)) => {
                if let Some(d) = s.str().and_then(parse_date)
                    && d > today
                {
                    out.hit(
                        meta,
                        old,
                        e.path(),
                        format!("{nm} was removed before its sunset date", nm = name()),
                    );
                }
            }
            _ => {}
        },
        _ => {}
    }
}

fn param_elem<'e, 'a>(op: &'e OpPair<'a>, p: &'e ParamPair<'a>) -> Elem<'e, 'a> {
    Elem {
        old: p.old,
        new: p.new,
        op: op.new.op,
        what: What::Param(op, p),
    }
}

fn op_elem<'e, 'a>(old: Operation<'a>, new: Option<Operation<'a>>) -> Elem<'e, 'a> {
    Elem {
        old: Some(old.op),
        new: new.map(|n| n.op),
        op: new.map_or(old.op, |n| n.op),
        what: What::Op(old),
    }
}

/// Response headers of one status, paired by case-insensitive name.
pub(crate) fn headers<'a>(
    old: At<'a>,
    new: At<'a>,
) -> Vec<(&'a str, Option<At<'a>>, Option<At<'a>>)> {
    let list = |r: At<'a>| -> Vec<(&'a str, At<'a>)> {
        r.get("headers")
            .map(|h| {
                h.deref()
                    .members()
                    .map(|(k, v)| (k, v.deref_keep_off()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (a, b) = (list(old), list(new));
    let mut out: Vec<(&'a str, Option<At<'a>>, Option<At<'a>>)> = Vec::new();
    for (k, v) in &a {
        let m = b
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| *v);
        out.push((k, Some(*v), m));
    }
    for (k, v) in &b {
        if !a.iter().any(|(x, _)| x.eq_ignore_ascii_case(k)) {
            out.push((k, None, Some(*v)));
        }
    }
    out
}

/// The media range added to the same response that covers a removed media type.
pub(crate) fn generalized_to<'a>(
    op: &OpPair<'a>,
    status: Option<&str>,
    media: &str,
) -> Option<&'a str> {
    let (kind, _) = media.split_once('/')?;
    op.media
        .iter()
        .filter(|m| m.status == status && m.old.is_none() && m.new.is_some())
        .map(|m| m.media)
        .find(|r| {
            *r == "*/*"
                || r.split_once('/')
                    .is_some_and(|(k, s)| k == kind && s == "*")
        })
}

/// Whether a (resolved) parameter of an operation is declared on its path item.
pub(crate) fn on_path_item(op: &Operation, param: At) -> bool {
    let Some(list) = op.path_item.deref().get("parameters") else {
        return false;
    };
    list.items().any(|x| x.deref_keep_off().id() == param.id())
}

fn required(el: At) -> bool {
    el.get("required").and_then(|r| r.bool()) == Some(true)
}

/// Runs one row of the `operations` section.
pub fn apply(meta: &RuleMeta, logic: OpLogic, d: &Diff, o: &Options, out: &mut Sink) {
    match logic {
        OpLogic::Info(ev) => super::changes::apply(meta, ev, d, o, out),
        OpLogic::InvalidStability => {
            // Whatever the threshold: an unknown level cannot be placed below it.
            let removed = d.all_removed.iter().map(|o| (*o, None));
            let paired = d.all_paired.iter().map(|(o, n)| (*n, Some(*o)));
            for (op, old) in paired.chain(removed) {
                let bad = stability(op.op)
                    .err()
                    .or(old.and_then(|p| stability(p.op).err()));
                if let Some(v) = bad {
                    let msg = format!(
                        "{} has an invalid x-stability-level (draft, alpha, beta or stable)",
                        op.label()
                    );
                    out.hit(meta, v, op.label(), msg);
                }
            }
            // Properties carry levels too (`request-property-stability-decreased`).
            for sp in d.schemas.iter().filter(|s| s.is_property()) {
                let bad = [sp.new, sp.old]
                    .into_iter()
                    .flatten()
                    .find_map(|x| stability(x).err());
                if let Some(v) = bad {
                    let what = super::describe(sp);
                    let msg = format!(
                        "the {what} has an invalid x-stability-level (draft, alpha, beta or stable)"
                    );
                    out.hit(meta, v, super::path_of(d, sp), msg);
                }
            }
        }
        OpLogic::StabilityDecreased => {
            for (old, new) in &d.all_paired {
                if let (Ok(a), Ok(b)) = (stability(old.op), stability(new.op))
                    && rank(b) < rank(a)
                    && o.stability_level.includes(a)
                {
                    let (a, b) = (a.unwrap_or("stable"), b.unwrap_or("stable"));
                    let msg = format!(
                        "the stability level of {} decreased from {a} to {b}",
                        new.label()
                    );
                    let at = new.op.get("x-stability-level").unwrap_or(new.op);
                    out.change(meta, at, new.label(), msg, a.to_string(), b.to_string());
                }
            }
        }
        OpLogic::Sunset(Of::Operation, want) => {
            for op in &d.ops {
                sunset(meta, want, &op_elem(op.old, Some(op.new)), o, out);
            }
            if want == Sunset::ParseOld {
                for (op, _) in &d.removed_ops {
                    sunset(meta, want, &op_elem(*op, None), o, out);
                }
            }
        }
        OpLogic::Sunset(Of::Parameter, want) => {
            for op in &d.ops {
                for p in &op.params {
                    sunset(meta, want, &param_elem(op, p), o, out);
                }
            }
        }
        OpLogic::ResponseHeaderRemoved(_)
        | OpLogic::ResponseHeaderBecameOptional
        | OpLogic::ResponseHeaderBecameNullable
        | OpLogic::ResponseHeaderType(_) => {
            for op in &d.ops {
                for (status, r) in &op.responses {
                    let (Some(ro), Some(rn)) = (r.old, r.new) else {
                        continue;
                    };
                    for (name, a, b) in headers(ro, rn) {
                        response_header(meta, logic, op, status, name, a, b, out);
                    }
                }
            }
        }
        OpLogic::RequestBodyRemoved => {
            for op in &d.ops {
                if let (Some(old), None) = (op.body.old, op.body.new) {
                    let msg = format!("the request body of {} was removed", op.new.label());
                    out.hit(meta, old, format!("{} request body", op.new.label()), msg);
                }
            }
        }
        OpLogic::RequestBodyAddedRequired => {
            for op in &d.ops {
                if let (None, Some(new)) = (op.body.old, op.body.new)
                    && required(new)
                {
                    let msg = format!("{} now requires a request body", op.new.label());
                    out.hit(meta, new, format!("{} request body", op.new.label()), msg);
                }
            }
        }
        OpLogic::NewPathParameter => {
            for op in &d.ops {
                for p in &op.params {
                    if let (None, Some(new)) = (p.old, p.new)
                        && p.location == "path"
                    {
                        let msg = format!("added the path parameter '{}'", p.name);
                        out.hit(meta, new, param_elem(op, p).path(), msg);
                    }
                }
            }
        }
        OpLogic::NewPathLevelParameter(req) => {
            for op in &d.ops {
                for p in &op.params {
                    if let (None, Some(new)) = (p.old, p.new)
                        && p.location != "path"
                        && on_path_item(&op.new, new)
                        && required(new) == req
                    {
                        let kind = if req { "required" } else { "optional" };
                        let msg = format!(
                            "added the {kind} {} parameter '{}' to the path of {}",
                            p.location,
                            p.name,
                            op.new.label()
                        );
                        out.hit(meta, new, param_elem(op, p).path(), msg);
                    }
                }
            }
        }
        OpLogic::MediaSchema(dir, gained) => {
            for op in &d.ops {
                for m in &op.media {
                    let (Some(a), Some(b)) = (m.old, m.new) else {
                        continue;
                    };
                    let here = if m.status.is_some() {
                        Dir::Response
                    } else {
                        Dir::Request
                    };
                    let (sa, sb) = (a.get("schema").is_some(), b.get("schema").is_some());
                    let hit = here == dir && sa != sb && sb == gained;
                    if hit {
                        let where_ = match m.status {
                            Some(s) => format!("response {s} {}", m.media),
                            None => format!("request body {}", m.media),
                        };
                        let verb = if sb { "gained" } else { "lost" };
                        let msg = format!("the media type '{}' {verb} its schema", m.media);
                        out.hit(
                            meta,
                            if sb { b } else { a },
                            format!("{} {where_}", op.new.label()),
                            msg,
                        );
                    }
                }
            }
        }
        OpLogic::MediaTypeGeneralized => {
            for op in &d.ops {
                for m in op.media.iter().filter(|m| m.status.is_some()) {
                    if let (Some(old), None) = (m.old, m.new)
                        && let Some(wide) = generalized_to(op, m.status, m.media)
                    {
                        let status = m.status.unwrap_or("");
                        let msg = format!(
                            "the media type '{}' of the {status} response was generalized to '{wide}'",
                            m.media
                        );
                        let path = format!("{} response {status} {}", op.new.label(), m.media);
                        out.hit(meta, old, path, msg);
                    }
                }
            }
        }
        OpLogic::WebhookRemoved => {
            use super::changes::{only_in, webhooks};
            for (name, w) in only_in(webhooks(d.old), webhooks(d.new)) {
                let msg = format!("removed the webhook '{name}'");
                out.hit(meta, w, format!("webhook {name}"), msg);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn response_header(
    meta: &RuleMeta,
    logic: OpLogic,
    op: &OpPair,
    status: &str,
    name: &str,
    a: Option<At>,
    b: Option<At>,
    out: &mut Sink,
) {
    let path = format!("{} response {status} header '{name}'", op.new.label());
    match (logic, a, b) {
        (OpLogic::ResponseHeaderRemoved(req), Some(a), None) if required(a) == req => {
            let kind = if req { "required" } else { "optional" };
            let msg = format!("removed the {kind} header '{name}' from the {status} response");
            out.hit(meta, a, path, msg);
        }
        (OpLogic::ResponseHeaderBecameOptional, Some(a), Some(b))
            if required(a) && !required(b) =>
        {
            let msg = format!("the header '{name}' of the {status} response became optional");
            out.hit(meta, b, path, msg);
        }
        (OpLogic::ResponseHeaderBecameNullable, Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (a.field("schema"), b.field("schema"))
                && !schema::nullable(x)
                && schema::nullable(y)
            {
                let msg = format!("the header '{name}' of the {status} response may now be null");
                out.hit(meta, y, path, msg);
            }
        }
        (OpLogic::ResponseHeaderType(widening), Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (a.field("schema"), b.field("schema"))
                && text_type_breaks(Dir::Response, x, y)
            {
                let generalized = schema::types(x) == ["integer"] && schema::types(y) == ["number"];
                if generalized == widening {
                    let (t1, t2) = (type_text(x), type_text(y));
                    let msg = format!(
                        "the type of the header '{name}' of the {status} response changed from '{t1}' to '{t2}'"
                    );
                    out.change(meta, y, path, msg, t1, t2);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::load_str;
    use std::path::Path;

    #[test]
    fn stability_levels_rank_and_reject_unknown_values() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {x-stability-level: beta, responses: {}}\n    put: {x-stability-level: 1, responses: {}}\n    post: {responses: {}}\n";
        let s = load_str(Path::new("t.yaml"), text).expect("loads");
        let item = s
            .root()
            .get("paths")
            .and_then(|p| p.get("/a"))
            .expect("path");
        let op = |m: &str| item.get(m).expect("operation");
        assert_eq!(stability(op("get")).ok(), Some(Some("beta")));
        assert!(stability(op("put")).is_err());
        // No level counts as stable, so stable → beta is a decrease.
        assert!(rank(Some("beta")) < rank(None));
        let o = Options {
            deprecation_days_stable: 30,
            deprecation_days_beta: 7,
            ..Options::default()
        };
        assert_eq!(min_days(op("get"), &o), 7);
        assert_eq!(min_days(op("post"), &o), 30);
    }
}
