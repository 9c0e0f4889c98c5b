//! OpenAPI lint: the rules of Spectral's `spectral:oas` ruleset, with Spectral's ids,
//! default severities and default on/off state (`recommended` rules carry the
//! `recommended` category, which is what a section without `use:` selects).
//!
//! One file per rule, named after its id (`#[path]` below, as ids hold `-` and `$`): its
//! catalogue entry and a check over the loaded `Spec`. Findings point where Spectral's do:
//! the start of the value at the offending JSON path (see `Here::span`), with the JSON
//! pointer as the finding's path.
//!
//! - `walk.rs`: `Here` (a node, its file, key offset and pointer) and the whole-tree walk.
//! - `ruleset.rs`: reading a `.spectral.yaml` into accord's configuration.

mod examples;
pub mod ruleset;
pub mod spectral_parity;
pub mod walk;

use super::load::{Spec, Version};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::config::Policy;
use crate::finding::{Finding, Format, RuleKind, Severity, sort_findings};
pub use walk::{Here, Visit};

/// A lint rule: its catalogue entry and its check.
pub struct LintRule {
    pub meta: RuleMeta,
    pub check: fn(&Ctx, &mut Sink),
}

/// Builds the catalogue entry of a `spectral:oas` rule; `recommended` rules run by default.
pub(crate) const fn meta(
    id: &'static str,
    severity: Severity,
    recommended: bool,
    doc: RuleDoc,
) -> RuleMeta {
    RuleMeta {
        id,
        kind: RuleKind::Lint,
        formats: &[Format::Openapi],
        categories: if recommended { &["recommended"] } else { &[] },
        default_severity: severity,
        doc,
        aliases: &[],
    }
}

/// What a rule reads: the loaded description.
pub struct Ctx<'a> {
    pub spec: &'a Spec,
}

impl<'a> Ctx<'a> {
    pub fn root(&self) -> Here<'a> {
        Here::root(self.spec, 0)
    }

    pub fn v30(&self) -> bool {
        self.spec.version == Version::V30
    }

    /// Spectral's `#OperationObject`: `$.paths[*][get,put,post,delete,options,head,patch,trace]`,
    /// path items followed through `$ref`.
    pub fn operations(&self) -> Vec<Operation<'a>> {
        let mut out = Vec::new();
        let Some(paths) = self.root().get("paths") else {
            return out;
        };
        for (path, item) in paths.members() {
            let item = item.deref(self.spec);
            for (method, op) in item.members() {
                if METHODS.contains(&method) && op.node.is_obj() {
                    out.push(Operation { path, method, op });
                }
            }
        }
        out
    }
}

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation: its path template, method and object.
pub struct Operation<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub op: Here<'a>,
}

/// Collects one rule's findings.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    spec: &'a Spec,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    pub fn report(&mut self, at: &Here, message: impl Into<String>) {
        let f = &self.spec.files[at.file as usize];
        self.out.push(Finding {
            rule: self.meta.id.to_string(),
            severity: self.meta.default_severity,
            kind: RuleKind::Lint,
            format: Format::Openapi,
            message: message.into(),
            location: crate::finding::Location {
                file: f.name.clone(),
                span: at.span(f),
                path: if at.ptr.is_empty() {
                    "/".to_string()
                } else {
                    at.ptr.clone()
                },
            },
            before: None,
            after: None,
            against: None,
        });
    }
}

