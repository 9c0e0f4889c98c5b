//! Checks a consumer's example value against an OpenAPI schema (3.0 and 3.1 keywords, read
//! through `$ref`s with the openapi module's `At`), with the consumer's matching rules
//! applied: where a matcher says "any value like this" (`type`, `regex`, `integer`,
//! `timestamp`…), only the kind of value must be one the schema allows, not the example
//! itself; arrays under `eachLike` are checked element by element against `items`.
//!
//! A field the schema does not define is reported separately from an invalid value, so the
//! comparison can tell `response.body.unknown` from `response.body.incompatible`.

use super::matchers::{Matcher, MatchingRules, RuleList, Step};
use crate::openapi::node::{Node, Val};
use crate::openapi::schema;
use crate::openapi::view::At;
use serde_json::Value;

/// How deep a value is followed (recursive schemas end with the value anyway).
const MAX_DEPTH: u16 = 64;

/// How many `allOf`/`oneOf`/`anyOf` are followed at one place of the value: a schema that
/// composes itself (`A: {oneOf: [A, B]}`) would otherwise never end.
const MAX_COMPOSITION: u8 = 6;

/// How many schemas the property lookups read through compositions at one object.
const MAX_SCHEMAS_READ: usize = 256;

/// Where the walk is: value nesting, and the schemas composed (`allOf`/`oneOf`/`anyOf`)
/// since the last value step, so that a schema composing itself is not entered again.
#[derive(Debug, Clone, Copy, Default)]
struct Level {
    value: u16,
    composition: u8,
    composed: [usize; MAX_COMPOSITION as usize],
}

impl Level {
    fn inside(self) -> Level {
        Level {
            value: self.value + 1,
            ..Level::default()
        }
    }

    /// One composition deeper, from schema `id`.
    fn composed(self, id: usize) -> Level {
        let mut next = self;
        if let Some(slot) = next.composed.get_mut(usize::from(self.composition)) {
            *slot = id;
        }
        next.composition = self.composition + 1;
        next
    }

