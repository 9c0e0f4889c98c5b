//! Reader/writer resolution exactly as Apache Avro's reference checker
//! (`SchemaCompatibility` in Java, `avro.compatibility` in Python, whose results accord's
//! conformance suite replays): every incompatibility is reported with its type, message and
//! location path in the reader schema.
//!
//! The reference's observable quirks are kept on purpose, because its verdicts and paths are
//! what registries built on it report (see docs/avro-divergences.md):
//! - results are memoized per (reader node, writer node) pair, so a pair of named types met a
//!   second time reuses the first result (and its locations); a pair met again while it is
//!   still being checked (recursion) counts as compatible;
//! - branches of a writer union, and the reader union checked against a writer branch, are
//!   checked from a fresh root location `/`;
//! - a reader field missing from the writer whose type is an enum with a default is checked
//!   as that enum against the whole writer record;
//! - names are compared unqualified; a reader alias must equal the writer's fullname.

use super::fasthash::FastHash;
use super::model::{Kind, NodeId, Schema};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The incompatibility types of the reference checker; each is also a rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IncompatKind {
    NameMismatch,
    FixedSizeMismatch,
    MissingEnumSymbols,
    ReaderFieldMissingDefaultValue,
    TypeMismatch,
    MissingUnionBranch,
}

impl IncompatKind {
    pub fn id(self) -> &'static str {
        match self {
            IncompatKind::NameMismatch => "NAME_MISMATCH",
            IncompatKind::FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
            IncompatKind::MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
            IncompatKind::ReaderFieldMissingDefaultValue => "READER_FIELD_MISSING_DEFAULT_VALUE",
            IncompatKind::TypeMismatch => "TYPE_MISMATCH",
            IncompatKind::MissingUnionBranch => "MISSING_UNION_BRANCH",
        }
    }
}

/// One incompatibility: type, the reference's message, the location path in the reader, and
/// the two sides of the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompatibility {
    pub kind: IncompatKind,
    pub message: String,
    pub location: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The reference checker's result: its verdict, its list of incompatibilities, and whether
/// its location set also holds the root `/` its merge adds (see `locations`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub compatible: bool,
    /// Shared, so merging results up the walk copies pointers, not text.
    pub incompatibilities: Vec<Arc<Incompatibility>>,
    /// The reference merges an incompatible result with a compatible one by uniting their
    /// location sets, and a compatible result's set is `{"/"}`; this records that `/`.
    pub root_in_locations: bool,
}

impl Outcome {
    fn compatible() -> Outcome {
        Outcome {
            compatible: true,
            incompatibilities: Vec::new(),
            root_in_locations: true,
        }
    }

    fn incompatible(i: Incompatibility) -> Outcome {
        Outcome {
            compatible: false,
            incompatibilities: vec![Arc::new(i)],
            root_in_locations: false,
        }
    }

    /// The reference's location set, sorted: `{"/"}` for a compatible pair.
    pub fn locations(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .incompatibilities
            .iter()
            .map(|i| i.location.clone())
            .collect();
        if self.root_in_locations || self.compatible {
            v.push("/".into());
        }
        v.sort();
        v.dedup();
        v
    }

    /// The distinct incompatibility types, in first-seen order.
    pub fn kinds(&self) -> Vec<IncompatKind> {
        let mut v = Vec::new();
        for i in &self.incompatibilities {
            if !v.contains(&i.kind) {
                v.push(i.kind);
            }
        }
        v
    }
}

/// The reference's `merge(this, that)`.
fn merge(this: Outcome, that: &Outcome) -> Outcome {
    if this.compatible {
        let mut out = that.clone();
        if !this.incompatibilities.is_empty() {
            let mut all = this.incompatibilities;
            all.extend(that.incompatibilities.iter().cloned());
            out.incompatibilities = all;
        }
        out
    } else {
        let mut out = this;
        out.incompatibilities
            .extend(that.incompatibilities.iter().cloned());
        out.root_in_locations |= that.root_in_locations || that.compatible;
        out
    }
}