/// Runs `rules` over `spec`, unsorted and unfiltered.
pub fn run(spec: &Spec, rules: &[&'static LintRule]) -> Vec<Finding> {
    let ctx = Ctx { spec };
    let mut out = Vec::new();
    for rule in rules {
        let mut sink = Sink {
            meta: &rule.meta,
            spec,
            out: &mut out,
        };
        (rule.check)(&ctx, &mut sink);
    }
    out
}

/// The rules `policy` selects, run, filtered by its ignores and graded by its severities.
pub fn lint(spec: &Spec, policy: &Policy) -> Vec<Finding> {
    let rules: Vec<&'static LintRule> = RULES
        .iter()
        .copied()
        .filter(|r| policy.rules.iter().any(|m| m.id == r.meta.id))
        .collect();
    let mut out = Vec::new();
    for mut f in run(spec, &rules) {
        if policy.ignores(&f.rule, &f.location.file) {
            continue;
        }
        if let Some(m) = policy.rules.iter().find(|m| m.id == f.rule) {
            f.severity = policy.severity_of(m);
        }
        out.push(f);
    }
    sort_findings(&mut out);
    out.dedup();
    out
}

/// `files`: each rule's file (named after its id) and the module name it is included as.
macro_rules! rules {
    ($($file:literal => $m:ident),* $(,)?) => {
        $( #[path = $file] mod $m; )*
        /// Every OpenAPI lint rule, in catalogue order.
        pub static RULES: &[&LintRule] = &[ $( &$m::RULE ),* ];
    };
}

rules! {
    "operation-success-response.rs" => operation_success_response,
    "operation-operationId-unique.rs" => operation_operation_id_unique,
    "operation-parameters.rs" => operation_parameters,
    "operation-tag-defined.rs" => operation_tag_defined,
    "path-params.rs" => path_params,
    "contact-properties.rs" => contact_properties,
    "duplicated-entry-in-enum.rs" => duplicated_entry_in_enum,
    "info-contact.rs" => info_contact,
    "info-description.rs" => info_description,
    "info-license.rs" => info_license,
    "license-url.rs" => license_url,
    "no-eval-in-markdown.rs" => no_eval_in_markdown,
    "no-script-tags-in-markdown.rs" => no_script_tags_in_markdown,
    "openapi-tags-alphabetical.rs" => openapi_tags_alphabetical,
    "openapi-tags-uniqueness.rs" => openapi_tags_uniqueness,
    "openapi-tags.rs" => openapi_tags,
    "operation-description.rs" => operation_description,
    "operation-operationId.rs" => operation_operation_id,
    "operation-operationId-valid-in-url.rs" => operation_operation_id_valid_in_url,
    "operation-singular-tag.rs" => operation_singular_tag,
    "operation-tags.rs" => operation_tags,
    "path-declarations-must-exist.rs" => path_declarations_must_exist,
    "path-keys-no-trailing-slash.rs" => path_keys_no_trailing_slash,
    "path-not-include-query.rs" => path_not_include_query,
    "tag-description.rs" => tag_description,
    "no-$ref-siblings.rs" => no_ref_siblings,
    "array-items.rs" => array_items,
    "typed-enum.rs" => typed_enum,
    "oas3-api-servers.rs" => oas3_api_servers,
    "oas3-examples-value-or-externalValue.rs" => oas3_examples_value_or_external_value,
    "oas3-operation-security-defined.rs" => oas3_operation_security_defined,
    "oas3-parameter-description.rs" => oas3_parameter_description,
    "oas3-server-not-example.com.rs" => oas3_server_not_example_com,
    "oas3-server-trailing-slash.rs" => oas3_server_trailing_slash,
    "oas3-unused-component.rs" => oas3_unused_component,
    "oas3-server-variables.rs" => oas3_server_variables,
    "oas3-callbacks-in-callbacks.rs" => oas3_callbacks_in_callbacks,
    "oas3_1-servers-in-webhook.rs" => oas3_1_servers_in_webhook,
    "oas3_1-callbacks-in-webhook.rs" => oas3_1_callbacks_in_webhook,
    "oas3-schema.rs" => oas3_schema,
    "oas3-valid-media-example.rs" => oas3_valid_media_example,
    "oas3-valid-schema-example.rs" => oas3_valid_schema_example,
}

/// Spectral's `truthy`: present and not `false`, `0`, `""` or `null`.
pub fn truthy(h: Option<&Here>) -> bool {
    use super::node::Val;
    match h.map(|h| &h.node.v) {
        None | Some(Val::Null) | Some(Val::Bool(false)) => false,
        Some(Val::Num(n)) => *n != 0.0,
        Some(Val::Str(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Reports `message` at `at` unless `at`'s member `field` is truthy (Spectral's `truthy` on
/// a `field`, which points at the object when the field is missing).
pub fn require_field(sink: &mut Sink, at: &Here, field: &str, message: &str) {
    match at.get(field) {
        Some(v) if truthy(Some(&v)) => {}
        Some(v) => sink.report(&v, message),
        None => sink.report(at, message),
    }
}

/// Spectral's JS rendering of a value in messages (`printValue`): strings quoted.
pub fn print_value(n: &super::node::Node) -> String {
    use super::node::Val;
    match &n.v {
        Val::Str(s) => format!("\"{s}\""),
        Val::Obj(_) => "Object{}".to_string(),
        Val::Arr(_) => "Array[]".to_string(),
        _ => n.render(),
    }
}
