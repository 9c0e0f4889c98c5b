//! The breaking-change checks, one file per oasdiff rule id (the file is named after the
//! id). Each file holds its catalogue entry and a pure function over the `Diff` (the pairs
//! the engine matched); adding a check is its file plus one line in `CHECKS`.

use super::Options;
use super::pairs::{Diff, Root, SchemaPair};
use super::schema::Dir;
use super::view::At;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Finding, Format, RuleKind, Severity};

/// One check: its catalogue entry and what it looks for.
pub struct Check {
    pub meta: RuleMeta,
    pub run: fn(&Diff, &Options, &mut Sink),
}

/// Builds the catalogue entry of an OpenAPI breaking check.
pub(crate) const fn meta(id: &'static str, severity: Severity, doc: RuleDoc) -> RuleMeta {
    RuleMeta {
        id,
        kind: RuleKind::Breaking,
        formats: &[Format::Openapi],
        categories: &[],
        default_severity: severity,
        doc,
        aliases: &[],
    }
}

/// Where checks put what they find.
#[derive(Default)]
pub struct Sink {
    pub findings: Vec<Finding>,
}

impl Sink {
    pub fn hit(&mut self, meta: &RuleMeta, at: At, path: String, message: String) {
        self.findings.push(Finding {
            rule: meta.id.to_string(),
            severity: meta.default_severity,
            kind: RuleKind::Breaking,
            format: Format::Openapi,
            message,
            location: at.location(path),
            before: None,
            after: None,
            against: None,
        });
    }

    pub fn change(
        &mut self,
        meta: &RuleMeta,
        at: At,
        path: String,
        message: String,
        before: String,
        after: String,
    ) {
        self.hit(meta, at, path, message);
        if let Some(f) = self.findings.last_mut() {
            f.before = Some(before);
            f.after = Some(after);
        }
    }
}

/// Where a schema pair is, in words: `request property 'name'`, `response body` …
pub(crate) fn describe(s: &SchemaPair) -> String {
    let side = match s.dir {
        Dir::Request => "request",
        Dir::Response => "response",
    };
    let root = match &s.root {
        Root::Body {
            status: Some(st),
            media,
        } => format!("{side} body ({st}, {media})"),
        Root::Body {
            status: None,
            media,
        } => format!("{side} body ({media})"),
        Root::Param { location, name } => format!("{location} parameter '{name}'"),
    };
    if s.path.is_empty() {
        root
    } else {
        format!("property '{}' of the {root}", s.path)
    }
}

/// The logical path of a finding: `POST /pets` and where in it.
pub(crate) fn path_of(d: &Diff, s: &SchemaPair) -> String {
    format!("{} {}", d.ops[s.op].new.label(), describe(s))
}

/// Schema pairs of one direction, of bodies (not parameters), at properties or at roots.
pub(crate) fn body_pairs<'d, 'a>(
    d: &'d Diff<'a>,
    dir: Dir,
    property: bool,
) -> impl Iterator<Item = &'d SchemaPair<'a>> {
    d.schemas
        .iter()
        .filter(move |s| s.dir == dir && s.is_body() && s.is_property() == property)
}

/// A property that does not travel in this direction (`readOnly` in a request,
/// `writeOnly` in a response) does not concern clients there.
pub(crate) fn hidden(s: &SchemaPair, at: At) -> bool {
    let key = match s.dir {
        Dir::Request => "readOnly",
        Dir::Response => "writeOnly",
    };
    s.is_property() && super::schema::flag(at, key)
}

