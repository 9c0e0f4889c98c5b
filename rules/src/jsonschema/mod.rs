//! JSON Schema (drafts 4, 6, 7, 2019-09, 2020-12): loading with meta-schema validation
//! (`parse.rs`), the engine's view of a schema node (`model.rs`) and the reader/writer
//! compatibility engine with one rule per incompatible Confluent difference type (`compat/`).
//!
//! ```no_run
//! use accord_rules::compat::ReaderWriter;
//! use accord_rules::jsonschema::{self, JsonCompat, JsonPolicy};
//! let old = jsonschema::load("v1.json".as_ref()).unwrap();
//! let new = jsonschema::load("v2.json".as_ref()).unwrap();
//! // BACKWARD: the new schema reads what the old one allowed.
//! let findings = jsonschema::Schema::incompatibilities(&new, &old);
//! let lenient = JsonCompat { policy: JsonPolicy::Lenient }.check(&new, &old);
//! # let _ = (findings, lenient);
//! ```

/// Declares one breaking rule of this format.
macro_rules! rule {
    ($id:ident, [$($cat:expr),*], $summary:expr, $why:expr, $before:expr, $after:expr, $evolve:expr $(,)?) => {
        pub static $id: $crate::catalogue::RuleMeta = $crate::catalogue::RuleMeta {
            id: stringify!($id),
            kind: $crate::finding::RuleKind::Breaking,
            formats: &[$crate::finding::Format::Jsonschema],
            categories: &[$($cat),*],
            default_severity: $crate::finding::Severity::Error,
            aliases: &[],
            doc: $crate::catalogue::RuleDoc {
                summary: $summary,
                why: $why,
                before: $before,
                after: $after,
                evolve: $evolve,
            },
        };
    };
}

pub mod compat;
pub mod model;
pub mod parse;

use crate::catalogue::RuleMeta;
use crate::config::Policy;
use crate::finding::{Finding, Format, Location, RuleKind, Severity, sort_findings};
pub use compat::{Diff, JsonPolicy};
pub use parse::{Draft, JsonSchemaError, Schema, load, parse};

use compat::{
    array as a, combined as c, enums as e, number as n, object as o, string as s, types as t,
};

/// Every JSON Schema rule: the incompatible Confluent difference types accord reports.
pub static RULES: &[&RuleMeta] = &[
    &t::TYPE_CHANGED,
    &t::TYPE_NARROWED,
    &t::SCHEMA_ADDED,
    &s::MAX_LENGTH_ADDED,
    &s::MAX_LENGTH_DECREASED,
    &s::MIN_LENGTH_ADDED,
    &s::MIN_LENGTH_INCREASED,
    &s::PATTERN_ADDED,
    &s::PATTERN_CHANGED,
    &s::FORMAT_ADDED,
    &s::FORMAT_CHANGED,
    &n::MAXIMUM_ADDED,
    &n::MAXIMUM_DECREASED,
    &n::MINIMUM_ADDED,
    &n::MINIMUM_INCREASED,
    &n::EXCLUSIVE_MAXIMUM_ADDED,
    &n::EXCLUSIVE_MAXIMUM_DECREASED,
    &n::EXCLUSIVE_MINIMUM_ADDED,
    &n::EXCLUSIVE_MINIMUM_INCREASED,
    &n::MULTIPLE_OF_ADDED,
    &n::MULTIPLE_OF_EXPANDED,
    &n::MULTIPLE_OF_CHANGED,
    &o::PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
    &o::REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL,
    &o::PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL,
    &o::PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    &o::PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    &o::REQUIRED_ATTRIBUTE_ADDED,
    &o::ADDITIONAL_PROPERTIES_REMOVED,
    &o::ADDITIONAL_PROPERTIES_NARROWED,
    &o::MAX_PROPERTIES_ADDED,
    &o::MAX_PROPERTIES_DECREASED,
    &o::MIN_PROPERTIES_ADDED,
    &o::MIN_PROPERTIES_INCREASED,
    &o::DEPENDENCY_ARRAY_ADDED,
    &o::DEPENDENCY_ARRAY_EXTENDED,
    &o::DEPENDENCY_ARRAY_CHANGED,
    &o::DEPENDENCY_SCHEMA_ADDED,
    &a::ITEM_ADDED_TO_OPEN_CONTENT_MODEL,
    &a::ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL,
    &a::ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    &a::ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL,
    &a::ADDITIONAL_ITEMS_REMOVED,
    &a::ADDITIONAL_ITEMS_NARROWED,
    &a::MAX_ITEMS_ADDED,
    &a::MAX_ITEMS_DECREASED,
    &a::MIN_ITEMS_ADDED,
    &a::MIN_ITEMS_INCREASED,
    &a::UNIQUE_ITEMS_ADDED,
    &e::ENUM_ARRAY_NARROWED,
    &e::ENUM_ARRAY_CHANGED,
    &c::COMBINED_TYPE_CHANGED,
    &c::PRODUCT_TYPE_EXTENDED,
    &c::SUM_TYPE_NARROWED,
    &c::COMBINED_TYPE_SUBSCHEMAS_CHANGED,
    &c::NOT_TYPE_EXTENDED,
];