    /// Whether schema `id` is already being checked at this place of the value.
    fn entered(&self, id: usize) -> bool {
        self.composed[..usize::from(self.composition).min(self.composed.len())].contains(&id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The consumer sends the value: it must satisfy `required`, closed objects reject
    /// extra fields as invalid.
    Request,
    /// The provider sends it: `required` does not bind the consumer (it need not read every
    /// field), a field the document lacks is "unknown".
    Response,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    Incompatible,
    /// A field the schema does not define; `closed` when the schema forbids other fields.
    Unknown {
        closed: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Issue<'a> {
    /// Below the value's root: `.items[0].name`.
    pub path: String,
    pub kind: IssueKind,
    pub message: String,
    /// The consumer's value there, rendered.
    pub value: String,
    /// What the document says there, rendered.
    pub expected: String,
    pub schema: At<'a>,
}

pub struct Validator<'r> {
    pub side: Side,
    /// Body matching rules (response side; requests are checked by their example).
    pub rules: Option<&'r MatchingRules>,
}

impl Validator<'_> {
    /// Every issue of `value` against `s`, deduplicated.
    pub fn check<'a>(&self, s: At<'a>, value: &Value) -> Vec<Issue<'a>> {
        let mut out = Vec::new();
        let mut steps = Vec::new();
        self.walk(
            s,
            value,
            &mut steps,
            false,
            None,
            &mut out,
            Level::default(),
        );
        let mut seen = std::collections::HashSet::new();
        out.retain(|i| seen.insert((i.path.clone(), i.message.clone())));
        out
    }

    /// Checks one scalar read from a header, query or path parameter: `loose_rules` is the
    /// parameter's matchers (a matcher means the example stands for any value of its kind).
    pub fn check_param<'a>(
        &self,
        s: At<'a>,
        value: &Value,
        loose_rules: Option<&RuleList>,
    ) -> Vec<Issue<'a>> {
        let mut out = Vec::new();
        let mut steps = Vec::new();
        self.walk(
            s,
            value,
            &mut steps,
            false,
            loose_rules,
            &mut out,
            Level::default(),
        );
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn walk<'a, 'v>(
        &self,
        s: At<'a>,
        v: &'v Value,
        steps: &mut Vec<Step<'v>>,
        skip_unknown: bool,
        param_rules: Option<&RuleList>,
        out: &mut Vec<Issue<'a>>,
        lvl: Level,
    ) {
        if lvl.value > MAX_DEPTH || lvl.composition >= MAX_COMPOSITION {
            return;
        }
        let s = s.deref();
        let here = s.id();
        if let Some(b) = s.node.as_bool() {
            if !b {
                out.push(issue(
                    steps,
                    IssueKind::Incompatible,
                    v,
                    "no value (schema `false`)",
                    s,
                    "the schema allows no value here".into(),
                ));
            }
            return;
        }
        let rule = match (param_rules, self.side, self.rules) {
            (Some(r), _, _) => Some(r),
            (None, Side::Response, Some(rules)) => rules.body_rule(steps),
            _ => None,
        };
        let loose = rule.is_some_and(|r| r.matchers.iter().any(Matcher::loosens_value));

        if v.is_null() {
            let types = schema::types(s);
            let null_ok = schema::nullable(s) || types.is_empty();
            if !null_ok {
                out.push(issue(
                    steps,
                    IssueKind::Incompatible,
                    v,
                    &types.join(" or "),
                    s,
                    format!("is null where the document expects {}", types.join(" or ")),
                ));
            }
            return;
        }
        if let Some(inner) = schema::null_wrapped(s) {
            self.walk(
                inner,
                v,
                steps,
                skip_unknown,
                param_rules,
                out,
                lvl.composed(here),
            );
            return;
        }

        // The kind of value first: nothing below makes sense for the wrong kind.
        let types = schema::types(s);
        // Under a matcher a number stands for any number: integers fit a `number` schema
        // and a decimal example fits an `integer` one (the provider's values are a subset).
        let fits = |t: &&str| admits(t, v) || (loose && *t == "integer" && v.is_number());
        if !types.is_empty() && !types.iter().any(fits) {
            out.push(issue(
                steps,
                IssueKind::Incompatible,
                v,
                &types.join(" or "),
                s,
                format!(
                    "is {} where the document expects {}",
                    kind_of(v),
                    types.join(" or ")
                ),
            ));
            return;
        }
        if let Some(r) = rule {
            self.matcher_kinds(s, v, r, &types, steps, out);
        }
        if !loose {
            self.value_constraints(s, v, steps, out);
        }

        for b in branches(s, "allOf") {
            let id = b.deref().id();
            if id != here && !lvl.entered(id) {
                self.walk(b, v, steps, true, param_rules, out, lvl.composed(here));
            }
        }
        for key in ["oneOf", "anyOf"] {
            let Some(list) = s.get(key) else { continue };
            let mut best: Option<Vec<Issue<'a>>> = None;
            for b in list.items() {
                // A branch that is the schema itself again says nothing new.
                let id = b.deref().id();
                if id == here || lvl.entered(id) {
                    continue;
                }
                let mut sub = Vec::new();
                self.walk(b, v, steps, true, param_rules, &mut sub, lvl.composed(here));
                let bad = sub
                    .iter()
                    .filter(|i| i.kind == IssueKind::Incompatible)
                    .count();
                if best.as_ref().is_none_or(|b| {
                    bad < b
                        .iter()
                        .filter(|i| i.kind == IssueKind::Incompatible)
                        .count()
                }) {
                    best = Some(sub);
                }
                if bad == 0 {
                    break;
                }
            }
            if let Some(b) = best {
                out.extend(b);
            }
        }

        match v {
            Value::Object(map) => {
                let free_keys = rule.is_some_and(|r| {
                    r.matchers.iter().any(|m| {
                        matches!(m, Matcher::Values | Matcher::EachKey | Matcher::EachValue)
                    })
                });
                let known = known_properties(s, &mut Vec::new());
                let closed = closed(s, &mut Vec::new());
                let extra = additional_schema(s, &mut Vec::new());
                if self.side == Side::Request {
                    for r in schema::required(s) {
                        // A required `readOnly` property is one the server sends, not one
                        // a client must (OpenAPI 3.0 says so explicitly).
                        let read_only = s
                            .field("properties")
                            .and_then(|ps| ps.field(r))
                            .is_some_and(|p| schema::flag(p, "readOnly"));
                        if !map.contains_key(r) && !read_only {
                            out.push(issue(
                                steps,
                                IssueKind::Incompatible,
                                v,
                                r,
                                s,
                                format!("misses the required property `{r}`"),
                            ));
                        }
                    }
                }
                for (k, val) in map {
                    steps.push(Step::Field(k));
                    if let Some(p) = s.field("properties").and_then(|ps| ps.get(k)) {
                        self.walk(p, val, steps, false, None, out, lvl.inside());
                    } else if known.iter().any(|n| n == k) {
                        // Defined in an allOf/oneOf branch, checked there.
                    } else if let Some(p) = pattern_property(s, k) {
                        self.walk(p, val, steps, false, None, out, lvl.inside());
                    } else if let Some(x) = extra {
                        self.walk(x, val, steps, false, None, out, lvl.inside());
                    } else if !skip_unknown && !free_keys && (closed || !known.is_empty()) {
                        let kind = match self.side {
                            Side::Request if closed => Some(IssueKind::Incompatible),
                            Side::Request => None,
                            Side::Response => Some(IssueKind::Unknown { closed }),
                        };
                        if let Some(kind) = kind {
                            let msg = if closed {
                                "is not defined by the document, which allows no other properties"
                            } else {
                                "is not defined by the document"
                            };
                            out.push(issue(steps, kind, val, "(not defined)", s, msg.into()));
                        }
                    }
                    steps.pop();
                }
            }
            Value::Array(items) => {
                if let Some(it) = s.field("items") {
                    for (i, el) in items.iter().enumerate() {
                        steps.push(Step::Index(i));
                        self.walk(it, el, steps, false, None, out, lvl.inside());
                        steps.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// What a matcher promises about the kind of value, against the schema's types.
    fn matcher_kinds<'a>(
        &self,
        s: At<'a>,
        v: &Value,
        r: &RuleList,
        types: &[&str],
        steps: &[Step],
        out: &mut Vec<Issue<'a>>,
    ) {
        if types.is_empty() || r.combine_or {
            return;
        }
        for m in &r.matchers {
            let wants: &[&str] = match m {
                Matcher::Integer => &["integer", "number"],
                Matcher::Decimal => &["number"],
                Matcher::Number => &["integer", "number"],
                Matcher::Boolean => &["boolean"],
                Matcher::Regex { .. }
                | Matcher::Timestamp
                | Matcher::Date
                | Matcher::Time
                | Matcher::Include { .. }
                | Matcher::Semver => &["string"],
                _ => continue,
            };
            // A regex over a number or boolean example (pact-js allows it) matches its text.
            if matches!(m, Matcher::Regex { .. }) && !v.is_string() {
                continue;
            }
            if !types.iter().any(|t| wants.contains(t)) {
                out.push(issue(
                    steps,
                    IssueKind::Incompatible,
                    v,
                    &types.join(" or "),
                    s,
                    format!(
                        "is expected by the consumer to hold {} values; the document says {}",
                        matcher_name(m),
                        types.join(" or ")
                    ),
                ));
            }
        }
    }

    /// enum, const, bounds, lengths, pattern and (for exact examples) array sizes.
    fn value_constraints<'a>(
        &self,
        s: At<'a>,
        v: &Value,
        steps: &[Step],
        out: &mut Vec<Issue<'a>>,
    ) {
        let en = schema::enum_values(s);
        if !en.is_empty() && !en.iter().any(|e| node_eq(e, v)) {
            let allowed: Vec<String> = en.iter().map(Node::render).collect();
            out.push(issue(
                steps,
                IssueKind::Incompatible,
                v,
                &allowed.join(", "),
                s,
                format!(
                    "is {}, not one of the document's values ({})",
                    render(v),
                    allowed.join(", ")
                ),
            ));
        }
        if let Some(c) = s.get("const")
            && !node_eq(c.node, v)
        {
            out.push(issue(
                steps,
                IssueKind::Incompatible,
                v,
                &c.node.render(),
                s,
                format!(
                    "is {}, not the document's constant {}",
                    render(v),
                    c.node.render()
                ),
            ));
        }
        match v {
            Value::String(text) => {
                let len = text.chars().count() as f64;
                if schema::num(s, "minLength").is_some_and(|m| len < m) {
                    out.push(issue(
                        steps,
                        IssueKind::Incompatible,
                        v,
                        "minLength",
                        s,
                        format!(
                            "is shorter than the document's minLength {}",
                            schema::num(s, "minLength").unwrap_or(0.0)
                        ),
                    ));
                }
                if schema::num(s, "maxLength").is_some_and(|m| len > m) {
                    out.push(issue(
                        steps,
                        IssueKind::Incompatible,
                        v,
                        "maxLength",
                        s,
                        format!(
                            "is longer than the document's maxLength {}",
                            schema::num(s, "maxLength").unwrap_or(0.0)
                        ),
                    ));
                }
                if let Some(p) = s.get("pattern").and_then(|p| p.str())
                    && let Some(re) = cached_regex(p)
                    && !re.is_match(text)
                {
                    out.push(issue(
                        steps,
                        IssueKind::Incompatible,
                        v,
                        p,
                        s,
                        format!(
                            "is {}, which does not match the document's pattern {p}",
                            render(v)
                        ),
                    ));
                }
                if let Some(f) = schema::format(s)
                    && !format_ok(f, text)
                {
                    out.push(issue(
                        steps,
                        IssueKind::Incompatible,
                        v,
                        f,
                        s,
                        format!("is {}, not a valid {f}", render(v)),
                    ));
                }
            }
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                let bound = |k: &str| schema::num(s, k);
                let excl = |k: &str| s.get(k).and_then(|e| e.bool()) == Some(true);
                let mut bad = None;
                if let Some(m) = bound("minimum")
                    && (x < m || (excl("exclusiveMinimum") && x == m))
                {
                    bad = Some(format!("is below the document's minimum {m}"));
                }
                if let Some(m) = bound("exclusiveMinimum")
                    && x <= m
                {
                    bad = Some(format!("is not above the document's exclusiveMinimum {m}"));
                }
                if let Some(m) = bound("maximum")
                    && (x > m || (excl("exclusiveMaximum") && x == m))
                {
                    bad = Some(format!("is above the document's maximum {m}"));
                }
                if let Some(m) = bound("exclusiveMaximum")
                    && x >= m
                {
                    bad = Some(format!("is not below the document's exclusiveMaximum {m}"));
                }
                if let Some(msg) = bad {
                    out.push(issue(steps, IssueKind::Incompatible, v, "bounds", s, msg));
                }
            }
            Value::Array(xs) => {
                let n = xs.len() as f64;
                if schema::num(s, "minItems").is_some_and(|m| n < m)
                    || schema::num(s, "maxItems").is_some_and(|m| n > m)
                {
                    out.push(issue(
                        steps,
                        IssueKind::Incompatible,
                        v,
                        "minItems/maxItems",
                        s,
                        format!(
                            "has {} items, outside the document's minItems/maxItems",
                            xs.len()
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
}

fn issue<'a>(
    steps: &[Step],
    kind: IssueKind,
    v: &Value,
    expected: &str,
    s: At<'a>,
    message: String,
) -> Issue<'a> {
    Issue {
        path: render_steps(steps),
        kind,
        message,
        value: render(v),
        expected: expected.to_string(),
        schema: s,
    }
}

/// `.items[0].name`, with `['odd key']` for keys that are not identifiers.
pub fn render_steps(steps: &[Step]) -> String {
    let mut s = String::new();
    for st in steps {
        match st {
            Step::Field(f) => {
                if !f.is_empty()
                    && f.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                {
                    s.push('.');
                    s.push_str(f);
                } else {
                    s.push_str(&format!("['{f}']"));
                }
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// A value for a message: scalars as JSON, containers abbreviated.
pub fn render(v: &Value) -> String {
    match v {
        Value::Object(_) => "an object".into(),
        Value::Array(xs) => format!("an array of {}", xs.len()),
        other => {
            let s = other.to_string();
            if s.chars().count() > 60 {
                format!("{}…", s.chars().take(60).collect::<String>())
            } else {
                s
            }
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() != 0.0) => {
            "a decimal number"
        }
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn matcher_name(m: &Matcher) -> &'static str {
    match m {
        Matcher::Integer => "integer",
        Matcher::Decimal => "decimal",
        Matcher::Number => "number",
        Matcher::Boolean => "boolean",
        Matcher::Regex { .. } => "string (regex)",
        Matcher::Timestamp => "timestamp string",
        Matcher::Date => "date string",
        Matcher::Time => "time string",
        Matcher::Include { .. } => "string (include)",
        Matcher::Semver => "semver string",
        _ => "other",
    }
}

/// Whether a JSON Schema type admits a value.
fn admits(t: &str, v: &Value) -> bool {
    match (t, v) {
        ("string", Value::String(_)) => true,
        ("boolean", Value::Bool(_)) => true,
        ("object", Value::Object(_)) => true,
        ("array", Value::Array(_)) => true,
        ("number", Value::Number(_)) => true,
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

fn node_eq(n: &Node, v: &Value) -> bool {
    match (&n.v, v) {
        (Val::Null, Value::Null) => true,
        (Val::Bool(a), Value::Bool(b)) => a == b,
        (Val::Num(a), Value::Number(b)) => b.as_f64() == Some(*a),
        (Val::Str(a), Value::String(b)) => &**a == b,
        (Val::Arr(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| node_eq(x, y))
        }
        (Val::Obj(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|m| b.get(&*m.key).is_some_and(|y| node_eq(&m.val, y)))
        }
        _ => false,
    }
}

/// The formats whose violation is unambiguous; others are not checked (as most validators).
fn format_ok(f: &str, s: &str) -> bool {
    let digits = |x: &str, n: usize| x.len() == n && x.bytes().all(|b| b.is_ascii_digit());
    match f {
        "date" => {
            let p: Vec<&str> = s.split('-').collect();
            p.len() == 3 && digits(p[0], 4) && digits(p[1], 2) && digits(p[2], 2)
        }
        "date-time" => {
            s.len() >= 19
                && s.is_char_boundary(10)
                && format_ok("date", &s[..10])
                && matches!(s.as_bytes()[10], b'T' | b't' | b' ')
        }
        "uuid" => {
            let p: Vec<&str> = s.split('-').collect();
            p.len() == 5
                && [8, 4, 4, 4, 12]
                    .iter()
                    .zip(&p)
                    .all(|(n, x)| x.len() == *n && x.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        "int32" | "int64" => true,
        _ => true,
    }
}

/// Properties defined by the schema or by its `allOf`/`oneOf`/`anyOf` branches; `seen`
/// holds the schemas already read (compositions may refer back to themselves).
fn known_properties(s: At, seen: &mut Vec<usize>) -> Vec<String> {
    let s = s.deref();
    if seen.contains(&s.id()) || seen.len() > MAX_SCHEMAS_READ {
        return Vec::new();
    }
    seen.push(s.id());
    let mut out: Vec<String> = s
        .field("properties")
        .map(|p| p.members().map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default();
    for key in ["allOf", "oneOf", "anyOf"] {
        for b in branches(s, key) {
            out.extend(known_properties(b, seen));
        }
    }
    if let Some(inner) = schema::null_wrapped(s) {
        out.extend(known_properties(inner, seen));
    }
    out
}

/// `additionalProperties: false` (or 3.1 `unevaluatedProperties: false`) here or in an
/// `allOf` branch.
fn closed(s: At, seen: &mut Vec<usize>) -> bool {
    let s = s.deref();
    if seen.contains(&s.id()) || seen.len() > MAX_SCHEMAS_READ {
        return false;
    }
    seen.push(s.id());
    let f = |k: &str| s.get(k).and_then(|x| x.bool()) == Some(false);
    f("additionalProperties")
        || f("unevaluatedProperties")
        || branches(s, "allOf").into_iter().any(|b| closed(b, seen))
}

/// `additionalProperties: {schema}` here or in an `allOf` branch.
fn additional_schema<'a>(s: At<'a>, seen: &mut Vec<usize>) -> Option<At<'a>> {
    let s = s.deref();
    if seen.contains(&s.id()) || seen.len() > MAX_SCHEMAS_READ {
        return None;
    }
    seen.push(s.id());
    if let Some(a) = s.get("additionalProperties")
        && a.node.is_obj()
    {
        return Some(a);
    }
    branches(s, "allOf")
        .into_iter()
        .find_map(|b| additional_schema(b, seen))
}

fn pattern_property<'a>(s: At<'a>, key: &str) -> Option<At<'a>> {
    let pp = s.get("patternProperties")?;
    pp.members()
        .find_map(|(p, sch)| cached_regex(p).filter(|re| re.is_match(key)).map(|_| sch))
}

/// A header/query/path value (text) as the JSON value the parameter's schema describes.
pub fn coerce(s: At, raw: &[String]) -> Value {
    let s = s.deref();
    let s = schema::null_wrapped(s).unwrap_or(s);
    let types = schema::types(s);
    if types.contains(&"array") {
        let items = s.field("items");
        let parts: Vec<String> = if raw.len() == 1 {
            raw[0].split(',').map(str::to_string).collect()
        } else {
            raw.to_vec()
        };
        return Value::Array(
            parts
                .iter()
                .map(|p| match items {
                    Some(it) => coerce(it, std::slice::from_ref(p)),
                    None => Value::String(p.clone()),
                })
                .collect(),
        );
    }
    let text = raw.first().map(String::as_str).unwrap_or("");
    if types.iter().any(|t| *t == "integer" || *t == "number") {
        if let Ok(i) = text.trim().parse::<i64>() {
            return Value::from(i);
        }
        if let Some(n) = text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    if types.contains(&"boolean") {
        match text {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    }
    Value::String(text.to_string())
}

/// Compiled patterns, kept per thread: the same few patterns (a schema's `pattern`, a
/// path template) are matched against every element and interaction. Patterns the regex
/// crate cannot compile (ECMA-only syntax) are remembered as `None` and not checked.
pub(crate) fn cached_regex(p: &str) -> Option<regex::Regex> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const MAX_CACHED: usize = 1024;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<regex::Regex>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(r) = c.get(p) {
            return r.clone();
        }
        if c.len() >= MAX_CACHED {
            c.clear();
        }
        let r = regex::Regex::new(p).ok();
        c.insert(p.to_string(), r.clone());
        r
    })
}

/// The subschemas of a list keyword (`allOf`, `oneOf`, `anyOf`).
fn branches<'a>(s: At<'a>, key: &str) -> Vec<At<'a>> {
    s.get(key).map(|l| l.items().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pact::matchers::parse_matching_rules;
    use crate::pact::model::PactSpec;
    use serde_json::json;
    use std::path::Path;

    const DOC: &str = r#"openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    S:
      type: object
      additionalProperties: false
      required: [status, id]
      properties:
        id: {type: integer, readOnly: true}
        status: {type: string, enum: [open, shipped]}
        count: {type: integer, minimum: 0}
        price: {type: number}
        tags: {type: array, items: {type: string}}
        note: {type: [string, "null"]}
"#;

    fn spec() -> crate::openapi::Spec {
        crate::openapi::load_with(Path::new("t.yaml"), &|_p: &Path| {
            Ok(DOC.as_bytes().to_vec())
        })
        .unwrap()
    }

    fn issues(side: Side, rules: serde_json::Value, value: serde_json::Value) -> Vec<String> {
        let spec = spec();
        let s = spec
            .root()
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|c| c.get("S"))
            .unwrap();
        let rules = parse_matching_rules(Some(&rules), PactSpec::V3, "$").unwrap();
        let v = Validator {
            side,
            rules: Some(&rules),
        };
        v.check(s, &value)
            .into_iter()
            .map(|i| format!("{} {:?}", i.path, i.kind))
            .collect()
    }

    #[test]
    fn exact_example_must_be_a_documented_value() {
        let got = issues(Side::Response, json!({}), json!({"status": "lost"}));
        assert_eq!(got, vec![".status Incompatible"]);
    }

    #[test]
    fn type_matcher_accepts_any_value_of_the_type() {
        let rules = json!({"body": {"$.status": {"matchers": [{"match": "type"}]}}});
        assert!(issues(Side::Response, rules.clone(), json!({"status": "lost"})).is_empty());
        // …but not another type.
        assert_eq!(
            issues(Side::Response, rules, json!({"status": 3})),
            vec![".status Incompatible"]
        );
    }

    #[test]
    fn decimal_matcher_needs_a_number_schema() {
        let rules = json!({"body": {
            "$.count": {"matchers": [{"match": "decimal"}]},
            "$.price": {"matchers": [{"match": "decimal"}]}
        }});
        assert_eq!(
            issues(Side::Response, rules, json!({"count": 1.5, "price": 1.5})),
            vec![".count Incompatible"]
        );
    }

    #[test]
    fn each_like_checks_every_element() {
        let rules = json!({"body": {"$.tags": {"matchers": [{"match": "type", "min": 1}]}}});
        assert_eq!(
            issues(Side::Response, rules, json!({"tags": ["a", 2, "c"]})),
            vec![".tags[1] Incompatible"]
        );
    }

    #[test]
    fn unknown_fields_and_required() {
        // Responses: a field the closed schema lacks is unknown; `required` does not bind.
        assert_eq!(
            issues(Side::Response, json!({}), json!({"extra": 1})),
            vec![".extra Unknown { closed: true }"]
        );
        // Requests: the same field is invalid, and a required property must be sent.
        // (`status` is missing; `id` is required too but readOnly: not the client's to send.)
        let got = issues(Side::Request, json!({}), json!({"extra": 1}));
        assert_eq!(
            got.iter().filter(|g| *g == " Incompatible").count(),
            1,
            "{got:?}"
        );
        assert!(got.contains(&".extra Incompatible".to_string()), "{got:?}");
    }

    #[test]
    fn nullable_in_31() {
        assert!(issues(Side::Response, json!({}), json!({"note": null})).is_empty());
        assert_eq!(
            issues(Side::Response, json!({}), json!({"price": null})),
            vec![".price Incompatible"]
        );
    }

    #[test]
    fn coercion_of_parameters() {
        let spec = spec();
        let s = spec
            .root()
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(|c| c.get("S"))
            .and_then(|s| s.get("properties"))
            .unwrap();
        assert_eq!(coerce(s.get("count").unwrap(), &["12".into()]), json!(12));
        assert_eq!(
            coerce(s.get("tags").unwrap(), &["a,b".into()]),
            json!(["a", "b"])
        );
        assert_eq!(coerce(s.get("count").unwrap(), &["x".into()]), json!("x"));
    }
}
