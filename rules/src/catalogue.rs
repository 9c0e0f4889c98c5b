//! The one list of every rule accord knows: id, kind, formats, categories, default severity
//! and documentation. `accord rules`, `docs/rules.md` and the config resolver all read it.

use crate::finding::{Format, RuleKind, Severity};

/// The written documentation of one rule, rendered by `accord rules explain` and `docs/rules.md`.
#[derive(Debug)]
pub struct RuleDoc {
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why a violation breaks clients (breaking rules) or hurts (lint rules).
    pub why: &'static str,
    /// A before/after example (for lint rules `before` is the offending input, `after` the fix).
    pub before: &'static str,
    pub after: &'static str,
    /// How to make the change safely.
    pub evolve: &'static str,
}

/// Everything about a rule except its check.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub kind: RuleKind,
    pub formats: &'static [Format],
    /// Peer-compatible categories (buf's FILE, PACKAGE, WIRE_JSON, WIRE; MINIMAL, BASIC, STANDARD…).
    pub categories: &'static [&'static str],
    pub default_severity: Severity,
    pub doc: RuleDoc,
    /// Earlier or peer ids that name this rule too.
    pub aliases: &'static [&'static str],
}

impl RuleMeta {
    pub fn is_named(&self, id: &str) -> bool {
        self.id == id || self.aliases.contains(&id)
    }
}

/// Every rule of every format, in catalogue order (format, kind, then registration order).
pub fn all() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    rules.extend(crate::protobuf::breaking::RULES.iter().map(|r| &r.meta));
    rules.extend(crate::protobuf::lint::RULES.iter().map(|r| &r.meta));
    rules.extend(crate::jsonschema::RULES.iter().copied());
    rules.extend(crate::avro::breaking::RULES.iter().copied());
    rules.extend(crate::avro::lint::RULES.iter().map(|r| &r.meta));
    rules.extend(crate::openapi::checks::all().map(|c| &c.meta));
    rules.extend(crate::openapi::lint::RULES.iter().map(|r| &r.meta));
    rules.extend(crate::pact::RULES.iter().copied());
    rules
}

/// Finds a rule by id or alias (case-insensitive, as ids are written upper or lower case by peers).
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all()
        .into_iter()
        .find(|r| r.is_named(id) || r.id.eq_ignore_ascii_case(id))
}

/// Every category name used by the rules of a format and kind.
pub fn categories(format: Format, kind: RuleKind) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in all() {
        if r.kind == kind && r.formats.contains(&format) {
            for c in r.categories {
                if !out.contains(c) {
                    out.push(c);
                }
            }
        }
    }
    out
}
