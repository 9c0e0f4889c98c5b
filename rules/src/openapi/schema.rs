//! Schemas: reading the facts checks compare (types, nullability across 3.0 `nullable` and
//! 3.1 `type: [.., "null"]`, enums, bounds) and the structural walk that pairs two schema
//! trees through `$ref`s without looping on recursive schemas.

use super::node::{Node, Val};
use super::pairs::{Root, SchemaPair};
use super::view::At;
use std::collections::{HashMap, HashSet};

/// Who sends the value: clients (a request) or the server (a response). Narrowing what a
/// request accepts, or widening what a response returns, breaks clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Request,
    Response,
}

/// How deep below a root the walk goes (recursive schemas stop at the visited set first).
const MAX_WALK_DEPTH: usize = 64;

/// The declared types, `null` left out (see `nullable`), sorted.
pub fn types(s: At<'_>) -> Vec<&str> {
    let mut t: Vec<&str> = match s.get("type") {
        Some(t) => match &t.node.v {
            Val::Str(x) => vec![&**x],
            Val::Arr(xs) => xs.iter().filter_map(Node::as_str).collect(),
            _ => vec![],
        },
        None => vec![],
    };
    t.retain(|x| *x != "null");
    t.sort_unstable();
    t.dedup();
    t
}

/// `nullable: true` (3.0), `null` among the types or `const: null`/an enum with null (3.1).
pub fn nullable(s: At) -> bool {
    if s.get("nullable").and_then(|n| n.bool()) == Some(true) {
        return true;
    }
    match s.get("type").map(|t| &t.node.v) {
        Some(Val::Str(x)) if &**x == "null" => true,
        Some(Val::Arr(xs)) => xs.iter().any(|x| x.as_str() == Some("null")),
        _ => false,
    }
}

pub fn format(s: At<'_>) -> Option<&str> {
    s.get("format").and_then(|f| f.str())
}

pub fn num(s: At, key: &str) -> Option<f64> {
    s.get(key).and_then(|v| v.num())
}

pub fn enum_values<'a>(s: At<'a>) -> &'a [Node] {
    s.get("enum").map_or(&[], |e| e.node.items())
}

pub fn required<'a>(s: At<'a>) -> impl Iterator<Item = &'a str> {
    s.get("required")
        .map_or(&[][..], |r| r.node.items())
        .iter()
        .filter_map(Node::as_str)
}

pub fn is_required(s: At, name: &str) -> bool {
    required(s).any(|r| r == name)
}

pub fn flag(s: At, key: &str) -> bool {
    s.get(key).and_then(|v| v.bool()) == Some(true)
}

/// Walks pairs of schemas, remembering which resolved pairs are known to be identical.
#[derive(Default)]
pub struct Walker {
    equal: HashMap<(usize, usize), bool>,
}

struct Ctx<'r> {
    op: usize,
    dir: Dir,
    root: &'r Root,
    stack: HashSet<(usize, usize)>,
}

