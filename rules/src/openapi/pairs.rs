//! Matching the old and new versions: operations by method and path template (path
//! parameter names do not matter: `/users/{id}` is `/users/{user_id}`), parameters by `in`
//! and name (path parameters by their position in the template), request bodies and
//! responses by media type and status, and schemas structurally through `$ref`s.
//!
//! The result is a `Diff`: flat lists of matched pairs that checks scan. Schema pairs are
//! only recorded where the two sides differ, and identical subtrees are skipped with a
//! memo keyed by the pair of resolved nodes, which keeps GitHub's description fast.

use super::load::Spec;
use super::schema::{self, Dir};
use super::stability::Stability;
use super::view::At;
use std::collections::{HashMap, HashSet};

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation: `GET /users/{id}`.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'a> {
    pub method: &'static str,
    pub path: &'a str,
    pub path_item: At<'a>,
    pub op: At<'a>,
}

impl Operation<'_> {
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }
}

/// Both sides of something matched by key; either may be missing (added or removed).
#[derive(Clone, Copy, Debug)]
pub struct Pair<'a> {
    pub old: Option<At<'a>>,
    pub new: Option<At<'a>>,
}

#[derive(Debug)]
pub struct ParamPair<'a> {
    pub location: String,
    pub name: String,
    pub old: Option<At<'a>>,
    pub new: Option<At<'a>>,
}

/// A media type under a request body (`status` None) or a response.
#[derive(Debug)]
pub struct MediaPair<'a> {
    pub status: Option<&'a str>,
    pub media: &'a str,
    pub old: Option<At<'a>>,
    pub new: Option<At<'a>>,
}

#[derive(Debug)]
pub struct OpPair<'a> {
    pub old: Operation<'a>,
    pub new: Operation<'a>,
    pub params: Vec<ParamPair<'a>>,
    /// The request bodies (resolved), when either side has one.
    pub body: Pair<'a>,
    pub responses: Vec<(&'a str, Pair<'a>)>,
    pub media: Vec<MediaPair<'a>>,
}

/// What a schema pair is the root of.
#[derive(Debug, Clone)]
pub enum Root {
    Body {
        status: Option<String>,
        media: String,
    },
    Param {
        location: String,
        name: String,
    },
}

/// Two versions of one schema at one place, recorded only when they differ. `path` is the
/// property path below the root (`""` for the root itself, `items/name` below an array).
#[derive(Debug)]
pub struct SchemaPair<'a> {
    pub op: usize,
    pub dir: Dir,
    pub root: Root,
    pub path: String,
    pub old: Option<At<'a>>,
    pub new: Option<At<'a>>,
    /// Whether the parent object lists this property in `required`, on each side.
    pub required_old: bool,
    pub required_new: bool,
    /// Whether each side accepts `null` (3.0 `nullable`, 3.1 `null` type or a nullable
    /// wrapper; `old`/`new` are the schemas inside such a wrapper).
    pub null_old: bool,
    pub null_new: bool,
}

impl SchemaPair<'_> {
    /// A property of a body or parameter schema, as opposed to the root schema.
    pub fn is_property(&self) -> bool {
        !self.path.is_empty()
    }

    pub fn is_body(&self) -> bool {
        matches!(self.root, Root::Body { .. })
    }
}

#[derive(Debug)]
pub struct Diff<'a> {
    pub old: &'a Spec,
    pub new: &'a Spec,
    /// Operations only in the old version, and whether their whole path went with them;
    /// only those at or above the stability threshold (see `stability.rs`).
    pub removed_ops: Vec<(Operation<'a>, bool)>,
    pub added_ops: Vec<Operation<'a>>,
    /// Operations in both versions at or above the stability threshold, with what they hold.
    pub ops: Vec<OpPair<'a>>,
    /// Every operation in both versions, and every removed one, whatever its stability:
    /// the stability checks themselves look at these.
    pub all_paired: Vec<(Operation<'a>, Operation<'a>)>,
    pub all_removed: Vec<Operation<'a>>,
    pub schemas: Vec<SchemaPair<'a>>,
}