/// What the memo holds for a (reader node, writer node) pair.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Memo {
    Unseen,
    InProgress,
    /// An index into `Checker::results`.
    Done(u32),
}

/// The memo: a flat table over every (reader node, writer node) pair when the two schemas
/// are small (one lookup, no hashing, one allocation), a hash map when the table would be
/// large (wide schemas visit few of their pairs).
enum Table {
    Flat { cells: Vec<Memo>, width: usize },
    Map(HashMap<(NodeId, NodeId), Memo, FastHash>),
}

/// Schemas whose pair table would have more cells than this use the hash map.
const FLAT_MAX: usize = 4096;

impl Table {
    fn new(readers: usize, writers: usize) -> Table {
        match readers.checked_mul(writers) {
            Some(n) if n <= FLAT_MAX => Table::Flat {
                cells: vec![Memo::Unseen; n],
                width: writers,
            },
            _ => Table::Map(HashMap::with_capacity_and_hasher(
                readers.min(1 << 16),
                FastHash::default(),
            )),
        }
    }

    fn get(&self, r: NodeId, w: NodeId) -> Memo {
        match self {
            Table::Flat { cells, width } => {
                cells.get(r * width + w).copied().unwrap_or(Memo::Unseen)
            }
            Table::Map(m) => m.get(&(r, w)).copied().unwrap_or(Memo::Unseen),
        }
    }

    fn set(&mut self, r: NodeId, w: NodeId, m: Memo) {
        match self {
            Table::Flat { cells, width } => {
                if let Some(c) = cells.get_mut(r * *width + w) {
                    *c = m;
                }
            }
            Table::Map(map) => {
                map.insert((r, w), m);
            }
        }
    }
}

struct Checker<'a> {
    r: &'a Schema,
    w: &'a Schema,
    memo: Table,
    /// The results the memo points at; entry 0 is the one compatible result every
    /// compatible pair shares.
    results: Vec<Rc<Outcome>>,
}

/// Whether `reader` can read data written with `writer`, as the reference decides it.
pub fn check(reader: &Schema, writer: &Schema) -> Outcome {
    let mut c = Checker {
        r: reader,
        w: writer,
        memo: Table::new(reader.nodes.len(), writer.nodes.len()),
        results: vec![Rc::new(Outcome::compatible())],
    };
    let out = c.get(reader.root, writer.root, Tok::Root, None);
    drop(c);
    Rc::try_unwrap(out).unwrap_or_else(|shared| (*shared).clone())
}

/// The reference's rendering of a location token list: the tokens joined with `/`, less the
/// first character when there is more than one (so `[/, fields, 0]` is `/fields/0`).
fn location_string(loc: &Loc<'_>) -> String {
    fn write(l: &Loc<'_>, out: &mut String) -> usize {
        let before = l.parent.map_or(0, |p| write(p, out));
        if before > 0 {
            out.push('/');
        }
        match l.tok {
            Tok::Root => out.push('/'),
            Tok::Name(n) => out.push_str(n),
            Tok::Index(i) => {
                use std::fmt::Write;
                let _ = write!(out, "{i}");
            }
        }
        before + 1
    }
    let mut out = String::with_capacity(32);
    if write(loc, &mut out) > 1 && !out.is_empty() {
        out.remove(0);
    }
    out
}

/// One token of a location path.
#[derive(Debug, Clone, Copy)]
enum Tok {
    /// The reference's root token `/`.
    Root,
    Name(&'static str),
    Index(usize),
}

/// A location path as a chain of stack frames: built without allocating, rendered only when
/// an incompatibility is found.
struct Loc<'p> {
    tok: Tok,
    parent: Option<&'p Loc<'p>>,
}

