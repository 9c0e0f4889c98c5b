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
//!
//! How it is kept fast: a check's intermediate results are plain `Copy` values (a verdict
//! and a range of a shared list of incompatibility ids) in buffers each thread reuses from
//! one check to the next, and an incompatibility's text (location, before, after) is written
//! into one shared buffer; only the incompatibilities of the final result become `String`s.

use super::fasthash::FastHash;
use super::model::{Kind, NodeId, Schema, push_decimal};
use compact_str::CompactString;
use std::cell::RefCell;
use std::collections::HashMap;

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

/// One incompatibility: type, the location path in the reader, and the two sides of the
/// change; `message()` renders the reference's message from them. The texts are mostly short
/// (`/fields/1/type`, `int`): held inline, a result costs no allocation per text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompatibility {
    pub kind: IncompatKind,
    pub location: CompactString,
    pub before: Option<CompactString>,
    pub after: Option<CompactString>,
    /// For MISSING_UNION_BRANCH: whether the writer was a union (one of its branches has no
    /// reader branch) rather than a single type; the reference words the two differently.
    writer_union: bool,
}

impl Incompatibility {
    /// The reference checker's message for this incompatibility.
    pub fn message(&self) -> String {
        let b = self.before.as_deref().unwrap_or_default();
        let a = self.after.as_deref().unwrap_or_default();
        match self.kind {
            IncompatKind::NameMismatch => format!("expected: {b}"),
            IncompatKind::FixedSizeMismatch => format!("expected: {b}, found: {a}"),
            // `before` lists the missing symbols, sorted, joined with ", " (a symbol is an
            // Avro name, so it holds neither a comma nor a space).
            IncompatKind::MissingEnumSymbols => {
                let quoted: Vec<String> = b.split(", ").map(|s| format!("'{s}'")).collect();
                format!("{{{}}}", quoted.join(", "))
            }
            IncompatKind::ReaderFieldMissingDefaultValue => a.to_string(),
            IncompatKind::TypeMismatch => {
                format!("reader type: {a} not compatible with writer type: {b}")
            }
            IncompatKind::MissingUnionBranch if self.writer_union => format!(
                "reader union lacking writer type: {}",
                b.to_ascii_uppercase()
            ),
            IncompatKind::MissingUnionBranch => format!("reader union lacking writer type {b}"),
        }
    }
}

/// The reference checker's result: its verdict, its list of incompatibilities, and whether
/// its location set also holds the root `/` its merge adds (see `locations`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub compatible: bool,
    pub incompatibilities: Vec<Incompatibility>,
    /// The reference merges an incompatible result with a compatible one by uniting their
    /// location sets, and a compatible result's set is `{"/"}`; this records that `/`.
    pub root_in_locations: bool,
}

impl Outcome {
    /// The reference's location set, sorted: `{"/"}` for a compatible pair.
    pub fn locations(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .incompatibilities
            .iter()
            .map(|i| i.location.to_string())
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

/// A result during the walk: the reference's `SchemaCompatibilityResult`, with its list of
/// incompatibilities as the range `start..start + len` of `Scratch::list`. A compatible
/// result has no incompatibilities and its location set is `{"/"}` (`root`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Res {
    compatible: bool,
    root: bool,
    start: usize,
    len: usize,
}

const COMPATIBLE: Res = Res {
    compatible: true,
    root: true,
    start: 0,
    len: 0,
};

/// A piece of `Scratch::text`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
}

/// An incompatibility as the walk records it: its texts are pieces of `Scratch::text`.
#[derive(Debug, Clone, Copy)]
struct Found {
    kind: IncompatKind,
    writer_union: bool,
    location: Piece,
    before: Option<Piece>,
    after: Option<Piece>,
}

/// The reference's `merge` folded over many results in order (a record's fields, a union's
/// branches). Its incompatibility ids wait on `Scratch::pending`, above those of the folds it
/// is nested in, and are copied into `Scratch::list` once at the end: merging each step's
/// result into the list itself would copy the list so far each time, quadratic in a wide
/// record's incompatible fields.
struct Fold {
    compatible: bool,
    root: bool,
    base: usize,
}