/// An operation's `x-stability-level` (none is stable); `None` when it is not a known level.
fn level(o: &Operation) -> Option<Stability> {
    match o.op.get("x-stability-level") {
        None => Some(Stability::Stable),
        Some(v) => v.str().and_then(|s| s.parse().ok()),
    }
}

/// `/users/{id}` → `/users/{}`.
pub fn normalize_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut depth = 0;
    for c in p.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

pub fn operations(spec: &Spec) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    let Some(paths) = spec.root().get("paths") else {
        return out;
    };
    for (path, item) in paths.members() {
        let item_d = item.deref();
        for m in METHODS {
            if let Some(op) = item_d.get(m) {
                out.push(Operation {
                    method: m,
                    path,
                    path_item: item,
                    op,
                });
            }
        }
    }
    out
}

/// Path and operation parameters, resolved, the operation's overriding the path item's.
fn parameters<'a>(o: &Operation<'a>) -> Vec<(String, String, At<'a>)> {
    let mut out: Vec<(String, String, At<'a>)> = Vec::new();
    let lists = [
        o.path_item.deref().get("parameters"),
        o.op.get("parameters"),
    ];
    for list in lists.into_iter().flatten() {
        for p in list.items() {
            let d = p.deref_keep_off();
            let loc = d.get("in").and_then(|x| x.str()).unwrap_or("").to_string();
            let name = d
                .get("name")
                .and_then(|x| x.str())
                .unwrap_or("")
                .to_string();
            out.retain(|(l, n, _)| !(l == &loc && n.eq_ignore_ascii_case(&name)));
            out.push((loc, name, d));
        }
    }
    out
}

fn param_key(path: &str, loc: &str, name: &str) -> String {
    if loc == "path" {
        // Path parameters pair by position: renaming `{id}` to `{user_id}` changes nothing.
        for (i, seg) in path.split('{').skip(1).enumerate() {
            if seg.split('}').next() == Some(name) {
                return format!("path#{i}");
            }
        }
    }
    // Header names are case-insensitive.
    if loc == "header" {
        return format!("{loc}:{}", name.to_ascii_lowercase());
    }
    format!("{loc}:{name}")
}

fn pair_params<'a>(old: &Operation<'a>, new: &Operation<'a>) -> Vec<ParamPair<'a>> {
    let o = parameters(old);
    let n = parameters(new);
    let mut out: Vec<ParamPair<'a>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (loc, name, at) in o {
        by_key.insert(param_key(old.path, &loc, &name), out.len());
        out.push(ParamPair {
            location: loc,
            name,
            old: Some(at),
            new: None,
        });
    }
    for (loc, name, at) in n {
        match by_key.get(&param_key(new.path, &loc, &name)) {
            Some(&i) => out[i].new = Some(at),
            None => out.push(ParamPair {
                location: loc,
                name,
                old: None,
                new: Some(at),
            }),
        }
    }
    out
}

fn pair_members<'a>(old: Option<At<'a>>, new: Option<At<'a>>) -> Vec<(&'a str, Pair<'a>)> {
    let mut out: Vec<(&'a str, Pair<'a>)> = Vec::new();
    if let Some(o) = old {
        for (k, v) in o.deref().members() {
            out.push((
                k,
                Pair {
                    old: Some(v.deref_keep_off()),
                    new: None,
                },
            ));
        }
    }
    if let Some(n) = new {
        for (k, v) in n.deref().members() {
            let v = Some(v.deref_keep_off());
            match out.iter_mut().find(|(x, _)| *x == k) {
                Some((_, p)) => p.new = v,
                None => out.push((k, Pair { old: None, new: v })),
            }
        }
    }
    out
}

