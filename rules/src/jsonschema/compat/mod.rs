//! The reader/writer comparison, after the content-model rules of the Confluent Schema
//! Registry's JSON Schema diff: walk both schemas side by side and record every difference
//! under Confluent's difference-type name. A difference is compatible when a reader with the
//! new schema still accepts everything the writer's schema allows; only incompatible ones
//! become findings (the rest are kept for a changelog).
//!
//! One file per kind of schema: `types.rs` (type changes and the generic cases), `string.rs`,
//! `number.rs`, `object.rs`, `array.rs`, `enums.rs`, `combined.rs` (allOf/anyOf/oneOf, not).
//! Each holds the rules (catalogue entries) it reports and the comparison that reports them.

pub mod array;
pub mod combined;
pub mod enums;
pub mod number;
pub mod object;
pub mod string;
pub mod types;

use super::model::{Class, Node, View};
use super::parse::Schema;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Confluent's two readings of an open content model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum JsonPolicy {
    /// An open content model (no `additionalProperties: false`) may have produced any extra
    /// property with any value, so a reader that constrains or closes it is incompatible.
    #[default]
    Strict,
    /// Writers are taken to produce only what their schema declares: adding a constraint on
    /// a property or item the writer never declared, or closing an open model, is accepted.
    Lenient,
}

impl JsonPolicy {
    pub fn parse(s: &str) -> Option<JsonPolicy> {
        match s.to_ascii_lowercase().as_str() {
            "strict" => Some(JsonPolicy::Strict),
            "lenient" => Some(JsonPolicy::Lenient),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            JsonPolicy::Strict => "strict",
            JsonPolicy::Lenient => "lenient",
        }
    }
}

/// Difference types that the lenient policy accepts (all concern what an open or partially
/// open writer might have produced beyond what it declares).
const LENIENT_ACCEPTS: &[&str] = &[
    "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    "ADDITIONAL_PROPERTIES_REMOVED",
    "ADDITIONAL_PROPERTIES_NARROWED",
    "ITEM_ADDED_TO_OPEN_CONTENT_MODEL",
    "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
    "ADDITIONAL_ITEMS_REMOVED",
    "ADDITIONAL_ITEMS_NARROWED",
];

/// One difference between writer and reader, located in the reader's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Confluent's difference-type name (a rule id when the difference is incompatible).
    pub kind: &'static str,
    /// JSON pointer into the reader's document.
    pub pointer: String,
    pub message: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Whether a difference type breaks readers under a policy.
pub fn is_incompatible(kind: &str, policy: JsonPolicy) -> bool {
    super::RULES.iter().any(|r| r.id == kind)
        && !(policy == JsonPolicy::Lenient && LENIENT_ACCEPTS.contains(&kind))
}

/// Comparisons deeper than this stop (only reachable through long `$ref` chains: documents
/// themselves nest at most `json::MAX_DEPTH` levels).
const MAX_COMPARE_DEPTH: usize = 400;

/// The state of one reader/writer comparison.
pub struct Ctx<'a> {
    pub w: &'a Schema,
    pub r: &'a Schema,
    pub policy: JsonPolicy,
    memo: HashMap<(Node, Node), Rc<Diffs>>,
    active: HashSet<(Node, Node)>,
    depth: usize,
}

/// Compact JSON of a value, for messages and before/after.
pub fn show(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl<'a> Ctx<'a> {
    pub fn new(w: &'a Schema, r: &'a Schema, policy: JsonPolicy) -> Ctx<'a> {
        Ctx {
            w,
            r,
            policy,
            memo: HashMap::new(),
            active: HashSet::new(),
            depth: 0,
        }
    }

    /// Every difference from the writer's root to the reader's root.
    pub fn run(&mut self) -> Vec<Diff> {
        self.compare(&Node::whole(""), &Node::whole("")).flatten()
    }

    /// Whether none of `diffs` breaks the reader.
    pub fn ok(&self, diffs: &Diffs) -> bool {
        !diffs.breaks(self.policy)
    }

    /// Where a reader node is (its `$ref` followed).
    pub fn rptr(&self, r: &Node) -> String {
        if r.view == View::Whole {
            self.r.deref(&r.ptr).to_string()
        } else {
            r.ptr.clone()
        }
    }

    pub fn wptr(&self, w: &Node) -> String {
        if w.view == View::Whole {
            self.w.deref(&w.ptr).to_string()
        } else {
            w.ptr.clone()
        }
    }

    /// The pointer of `keyword` in the reader node when it is there, else of the node.
    pub fn at(&self, r: &Node, keyword: &str) -> String {
        let p = self.rptr(r);
        let k = format!("{p}/{}", crate::json::escape_token(keyword));
        if self.r.doc.has(&k) { k } else { p }
    }

    /// The pointer of the keyword a reader node's view stands for (`type` for whole schemas).
    pub fn at_view(&self, r: &Node) -> String {
        match r.view {
            View::Combinator(c) => self.at(r, c.keyword()),
            View::Not => self.at(r, "not"),
            View::Enum => {
                let p = self.at(r, "enum");
                if p.ends_with("/enum") {
                    p
                } else {
                    self.at(r, "const")
                }
            }
            View::Whole | View::Local => {
                let p = self.rptr(r);
                ["type", "enum", "const", "not", "allOf", "anyOf", "oneOf"]
                    .into_iter()
                    .map(|k| format!("{p}/{k}"))
                    .find(|k| self.r.doc.has(k))
                    .unwrap_or(p)
            }
            View::Typed | View::Type(_) => self.at(r, "type"),
        }
    }

    /// Compares a writer node with a reader node (memoised; a pair met again while being
    /// compared — recursion through `$ref` — is taken as compatible, as a coinductive proof).
    pub fn compare(&mut self, w: &Node, r: &Node) -> Rc<Diffs> {
        let key = (w.clone(), r.clone());
        if let Some(d) = self.memo.get(&key) {
            return d.clone();
        }
        if self.active.contains(&key) || self.depth >= MAX_COMPARE_DEPTH {
            return Rc::new(Diffs::default());
        }
        self.active.insert(key.clone());
        self.depth += 1;
        let mut out = Diffs::default();
        types::compare_nodes(self, w, r, &mut out);
        self.depth -= 1;
        self.active.remove(&key);
        let out = Rc::new(out);
        self.memo.insert(key, out.clone());
        out
    }

    /// The classes of both nodes.
    pub fn classes(&self, w: &Node, r: &Node) -> (Class<'a>, Class<'a>) {
        (self.w.class(w), self.r.class(r))
    }
}