macro_rules! checks {
    ($($file:literal => $m:ident),* $(,)?) => {
        $( #[path = $file] mod $m; )*
        /// Every OpenAPI breaking check, in catalogue order.
        pub static CHECKS: &[&Check] = &[ $( &$m::CHECK ),* ];
    };
}

checks! {
    "api-path-removed-without-deprecation.rs" => api_path_removed_without_deprecation,
    "api-path-removed-before-sunset.rs" => api_path_removed_before_sunset,
    "api-removed-without-deprecation.rs" => api_removed_without_deprecation,
    "api-removed-before-sunset.rs" => api_removed_before_sunset,
    "request-parameter-removed.rs" => request_parameter_removed,
    "request-parameter-became-required.rs" => request_parameter_became_required,
    "new-required-request-parameter.rs" => new_required_request_parameter,
    "request-parameter-type-changed.rs" => request_parameter_type_changed,
    "request-parameter-enum-value-removed.rs" => request_parameter_enum_value_removed,
    "request-parameter-became-enum.rs" => request_parameter_became_enum,
    "request-body-became-required.rs" => request_body_became_required,
    "request-body-media-type-removed.rs" => request_body_media_type_removed,
    "response-media-type-removed.rs" => response_media_type_removed,
    "response-success-status-removed.rs" => response_success_status_removed,
    "new-required-request-property.rs" => new_required_request_property,
    "request-property-became-required.rs" => request_property_became_required,
    "request-property-removed.rs" => request_property_removed,
    "request-property-type-changed.rs" => request_property_type_changed,
    "request-body-type-changed.rs" => request_body_type_changed,
    "request-property-max-length-decreased.rs" => request_property_max_length_decreased,
    "request-property-enum-value-removed.rs" => request_property_enum_value_removed,
    "request-property-became-not-nullable.rs" => request_property_became_not_nullable,
    "request-property-pattern-added.rs" => request_property_pattern_added,
    "response-required-property-removed.rs" => response_required_property_removed,
    "response-optional-property-removed.rs" => response_optional_property_removed,
    "response-property-became-optional.rs" => response_property_became_optional,
    "response-property-type-changed.rs" => response_property_type_changed,
    "response-property-enum-value-added.rs" => response_property_enum_value_added,
    "response-property-became-nullable.rs" => response_property_became_nullable,
    "response-body-became-nullable.rs" => response_body_became_nullable,
    "response-body-type-changed.rs" => response_body_type_changed,
    "request-property-became-enum.rs" => request_property_became_enum,
    "request-body-became-enum.rs" => request_body_became_enum,
    "request-property-min-increased.rs" => request_property_min_increased,
    "request-property-max-decreased.rs" => request_property_max_decreased,
    "request-property-min-length-increased.rs" => request_property_min_length_increased,
    "request-property-min-items-increased.rs" => request_property_min_items_increased,
    "request-parameter-max-items-decreased.rs" => request_parameter_max_items_decreased,
    "request-parameter-became-not-nullable.rs" => request_parameter_became_not_nullable,
}

/// `string`, `integer/int64`, `[integer, string]` for messages.
pub(crate) fn type_text(s: At) -> String {
    let t = super::schema::types(s);
    let t = match t.len() {
        0 => "any".to_string(),
        1 => t[0].to_string(),
        _ => format!("[{}]", t.join(", ")),
    };
    match super::schema::format(s) {
        Some(f) => format!("{t}/{f}"),
        None => t,
    }
}

/// Whether the type or format change from `o` to `n` breaks clients in this direction:
/// a request may only accept more (`integer` → `number`, an added type), a response may
/// only return less.
pub(crate) fn type_breaks(dir: Dir, o: At, n: At) -> bool {
    use super::schema::{format, types};
    let (ot, nt) = (types(o), types(n));
    if ot.is_empty() || nt.is_empty() {
        return false;
    }
    if ot == nt {
        return matches!((format(o), format(n)), (Some(a), Some(b)) if a != b);
    }
    let (wide, narrow) = match dir {
        Dir::Request => (&nt, &ot),
        Dir::Response => (&ot, &nt),
    };
    let covered = narrow
        .iter()
        .all(|t| wide.contains(t) || (*t == "integer" && wide.contains(&"number")));
    !covered
}

/// Enum values of `a` that `b` does not have (empty when `b` has no enum at all).
pub(crate) fn enum_missing<'a>(a: At<'a>, b: At<'a>) -> Vec<String> {
    let (av, bv) = (super::schema::enum_values(a), super::schema::enum_values(b));
    if bv.is_empty() {
        return Vec::new();
    }
    av.iter()
        .filter(|x| !bv.iter().any(|y| x.same(y)))
        .map(|x| x.render())
        .collect()
}

/// The schema of a parameter (resolved, and unwrapped from a `oneOf: [S, {type: null}]`
/// nullable wrapper), when it has one.
pub(crate) fn param_schema(p: At) -> Option<At> {
    raw_param_schema(p).map(|s| super::schema::null_wrapped(s).unwrap_or(s))
}

/// The schema of a parameter as written (resolved), nullable wrapper included.
pub(crate) fn raw_param_schema(p: At) -> Option<At> {
    p.get("schema").map(|s| s.deref())
}