/// Pairs `old` with `new`, leaving out operations below `threshold` (see `stability.rs`).
pub fn diff<'a>(old: &'a Spec, new: &'a Spec, threshold: Stability) -> Diff<'a> {
    let old_ops = operations(old);
    let new_ops = operations(new);
    let key = |o: &Operation| (o.method, normalize_path(o.path));
    let new_index: HashMap<(&str, String), usize> = new_ops
        .iter()
        .enumerate()
        .map(|(i, o)| (key(o), i))
        .collect();
    let new_paths: HashSet<String> = new_ops.iter().map(|o| normalize_path(o.path)).collect();
    let old_keys: HashSet<(&str, String)> = old_ops.iter().map(key).collect();
    let mut d = Diff {
        old,
        new,
        removed_ops: Vec::new(),
        added_ops: Vec::new(),
        ops: Vec::new(),
        schemas: Vec::new(),
        all_paired: Vec::new(),
        all_removed: Vec::new(),
    };
    for o in &old_ops {
        match new_index.get(&key(o)) {
            Some(&i) => {
                let n = new_ops[i];
                d.all_paired.push((*o, n));
                // An unknown new level keeps the operation in: its other changes still count.
                if level(&n).is_none_or(|l| l >= threshold) {
                    d.ops.push(pair_op(*o, n));
                }
            }
            None => {
                d.all_removed.push(*o);
                if level(o).is_some_and(|l| l >= threshold) {
                    let whole_path = !new_paths.contains(&normalize_path(o.path));
                    d.removed_ops.push((*o, whole_path));
                }
            }
        }
    }
    for n in &new_ops {
        if !old_keys.contains(&key(n)) {
            d.added_ops.push(*n);
        }
    }
    let mut walker = schema::Walker::default();
    for (i, op) in d.ops.iter().enumerate() {
        for p in &op.params {
            if let (Some(o), Some(n)) = (p.old, p.new) {
                let root = Root::Param {
                    location: p.location.clone(),
                    name: p.name.clone(),
                };
                if let (Some(os), Some(ns)) = (o.get("schema"), n.get("schema")) {
                    walker.walk(&mut d.schemas, i, Dir::Request, &root, os, ns);
                }
            }
        }
        for m in &op.media {
            if let (Some(o), Some(n)) = (m.old, m.new) {
                let dir = if m.status.is_some() {
                    Dir::Response
                } else {
                    Dir::Request
                };
                let root = Root::Body {
                    status: m.status.map(str::to_string),
                    media: m.media.to_string(),
                };
                if let (Some(os), Some(ns)) = (o.get("schema"), n.get("schema")) {
                    walker.walk(&mut d.schemas, i, dir, &root, os, ns);
                }
            }
        }
    }
    d
}

fn pair_op<'a>(o: Operation<'a>, n: Operation<'a>) -> OpPair<'a> {
    let params = pair_params(&o, &n);
    let body = Pair {
        old: o.op.get("requestBody").map(|b| b.deref_keep_off()),
        new: n.op.get("requestBody").map(|b| b.deref_keep_off()),
    };
    let responses = pair_members(o.op.get("responses"), n.op.get("responses"));
    let mut media = Vec::new();
    for (ct, p) in pair_members(
        body.old.and_then(|b| b.get("content")),
        body.new.and_then(|b| b.get("content")),
    ) {
        media.push(MediaPair {
            status: None,
            media: ct,
            old: p.old,
            new: p.new,
        });
    }
    // Media types of a response that is gone altogether are not reported one by one.
    for (status, r) in responses
        .iter()
        .filter(|(_, r)| r.old.is_some() && r.new.is_some())
    {
        for (ct, p) in pair_members(
            r.old.and_then(|b| b.get("content")),
            r.new.and_then(|b| b.get("content")),
        ) {
            media.push(MediaPair {
                status: Some(status),
                media: ct,
                old: p.old,
                new: p.new,
            });
        }
    }
    OpPair {
        old: o,
        new: n,
        params,
        body,
        responses,
        media,
    }
}
