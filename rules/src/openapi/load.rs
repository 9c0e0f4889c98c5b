//! Reading a description: the root file, every file its `$ref`s reach (relative to the
//! referring file), the version check, and the resolution of every `$ref` once, up front,
//! so a dangling or cyclic reference is an error with a location before any comparison,
//! and following a reference later is one hash lookup.

use super::error::OpenApiError;
use super::node::{Node, Val};
use super::{parse_json, parse_yaml};
use crate::finding::Span;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// Largest description file accepted (as for every schema format accord reads).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many `$ref`-to-`$ref` hops are followed before a chain counts as a cycle.
const MAX_REF_HOPS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V30,
    V31,
}

/// One parsed file and what is needed to turn an offset into line:col later.
#[derive(Debug)]
pub struct SourceFile {
    /// As the user named it (or as reached from the root through `$ref`s).
    pub name: String,
    pub path: PathBuf,
    pub root: Node,
    text: String,
    /// YAML offsets count characters, JSON offsets bytes.
    char_offsets: bool,
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    fn new(name: String, path: PathBuf, text: String) -> Result<SourceFile, OpenApiError> {
        let json = is_json(&path, &text);
        let parsed = if json {
            parse_json::parse(&text)
        } else {
            parse_yaml::parse(&text)
        };
        let mut f = SourceFile {
            name,
            path,
            root: Node {
                off: 0,
                v: Val::Null,
            },
            text,
            char_offsets: !json,
            line_starts: OnceLock::new(),
        };
        match parsed {
            Ok(root) => {
                f.root = root;
                Ok(f)
            }
            Err(e) => {
                let s = f.span(e.off as u32);
                Err(if e.too_deep {
                    OpenApiError::TooDeep {
                        file: f.name,
                        line: s.line,
                        column: s.column,
                        max: parse_json::MAX_DEPTH,
                    }
                } else {
                    OpenApiError::Syntax {
                        file: f.name,
                        line: s.line,
                        column: s.column,
                        message: e.message,
                    }
                })
            }
        }
    }

    fn starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut v = vec![0u32];
            if self.char_offsets {
                for (i, c) in self.text.chars().enumerate() {
                    if c == '\n' {
                        v.push(i as u32 + 1);
                    }
                }
            } else {
                for (i, b) in self.text.bytes().enumerate() {
                    if b == b'\n' {
                        v.push(i as u32 + 1);
                    }
                }
            }
            v
        })
    }

    /// The offset of a 1-based line and column (in characters): `span`'s inverse, for
    /// finding the node a finding points at. `None` past the end of the file.
    pub fn offset(&self, line: u32, column: u32) -> Option<u32> {
        let start = *self.starts().get((line as usize).checked_sub(1)?)?;
        let col = column.checked_sub(1)?;
        if self.char_offsets {
            return Some(start + col);
        }
        let rest = self.text.get(start as usize..)?;
        let bytes: usize = rest.chars().take(col as usize).map(char::len_utf8).sum();
        Some(start + bytes as u32)
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether offsets count characters (YAML) rather than bytes (JSON).
    pub(crate) fn char_offsets(&self) -> bool {
        self.char_offsets
    }

    /// 1-based line and column (in characters) of an offset.
    pub fn span(&self, off: u32) -> Span {
        let starts = self.starts();
        let line = starts.partition_point(|s| *s <= off).max(1);
        let start = starts[line - 1];
        let column = if self.char_offsets {
            off - start + 1
        } else {
            let (a, b) = (start as usize, (off as usize).min(self.text.len()));
            self.text
                .get(a..b)
                .map_or(1, |s| s.chars().count() as u32 + 1)
        };
        Span {
            line: line as u32,
            column,
            end_line: line as u32,
            end_column: column,
        }
    }
}

fn is_json(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => true,
        Some("yaml" | "yml") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

/// Where a `$ref` leads: a file and the child indices from its root.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub file: u32,
    pub steps: Box<[u32]>,
}

/// A loaded description: its files and every reference resolved.
#[derive(Debug)]
pub struct Spec {
    pub version: Version,
    pub files: Vec<SourceFile>,
    /// Per file: `$ref` text → target.
    pub(crate) refs: Vec<HashMap<Box<str>, Target>>,
}