/// The compatibility check with its settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonCompat {
    pub policy: JsonPolicy,
}

/// Stack for one comparison: recursion follows the schemas (bounded by `json::MAX_DEPTH` and
/// the engine's own depth cap), which needs more than a test thread's default stack.
const STACK: usize = 64 << 20;

impl JsonCompat {
    /// Every difference, compatible or not, of `reader` against `writer`.
    pub fn differences(&self, reader: &Schema, writer: &Schema) -> Vec<Diff> {
        let policy = self.policy;
        let run = || compat::Ctx::new(writer, reader, policy).run();
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .name("accord-jsonschema-compat".into())
                .stack_size(STACK)
                .spawn_scoped(scope, run);
            match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: compare on this one (its stack suffices for all but
                // the deepest schemas).
                Err(_) => run(),
            }
        })
    }

    /// Why `reader` cannot read data valid under `writer`: one finding per incompatible
    /// difference, located in the reader's document.
    pub fn check(&self, reader: &Schema, writer: &Schema) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .differences(reader, writer)
            .into_iter()
            .filter(|d| compat::is_incompatible(d.kind, self.policy))
            .map(|d| finding(reader, d))
            .collect();
        sort_findings(&mut out);
        out
    }
}

fn finding(reader: &Schema, d: Diff) -> Finding {
    Finding {
        rule: d.kind.to_string(),
        severity: Severity::Error,
        kind: RuleKind::Breaking,
        format: Format::Jsonschema,
        message: d.message,
        location: Location {
            file: reader.file.clone(),
            span: reader.span(&d.pointer),
            path: d.pointer,
        },
        before: d.before,
        after: d.after,
        against: None,
    }
}

impl crate::compat::ReaderWriter for Schema {
    /// Confluent's strict policy; use `JsonCompat` for the lenient one.
    fn incompatibilities(reader: &Schema, writer: &Schema) -> Vec<Finding> {
        JsonCompat::default().check(reader, writer)
    }
}

/// What `accord breaking` needs in one call: the checks a compatibility mode asks for between
/// `current` and the labelled `previous` versions (oldest first), under a JSON policy, with
/// the accord.yaml policy applied. Each finding records the version it concerns.
pub fn breaking(
    current: &Schema,
    previous: &[(String, Schema)],
    mode: crate::compat::Mode,
    compat: JsonCompat,
    policy: &Policy,
) -> Vec<Finding> {
    use crate::compat::Direction;
    let mut out = Vec::new();
    for check in mode.checks(previous.len()) {
        let (label, old) = &previous[check.previous];
        let found = match check.direction {
            Direction::NewReadsOld => compat.check(current, old),
            Direction::OldReadsNew => compat.check(old, current),
        };
        out.extend(found.into_iter().map(|mut f| {
            f.against = Some(label.clone());
            f
        }));
    }
    let mut out = apply_policy(out, policy);
    sort_findings(&mut out);
    out
}

/// Applies a resolved policy to findings: only its rules, its path ignores (by the file
/// name as given), and its severity overrides.
pub fn apply_policy(findings: Vec<Finding>, policy: &Policy) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let meta = policy.rules.iter().find(|m| m.id == f.rule)?;
            if policy.ignores(&f.rule, &f.location.file) {
                return None;
            }
            f.severity = policy.severity_of(meta);
            Some(f)
        })
        .collect()
}