/// Memo states; a state `k + DONE` means "done, with result `Scratch::results[k]`".
const UNSEEN: usize = 0;
const IN_PROGRESS: usize = 1;
const DONE_COMPATIBLE: usize = 2;
const DONE: usize = 3;

/// Schemas whose pair table would have more cells than this use the hash map.
const FLAT_MAX: usize = 4096;

/// Buffers that outgrow this many entries are not kept for the next check: a thread (a
/// broker worker, say) keeps a few hundred kilobytes at most, not the high-water mark of the
/// largest schema it ever checked.
const KEEP_MAX: usize = 1 << 12;

/// A check's working memory. Nothing in it borrows from the schemas, so one thread reuses it
/// from check to check instead of allocating it anew.
#[derive(Default)]
struct Scratch {
    /// The memo over every (reader node, writer node) pair when the two schemas are small
    /// (one lookup, no hashing), a hash map when the table would be large (wide schemas
    /// visit few of their pairs). Flat cells fit `u32`: results are fewer than cells.
    cells: Vec<u32>,
    width: usize,
    map: HashMap<(NodeId, NodeId), usize, FastHash>,
    flat: bool,
    /// The incompatible results the memo points at.
    results: Vec<Res>,
    /// The lists of incompatibility ids (indices into `found`) of results.
    list: Vec<usize>,
    /// The ids of the folds under way (see `Fold`), innermost last.
    pending: Vec<usize>,
    found: Vec<Found>,
    text: String,
}

impl Scratch {
    fn reset(&mut self, readers: usize, writers: usize) {
        self.cells.clear();
        self.map.clear();
        match readers.checked_mul(writers) {
            Some(n) if n <= FLAT_MAX => {
                self.flat = true;
                self.cells.resize(n, 0);
                self.width = writers;
            }
            _ => {
                self.flat = false;
                self.map.reserve(readers.min(1 << 16));
            }
        }
        self.results.clear();
        self.list.clear();
        self.pending.clear();
        self.found.clear();
        self.text.clear();
    }

    /// Gives back what a very large check left behind.
    fn trim(&mut self) {
        if self.map.capacity() > KEEP_MAX
            || self.list.capacity() > KEEP_MAX
            || self.pending.capacity() > KEEP_MAX
            || self.found.capacity() > KEEP_MAX
            || self.results.capacity() > KEEP_MAX
            || self.text.capacity() > KEEP_MAX * 8
        {
            *self = Scratch::default();
        }
    }

    #[inline]
    fn memo(&self, r: NodeId, w: NodeId) -> usize {
        if self.flat {
            self.cells
                .get(r * self.width + w)
                .map_or(UNSEEN, |&c| c as usize)
        } else {
            self.map.get(&(r, w)).copied().unwrap_or(UNSEEN)
        }
    }

    #[inline]
    fn set_memo(&mut self, r: NodeId, w: NodeId, state: usize) {
        if self.flat {
            if let (Some(c), Ok(s)) = (self.cells.get_mut(r * self.width + w), u32::try_from(state))
            {
                *c = s;
            }
        } else {
            self.map.insert((r, w), state);
        }
    }