/// Reads files for the loader: the file system, or a git revision.
pub type ReadFn<'r> = dyn Fn(&Path) -> std::io::Result<Vec<u8>> + 'r;

pub fn read_fs(p: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(p)?;
    if meta.len() > MAX_FILE_BYTES {
        // Report the size without reading 100 MB into memory.
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("{}", meta.len()),
        ));
    }
    std::fs::read(p)
}

/// Loads a description from the file system.
pub fn load(path: &Path) -> Result<Spec, OpenApiError> {
    load_with(path, &read_fs)
}

/// Loads a description from text already in memory (other files it references are read
/// from the file system relative to `path`).
pub fn load_str(path: &Path, text: &str) -> Result<Spec, OpenApiError> {
    // The loader asks for normalized paths, so the root must be compared in that form too
    // (`./api.yaml` or `a/../api.yaml` would otherwise be read from disk instead).
    let root = normalize(path);
    let text = text.to_string();
    load_with(path, &move |p: &Path| {
        if p == root {
            Ok(text.clone().into_bytes())
        } else {
            read_fs(p)
        }
    })
}

fn read_file(name: String, path: PathBuf, read: &ReadFn) -> Result<SourceFile, OpenApiError> {
    let bytes = match read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(OpenApiError::TooLarge {
                file: name,
                size: e.to_string().parse().unwrap_or(0),
                max: MAX_FILE_BYTES,
            });
        }
        Err(source) => return Err(OpenApiError::Io { file: name, source }),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(OpenApiError::TooLarge {
            file: name,
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let text =
        String::from_utf8(bytes).map_err(|_| OpenApiError::NotUtf8 { file: name.clone() })?;
    SourceFile::new(name, path, text)
}

pub fn load_with(path: &Path, read: &ReadFn) -> Result<Spec, OpenApiError> {
    let name = path.display().to_string();
    let first = read_file(name.clone(), normalize(path), read)?;
    let version = version(&first)?;
    let mut spec = Spec {
        version,
        files: vec![first],
        refs: vec![HashMap::new()],
    };
    let mut next = 0;
    while next < spec.files.len() {
        resolve_file(&mut spec, next, read)?;
        next += 1;
    }
    check_cycles(&spec)?;
    Ok(spec)
}

fn version(f: &SourceFile) -> Result<Version, OpenApiError> {
    if let Some(v) = f.root.get("openapi") {
        let text = v.as_str().map_or_else(|| v.render(), str::to_string);
        if text.starts_with("3.0") {
            return Ok(Version::V30);
        }
        if text.starts_with("3.1") {
            return Ok(Version::V31);
        }
        let s = f.span(v.off);
        return Err(OpenApiError::UnknownVersion {
            file: f.name.clone(),
            line: s.line,
            column: s.column,
            version: text,
        });
    }
    if let Some(v) = f.root.get("swagger") {
        let version = v.as_str().map_or_else(|| v.render(), str::to_string);
        return Err(OpenApiError::Swagger {
            file: f.name.clone(),
            version,
        });
    }
    Err(OpenApiError::NotOpenApi {
        file: f.name.clone(),
    })
}

/// Lexically normalizes `a/./b/../c` (no file-system access, so git revisions work too).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Every `$ref` string in a file with the offset of its object.
fn collect_refs<'n>(n: &'n Node, out: &mut Vec<(&'n str, u32)>) {
    match &n.v {
        Val::Obj(ms) => {
            for m in ms.iter() {
                if &*m.key == "$ref" {
                    if let Some(r) = m.val.as_str() {
                        out.push((r, m.key_off));
                    }
                } else {
                    collect_refs(&m.val, out);
                }
            }
        }
        Val::Arr(xs) => xs.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

fn resolve_file(spec: &mut Spec, file: usize, read: &ReadFn) -> Result<(), OpenApiError> {
    let mut found = Vec::new();
    collect_refs(&spec.files[file].root, &mut found);
    let found: Vec<(String, u32)> = found.into_iter().map(|(r, o)| (r.to_string(), o)).collect();
    for (r, off) in found {
        if spec.refs[file].contains_key(r.as_str()) {
            continue;
        }
        let (doc, pointer) = match r.split_once('#') {
            Some((d, p)) => (d, p),
            None => (r.as_str(), ""),
        };
        let unresolved = |spec: &Spec, detail: String| {
            let f = &spec.files[file];
            let s = f.span(off);
            OpenApiError::UnresolvedRef {
                file: f.name.clone(),
                line: s.line,
                column: s.column,
                reference: r.clone(),
                detail,
            }
        };
        let target_file = if doc.is_empty() {
            file
        } else if doc.contains("://") {
            return Err(unresolved(
                spec,
                " (remote references are not fetched; download the file and refer to it by a relative path)".into(),
            ));
        } else {
            let base = spec.files[file].path.parent().unwrap_or(Path::new(""));
            let p = normalize(&base.join(percent_decode(doc)));
            match spec.files.iter().position(|f| f.path == p) {
                Some(i) => i,
                None => {
                    let name = p.display().to_string();
                    let f = match read_file(name, p, read) {
                        Ok(f) => f,
                        Err(OpenApiError::Io { source, .. }) => {
                            return Err(unresolved(
                                spec,
                                format!(" (cannot read the file: {source})"),
                            ));
                        }
                        Err(e) => return Err(e),
                    };
                    spec.files.push(f);
                    spec.refs.push(HashMap::new());
                    spec.files.len() - 1
                }
            }
        };
        let steps = walk_pointer(&spec.files[target_file].root, pointer)
            .ok_or_else(|| unresolved(spec, String::new()))?;
        spec.refs[file].insert(
            r.into_boxed_str(),
            Target {
                file: target_file as u32,
                steps: steps.into(),
            },
        );
    }
    Ok(())
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Child indices along a JSON pointer (`/components/schemas/Pet`), or None if it leads nowhere.
fn walk_pointer(root: &Node, pointer: &str) -> Option<Vec<u32>> {
    let mut steps = Vec::new();
    let mut n = root;
    if pointer.is_empty() || pointer == "/" {
        return Some(steps);
    }
    let rest = pointer.strip_prefix('/')?;
    for raw in rest.split('/') {
        let tok = percent_decode(raw).replace("~1", "/").replace("~0", "~");
        match &n.v {
            Val::Obj(ms) => {
                let i = ms.iter().position(|m| *m.key == *tok)?;
                steps.push(i as u32);
                n = &ms[i].val;
            }
            Val::Arr(xs) => {
                let i: usize = tok.parse().ok()?;
                n = xs.get(i)?;
                steps.push(i as u32);
            }
            _ => return None,
        }
    }
    Some(steps)
}

fn check_cycles(spec: &Spec) -> Result<(), OpenApiError> {
    for (fi, refs) in spec.refs.iter().enumerate() {
        for (r, t) in refs {
            let mut cur = t.clone();
            let mut hops = 0;
            loop {
                let n = spec.node(&cur);
                let Some(next) = n.get("$ref").and_then(Node::as_str) else {
                    break;
                };
                hops += 1;
                let Some(t2) = spec.refs[cur.file as usize].get(next) else {
                    break;
                };
                if hops > MAX_REF_HOPS {
                    let f = &spec.files[fi];
                    let mut found = Vec::new();
                    collect_refs(&f.root, &mut found);
                    let off = found.iter().find(|(x, _)| *x == &**r).map_or(0, |x| x.1);
                    let s = f.span(off);
                    return Err(OpenApiError::RefCycle {
                        file: f.name.clone(),
                        line: s.line,
                        column: s.column,
                        reference: r.to_string(),
                    });
                }
                cur = t2.clone();
            }
        }
    }
    Ok(())
}

impl Spec {
    pub(crate) fn node(&self, t: &Target) -> &Node {
        let mut n = &self.files[t.file as usize].root;
        for &s in t.steps.iter() {
            n = match &n.v {
                Val::Obj(ms) => &ms[s as usize].val,
                Val::Arr(xs) => &xs[s as usize],
                _ => n,
            };
        }
        n
    }

    pub fn root(&self) -> super::view::At<'_> {
        super::view::At {
            spec: self,
            file: 0,
            node: &self.files[0].root,
            off: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text given is the document, whatever form its path takes; nothing is read from
    /// disk for it (the path need not exist).
    #[test]
    fn load_str_uses_the_text_for_unnormalized_paths() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        for p in ["./nowhere/api.yaml", "nowhere/x/../api.yaml", "api.yaml"] {
            let spec = load_str(Path::new(p), text);
            assert!(spec.is_ok(), "{p}: {:?}", spec.err());
        }
    }
}
