//! Avro style rules over one parsed schema. One file per rule; `RULES` registers them.

use super::model::{Kind, Node, NodeId, Schema};
use crate::catalogue::RuleMeta;
use crate::finding::{Finding, RuleKind};

mod enum_default;
mod enum_symbol_upper_snake_case;
mod field_default;
mod field_doc;
mod field_name_case;
mod logical_type_valid;
mod namespace;
mod nullable_default_null;
mod record_doc;
mod timestamp_logical_type;
mod type_name_pascal_case;

/// A lint rule: its catalogue entry and its check.
pub struct LintRule {
    pub meta: RuleMeta,
    pub check: fn(&Ctx, &mut Sink),
}

/// Which convention field names follow (`field_case:` in accord.yaml's `avro.lint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldCase {
    #[default]
    Camel,
    Snake,
}

impl FieldCase {
    /// `camelCase`/`camel` or `snake_case`/`snake`.
    pub fn parse(s: &str) -> Option<FieldCase> {
        match s.to_ascii_lowercase().as_str() {
            "camelcase" | "camel" | "lower_camel_case" => Some(FieldCase::Camel),
            "snake_case" | "snake" | "lower_snake_case" => Some(FieldCase::Snake),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub field_case: FieldCase,
}

pub struct Ctx<'a> {
    pub schema: &'a Schema,
    pub options: LintOptions,
}

impl Ctx<'_> {
    /// Named types in definition order.
    pub fn named(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.schema
            .named
            .iter()
            .map(|&id| (id, self.schema.node(id)))
    }

    /// Every record with its fullname and fields.
    pub fn records(&self) -> impl Iterator<Item = (&Node, &Vec<super::model::Field>)> {
        self.named().filter_map(|(_, n)| match &n.kind {
            Kind::Record(f) => Some((n, f)),
            _ => None,
        })
    }
}

/// Collects one rule's findings.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    schema: &'a Schema,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    pub fn report(&mut self, pointer: &str, message: String) {
        let mut f = self
            .schema
            .finding(self.meta.id, RuleKind::Lint, message, pointer);
        f.severity = self.meta.default_severity;
        self.out.push(f);
    }
}

pub fn run(ctx: &Ctx, rules: &[&'static LintRule]) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules {
        let mut sink = Sink {
            meta: &rule.meta,
            schema: ctx.schema,
            out: &mut out,
        };
        (rule.check)(ctx, &mut sink);
    }
    out
}

/// Every Avro lint rule, in catalogue order.
pub static RULES: [&LintRule; 11] = [
    &record_doc::RULE,
    &field_doc::RULE,
    &namespace::RULE,
    &type_name_pascal_case::RULE,
    &field_name_case::RULE,
    &enum_symbol_upper_snake_case::RULE,
    &nullable_default_null::RULE,
    &field_default::RULE,
    &enum_default::RULE,
    &timestamp_logical_type::RULE,
    &logical_type_valid::RULE,
];

/// `Pascal` `Case`: starts upper case, no underscores.
pub fn is_pascal(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `camelCase`: starts lower case, no underscores.
pub fn is_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `snake_case`: lower case letters and digits separated by single underscores.
pub fn is_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.ends_with('_')
        && !s.contains("__")
}

/// `UPPER_SNAKE_CASE`.
pub fn is_upper_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && !s.ends_with('_')
        && !s.contains("__")
}

/// The JSON pointer of a named type's `name`.
pub fn name_ptr(n: &Node) -> String {
    format!("{}/name", n.pointer())
}

pub fn fullname(n: &Node) -> &str {
    n.name().map(|x| x.fullname.as_str()).unwrap_or("")
}