    fn piece(&self, t: Piece) -> CompactString {
        CompactString::new(self.text.get(t.start..t.end).unwrap_or_default())
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Whether `reader` can read data written with `writer`, as the reference decides it.
pub fn check(reader: &Schema, writer: &Schema) -> Outcome {
    let run = |s: &mut Scratch| {
        let out = check_with(s, reader, writer);
        s.trim();
        out
    };
    SCRATCH
        .try_with(|cell| cell.try_borrow_mut().ok().map(|mut s| run(&mut s)))
        .ok()
        .flatten()
        // Only when the thread's scratch is gone (thread exit) or in use.
        .unwrap_or_else(|| run(&mut Scratch::default()))
}

fn check_with(s: &mut Scratch, reader: &Schema, writer: &Schema) -> Outcome {
    s.reset(reader.nodes.len(), writer.nodes.len());
    let mut c = Checker {
        r: reader,
        w: writer,
        s,
    };
    let out = c.get(reader.root, writer.root, Tok::Root, None);
    let s = c.s;
    let ids = s
        .list
        .get(out.start..out.start + out.len)
        .unwrap_or_default();
    let mut incompatibilities = Vec::with_capacity(ids.len());
    for f in ids.iter().filter_map(|&id| s.found.get(id)) {
        incompatibilities.push(Incompatibility {
            kind: f.kind,
            location: s.piece(f.location),
            before: f.before.map(|t| s.piece(t)),
            after: f.after.map(|t| s.piece(t)),
            writer_union: f.writer_union,
        });
    }
    Outcome {
        compatible: out.compatible,
        incompatibilities,
        root_in_locations: out.root,
    }
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

impl<'p> Loc<'p> {
    fn child(&'p self, tok: Tok) -> Loc<'p> {
        Loc {
            tok,
            parent: Some(self),
        }
    }
}
struct Checker<'a, 's> {
    r: &'a Schema,
    w: &'a Schema,
    s: &'s mut Scratch,
}

impl Checker<'_, '_> {
    fn get(&mut self, r: NodeId, w: NodeId, tok: Tok, loc: Option<&Loc<'_>>) -> Res {
        match self.s.memo(r, w) {
            IN_PROGRESS | DONE_COMPATIBLE => COMPATIBLE,
            UNSEEN => {
                self.s.set_memo(r, w, IN_PROGRESS);
                let out = self.calculate(r, w, &Loc { tok, parent: loc });
                let state = if out.compatible {
                    DONE_COMPATIBLE
                } else {
                    self.s.results.push(out);
                    self.s.results.len() - 1 + DONE
                };
                self.s.set_memo(r, w, state);
                out
            }
            k => self.s.results.get(k - DONE).copied().unwrap_or(COMPATIBLE),
        }
    }

    /// The reference's `merge(this, that)`: `that` when `this` is compatible; otherwise
    /// `this` with `that`'s incompatibilities appended and `that`'s locations united (a
    /// compatible `that` adds the root `/`).
    fn merge(&mut self, this: Res, that: Res) -> Res {
        if this.compatible {
            return that;
        }
        let mut out = this;
        if that.len > 0 {
            let list = &mut self.s.list;
            // `this`'s range is extended in place when nothing follows it (a memoized result
            // that shares the range keeps its own length); otherwise it is copied to the end.
            if this.start + this.len != list.len() {
                out.start = list.len();
                list.extend_from_within(this.start..this.start + this.len);
            }
            list.extend_from_within(that.start..that.start + that.len);
            out.len += that.len;
        }
        out.root |= that.root || that.compatible;
        out
    }

    fn fold(&self) -> Fold {
        Fold {
            compatible: true,
            root: true,
            base: self.s.pending.len(),
        }
    }

    /// One step of the fold: `merge(fold, that)`.
    fn add(&mut self, f: &mut Fold, that: Res) {
        if f.compatible {
            // A compatible fold has no ids yet: it becomes `that`.
            f.compatible = that.compatible;
            f.root = that.root;
        } else {
            f.root |= that.root || that.compatible;
        }
        let s = &mut *self.s;
        let ids = s.list.get(that.start..that.start + that.len);
        s.pending.extend_from_slice(ids.unwrap_or_default());
    }

    fn finish(&mut self, f: Fold) -> Res {
        if f.compatible {
            return COMPATIBLE;
        }
        let s = &mut *self.s;
        let start = s.list.len();
        s.list
            .extend_from_slice(s.pending.get(f.base..).unwrap_or_default());
        s.pending.truncate(f.base);
        Res {
            compatible: false,
            root: f.root,
            start,
            len: s.list.len() - start,
        }
    }

    /// Writes `t` into the text buffer.
    fn text(&mut self, t: &str) -> Piece {
        let start = self.s.text.len();
        self.s.text.push_str(t);
        Piece {
            start,
            end: self.s.text.len(),
        }
    }

    /// The reference's rendering of a location token list: the tokens joined with `/`, less
    /// the first character when there is more than one (so `[/, fields, 0]` is `/fields/0`).
    fn location(&mut self, loc: &Loc<'_>) -> Piece {
        fn write(l: &Loc<'_>, out: &mut String) -> usize {
            let before = l.parent.map_or(0, |p| write(p, out));
            if before > 0 {
                out.push('/');
            }
            match l.tok {
                Tok::Root => out.push('/'),
                Tok::Name(n) => out.push_str(n),
                Tok::Index(i) => push_decimal(out, i as u64),
            }
            before + 1
        }
        let out = &mut self.s.text;
        let start = out.len();
        if write(loc, out) > 1 && out.len() > start {
            out.remove(start);
        }
        Piece {
            start,
            end: out.len(),
        }
    }

    fn incompatible(
        &mut self,
        kind: IncompatKind,
        loc: &Loc<'_>,
        before: Option<Piece>,
        after: Option<Piece>,
    ) -> Res {
        let location = self.location(loc);
        self.push(Found {
            kind,
            writer_union: false,
            location,
            before,
            after,
        })
    }

    fn push(&mut self, f: Found) -> Res {
        self.s.found.push(f);
        let start = self.s.list.len();
        self.s.list.push(self.s.found.len() - 1);
        Res {
            compatible: false,
            root: false,
            start,
            len: 1,
        }
    }

    fn calculate(&mut self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Res {
        let (rs, ws) = (self.r, self.w);
        let rk = rs.kind(r);
        let wk = ws.kind(w);
        if std::mem::discriminant(rk) == std::mem::discriminant(wk) {
            return match (rk, wk) {
                (Kind::Array(ri), Kind::Array(wi)) => {
                    self.get(*ri, *wi, Tok::Name("items"), Some(loc))
                }
                (Kind::Map(rv), Kind::Map(wv)) => {
                    self.get(*rv, *wv, Tok::Name("values"), Some(loc))
                }
                (Kind::Fixed(rn), Kind::Fixed(wn)) => {
                    let names = self.names(r, w, loc);
                    let size = if rn != wn {
                        let before = self.decimal(*wn);
                        let after = self.decimal(*rn);
                        self.incompatible(
                            IncompatKind::FixedSizeMismatch,
                            &loc.child(Tok::Name("size")),
                            Some(before),
                            Some(after),
                        )
                    } else {
                        COMPATIBLE
                    };
                    self.merge(names, size)
                }
                (
                    Kind::Enum {
                        symbols: rsym,
                        default,
                    },
                    Kind::Enum { symbols: wsym, .. },
                ) => {
                    let names = self.names(r, w, loc);
                    let symbols = self.symbols(rsym, default.as_deref(), wsym, loc);
                    self.merge(names, symbols)
                }
                (Kind::Record(_), Kind::Record(_)) => {
                    let names = self.names(r, w, loc);
                    let fields = self.fields(r, w, loc);
                    self.merge(names, fields)
                }
                (Kind::Union(_), Kind::Union(wb)) => {
                    let mut result = self.fold();
                    for (i, b) in wb.iter().enumerate() {
                        if !self.get(r, *b, Tok::Root, None).compatible {
                            let bt = self.text(ws.kind(*b).type_name());
                            let location = self.location(&loc.child(Tok::Index(i)));
                            let inc = self.push(Found {
                                kind: IncompatKind::MissingUnionBranch,
                                writer_union: true,
                                location,
                                before: Some(bt),
                                after: None,
                            });
                            self.add(&mut result, inc);
                        }
                    }
                    self.finish(result)
                }
                // Primitives of the same type.
                _ => COMPATIBLE,
            };
        }
        if let Kind::Union(wb) = wk {
            let mut result = self.fold();
            for &b in wb {
                let c = self.get(r, b, Tok::Root, None);
                self.add(&mut result, c);
            }
            return self.finish(result);
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
            return COMPATIBLE;
        }
        if let Kind::Union(rb) = rk {
            for &b in rb {
                if self.get(b, w, Tok::Root, None).compatible {
                    return COMPATIBLE;
                }
            }
            let wt = self.text(wk.type_name());
            return self.incompatible(IncompatKind::MissingUnionBranch, loc, Some(wt), None);
        }
        let before = self.text(wk.type_name());
        let after = self.text(rk.type_name());
        self.incompatible(IncompatKind::TypeMismatch, loc, Some(before), Some(after))
    }

    fn decimal(&mut self, n: u64) -> Piece {
        let start = self.s.text.len();
        push_decimal(&mut self.s.text, n);
        Piece {
            start,
            end: self.s.text.len(),
        }
    }

    /// The reference's `check_schema_names`: unqualified names equal, or the writer's
    /// fullname among the reader's aliases.
    fn names(&mut self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Res {
        let (rs, ws) = (self.r, self.w);
        let (Some(rn), Some(wn)) = (rs.node(r).name(), ws.node(w).name()) else {
            return COMPATIBLE;
        };
        let (rfull, wfull): (&str, &str) = (&rn.fullname, &wn.fullname);
        // Equal fullnames have equal last components: the common case skips splitting them.
        if rfull == wfull
            || rn.name() == wn.name()
            || rs.node(r).aliases().iter().any(|a| a == wfull)
        {
            return COMPATIBLE;
        }
        let before = self.text(wfull);
        let after = self.text(rfull);
        self.incompatible(
            IncompatKind::NameMismatch,
            &loc.child(Tok::Name("name")),
            Some(before),
            Some(after),
        )
    }

    /// Writer symbols missing from the reader, unless the reader has a default symbol.
    fn symbols<S: AsRef<str>>(
        &mut self,
        rsym: &[S],
        default: Option<&str>,
        wsym: &[S],
        loc: &Loc<'_>,
    ) -> Res {
        let has = |i: usize, s: &str| {
            // Symbols mostly keep their places between versions: look there first.
            rsym.get(i).is_some_and(|x| x.as_ref() == s) || rsym.iter().any(|x| x.as_ref() == s)
        };
        let mut missing: Vec<&str> = wsym
            .iter()
            .enumerate()
            .filter(|(i, s)| !has(*i, s.as_ref()))
            .map(|(_, s)| s.as_ref())
            .collect();
        if missing.is_empty() || default.is_some_and(|d| !d.is_empty() && has(usize::MAX, d)) {
            return COMPATIBLE;
        }
        missing.sort_unstable();
        let start = self.s.text.len();
        for (k, s) in missing.iter().enumerate() {
            if k > 0 {
                self.s.text.push_str(", ");
            }
            self.s.text.push_str(s);
        }
        let before = Piece {
            start,
            end: self.s.text.len(),
        };
        self.incompatible(
            IncompatKind::MissingEnumSymbols,
            &loc.child(Tok::Name("symbols")),
            Some(before),
            None,
        )
    }

    fn fields(&mut self, r: NodeId, w: NodeId, loc: &Loc<'_>) -> Res {
        let (rs, ws) = (self.r, self.w);
        let (Kind::Record(rf), Kind::Record(wf)) = (rs.kind(r), ws.kind(w)) else {
            return COMPATIBLE;
        };
        // Writer fields by name: the same position first (fields mostly keep their places,
        // and a record's field names are distinct), then the parser's sorted index for wide
        // records or a scan otherwise.
        let by_name = ws.node(w).by_name();
        let lookup = |i: usize, name: &str| {
            if let Some(x) = wf.get(i).filter(|x| x.name == name) {
                return Some(x);
            }
            if by_name.is_empty() {
                wf.iter().find(|x| x.name == name)
            } else {
                by_name
                    .binary_search_by(|&i| wf[i as usize].name.as_str().cmp(name))
                    .ok()
                    .map(|k| &wf[by_name[k] as usize])
            }
        };
        let mut result = self.fold();
        let fields = loc.child(Tok::Name("fields"));
        for (i, f) in rf.iter().enumerate() {
            let l = fields.child(Tok::Index(i));
            let found = lookup(i, &f.name).or_else(|| {
                f.aliases
                    .iter()
                    .find_map(|a| lookup(usize::MAX, a.as_str()))
            });
            let c = match found {
                Some(wfield) => self.get(f.ty, wfield.ty, Tok::Name("type"), Some(&l)),
                None if f.has_default => continue,
                None => {
                    let enum_default = matches!(
                        rs.kind(f.ty),
                        Kind::Enum { default: Some(d), .. } if !d.is_empty()
                    );
                    if enum_default {
                        self.get(f.ty, w, Tok::Name("type"), Some(&l))
                    } else {
                        let after = self.text(&f.name);
                        self.incompatible(
                            IncompatKind::ReaderFieldMissingDefaultValue,
                            &l,
                            None,
                            Some(after),
                        )
                    }
                }
            };
            self.add(&mut result, c);
        }
        self.finish(result)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn outcome(reader: &str, writer: &str) -> Outcome {
        let r = parse(reader, "reader.avsc").unwrap();
        let w = parse(writer, "writer.avsc").unwrap();
        check(&r, &w)
    }

    fn messages(reader: &str, writer: &str) -> Vec<(&'static str, String, String)> {
        outcome(reader, writer)
            .incompatibilities
            .iter()
            .map(|i| (i.kind.id(), i.location.to_string(), i.message()))
            .collect()
    }

    /// The messages are derived from kind, before and after; these are the reference's
    /// texts (avro.compatibility 1.12.2), one per kind and both union wordings.
    #[test]
    fn messages_are_the_references() {
        let rec = |name: &str, fields: &str| {
            format!(r#"{{"type":"record","name":"{name}","namespace":"x","fields":[{fields}]}}"#)
        };
        let cases = [
            (
                r#""int""#.to_string(),
                r#""string""#.to_string(),
                vec![(
                    "TYPE_MISMATCH",
                    "/",
                    "reader type: int not compatible with writer type: string",
                )],
            ),
            (
                rec("A", ""),
                rec("B", ""),
                vec![("NAME_MISMATCH", "/name", "expected: x.B")],
            ),
            (
                r#"{"type":"fixed","name":"F","size":4}"#.into(),
                r#"{"type":"fixed","name":"F","size":16}"#.into(),
                vec![("FIXED_SIZE_MISMATCH", "/size", "expected: 16, found: 4")],
            ),
            (
                r#"{"type":"enum","name":"E","symbols":["A"]}"#.into(),
                r#"{"type":"enum","name":"E","symbols":["A","C","B"]}"#.into(),
                vec![("MISSING_ENUM_SYMBOLS", "/symbols", "{'B', 'C'}")],
            ),
            (
                rec("A", r#"{"name":"f","type":"int"}"#),
                rec("A", ""),
                vec![("READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/0", "f")],
            ),
            (
                r#"["null"]"#.into(),
                r#"["null","int"]"#.into(),
                vec![(
                    "MISSING_UNION_BRANCH",
                    "/1",
                    "reader union lacking writer type: INT",
                )],
            ),
            (
                r#"["null","string"]"#.into(),
                r#""int""#.into(),
                vec![(
                    "MISSING_UNION_BRANCH",
                    "/",
                    "reader union lacking writer type int",
                )],
            ),
        ];
        for (reader, writer, want) in cases {
            let want: Vec<_> = want
                .into_iter()
                .map(|(k, l, m)| (k, l.to_string(), m.to_string()))
                .collect();
            assert_eq!(messages(&reader, &writer), want, "{reader} <- {writer}");
        }
    }

    /// A pair table too large for the flat memo (71 x 71 nodes) takes the hash map, with the
    /// same results; and a thread's scratch carries nothing from one check to the next.
    #[test]
    fn wide_schemas_and_reused_scratch() {
        let record = |ty: &str| {
            let fields: Vec<String> = (0..70)
                .map(|i| format!(r#"{{"name":"f{i}","type":"{ty}"}}"#))
                .collect();
            format!(
                r#"{{"type":"record","name":"W","fields":[{}]}}"#,
                fields.join(",")
            )
        };
        let (longs, strings) = (record("long"), record("string"));
        let first = outcome(&longs, &strings);
        assert!(!first.compatible);
        let locations: Vec<String> = (0..70).map(|i| format!("/fields/{i}/type")).collect();
        let got: Vec<String> = first
            .incompatibilities
            .iter()
            .map(|i| i.location.to_string())
            .collect();
        assert_eq!(got, locations);
        assert!(first.incompatibilities.iter().all(|i| {
            i.kind == IncompatKind::TypeMismatch
                && i.before.as_deref() == Some("string")
                && i.after.as_deref() == Some("long")
        }));
        assert!(outcome(&longs, &record("int")).compatible);
        assert!(outcome(r#""int""#, r#""int""#).compatible);
        assert_eq!(outcome(&longs, &strings), first);
    }

    /// Regression: merging each field's result into the shared id list copied the list so far
    /// every time, so a record with N incompatible fields made ~N²/2 ids (an 8,000-field
    /// record took 0.36 s and 256 MB). The fold keeps it linear.
    #[test]
    fn wide_incompatible_record_keeps_the_id_list_linear() {
        let n = 2000;
        let record = |ty: &str| {
            let fields: Vec<String> = (0..n)
                .map(|i| format!(r#"{{"name":"f{i}","type":"{ty}"}}"#))
                .collect();
            let text = format!(
                r#"{{"type":"record","name":"W","fields":[{}]}}"#,
                fields.join(",")
            );
            parse(&text, "w.avsc").unwrap()
        };
        let (reader, writer) = (record("long"), record("string"));
        let mut scratch = Scratch::default();
        let out = check_with(&mut scratch, &reader, &writer);
        assert_eq!(out.incompatibilities.len(), n);
        assert!(
            scratch.list.len() <= 3 * n,
            "{} ids for {n} incompatibilities",
            scratch.list.len()
        );
        assert!(scratch.pending.is_empty());
    }

    /// A memoized result is reused with its locations, and a pair met again while it is
    /// being checked counts as compatible (the reference's recursion rule). The reference
    /// answers this pair with MISSING_ENUM_SYMBOLS twice and locations
    /// {'/fields/0/type/symbols', '/'}.
    #[test]
    fn memo_reuses_results_and_recursion_is_compatible() {
        let reader = r#"{"type":"record","name":"N","fields":[
            {"name":"a","type":{"type":"enum","name":"E","symbols":["X"]}},
            {"name":"b","type":"E"},
            {"name":"next","type":["null","N"]}]}"#;
        let writer = r#"{"type":"record","name":"N","fields":[
            {"name":"a","type":{"type":"enum","name":"E","symbols":["X","Y"]}},
            {"name":"b","type":"E"},
            {"name":"next","type":["null","N"]}]}"#;
        let out = outcome(reader, writer);
        assert!(!out.compatible);
        assert_eq!(
            out.incompatibilities
                .iter()
                .map(|i| i.location.as_str())
                .collect::<Vec<_>>(),
            ["/fields/0/type/symbols", "/fields/0/type/symbols"]
        );
        // The compatible `next` (its recursion counted compatible) adds the root `/`.
        assert_eq!(out.locations(), ["/", "/fields/0/type/symbols"]);
        assert!(out.root_in_locations);
    }
}