impl Checker<'_> {
    fn get(&mut self, r: NodeId, w: NodeId, tok: Tok, loc: Option<&Loc<'_>>) -> Rc<Outcome> {
        match self.memo.get(r, w) {
            Memo::InProgress => self.results[0].clone(),
            Memo::Done(k) => self.results[k as usize].clone(),
            Memo::Unseen => {
                self.memo.set(r, w, Memo::InProgress);
                let l = Loc { tok, parent: loc };
                let out = self.calculate(r, w, &l);
                let k = if out == *self.results[0] {
                    0
                } else {
                    self.results.push(Rc::new(out));
                    self.results.len() - 1
                };
                self.memo.set(r, w, Memo::Done(k as u32));
                self.results[k].clone()
            }
        }
    }

    fn incompatible(
        kind: IncompatKind,
        message: String,
        loc: &Loc<'_>,
        before: Option<String>,
        after: Option<String>,
    ) -> Outcome {
        Outcome::incompatible(Incompatibility {
            kind,
            message,
            location: location_string(loc),
            before,
            after,
        })
    }

    fn type_mismatch(&self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Outcome {
        let rt = self.r.kind(r).type_name();
        let wt = self.w.kind(w).type_name();
        Self::incompatible(
            IncompatKind::TypeMismatch,
            format!("reader type: {rt} not compatible with writer type: {wt}"),
            loc,
            Some(wt.to_string()),
            Some(rt.to_string()),
        )
    }

    fn calculate(&mut self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Outcome {
        let (rs, ws) = (self.r, self.w);
        let rk = rs.kind(r);
        let wk = ws.kind(w);
        let result = Outcome::compatible();
        if rk.type_name() == wk.type_name() {
            return match (rk, wk) {
                (Kind::Array(ri), Kind::Array(wi)) => {
                    merge(result, &self.get(*ri, *wi, Tok::Name("items"), Some(loc)))
                }
                (Kind::Map(rv), Kind::Map(wv)) => {
                    merge(result, &self.get(*rv, *wv, Tok::Name("values"), Some(loc)))
                }
                (Kind::Fixed(rn), Kind::Fixed(wn)) => {
                    let result = merge(result, &self.names(r, w, loc));
                    let size = if rn != wn {
                        let l = Loc {
                            tok: Tok::Name("size"),
                            parent: Some(loc),
                        };
                        Self::incompatible(
                            IncompatKind::FixedSizeMismatch,
                            format!("expected: {wn}, found: {rn}"),
                            &l,
                            Some(wn.to_string()),
                            Some(rn.to_string()),
                        )
                    } else {
                        Outcome::compatible()
                    };
                    merge(result, &size)
                }
                (
                    Kind::Enum {
                        symbols: rsym,
                        default,
                    },
                    Kind::Enum { symbols: wsym, .. },
                ) => {
                    let result = merge(result, &self.names(r, w, loc));
                    let missing: Vec<&super::model::Text> =
                        wsym.iter().filter(|s| !rsym.contains(s)).collect();
                    let default_ok = default
                        .as_ref()
                        .is_some_and(|d| !d.is_empty() && rsym.contains(d));
                    let symbols = if !missing.is_empty() && !default_ok {
                        let mut sorted: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
                        sorted.sort();
                        let set = sorted
                            .iter()
                            .map(|s| format!("'{s}'"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let l = Loc {
                            tok: Tok::Name("symbols"),
                            parent: Some(loc),
                        };
                        Self::incompatible(
                            IncompatKind::MissingEnumSymbols,
                            format!("{{{set}}}"),
                            &l,
                            Some(sorted.join(", ")),
                            None,
                        )
                    } else {
                        Outcome::compatible()
                    };
                    merge(result, &symbols)
                }
                (Kind::Record(_), Kind::Record(_)) => {
                    let result = merge(result, &self.names(r, w, loc));
                    let fields = self.fields(r, w, loc);
                    merge(result, &fields)
                }
                (Kind::Union(_), Kind::Union(wb)) => {
                    let mut result = result;
                    for (i, b) in wb.clone().iter().enumerate() {
                        let c = self.get(r, *b, Tok::Root, None);
                        if !c.compatible {
                            let l = Loc {
                                tok: Tok::Index(i),
                                parent: Some(loc),
                            };
                            let bt = ws.kind(*b).type_name();
                            let inc = Self::incompatible(
                                IncompatKind::MissingUnionBranch,
                                format!(
                                    "reader union lacking writer type: {}",
                                    bt.to_ascii_uppercase()
                                ),
                                &l,
                                Some(bt.to_string()),
                                None,
                            );
                            result = merge(result, &inc);
                        }
                    }
                    result
                }
                // Primitives of the same type.
                _ => result,
            };
        }
        if let Kind::Union(wb) = wk {
            let mut result = result;
            for b in wb.clone() {
                let c = self.get(r, b, Tok::Root, None);
                result = merge(result, &c);
            }
            return result;
        }
        let promotable = match rk {
            Kind::Long => matches!(wk, Kind::Int),
            Kind::Float => matches!(wk, Kind::Int | Kind::Long),
            Kind::Double => matches!(wk, Kind::Int | Kind::Long | Kind::Float),
            Kind::Bytes => matches!(wk, Kind::String),
            Kind::String => matches!(wk, Kind::Bytes),
            _ => false,
        };
        if promotable {
            return result;
        }
        if let Kind::Union(rb) = rk {
            for b in rb.clone() {
                if self.get(b, w, Tok::Root, None).compatible {
                    return result;
                }
            }
            let wt = wk.type_name();
            return merge(
                result,
                &Self::incompatible(
                    IncompatKind::MissingUnionBranch,
                    format!("reader union lacking writer type {wt}"),
                    loc,
                    Some(wt.to_string()),
                    None,
                ),
            );
        }
        merge(result, &self.type_mismatch(r, w, loc))
    }

    /// The reference's `check_schema_names`: unqualified names equal, or the writer's
    /// fullname among the reader's aliases.
    fn names(&self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Outcome {
        let (Some(rn), Some(wn)) = (self.r.node(r).name(), self.w.node(w).name()) else {
            return Outcome::compatible();
        };
        if rn.name() == wn.name() || self.r.node(r).aliases().contains(&wn.fullname) {
            return Outcome::compatible();
        }
        let l = Loc {
            tok: Tok::Name("name"),
            parent: Some(loc),
        };
        Self::incompatible(
            IncompatKind::NameMismatch,
            format!("expected: {}", wn.fullname),
            &l,
            Some(wn.fullname.to_string()),
            Some(rn.fullname.to_string()),
        )
    }

    fn fields(&mut self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Outcome {
        let (rs, ws) = (self.r, self.w);
        let (Kind::Record(rf), Kind::Record(wf)) = (rs.kind(r), ws.kind(w)) else {
            return Outcome::compatible();
        };
        // Writer fields by name: the parser's sorted index for wide records, a scan otherwise.
        let by_name = ws.node(w).by_name();
        let lookup = |name: &str| {
            if by_name.is_empty() {
                wf.iter().find(|x| x.name == name)
            } else {
                by_name
                    .binary_search_by(|&i| wf[i as usize].name.as_str().cmp(name))
                    .ok()
                    .map(|k| &wf[by_name[k] as usize])
            }
        };
        let mut result = Outcome::compatible();
        for (i, f) in rf.iter().enumerate() {
            let lf = Loc {
                tok: Tok::Name("fields"),
                parent: Some(loc),
            };
            let l = Loc {
                tok: Tok::Index(i),
                parent: Some(&lf),
            };
            let found = lookup(f.name.as_str())
                .or_else(|| f.aliases.iter().find_map(|a| lookup(a.as_str())));
            match found {
                Some(wfield) => {
                    let c = self.get(f.ty, wfield.ty, Tok::Name("type"), Some(&l));
                    result = merge(result, &c);
                }
                None if f.has_default => {}
                None => {
                    let enum_default = matches!(
                        rs.kind(f.ty),
                        Kind::Enum { default: Some(d), .. } if !d.is_empty()
                    );
                    if enum_default {
                        let c = self.get(f.ty, w, Tok::Name("type"), Some(&l));
                        result = merge(result, &c);
                    } else {
                        let inc = Self::incompatible(
                            IncompatKind::ReaderFieldMissingDefaultValue,
                            f.name.to_string(),
                            &l,
                            None,
                            Some(f.name.to_string()),
                        );
                        result = merge(result, &inc);
                    }
                }
            }
        }
        result
    }
}
