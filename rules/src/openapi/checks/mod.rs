//! The breaking-change checks, with oasdiff's rule ids. The first ones are one file each
//! (named after the id), holding the catalogue entry and a pure function over the `Diff`
//! (the pairs the engine matched). oasdiff has one id per keyword × place × direction
//! (`request-body-max-decreased`, `request-parameter-max-decreased`,
//! `response-property-max-increased`, …), so the rest are generated from the `table` and
//! `operations` sections of `checks!` below: one row per id, still one catalogue entry per
//! id with its own documentation, run by one general mechanism (`family::apply` for schema
//! pairs, `ops::apply` for operations). Adding a check is a row (or a file plus a line in
//! `files`) and a fixture under `fixtures/openapi/<id>/`.

use super::Options;

pub mod changes;
pub mod family;
mod form_explode;
pub mod ops;
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

/// The documentation of a table row, by what kind of change it is.
macro_rules! req_doc {
    ($summary:literal, $before:literal, $after:literal) => {
        RuleDoc {
            summary: $summary,
            why: "The request accepts less than before: values existing clients send can now be rejected.",
            before: $before,
            after: $after,
            evolve: "Relax what a request accepts, never tighten it; put stricter rules in a new operation or version.",
        }
    };
}

macro_rules! req_warn_doc {
    ($summary:literal, $before:literal, $after:literal) => {
        RuleDoc {
            summary: $summary,
            why: "A rule now applies where there was none: clients that sent values outside it are rejected. It is a warning because the server may never have accepted such values anyway.",
            before: $before,
            after: $after,
            evolve: "Set the limit to what the server already enforced, and say so in the changelog.",
        }
    };
}

macro_rules! resp_doc {
    ($summary:literal, $before:literal, $after:literal) => {
        RuleDoc {
            summary: $summary,
            why: "The response can now hold values clients were told could not occur; their parsing or validation of it can fail.",
            before: $before,
            after: $after,
            evolve: "Keep every guarantee a response makes; return wider values in a new field or a new version.",
        }
    };
}

macro_rules! deprecation_doc {
    ($summary:literal, $before:literal, $after:literal) => {
        RuleDoc {
            summary: $summary,
            why: "Clients plan their migration on the deprecation and sunset dates an API publishes; without a valid date far enough ahead they get less notice than the policy promises.",
            before: $before,
            after: $after,
            evolve: "Deprecate with `deprecated: true` and an `x-sunset` date (YYYY-MM-DD) at least the configured number of days ahead; never move it earlier or delete it.",
        }
    };
}

macro_rules! info_doc {
    ($summary:literal, $before:literal, $after:literal) => {
        RuleDoc {
            summary: $summary,
            why: "It does not break clients; it is reported for changelogs.",
            before: $before,
            after: $after,
            evolve: "Nothing to do.",
        }
    };
}

/// `files`: one check per file, named after its id. `table`: one row per id, run by
/// `family::apply` (see `family.rs`); each row is still a catalogue entry of its own.
macro_rules! checks {
    (
        name $name:ident;
        files { $($file:literal => $m:ident),* $(,)? }
        table { $($sev:ident $id:literal = $place:ident, $logic:expr, $doc:expr;)* }
        operations { $($osev:ident $oid:literal = $ologic:expr, $odoc:expr;)* }
    ) => {
        $( #[path = $file] mod $m; )*
        pub static $name: &[&Check] = &[
            $( &$m::CHECK, )*
            $( {
                static C: Check = Check { meta: meta($id, Severity::$sev, $doc), run };
                fn run(d: &Diff, o: &Options, out: &mut Sink) {
                    #[allow(unused_imports)]
                    use family::{Change::*, Logic::*, TypeChange::*};
                    #[allow(unused_imports)]
                    use ops::Sunset::*;
                    #[allow(unused_imports)]
                    use family::Life;
                    family::apply(&C.meta, family::Place::$place, $logic, d, o, out)
                }
                &C
            }, )*
            $( {
                static C: Check = Check { meta: meta($oid, Severity::$osev, $odoc), run };
                fn run(d: &Diff, o: &Options, out: &mut Sink) {
                    #[allow(unused_imports)]
                    use ops::{Of::*, OpLogic::*, Sunset::*};
                    #[allow(unused_imports)]
                    use changes::{Event::*, Side, VersionProblem};
                    #[allow(unused_imports)]
                    use family::Life;
                    ops::apply(&C.meta, $ologic, d, o, out)
                }
                &C
            }, )*
        ];
    };
}

mod info;

/// Every OpenAPI breaking check, in catalogue order: the ERR and WARN ones, then the INFO
/// ones (the version checks last: they look at what the others found).
pub fn all() -> impl Iterator<Item = &'static Check> {
    CHECKS.iter().chain(info::INFO.iter()).copied()
}

