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

/// Keywords holding one subschema, walked pairwise (JSON Schema 2020-12 ones included).
const SUBSCHEMAS: [&str; 10] = [
    "items",
    "additionalProperties",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Keywords holding a map of subschemas.
const SCHEMA_MAPS: [&str; 2] = ["patternProperties", "dependentSchemas"];

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
    if s.get("nullable").and_then(|n| n.bool()) == Some(true) || null_wrapped(s).is_some() {
        return true;
    }
    match s.get("type").map(|t| &t.node.v) {
        Some(Val::Str(x)) if &**x == "null" => true,
        Some(Val::Arr(xs)) => xs.iter().any(|x| x.as_str() == Some("null")),
        _ => false,
    }
}

/// The schema inside a 3.1-style nullable wrapper, `oneOf`/`anyOf: [{type: "null"}, S]`.
pub fn null_wrapped<'a>(s: At<'a>) -> Option<At<'a>> {
    for key in ["oneOf", "anyOf"] {
        let Some(list) = s.get(key) else { continue };
        let items: Vec<At> = list.items().collect();
        if items.len() != 2 || s.get("type").is_some() || s.get("properties").is_some() {
            continue;
        }
        let is_null = |x: &At| x.deref().get("type").and_then(|t| t.str()) == Some("null");
        let inner = match (is_null(&items[0]), is_null(&items[1])) {
            (true, false) => items[1],
            (false, true) => items[0],
            _ => continue,
        };
        let mut d = inner.deref();
        if d.file == s.file {
            d.off = s.off;
        }
        return Some(d);
    }
    None
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
    seen: HashSet<(usize, usize)>,
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
            seen: HashSet::new(),
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
        let (null_old, null_new) = (nullable(o), nullable(n));
        // Wrapping a schema as `oneOf: [S, {type: "null"}]` only changes its nullability:
        // compare what is inside, and record the nullability beside the pair.
        let o = null_wrapped(o).unwrap_or(o);
        let n = null_wrapped(n).unwrap_or(n);
        let same_required = required_old == required_new;
        if same_required && null_old == null_new && self.same(o, n) {
            return;
        }
        let key = (o.id(), n.id());
        // Each pair is expanded once per root: that stops recursive schemas, and keeps a
        // schema shared by many properties (Stripe's expandable objects) from being walked
        // once per path to it, which grows exponentially with depth.
        if depth > MAX_WALK_DEPTH || !cx.seen.insert(key) {
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
            null_old,
            null_new,
        });
        if !self.same(o, n) {
            let join = |seg: &str| {
                if path.is_empty() {
                    seg.to_string()
                } else {
                    format!("{path}/{seg}")
                }
            };
            // Properties, by name. A schema newly wrapped in a `oneOf` is one change
            // (`*-wrapped-in-one-of`), not its properties all removed.
            let op = o.get("properties");
            let np = n.get("properties");
            if (op.is_some() || np.is_some()) && !wrapped_in_one_of(o, n) {
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
                            null_old: a.is_some_and(nullable),
                            null_new: b.is_some_and(nullable),
                        }),
                    }
                }
            }
            for key in SUBSCHEMAS {
                if let (Some(a), Some(b)) = (o.get(key), n.get(key))
                    && a.node.is_obj()
                    && b.node.is_obj()
                {
                    self.pair(out, cx, join(key), a, b, false, false, depth + 1);
                }
            }
            for key in SCHEMA_MAPS {
                if let (Some(a), Some(b)) = (o.get(key), n.get(key)) {
                    for (k, x) in a.members() {
                        if let Some(y) = b.get(k) {
                            self.pair(
                                out,
                                cx,
                                join(&format!("{key}/{k}")),
                                x,
                                y,
                                false,
                                false,
                                depth + 1,
                            );
                        }
                    }
                }
            }
            if let (Some(a), Some(b)) = (o.get("prefixItems"), n.get("prefixItems")) {
                for (i, (x, y)) in a.items().zip(b.items()).enumerate() {
                    self.pair(
                        out,
                        cx,
                        join(&format!("prefixItems[{i}]")),
                        x,
                        y,
                        false,
                        false,
                        depth + 1,
                    );
                }
            }
            for key in ["allOf", "oneOf", "anyOf"] {
                if let (Some(a), Some(b)) = (o.get(key), n.get(key)) {
                    for (i, x, y) in pair_subschemas(a, b) {
                        self.pair(
                            out,
                            cx,
                            join(&format!("{key}[{i}]")),
                            x,
                            y,
                            false,
                            false,
                            depth + 1,
                        );
                    }
                }
            }
        }
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

/// Whether `new` replaced the shape of `old` by a `oneOf` of alternatives.
pub fn wrapped_in_one_of(old: At, new: At) -> bool {
    old.get("oneOf").is_none()
        && (old.get("type").is_some() || old.get("properties").is_some())
        && new.get("oneOf").is_some()
        && new.get("properties").is_none()
        && new.get("type").is_none()
}

/// Pairs the members of two `allOf`/`oneOf`/`anyOf` lists: references by the name they
/// point to, inline schemas by `title`, the remaining inline ones in order.
pub(crate) fn pair_subschemas<'a>(a: At<'a>, b: At<'a>) -> Vec<(usize, At<'a>, At<'a>)> {
    let bs: Vec<At> = b.items().collect();
    let mut used = vec![false; bs.len()];
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for (i, x) in a.items().enumerate() {
        let found = match x.ref_str() {
            Some(r) => bs
                .iter()
                .position(|y| y.ref_str().is_some_and(|s| ref_name(s) == ref_name(r))),
            None => match title(&x) {
                Some(t) => bs
                    .iter()
                    .position(|y| y.ref_str().is_none() && title(y) == Some(t)),
                None => {
                    rest.push((i, x));
                    continue;
                }
            },
        };
        if let Some(j) = found.filter(|j| !used[*j]) {
            used[j] = true;
            out.push((i, x, bs[j]));
        }
    }
    let mut free = (0..bs.len())
        .filter(|j| !used[*j] && bs[*j].ref_str().is_none() && title(&bs[*j]).is_none());
    for (i, x) in rest {
        match free.next() {
            Some(j) => out.push((i, x, bs[j])),
            None => break,
        }
    }
    out
}

fn title<'a>(x: &At<'a>) -> Option<&'a str> {
    x.get("title")
        .and_then(|t| t.str())
        .filter(|t| !t.is_empty())
}

/// `#/components/schemas/Pet` → `Pet` (also for `other.yaml#/components/schemas/Pet`).
pub fn ref_name(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}
