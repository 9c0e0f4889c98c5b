//! OpenAPI 3.0 and 3.1: loading (JSON or YAML, with every file a `$ref` reaches), pairing
//! two versions, and the breaking-change checks with oasdiff's rule ids.
//!
//! - `node.rs`: the document tree (values with offsets), `parse_json.rs`, `parse_yaml.rs`.
//! - `load.rs`: files, version check, `$ref` resolution; `error.rs`: why loading failed.
//! - `view.rs`: `At`, a node in its file, for following `$ref`s and making locations.
//! - `pairs.rs`: operations, parameters, bodies, responses and media types matched old↔new.
//! - `schema.rs`: schema facts and the structural walk through `$ref`s.
//! - `stability.rs`: `x-stability-level` and the threshold below which nothing is checked.
//! - `checks/mod.rs`: the catalogue of breaking checks with oasdiff's ids: the first ones
//!   one file each (`checks/<rule-id>.rs`), the rest rows of a table run by
//!   `checks/family.rs` (schema keywords at each place, in each direction) and
//!   `checks/ops.rs` (deprecation lifecycle, headers, bodies, webhooks).
//! - `lint/`: the lint rules of Spectral's `spectral:oas` ruleset, one file per rule id.
//! - `locate.rs`: from a finding back to its operation and to the fragment it points at in
//!   each version (for `accord changelog`).
//! - `parity.rs`: how this compares with oasdiff, for docs/rules.md.

pub mod checks;
pub mod error;
pub mod lint;
pub mod load;
pub mod locate;
pub mod node;
pub mod optic_parity;
pub mod pairs;
pub mod parity;
pub(crate) mod parse_json;
pub(crate) mod parse_yaml;
pub mod schema;
pub mod stability;
pub mod sunset;
pub mod view;

pub use error::OpenApiError;
pub use load::{Spec, Version, load, load_str, load_with};
pub use stability::Stability;

use crate::catalogue::RuleMeta;
use crate::finding::{Finding, Severity};

/// Settings of a breaking-change run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Today, as days since 1970-01-01 (sunset dates are compared with it).
    pub today: i64,
    /// Least number of days between deprecation and sunset for stable / beta operations.
    pub deprecation_days_stable: i64,
    pub deprecation_days_beta: i64,
    /// Operations and properties below this `x-stability-level` are not checked (oasdiff's
    /// `--stability-level`; see `stability.rs`).
    pub stability_level: Stability,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            today: sunset::today(),
            deprecation_days_stable: 0,
            deprecation_days_beta: 0,
            stability_level: Stability::default(),
        }
    }
}

/// Every change from `old` to `new` that accord's checks find — oasdiff's INFO-level ones
/// too, which a changelog lists — unsorted and unfiltered (the caller applies the policy).
pub fn changes(old: &Spec, new: &Spec, opts: &Options) -> Vec<Finding> {
    changes_of(old, new, opts, |_| true)
}

/// The changes found by the checks `wanted` picks, so a caller that will drop most rules
/// (`accord breaking` drops the ~270 INFO ones) does not pay for running them. The checks
/// that report errors always run: the version checks look at every error found, whether or
/// not the caller keeps it.
pub fn changes_of(
    old: &Spec,
    new: &Spec,
    opts: &Options,
    wanted: impl Fn(&RuleMeta) -> bool,
) -> Vec<Finding> {
    let diff = pairs::diff(old, new, opts.stability_level);
    let mut sink = checks::Sink::default();
    for c in checks::all() {
        if c.meta.default_severity == Severity::Error || wanted(&c.meta) {
            (c.run)(&diff, opts, &mut sink);
        }
    }
    sink.findings
}

/// The changes that break a client at their default severity (oasdiff's ERR and WARN), as
/// `oasdiff breaking` reports them: what a compatibility check gates on.
pub fn breaking(old: &Spec, new: &Spec, opts: &Options) -> Vec<Finding> {
    changes_of(old, new, opts, |m| m.default_severity > Severity::Info)
}

/// Whether a text is an OpenAPI or Swagger document (a top-level `openapi` or `swagger`
/// key), read cheaply so the CLI can route an input before loading it. JSON is scanned for
/// its top-level keys (Stripe's description puts `openapi` after megabytes of
/// `components`); YAML's top-level keys start a line.
pub fn looks_like_openapi(text: &str) -> bool {
    if text.trim_start().starts_with('{') {
        return json_top_level_key(text, &["openapi", "swagger"]);
    }
    text.lines().any(|l| {
        ["openapi", "swagger"].iter().any(|k| {
            l.strip_prefix(k)
                .or_else(|| l.strip_prefix(&format!("\"{k}\"")))
                .or_else(|| l.strip_prefix(&format!("'{k}'")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
    })
}

/// Whether a JSON object has one of `keys` at its top level (a byte scan, no parsing).
fn json_top_level_key(text: &str, keys: &[&str]) -> bool {
    let b = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if depth == 1 && keys.iter().any(|k| text.get(start..i) == Some(*k)) {
                    let rest = text.get(i + 1..).unwrap_or("").trim_start();
                    if rest.starts_with(':') {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}