// The ERR and WARN checks, in catalogue order.
checks! {
    name CHECKS;
    files {
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
    table {
        Error "request-parameter-default-value-changed" = Param, Keyword("default", Changed),
            req_doc!("`default` changed in a request parameter.", "{default: 10}", "{default: 20}");
        Error "request-parameter-default-value-added" = Param, Keyword("default", Added),
            req_doc!("`default` was added to a request parameter.", "{}", "{default: 10}");
        Error "request-parameter-default-value-removed" = Param, Keyword("default", Removed),
            req_doc!("`default` was removed from a request parameter.", "{default: 10}", "{}");
        Warning "request-parameter-max-length-set" = Param, Bound("maxLength", Added),
            req_warn_doc!("The `maxLength` of a request parameter was set.", "{type: string}", "{maxLength: 100}");
        Error "request-parameter-max-length-decreased" = Param, Bound("maxLength", Decreased),
            req_doc!("The `maxLength` of a request parameter decreased.", "maxLength: 100", "maxLength: 50");
        Warning "request-parameter-max-set" = Param, Bound("maximum", Added),
            req_warn_doc!("The `maximum` of a request parameter was set.", "{type: number}", "{maximum: 100}");
        Warning "request-parameter-exclusive-max-set" = Param, Bound("exclusiveMaximum", Added),
            req_warn_doc!("The `exclusiveMaximum` of a request parameter was set.", "{type: number}", "{exclusiveMaximum: 100}");
        Error "request-parameter-max-decreased" = Param, Bound("maximum", Decreased),
            req_doc!("The `maximum` of a request parameter decreased.", "maximum: 100", "maximum: 50");
        Error "request-parameter-exclusive-max-decreased" = Param, Bound("exclusiveMaximum", Decreased),
            req_doc!("The `exclusiveMaximum` of a request parameter decreased.", "exclusiveMaximum: 100", "exclusiveMaximum: 50");
        Warning "request-parameter-min-items-set" = Param, Bound("minItems", Added),
            req_warn_doc!("The `minItems` of a request parameter was set.", "{type: string}", "{minItems: 1}");
        Error "request-parameter-min-items-increased" = Param, Bound("minItems", Increased),
            req_doc!("The `minItems` of a request parameter increased.", "minItems: 1", "minItems: 5");
        Error "request-parameter-min-length-increased" = Param, Bound("minLength", Increased),
            req_doc!("The `minLength` of a request parameter increased.", "minLength: 1", "minLength: 5");
        Warning "request-parameter-min-set" = Param, Bound("minimum", Added),
            req_warn_doc!("The `minimum` of a request parameter was set.", "{type: number}", "{minimum: 1}");
        Warning "request-parameter-exclusive-min-set" = Param, Bound("exclusiveMinimum", Added),
            req_warn_doc!("The `exclusiveMinimum` of a request parameter was set.", "{type: number}", "{exclusiveMinimum: 1}");
        Error "request-parameter-min-increased" = Param, Bound("minimum", Increased),
            req_doc!("The `minimum` of a request parameter increased.", "minimum: 1", "minimum: 5");
        Error "request-parameter-exclusive-min-increased" = Param, Bound("exclusiveMinimum", Increased),
            req_doc!("The `exclusiveMinimum` of a request parameter increased.", "exclusiveMinimum: 1", "exclusiveMinimum: 5");
        Error "request-parameter-pattern-added" = Param, Keyword("pattern", Added),
            req_doc!("`pattern` was added to a request parameter.", "{}", "{pattern: '^[a-z]+$'}");
        Warning "request-parameter-pattern-changed" = Param, Keyword("pattern", Changed),
            req_warn_doc!("`pattern` changed in a request parameter.", "{pattern: '^[a-z]+$'}", "{pattern: '^[a-z0-9]+$'}");
        Error "request-body-all-of-added" = ReqBody, Entries("allOf", Added),
            req_doc!("The `allOf` of a request body gained a subschema.", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Warning "request-body-all-of-removed" = ReqBody, Entries("allOf", Removed),
            req_warn_doc!("The `allOf` of a request body lost a subschema.", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "allOf: [$ref: '#/components/schemas/A']");
        Error "request-property-all-of-added" = ReqProperty, Entries("allOf", Added),
            req_doc!("The `allOf` of a request property gained a subschema.", "allOf: [$ref: '#/components/schemas/A']", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Warning "request-property-all-of-removed" = ReqProperty, Entries("allOf", Removed),
            req_warn_doc!("The `allOf` of a request property lost a subschema.", "allOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "allOf: [$ref: '#/components/schemas/A']");
        Error "request-body-any-of-removed" = ReqBody, Entries("anyOf", Removed),
            req_doc!("The `anyOf` of a request body lost a subschema.", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "anyOf: [$ref: '#/components/schemas/A']");
        Error "request-property-any-of-removed" = ReqProperty, Entries("anyOf", Removed),
            req_doc!("The `anyOf` of a request property lost a subschema.", "anyOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "anyOf: [$ref: '#/components/schemas/A']");
        Error "request-body-const-added" = ReqBody, Keyword("const", Added),
            req_doc!("`const` was added to a request body.", "{}", "{const: a}");
        Error "request-body-const-changed" = ReqBody, Keyword("const", Changed),
            req_doc!("`const` changed in a request body.", "{const: a}", "{const: b}");
        Error "request-property-const-added" = ReqProperty, Keyword("const", Added),
            req_doc!("`const` was added to a request property.", "{}", "{const: a}");
        Error "request-property-const-changed" = ReqProperty, Keyword("const", Changed),
            req_doc!("`const` changed in a request property.", "{const: a}", "{const: b}");
        Error "request-body-max-decreased" = ReqBody, Bound("maximum", Decreased),
            req_doc!("The `maximum` of a request body decreased.", "maximum: 100", "maximum: 50");
        Error "request-body-exclusive-max-decreased" = ReqBody, Bound("exclusiveMaximum", Decreased),
            req_doc!("The `exclusiveMaximum` of a request body decreased.", "exclusiveMaximum: 100", "exclusiveMaximum: 50");
        Error "request-property-exclusive-max-decreased" = ReqProperty, Bound("exclusiveMaximum", Decreased),
            req_doc!("The `exclusiveMaximum` of a request property decreased.", "exclusiveMaximum: 100", "exclusiveMaximum: 50");
        Warning "request-body-max-length-set" = ReqBody, Bound("maxLength", Added),
            req_warn_doc!("The `maxLength` of a request body was set.", "{type: string}", "{maxLength: 100}");
        Warning "request-property-max-length-set" = ReqProperty, Bound("maxLength", Added),
            req_warn_doc!("The `maxLength` of a request property was set.", "{type: string}", "{maxLength: 100}");
        Error "request-body-max-length-decreased" = ReqBody, Bound("maxLength", Decreased),
            req_doc!("The `maxLength` of a request body decreased.", "maxLength: 100", "maxLength: 50");
        Warning "request-body-max-set" = ReqBody, Bound("maximum", Added),
            req_warn_doc!("The `maximum` of a request body was set.", "{type: number}", "{maximum: 100}");
        Warning "request-property-max-set" = ReqProperty, Bound("maximum", Added),
            req_warn_doc!("The `maximum` of a request property was set.", "{type: number}", "{maximum: 100}");
        Warning "request-body-exclusive-max-set" = ReqBody, Bound("exclusiveMaximum", Added),
            req_warn_doc!("The `exclusiveMaximum` of a request body was set.", "{type: number}", "{exclusiveMaximum: 100}");
        Warning "request-property-exclusive-max-set" = ReqProperty, Bound("exclusiveMaximum", Added),
            req_warn_doc!("The `exclusiveMaximum` of a request property was set.", "{type: number}", "{exclusiveMaximum: 100}");
        Error "request-body-min-increased" = ReqBody, Bound("minimum", Increased),
            req_doc!("The `minimum` of a request body increased.", "minimum: 1", "minimum: 5");
        Error "request-body-exclusive-min-increased" = ReqBody, Bound("exclusiveMinimum", Increased),
            req_doc!("The `exclusiveMinimum` of a request body increased.", "exclusiveMinimum: 1", "exclusiveMinimum: 5");
        Error "request-property-exclusive-min-increased" = ReqProperty, Bound("exclusiveMinimum", Increased),
            req_doc!("The `exclusiveMinimum` of a request property increased.", "exclusiveMinimum: 1", "exclusiveMinimum: 5");
        Error "request-body-min-items-increased" = ReqBody, Bound("minItems", Increased),
            req_doc!("The `minItems` of a request body increased.", "minItems: 1", "minItems: 5");
        Warning "request-body-min-items-set" = ReqBody, Bound("minItems", Added),
            req_warn_doc!("The `minItems` of a request body was set.", "{type: string}", "{minItems: 1}");
        Warning "request-property-min-items-set" = ReqProperty, Bound("minItems", Added),
            req_warn_doc!("The `minItems` of a request property was set.", "{type: string}", "{minItems: 1}");
        Error "request-body-min-length-increased" = ReqBody, Bound("minLength", Increased),
            req_doc!("The `minLength` of a request body increased.", "minLength: 1", "minLength: 5");
        Warning "request-body-min-set" = ReqBody, Bound("minimum", Added),
            req_warn_doc!("The `minimum` of a request body was set.", "{type: number}", "{minimum: 1}");
        Warning "request-property-min-set" = ReqProperty, Bound("minimum", Added),
            req_warn_doc!("The `minimum` of a request property was set.", "{type: number}", "{minimum: 1}");
        Warning "request-body-exclusive-min-set" = ReqBody, Bound("exclusiveMinimum", Added),
            req_warn_doc!("The `exclusiveMinimum` of a request body was set.", "{type: number}", "{exclusiveMinimum: 1}");
        Warning "request-property-exclusive-min-set" = ReqProperty, Bound("exclusiveMinimum", Added),
            req_warn_doc!("The `exclusiveMinimum` of a request property was set.", "{type: number}", "{exclusiveMinimum: 1}");
        Error "request-body-one-of-removed" = ReqBody, Entries("oneOf", Removed),
            req_doc!("The `oneOf` of a request body lost a subschema.", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "oneOf: [$ref: '#/components/schemas/A']");
        Error "request-property-one-of-removed" = ReqProperty, Entries("oneOf", Removed),
            req_doc!("The `oneOf` of a request property lost a subschema.", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']", "oneOf: [$ref: '#/components/schemas/A']");
        Warning "request-property-pattern-changed" = ReqProperty, Keyword("pattern", Changed),
            req_warn_doc!("`pattern` changed in a request property.", "{pattern: '^[a-z]+$'}", "{pattern: '^[a-z0-9]+$'}");
        Error "response-body-const-removed" = RespBody, Keyword("const", Removed),
            resp_doc!("`const` was removed from a response body.", "{const: a}", "{}");
        Error "response-body-const-changed" = RespBody, Keyword("const", Changed),
            resp_doc!("`const` changed in a response body.", "{const: a}", "{const: b}");
        Error "response-property-const-removed" = RespProperty, Keyword("const", Removed),
            resp_doc!("`const` was removed from a response property.", "{const: a}", "{}");
        Error "response-property-const-changed" = RespProperty, Keyword("const", Changed),
            resp_doc!("`const` changed in a response property.", "{const: a}", "{const: b}");
        Error "response-body-max-increased" = RespBody, Bound("maximum", Increased),
            resp_doc!("The `maximum` of a response body increased.", "maximum: 50", "maximum: 100");
        Error "response-property-max-increased" = RespProperty, Bound("maximum", Increased),
            resp_doc!("The `maximum` of a response property increased.", "maximum: 50", "maximum: 100");
        Error "response-body-exclusive-max-increased" = RespBody, Bound("exclusiveMaximum", Increased),
            resp_doc!("The `exclusiveMaximum` of a response body increased.", "exclusiveMaximum: 50", "exclusiveMaximum: 100");
        Error "response-property-exclusive-max-increased" = RespProperty, Bound("exclusiveMaximum", Increased),
            resp_doc!("The `exclusiveMaximum` of a response property increased.", "exclusiveMaximum: 50", "exclusiveMaximum: 100");
        Error "response-body-max-length-increased" = RespBody, Bound("maxLength", Increased),
            resp_doc!("The `maxLength` of a response body increased.", "maxLength: 50", "maxLength: 100");
        Error "response-property-max-length-increased" = RespProperty, Bound("maxLength", Increased),
            resp_doc!("The `maxLength` of a response property increased.", "maxLength: 50", "maxLength: 100");
        Error "response-body-max-length-unset" = RespBody, Bound("maxLength", Removed),
            resp_doc!("The `maxLength` of a response body was removed.", "{maxLength: 100}", "{}");
        Error "response-property-max-length-unset" = RespProperty, Bound("maxLength", Removed),
            resp_doc!("The `maxLength` of a response property was removed.", "{maxLength: 100}", "{}");
        Error "response-body-min-decreased" = RespBody, Bound("minimum", Decreased),
            resp_doc!("The `minimum` of a response body decreased.", "minimum: 5", "minimum: 1");
        Error "response-property-min-decreased" = RespProperty, Bound("minimum", Decreased),
            resp_doc!("The `minimum` of a response property decreased.", "minimum: 5", "minimum: 1");
        Error "response-body-exclusive-min-decreased" = RespBody, Bound("exclusiveMinimum", Decreased),
            resp_doc!("The `exclusiveMinimum` of a response body decreased.", "exclusiveMinimum: 5", "exclusiveMinimum: 1");
        Error "response-property-exclusive-min-decreased" = RespProperty, Bound("exclusiveMinimum", Decreased),
            resp_doc!("The `exclusiveMinimum` of a response property decreased.", "exclusiveMinimum: 5", "exclusiveMinimum: 1");
        Error "response-body-min-items-decreased" = RespBody, Bound("minItems", Decreased),
            resp_doc!("The `minItems` of a response body decreased.", "minItems: 5", "minItems: 1");
        Error "response-property-min-items-decreased" = RespProperty, Bound("minItems", Decreased),
            resp_doc!("The `minItems` of a response property decreased.", "minItems: 5", "minItems: 1");
        Error "response-body-min-items-unset" = RespBody, Bound("minItems", Removed),
            resp_doc!("The `minItems` of a response body was removed.", "{minItems: 1}", "{}");
        Error "response-property-min-items-unset" = RespProperty, Bound("minItems", Removed),
            resp_doc!("The `minItems` of a response property was removed.", "{minItems: 1}", "{}");
        Error "response-body-min-length-decreased" = RespBody, Bound("minLength", Decreased),
            resp_doc!("The `minLength` of a response body decreased.", "minLength: 5", "minLength: 1");
        Error "response-property-min-length-decreased" = RespProperty, Bound("minLength", Decreased),
            resp_doc!("The `minLength` of a response property decreased.", "minLength: 5", "minLength: 1");
        Error "response-body-one-of-added" = RespBody, Entries("oneOf", Added),
            resp_doc!("The `oneOf` of a response body gained a subschema.", "oneOf: [$ref: '#/components/schemas/A']", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Error "response-property-one-of-added" = RespProperty, Entries("oneOf", Added),
            resp_doc!("The `oneOf` of a response property gained a subschema.", "oneOf: [$ref: '#/components/schemas/A']", "oneOf: [$ref: '#/components/schemas/A', $ref: '#/components/schemas/B']");
        Error "request-body-prefix-items-removed" = ReqBody, Entries("prefixItems", Removed),
            req_doc!("The `prefixItems` of a request body lost a subschema.", "prefixItems: [{type: string}, {type: integer}]", "prefixItems: [{type: string}]");
        Error "request-property-prefix-items-removed" = ReqProperty, Entries("prefixItems", Removed),
            req_doc!("The `prefixItems` of a request property lost a subschema.", "prefixItems: [{type: string}, {type: integer}]", "prefixItems: [{type: string}]");
        Error "response-body-prefix-items-added" = RespBody, Entries("prefixItems", Added),
            resp_doc!("The `prefixItems` of a response body gained a subschema.", "prefixItems: [{type: string}]", "prefixItems: [{type: string}, {type: integer}]");
        Error "response-property-prefix-items-added" = RespProperty, Entries("prefixItems", Added),
            resp_doc!("The `prefixItems` of a response property gained a subschema.", "prefixItems: [{type: string}]", "prefixItems: [{type: string}, {type: integer}]");
        Error "request-body-if-added" = ReqBody, Keyword("if", Added),
            req_doc!("`if` was added to a request body.", "{}", "{if: {required: [kind]}}");
        Error "request-body-then-added" = ReqBody, Keyword("then", Added),
            req_doc!("`then` was added to a request body.", "{}", "{then: {required: [id]}}");
        Error "request-body-else-added" = ReqBody, Keyword("else", Added),
            req_doc!("`else` was added to a request body.", "{}", "{else: {required: [name]}}");
        Error "request-property-if-added" = ReqProperty, Keyword("if", Added),
            req_doc!("`if` was added to a request property.", "{}", "{if: {required: [kind]}}");
        Error "request-property-then-added" = ReqProperty, Keyword("then", Added),
            req_doc!("`then` was added to a request property.", "{}", "{then: {required: [id]}}");
        Error "request-property-else-added" = ReqProperty, Keyword("else", Added),
            req_doc!("`else` was added to a request property.", "{}", "{else: {required: [name]}}");
        Error "response-body-if-removed" = RespBody, Keyword("if", Removed),
            resp_doc!("`if` was removed from a response body.", "{if: {required: [kind]}}", "{}");
        Error "response-body-then-removed" = RespBody, Keyword("then", Removed),
            resp_doc!("`then` was removed from a response body.", "{then: {required: [id]}}", "{}");
        Error "response-body-else-removed" = RespBody, Keyword("else", Removed),
            resp_doc!("`else` was removed from a response body.", "{else: {required: [name]}}", "{}");
        Error "response-property-if-removed" = RespProperty, Keyword("if", Removed),
            resp_doc!("`if` was removed from a response property.", "{if: {required: [kind]}}", "{}");
        Error "response-property-then-removed" = RespProperty, Keyword("then", Removed),
            resp_doc!("`then` was removed from a response property.", "{then: {required: [id]}}", "{}");
        Error "response-property-else-removed" = RespProperty, Keyword("else", Removed),
            resp_doc!("`else` was removed from a response property.", "{else: {required: [name]}}", "{}");
        Error "request-body-contains-added" = ReqBody, Keyword("contains", Added),
            req_doc!("`contains` was added to a request body.", "{}", "{contains: {type: string}}");
        Error "request-body-min-contains-increased" = ReqBody, Bound("minContains", Increased),
            req_doc!("The `minContains` of a request body increased.", "minContains: 1", "minContains: 2");
        Error "request-body-max-contains-decreased" = ReqBody, Bound("maxContains", Decreased),
            req_doc!("The `maxContains` of a request body decreased.", "maxContains: 5", "maxContains: 2");
        Error "request-property-contains-added" = ReqProperty, Keyword("contains", Added),
            req_doc!("`contains` was added to a request property.", "{}", "{contains: {type: string}}");
        Error "request-property-min-contains-increased" = ReqProperty, Bound("minContains", Increased),
            req_doc!("The `minContains` of a request property increased.", "minContains: 1", "minContains: 2");
        Error "request-property-max-contains-decreased" = ReqProperty, Bound("maxContains", Decreased),
            req_doc!("The `maxContains` of a request property decreased.", "maxContains: 5", "maxContains: 2");
        Error "response-body-contains-removed" = RespBody, Keyword("contains", Removed),
            resp_doc!("`contains` was removed from a response body.", "{contains: {type: string}}", "{}");
        Error "response-body-min-contains-decreased" = RespBody, Bound("minContains", Decreased),
            resp_doc!("The `minContains` of a response body decreased.", "minContains: 2", "minContains: 1");
        Error "response-body-max-contains-increased" = RespBody, Bound("maxContains", Increased),
            resp_doc!("The `maxContains` of a response body increased.", "maxContains: 2", "maxContains: 5");
        Error "response-property-contains-removed" = RespProperty, Keyword("contains", Removed),
            resp_doc!("`contains` was removed from a response property.", "{contains: {type: string}}", "{}");
        Error "response-property-min-contains-decreased" = RespProperty, Bound("minContains", Decreased),
            resp_doc!("The `minContains` of a response property decreased.", "minContains: 2", "minContains: 1");
        Error "response-property-max-contains-increased" = RespProperty, Bound("maxContains", Increased),
            resp_doc!("The `maxContains` of a response property increased.", "maxContains: 2", "maxContains: 5");
        Error "request-body-dependent-required-added" = ReqBody, Member("dependentRequired", Added),
            req_doc!("The `dependentRequired` of a request body gained an entry.", "{}", "{dependentRequired: {card: [billing]}}");
        Error "request-body-dependent-required-changed" = ReqBody, Member("dependentRequired", Changed),
            req_doc!("The `dependentRequired` of a request body changed an entry.", "{dependentRequired: {card: [billing]}}", "{dependentRequired: {card: [billing, cvc]}}");
        Error "request-property-dependent-required-added" = ReqProperty, Member("dependentRequired", Added),
            req_doc!("The `dependentRequired` of a request property gained an entry.", "{}", "{dependentRequired: {card: [billing]}}");
        Error "request-property-dependent-required-changed" = ReqProperty, Member("dependentRequired", Changed),
            req_doc!("The `dependentRequired` of a request property changed an entry.", "{dependentRequired: {card: [billing]}}", "{dependentRequired: {card: [billing, cvc]}}");
        Error "response-body-dependent-required-removed" = RespBody, Member("dependentRequired", Removed),
            resp_doc!("The `dependentRequired` of a response body lost an entry.", "{dependentRequired: {card: [billing]}}", "{}");
        Error "response-body-dependent-required-changed" = RespBody, Member("dependentRequired", Changed),
            resp_doc!("The `dependentRequired` of a response body changed an entry.", "{dependentRequired: {card: [billing]}}", "{dependentRequired: {card: [billing, cvc]}}");
        Error "response-property-dependent-required-removed" = RespProperty, Member("dependentRequired", Removed),
            resp_doc!("The `dependentRequired` of a response property lost an entry.", "{dependentRequired: {card: [billing]}}", "{}");
        Error "response-property-dependent-required-changed" = RespProperty, Member("dependentRequired", Changed),
            resp_doc!("The `dependentRequired` of a response property changed an entry.", "{dependentRequired: {card: [billing]}}", "{dependentRequired: {card: [billing, cvc]}}");
        Error "request-body-dependent-schema-added" = ReqBody, Member("dependentSchemas", Added),
            req_doc!("The `dependentSchemas` of a request body gained an entry.", "{}", "{dependentSchemas: {card: {required: [billing]}}}");
        Error "request-property-dependent-schema-added" = ReqProperty, Member("dependentSchemas", Added),
            req_doc!("The `dependentSchemas` of a request property gained an entry.", "{}", "{dependentSchemas: {card: {required: [billing]}}}");
        Error "response-body-dependent-schema-removed" = RespBody, Member("dependentSchemas", Removed),
            resp_doc!("The `dependentSchemas` of a response body lost an entry.", "{dependentSchemas: {card: {required: [billing]}}}", "{}");
        Error "response-property-dependent-schema-removed" = RespProperty, Member("dependentSchemas", Removed),
            resp_doc!("The `dependentSchemas` of a response property lost an entry.", "{dependentSchemas: {card: {required: [billing]}}}", "{}");
        Error "request-body-pattern-property-added" = ReqBody, Member("patternProperties", Added),
            req_doc!("The `patternProperties` of a request body gained an entry.", "{}", "{patternProperties: {'^x-': {type: string}}}");
        Error "request-property-pattern-property-added" = ReqProperty, Member("patternProperties", Added),
            req_doc!("The `patternProperties` of a request property gained an entry.", "{}", "{patternProperties: {'^x-': {type: string}}}");
        Error "response-body-pattern-property-removed" = RespBody, Member("patternProperties", Removed),
            resp_doc!("The `patternProperties` of a response body lost an entry.", "{patternProperties: {'^x-': {type: string}}}", "{}");
        Error "response-property-pattern-property-removed" = RespProperty, Member("patternProperties", Removed),
            resp_doc!("The `patternProperties` of a response property lost an entry.", "{patternProperties: {'^x-': {type: string}}}", "{}");
        Error "request-body-property-names-added" = ReqBody, Keyword("propertyNames", Added),
            req_doc!("`propertyNames` was added to a request body.", "{}", "{propertyNames: {pattern: '^[a-z]+$'}}");
        Error "request-property-property-names-added" = ReqProperty, Keyword("propertyNames", Added),
            req_doc!("`propertyNames` was added to a request property.", "{}", "{propertyNames: {pattern: '^[a-z]+$'}}");
        Error "response-body-property-names-removed" = RespBody, Keyword("propertyNames", Removed),
            resp_doc!("`propertyNames` was removed from a response body.", "{propertyNames: {pattern: '^[a-z]+$'}}", "{}");
        Error "response-property-property-names-removed" = RespProperty, Keyword("propertyNames", Removed),
            resp_doc!("`propertyNames` was removed from a response property.", "{propertyNames: {pattern: '^[a-z]+$'}}", "{}");
        Error "request-body-unevaluated-items-added" = ReqBody, Keyword("unevaluatedItems", Added),
            req_doc!("`unevaluatedItems` was added to a request body.", "{}", "{unevaluatedItems: false}");
        Error "request-body-unevaluated-properties-added" = ReqBody, Keyword("unevaluatedProperties", Added),
            req_doc!("`unevaluatedProperties` was added to a request body.", "{}", "{unevaluatedProperties: false}");
        Error "request-property-unevaluated-items-added" = ReqProperty, Keyword("unevaluatedItems", Added),
            req_doc!("`unevaluatedItems` was added to a request property.", "{}", "{unevaluatedItems: false}");
        Error "request-property-unevaluated-properties-added" = ReqProperty, Keyword("unevaluatedProperties", Added),
            req_doc!("`unevaluatedProperties` was added to a request property.", "{}", "{unevaluatedProperties: false}");
        Error "response-body-unevaluated-items-removed" = RespBody, Keyword("unevaluatedItems", Removed),
            resp_doc!("`unevaluatedItems` was removed from a response body.", "{unevaluatedItems: false}", "{}");
        Error "response-body-unevaluated-properties-removed" = RespBody, Keyword("unevaluatedProperties", Removed),
            resp_doc!("`unevaluatedProperties` was removed from a response body.", "{unevaluatedProperties: false}", "{}");
        Error "response-property-unevaluated-items-removed" = RespProperty, Keyword("unevaluatedItems", Removed),
            resp_doc!("`unevaluatedItems` was removed from a response property.", "{unevaluatedItems: false}", "{}");
        Error "response-property-unevaluated-properties-removed" = RespProperty, Keyword("unevaluatedProperties", Removed),
            resp_doc!("`unevaluatedProperties` was removed from a response property.", "{unevaluatedProperties: false}", "{}");
        Error "request-body-content-schema-added" = ReqBody, Keyword("contentSchema", Added),
            req_doc!("`contentSchema` was added to a request body.", "{}", "{contentSchema: {type: object}}");
        Error "request-body-content-media-type-changed" = ReqBody, Keyword("contentMediaType", Changed),
            req_doc!("`contentMediaType` changed in a request body.", "{contentMediaType: application/json}", "{contentMediaType: application/xml}");
        Error "request-body-content-encoding-changed" = ReqBody, Keyword("contentEncoding", Changed),
            req_doc!("`contentEncoding` changed in a request body.", "{contentEncoding: base64}", "{contentEncoding: base32}");
        Error "request-property-content-schema-added" = ReqProperty, Keyword("contentSchema", Added),
            req_doc!("`contentSchema` was added to a request property.", "{}", "{contentSchema: {type: object}}");
        Error "request-property-content-media-type-changed" = ReqProperty, Keyword("contentMediaType", Changed),
            req_doc!("`contentMediaType` changed in a request property.", "{contentMediaType: application/json}", "{contentMediaType: application/xml}");
        Error "request-property-content-encoding-changed" = ReqProperty, Keyword("contentEncoding", Changed),
            req_doc!("`contentEncoding` changed in a request property.", "{contentEncoding: base64}", "{contentEncoding: base32}");
        Error "response-body-content-schema-removed" = RespBody, Keyword("contentSchema", Removed),
            resp_doc!("`contentSchema` was removed from a response body.", "{contentSchema: {type: object}}", "{}");
        Error "response-body-content-media-type-changed" = RespBody, Keyword("contentMediaType", Changed),
            resp_doc!("`contentMediaType` changed in a response body.", "{contentMediaType: application/json}", "{contentMediaType: application/xml}");
        Error "response-body-content-encoding-changed" = RespBody, Keyword("contentEncoding", Changed),
            resp_doc!("`contentEncoding` changed in a response body.", "{contentEncoding: base64}", "{contentEncoding: base32}");
        Error "response-property-content-schema-removed" = RespProperty, Keyword("contentSchema", Removed),
            resp_doc!("`contentSchema` was removed from a response property.", "{contentSchema: {type: object}}", "{}");
        Error "response-property-content-media-type-changed" = RespProperty, Keyword("contentMediaType", Changed),
            resp_doc!("`contentMediaType` changed in a response property.", "{contentMediaType: application/json}", "{contentMediaType: application/xml}");
        Error "response-property-content-encoding-changed" = RespProperty, Keyword("contentEncoding", Changed),
            resp_doc!("`contentEncoding` changed in a response property.", "{contentEncoding: base64}", "{contentEncoding: base32}");
        // Enums, nullability, types and required-ness at the places the files above do not cover.
        Error "request-body-enum-value-removed" = ReqBody, EnumRemoved("enum"),
            req_doc!("A value was removed from the enum of a request body.", "{enum: [a, b]}", "{enum: [a]}");
        Error "request-parameter-property-enum-value-removed" = ParamProperty, EnumRemoved("enum"),
            req_doc!("A value was removed from the enum of a property of a request parameter.", "{properties: {kind: {enum: [a, b]}}}", "{properties: {kind: {enum: [a]}}}");
        Error "request-property-x-extensible-enum-value-removed" = ReqProperty, EnumRemoved("x-extensible-enum"),
            req_doc!("A value was removed from the `x-extensible-enum` of a request property.", "{x-extensible-enum: [a, b]}", "{x-extensible-enum: [a]}");
        Error "request-parameter-x-extensible-enum-value-removed" = Param, EnumRemoved("x-extensible-enum"),
            req_doc!("A value was removed from the `x-extensible-enum` of a request parameter.", "{x-extensible-enum: [a, b]}", "{x-extensible-enum: [a]}");
        Error "request-header-property-became-enum" = HeaderProperty, BecameEnum,
            req_doc!("A property of an object-valued request header was restricted to an enum.", "{properties: {mode: {type: string}}}", "{properties: {mode: {type: string, enum: [fast]}}}");
        Error "request-body-became-not-nullable" = ReqBody, BecameNotNullable,
            req_doc!("A request body no longer accepts `null`.", "{type: object, nullable: true}", "{type: object}");
        Error "request-parameter-property-became-not-nullable" = ParamProperty, BecameNotNullable,
            req_doc!("A property of a request parameter no longer accepts `null`.", "{items: {type: [string, 'null']}}", "{items: {type: string}}");
        Error "request-body-list-of-types-narrowed" = ReqBody, Type(ListNarrowed),
            req_doc!("The list of types a request body accepts lost a type.", "{type: [string, integer]}", "{type: integer}");
        Error "request-property-list-of-types-narrowed" = ReqProperty, Type(ListNarrowed),
            req_doc!("The list of types a request property accepts lost a type.", "{oneOf: [{type: string}, {type: integer}]}", "{type: integer}");
        Error "request-parameter-list-of-types-narrowed" = Param, Type(ListNarrowed),
            req_doc!("The list of types a request parameter accepts lost a type.", "{type: [string, integer]}", "{type: integer}");
        Error "request-parameter-property-list-of-types-narrowed" = ParamProperty, Type(ListNarrowed),
            req_doc!("The list of types a property of a request parameter accepts lost a type.", "{type: [string, integer]}", "{type: integer}");
        Error "response-body-list-of-types-widened" = RespBody, Type(ListWidened),
            resp_doc!("The list of types a response body may hold gained a type.", "{type: integer}", "{type: [string, integer]}");
        Error "response-property-list-of-types-widened" = RespProperty, Type(ListWidened),
            resp_doc!("The list of types a response property may hold gained a type.", "{type: integer}", "{oneOf: [{type: string}, {type: integer}]}");
        Error "request-parameter-property-type-specialized" = ParamProperty, Type(Specialized),
            req_doc!("A property of a request parameter changed to a narrower type (`string` to `number`, `number` to `integer`).", "{properties: {id: {type: string}}}", "{properties: {id: {type: number}}}");
        Warning "request-parameter-property-type-changed" = ParamProperty, Type(Other),
            req_warn_doc!("A property of a request parameter changed type.", "{properties: {id: {type: number}}}", "{properties: {id: {type: string}}}");
        Error "response-body-type-generalized" = RespBody, Type(Generalized),
            resp_doc!("A response body changed to a wider type (`integer` to `number`).", "{type: integer}", "{type: number}");
        Error "response-property-type-generalized" = RespProperty, Type(Generalized),
            resp_doc!("A response property changed to a wider type (`integer` to `number`).", "{type: integer}", "{type: number}");
        Error "new-required-request-property-with-default" = ReqProperty, Required(Added, Some(true)),
            req_doc!("A request body gained a required property that has a default.", "{properties: {a: {}}}", "{properties: {a: {}, b: {default: 1}}, required: [b]}");
        Error "request-property-became-required-with-default" = ReqProperty, Required(Changed, Some(true)),
            req_doc!("A request property that has a default became required.", "{properties: {b: {default: 1}}}", "{properties: {b: {default: 1}}, required: [b]}");
        Error "request-header-property-became-required" = HeaderProperty, Required(Changed, None),
            req_doc!("A property of an object-valued request header became required.", "{properties: {a: {}}}", "{properties: {a: {}}, required: [a]}");
        Error "new-required-request-header-property" = HeaderProperty, Required(Added, None),
            req_doc!("An object-valued request header gained a required property.", "{properties: {a: {}}}", "{properties: {a: {}, b: {}}, required: [b]}");
        Error "request-property-stability-decreased" = ReqProperty, StabilityDecreased,
            req_doc!("The `x-stability-level` of a request property went down.", "{x-stability-level: stable}", "{x-stability-level: draft}");
        Error "response-property-stability-decreased" = RespProperty, StabilityDecreased,
            resp_doc!("The `x-stability-level` of a response property went down.", "{x-stability-level: stable}", "{x-stability-level: draft}");
        Warning "response-required-property-became-not-write-only" = RespProperty, BecameNotWriteOnly,
            resp_doc!("A required property that was write-only (never in responses) now appears in responses.", "{properties: {secret: {writeOnly: true}}, required: [secret]}", "{properties: {secret: {}}, required: [secret]}");
        Error "request-property-deprecated-sunset-missing" = ReqProperty, Deprecated(Missing),
            deprecation_doc!("A request property was deprecated without an `x-sunset` date while a minimum deprecation period applies.", "{name: {type: string}}", "{name: {type: string, deprecated: true}}");
        Error "request-property-deprecated-sunset-invalid" = ReqProperty, Deprecated(ParseNew),
            deprecation_doc!("A request property was deprecated with an `x-sunset` that is not a date.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: soon}}");
        Error "request-property-sunset-date-too-small" = ReqProperty, Deprecated(TooSmall),
            deprecation_doc!("A request property was deprecated with a sunset date closer than the minimum deprecation period.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: '2020-01-01'}}");
        Error "response-property-deprecated-sunset-missing" = RespProperty, Deprecated(Missing),
            deprecation_doc!("A response property was deprecated without an `x-sunset` date while a minimum deprecation period applies.", "{name: {type: string}}", "{name: {type: string, deprecated: true}}");
        Error "response-property-deprecated-sunset-invalid" = RespProperty, Deprecated(ParseNew),
            deprecation_doc!("A response property was deprecated with an `x-sunset` that is not a date.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: soon}}");
        Error "response-property-sunset-date-too-small" = RespProperty, Deprecated(TooSmall),
            deprecation_doc!("A response property was deprecated with a sunset date closer than the minimum deprecation period.", "{name: {type: string}}", "{name: {type: string, deprecated: true, x-sunset: '2020-01-01'}}");
        Error "request-body-wrapped-in-one-of" = ReqBody, WrappedInOneOf,
            req_doc!("A request body schema was replaced by a `oneOf` of alternatives.", "{type: object, properties: {a: {}, b: {}}}", "{oneOf: [{required: [a]}, {required: [b]}]}");
        Error "response-body-wrapped-in-one-of" = RespBody, WrappedInOneOf,
            resp_doc!("A response body schema was replaced by a `oneOf` of alternatives.", "{type: object, properties: {a: {}, b: {}}}", "{oneOf: [{required: [a]}, {required: [b]}]}");
    }
    operations {
        Error "api-invalid-stability-level" = InvalidStability,
            deprecation_doc!("An operation's `x-stability-level` is not one of draft, alpha, beta, stable.", "get: {x-stability-level: beta}", "get: {x-stability-level: experimental}");
        Error "api-stability-decreased" = StabilityDecreased,
            deprecation_doc!("An operation's `x-stability-level` went down (stable to beta, beta to alpha, …).", "get: {x-stability-level: stable}", "get: {x-stability-level: beta}");
        Error "api-deprecated-sunset-missing" = Sunset(Operation, Missing),
            deprecation_doc!("An operation was deprecated without an `x-sunset` date while a minimum deprecation period applies.", "get: {}", "get: {deprecated: true}");
        Error "api-deprecated-sunset-parse" = Sunset(Operation, ParseNew),
            deprecation_doc!("An operation was deprecated with an `x-sunset` that is not a date.", "get: {}", "get: {deprecated: true, x-sunset: soon}");
        Error "api-sunset-date-too-small" = Sunset(Operation, TooSmall),
            deprecation_doc!("An operation was deprecated with a sunset date closer than the minimum deprecation period.", "get: {}", "get: {deprecated: true, x-sunset: '2020-01-01'}");
        Error "sunset-deleted" = Sunset(Operation, Deleted),
            deprecation_doc!("The `x-sunset` date of a deprecated operation was deleted.", "get: {deprecated: true, x-sunset: '2030-01-01'}", "get: {deprecated: true}");
        Error "api-path-sunset-parse" = Sunset(Operation, ParseOld),
            deprecation_doc!("A deprecated operation's `x-sunset` is not a date (its date changed, or it was removed).", "get: {deprecated: true, x-sunset: '2030-01-01'}", "get: {deprecated: true, x-sunset: soon}");
        Error "api-sunset-date-changed-too-small" = Sunset(Operation, ChangedTooSmall),
            deprecation_doc!("The sunset date of a deprecated operation moved earlier, closer than the minimum deprecation period.", "get: {deprecated: true, x-sunset: '2030-01-01'}", "get: {deprecated: true, x-sunset: '2020-01-01'}");
        Error "request-parameter-deprecated-sunset-missing" = Sunset(Parameter, Missing),
            deprecation_doc!("A request parameter was deprecated without an `x-sunset` date while a minimum deprecation period applies.", "{name: q, in: query}", "{name: q, in: query, deprecated: true}");
        Error "request-parameter-sunset-parse" = Sunset(Parameter, Parse),
            deprecation_doc!("A request parameter's `x-sunset` is not a date (when it was deprecated, its date changed, or it was removed).", "{name: q, in: query}", "{name: q, in: query, deprecated: true, x-sunset: soon}");
        Error "request-parameter-sunset-date-too-small" = Sunset(Parameter, TooSmall),
            deprecation_doc!("A request parameter was deprecated with a sunset date closer than the minimum deprecation period.", "{name: q, in: query}", "{name: q, in: query, deprecated: true, x-sunset: '2020-01-01'}");
        Error "request-parameter-sunset-deleted" = Sunset(Parameter, Deleted),
            deprecation_doc!("The `x-sunset` date of a deprecated request parameter was deleted.", "{name: q, in: query, deprecated: true, x-sunset: '2030-01-01'}", "{name: q, in: query, deprecated: true}");
        Error "request-parameter-sunset-date-changed-too-small" = Sunset(Parameter, ChangedTooSmall),
            deprecation_doc!("The sunset date of a deprecated request parameter moved earlier, closer than the minimum deprecation period.", "{name: q, in: query, deprecated: true, x-sunset: '2030-01-01'}", "{name: q, in: query, deprecated: true, x-sunset: '2020-01-01'}");
        Error "request-parameter-removed-before-sunset" = Sunset(Parameter, RemovedBeforeSunset),
            deprecation_doc!("A deprecated request parameter was removed before its sunset date.", "{name: q, in: query, deprecated: true, x-sunset: '9999-01-01'}", "(removed)");
        Error "required-response-header-removed" = ResponseHeaderRemoved(true),
            resp_doc!("A required response header was removed.", "headers: {X-Rate-Limit: {required: true, schema: {type: integer}}}", "headers: {}");
        Warning "optional-response-header-removed" = ResponseHeaderRemoved(false),
            resp_doc!("An optional response header was removed.", "headers: {X-Rate-Limit: {schema: {type: integer}}}", "headers: {}");
        Error "response-header-became-optional" = ResponseHeaderBecameOptional,
            resp_doc!("A required response header became optional.", "X-Rate-Limit: {required: true}", "X-Rate-Limit: {required: false}");
        Error "response-header-became-nullable" = ResponseHeaderBecameNullable,
            resp_doc!("A response header may now be null.", "X-Count: {schema: {type: integer}}", "X-Count: {schema: {type: [integer, 'null']}}");
        Error "response-header-type-changed" = ResponseHeaderType(false),
            resp_doc!("The type of a response header changed.", "X-Count: {schema: {type: integer}}", "X-Count: {schema: {type: string}}");
        Error "response-header-type-generalized" = ResponseHeaderType(true),
            resp_doc!("The type of a response header widened (`integer` to `number`).", "X-Count: {schema: {type: integer}}", "X-Count: {schema: {type: number}}");
        Error "request-body-removed" = RequestBodyRemoved,
            req_doc!("An operation's request body was removed.", "post: {requestBody: {content: {application/json: {}}}}", "post: {}");
        Error "request-body-added-required" = RequestBodyAddedRequired,
            req_doc!("An operation that took no request body now requires one.", "post: {}", "post: {requestBody: {required: true, content: {application/json: {}}}}");
        Error "new-request-path-parameter" = NewPathParameter,
            req_doc!("An operation gained a path parameter.", "parameters: []", "parameters: [{name: id, in: path, required: true}]");
        Error "new-required-request-default-parameter-to-existing-path" = NewPathLevelParameter(true),
            req_doc!("A required parameter was added on a path item, so to every operation of the path.", "/pets: {get: {}}", "/pets: {parameters: [{name: v, in: query, required: true}], get: {}}");
        Info "new-optional-request-default-parameter-to-existing-path" = NewPathLevelParameter(false),
            info_doc!("An optional parameter was added on a path item, so to every operation of the path.", "/pets: {get: {}}", "/pets: {parameters: [{name: v, in: query}], get: {}}");
        Error "request-body-media-type-schema-added" = MediaSchema(Dir::Request, true),
            req_doc!("A request media type that took any content now has a schema.", "application/json: {}", "application/json: {schema: {type: object}}");
        Warning "response-body-media-type-schema-removed" = MediaSchema(Dir::Response, false),
            resp_doc!("A response media type lost its schema: anything may now be returned.", "application/json: {schema: {type: object}}", "application/json: {}");
        Error "response-media-type-name-generalized" = MediaTypeGeneralized,
            resp_doc!("A response media type was replaced by a media range that covers it.", "content: {application/json: {}}", "content: {application/*: {}}");
        Error "webhook-removed" = WebhookRemoved,
            resp_doc!("A webhook was removed.", "webhooks: {newPet: {post: {}}}", "webhooks: {}");
    }
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

/// `type_breaks` for a schema pair, which knows its media type: JSON is strongly typed,
/// other media are read as text (see `text_type_breaks`).
pub(crate) fn pair_type_breaks(s: &SchemaPair, o: At, n: At) -> bool {
    match &s.root {
        Root::Body { media, .. } if media != "application/json" && !media.ends_with("+json") => {
            text_type_breaks(s.dir, o, n)
        }
        _ => type_breaks(s.dir, o, n),
    }
}

/// `type_breaks` for values that travel as text (XML, forms, headers), where `1` may be
/// read as a number or a string: a request may also change any type to `string`, and a
/// response any `string` to another type, as oasdiff allows.
pub(crate) fn text_type_breaks(dir: Dir, o: At, n: At) -> bool {
    if !type_breaks(dir, o, n) {
        return false;
    }
    let (ot, nt) = (super::schema::types(o), super::schema::types(n));
    let (to, from) = match dir {
        Dir::Request => (&nt, &ot),
        Dir::Response => (&ot, &nt),
    };
    let gained: Vec<&&str> = to.iter().filter(|t| !from.contains(t)).collect();
    !(gained.is_empty() || gained == [&"string"])
}

/// `type_breaks` for a parameter's own schema: its value travels as text (`?id=5`), so any
/// type may become `string`, which takes every value, as oasdiff judges parameters. A new
/// or different `format` still breaks (`?id=5` is no `uuid`).
pub(crate) fn param_type_breaks(o: At, n: At) -> bool {
    use super::schema::{format, types};
    if types(o) == types(n) {
        return type_breaks(Dir::Request, o, n);
    }
    let new_format = format(n).is_some_and(|f| format(o) != Some(f));
    text_type_breaks(Dir::Request, o, n) || new_format
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