/// The differences found below one pair of nodes: its own, and those of the pairs it
/// compared, shared rather than copied (a pair met again through `$ref` is not re-listed),
/// with whether any of them breaks readers under each policy.
#[derive(Debug, Default)]
pub struct Diffs {
    own: Vec<Diff>,
    children: Vec<Rc<Diffs>>,
    /// Breaks readers under the strict and under the lenient policy.
    breaks: [bool; 2],
    any: bool,
}

impl Diffs {
    pub fn push(&mut self, d: Diff) {
        self.breaks[0] |= is_incompatible(d.kind, JsonPolicy::Strict);
        self.breaks[1] |= is_incompatible(d.kind, JsonPolicy::Lenient);
        self.any = true;
        self.own.push(d);
    }

    pub fn extend(&mut self, d: impl Into<Rc<Diffs>>) {
        let d = d.into();
        if !d.any {
            return;
        }
        self.breaks[0] |= d.breaks[0];
        self.breaks[1] |= d.breaks[1];
        self.any = true;
        self.children.push(d);
    }

    pub fn is_empty(&self) -> bool {
        !self.any
    }

    pub fn breaks(&self, policy: JsonPolicy) -> bool {
        self.breaks[match policy {
            JsonPolicy::Strict => 0,
            JsonPolicy::Lenient => 1,
        }]
    }

    /// Every difference once, each shared part visited once.
    pub fn flatten(self: &Rc<Diffs>) -> Vec<Diff> {
        let mut out = Vec::new();
        let mut seen: HashSet<*const Diffs> = HashSet::new();
        let mut stack: Vec<&Rc<Diffs>> = vec![self];
        while let Some(d) = stack.pop() {
            if !seen.insert(Rc::as_ptr(d)) {
                continue;
            }
            out.extend(d.own.iter().cloned());
            stack.extend(d.children.iter().rev());
        }
        out
    }
}

/// Records a difference.
pub fn push(
    out: &mut Diffs,
    kind: &'static str,
    pointer: String,
    message: impl Into<String>,
    before: Option<String>,
    after: Option<String>,
) {
    out.push(Diff {
        kind,
        pointer,
        message: message.into(),
        before,
        after,
    });
}

/// The four difference types of one bound keyword: added, removed, increased, decreased.
pub struct BoundKinds {
    pub added: &'static str,
    pub removed: &'static str,
    pub increased: &'static str,
    pub decreased: &'static str,
}

/// Compares one numeric bound keyword (`maxLength`, `minimum`, `maxItems`…). For an upper
/// bound the reader may raise or drop it; for a lower bound lower or drop it.
#[allow(clippy::too_many_arguments)]
pub fn bound(
    ctx: &Ctx<'_>,
    out: &mut Diffs,
    r: &Node,
    keyword: &str,
    upper: bool,
    wv: Option<&Value>,
    rv: Option<&Value>,
    kinds: &BoundKinds,
) {
    let p = ctx.at(r, keyword);
    match (wv, rv) {
        (None, None) => {}
        (Some(w), None) => push(
            out,
            kinds.removed,
            p,
            format!("`{keyword}` {} removed", show(w)),
            Some(show(w)),
            None,
        ),
        (None, Some(rv)) => push(
            out,
            kinds.added,
            p,
            format!(
                "`{keyword}` {} added where the writer set no limit: writer data {} it is rejected",
                show(rv),
                if upper { "above" } else { "below" },
            ),
            None,
            Some(show(rv)),
        ),
        (Some(w), Some(rv)) => {
            let (Some(a), Some(b)) = (w.as_f64(), rv.as_f64()) else {
                return;
            };
            if a == b {
                return;
            }
            let increased = b > a;
            let kind = if increased {
                kinds.increased
            } else {
                kinds.decreased
            };
            let breaks = if upper { !increased } else { increased };
            let message = if breaks {
                format!(
                    "`{keyword}` {} from {} to {}: values the writer allowed between the two limits are rejected",
                    if increased { "increased" } else { "decreased" },
                    show(w),
                    show(rv)
                )
            } else {
                format!(
                    "`{keyword}` {} from {} to {}",
                    if increased { "increased" } else { "decreased" },
                    show(w),
                    show(rv)
                )
            };
            push(out, kind, p, message, Some(show(w)), Some(show(rv)));
        }
    }
}