impl Walker {
    pub fn walk<'a>(
        &mut self,
        out: &mut Vec<SchemaPair<'a>>,
        op: usize,
        dir: Dir,
        root: &Root,
        old: At<'a>,
        new: At<'a>,
    ) {
        let mut cx = Ctx {
            op,
            dir,
            root,
            stack: HashSet::new(),
        };
        self.pair(out, &mut cx, String::new(), old, new, false, false, 0);
    }

    #[allow(clippy::too_many_arguments)]
    fn pair<'a>(
        &mut self,
        out: &mut Vec<SchemaPair<'a>>,
        cx: &mut Ctx,
        path: String,
        old: At<'a>,
        new: At<'a>,
        required_old: bool,
        required_new: bool,
        depth: usize,
    ) {
        let (o, n) = (old.deref_keep_off(), new.deref_keep_off());
        let same_required = required_old == required_new;
        if same_required && self.same(o, n) {
            return;
        }
        let key = (o.id(), n.id());
        if depth > MAX_WALK_DEPTH || !cx.stack.insert(key) {
            return;
        }
        out.push(SchemaPair {
            op: cx.op,
            dir: cx.dir,
            root: cx.root.clone(),
            path: path.clone(),
            old: Some(o),
            new: Some(n),
            required_old,
            required_new,
        });
        if !self.same(o, n) {
            let join = |seg: &str| {
                if path.is_empty() {
                    seg.to_string()
                } else {
                    format!("{path}/{seg}")
                }
            };
            // Properties, by name.
            let op = o.get("properties");
            let np = n.get("properties");
            if op.is_some() || np.is_some() {
                let mut names: Vec<&str> = Vec::new();
                for (k, _) in op.iter().flat_map(|p| p.members()) {
                    names.push(k);
                }
                for (k, _) in np.iter().flat_map(|p| p.members()) {
                    if !names.contains(&k) {
                        names.push(k);
                    }
                }
                for name in names {
                    let a = op.and_then(|p| p.get(name)).map(|x| x.deref_keep_off());
                    let b = np.and_then(|p| p.get(name)).map(|x| x.deref_keep_off());
                    let (ro, rn) = (is_required(o, name), is_required(n, name));
                    match (a, b) {
                        (Some(a), Some(b)) => {
                            self.pair(out, cx, join(name), a, b, ro, rn, depth + 1)
                        }
                        (a, b) => out.push(SchemaPair {
                            op: cx.op,
                            dir: cx.dir,
                            root: cx.root.clone(),
                            path: join(name),
                            old: a,
                            new: b,
                            required_old: ro,
                            required_new: rn,
                        }),
                    }
                }
            }
            for key in ["items", "additionalProperties", "not", "contains"] {
                if let (Some(a), Some(b)) = (o.get(key), n.get(key))
                    && a.node.is_obj()
                    && b.node.is_obj()
                {
                    self.pair(out, cx, join(key), a, b, false, false, depth + 1);
                }
            }
            for key in ["allOf", "oneOf", "anyOf"] {
                if let (Some(a), Some(b)) = (o.get(key), n.get(key)) {
                    // Subschemas pair by `$ref` when both have one, else by position.
                    let bs: Vec<At> = b.items().collect();
                    for (i, x) in a.items().enumerate() {
                        let y = match x.ref_str() {
                            Some(r) => bs
                                .iter()
                                .find(|y| y.ref_str().is_some_and(|s| ref_name(s) == ref_name(r))),
                            None => bs.get(i).filter(|y| y.ref_str().is_none()),
                        };
                        if let Some(y) = y {
                            self.pair(
                                out,
                                cx,
                                join(&format!("{key}[{i}]")),
                                x,
                                *y,
                                false,
                                false,
                                depth + 1,
                            );
                        }
                    }
                }
            }
        }
        cx.stack.remove(&key);
    }

    /// Deep equality through `$ref`s, memoized per pair of resolved nodes. A pair met
    /// again while it is being compared (a recursive schema) counts as equal so far.
    pub fn same(&mut self, a: At, b: At) -> bool {
        let (a, b) = (a.deref(), b.deref());
        let key = (a.id(), b.id());
        if let Some(v) = self.equal.get(&key) {
            return *v;
        }
        self.equal.insert(key, true);
        let v = self.same_value(a, b, 0);
        self.equal.insert(key, v);
        v
    }

    fn same_value(&mut self, a: At, b: At, depth: usize) -> bool {
        if depth > MAX_WALK_DEPTH {
            return true;
        }
        match (&a.node.v, &b.node.v) {
            (Val::Obj(x), Val::Obj(y)) => {
                if a.ref_str().is_some() || b.ref_str().is_some() {
                    return self.same(a, b);
                }
                if x.len() != y.len() {
                    return false;
                }
                for (k, av) in a.members() {
                    let Some(bv) = b.get(k) else { return false };
                    if !self.same_value(av, bv, depth + 1) {
                        return false;
                    }
                }
                true
            }
            (Val::Arr(x), Val::Arr(y)) => {
                x.len() == y.len()
                    && a.items()
                        .zip(b.items())
                        .all(|(p, q)| self.same_value(p, q, depth + 1))
            }
            _ => a.node.same(b.node),
        }
    }
}

/// `#/components/schemas/Pet` → `Pet` (also for `other.yaml#/components/schemas/Pet`).
pub fn ref_name(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}
