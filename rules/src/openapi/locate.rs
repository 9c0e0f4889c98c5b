//! From a finding back to the document: which operation it concerns, and the fragment (the
//! subtree) it points at in each version, for changelogs that show what changed.
//!
//! Findings hold a file and a line:column, not a node: turning them back into a path of keys
//! costs one descent per finding, paid only for findings that get rendered.

use super::load::Spec;
use super::node::{Node, Val};
use crate::finding::Finding;

/// The HTTP methods a path item may hold, in the order changelogs list them.
pub const METHODS: [&str; 8] = [
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
];

/// An operation: `GET /pets/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The operation a finding concerns, from its logical path (`POST /pets property 'name'
/// of the request body …`, as every check writes it). `None` for changes to the document as
/// a whole: info, security, components on their own, webhooks.
pub fn endpoint(f: &Finding) -> Option<Endpoint> {
    let (method, rest) = f.location.path.split_once(' ')?;
    if !METHODS.contains(&method) || !rest.starts_with('/') {
        return None;
    }
    let path = rest.split(' ').next().unwrap_or(rest);
    Some(Endpoint {
        method: method.to_string(),
        path: path.to_string(),
    })
}

/// One step from a node to a child. Array items remember the `name` and `in` of the item
/// (parameters, headers), so that the same item is found in the other version even when
/// items were added or removed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(Box<str>),
    Item {
        index: usize,
        name: Option<(Box<str>, Option<Box<str>>)>,
    },
}

/// Where a finding points, as keys from the root of one of the files of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// The file, relative to the directory of the version's root file ("" for the root file
    /// itself), so that it names the same file in the other version.
    pub file: FileKey,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKey {
    Root,
    Relative(std::path::PathBuf),
}

/// The pointer to what a finding's location names in `spec`, when the finding's file is one
/// of its files and a key or value starts at its line:column.
pub fn pointer(spec: &Spec, f: &Finding) -> Option<Pointer> {
    let loc = &f.location;
    let (idx, file) = spec
        .files
        .iter()
        .enumerate()
        .find(|(_, x)| x.name == loc.file)?;
    let off = file.offset(loc.span.line, loc.span.column)?;
    let mut steps = Vec::new();
    descend(&file.root, off, &mut steps).then_some(())?;
    Some(Pointer {
        file: file_key(spec, idx)?,
        steps,
    })
}

fn file_key(spec: &Spec, idx: usize) -> Option<FileKey> {
    if idx == 0 {
        return Some(FileKey::Root);
    }
    let base = spec.files[0].path.parent()?;
    let rel = spec.files[idx].path.strip_prefix(base).ok()?;
    Some(FileKey::Relative(rel.to_path_buf()))
}

/// Pushes the steps to the outermost node or member key starting at `off`. Offsets grow in
/// document order, so at each level only the last child starting at or before `off` can
/// hold it.
fn descend(node: &Node, off: u32, steps: &mut Vec<Step>) -> bool {
    if node.off == off {
        return true;
    }
    match &node.v {
        Val::Obj(ms) => {
            let i = ms.partition_point(|m| m.key_off <= off);
            let Some(m) = i.checked_sub(1).map(|i| &ms[i]) else {
                return false;
            };
            steps.push(Step::Key(m.key.clone()));
            m.key_off == off || descend(&m.val, off, steps)
        }
        Val::Arr(xs) => {
            let i = xs.partition_point(|x| x.off <= off);
            let Some(index) = i.checked_sub(1) else {
                return false;
            };
            steps.push(Step::Item {
                index,
                name: item_name(&xs[index]),
            });
            descend(&xs[index], off, steps)
        }
        _ => false,
    }
}

fn item_name(n: &Node) -> Option<(Box<str>, Option<Box<str>>)> {
    let name = n.get("name")?.as_str()?;
    Some((
        name.into(),
        n.get("in").and_then(Node::as_str).map(Into::into),
    ))
}

/// The node at `p` in `spec` (`None` when it is not there: added or removed). `$ref`s are
/// not followed: the fragment is what is written at that place.
pub fn fragment<'a>(spec: &'a Spec, p: &Pointer) -> Option<&'a Node> {
    let file = match &p.file {
        FileKey::Root => spec.files.first()?,
        FileKey::Relative(rel) => {
            let base = spec.files.first()?.path.parent()?;
            spec.files
                .iter()
                .find(|f| f.path.strip_prefix(base).is_ok_and(|r| r == rel))?
        }
    };
    let mut n = &file.root;
    for s in &p.steps {
        n = match s {
            Step::Key(k) => n.get(k)?,
            Step::Item { index, name } => {
                let xs = n.items();
                match name {
                    Some((name, loc)) => xs
                        .iter()
                        .find(|x| item_name(x).is_some_and(|(n2, l2)| n2 == *name && l2 == *loc))?,
                    None => xs.get(*index)?,
                }
            }
        };
    }
    Some(n)
}

/// What a change touched: the subtree at its place in the old and in the new version
/// (either missing when it was added or removed), and the key it is written under, if any.
#[derive(Debug)]
pub struct Fragments<'a> {
    pub key: Option<Box<str>>,
    pub before: Option<&'a Node>,
    pub after: Option<&'a Node>,
}

/// The fragments a finding points at. A scalar (`required: true`, one enum value) is widened
/// to the object or list that holds it, so that the change reads in context. `None` when the
/// location is in neither version.
pub fn fragments<'a>(old: &'a Spec, new: &'a Spec, f: &Finding) -> Option<Fragments<'a>> {
    let mut p = match (pointer(new, f), pointer(old, f)) {
        // Both versions have a file of that name (`--against-git` with the same path): the
        // finding is in the old one only when it points at what the new one no longer has.
        (Some(n), Some(o)) if n != o && fragment(new, &o).is_none() => o,
        (n, o) => n.or(o)?,
    };
    loop {
        let (before, after) = (fragment(old, &p), fragment(new, &p));
        let scalar = |n: Option<&Node>| n.is_none_or(|n| !matches!(n.v, Val::Obj(_) | Val::Arr(_)));
        if !(scalar(before) && scalar(after)) || p.steps.is_empty() {
            let key = match p.steps.last() {
                Some(Step::Key(k)) => Some(k.clone()),
                _ => None,
            };
            return Some(Fragments { key, before, after });
        }
        p.steps.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::load_str;
    use std::path::Path;

    const OLD: &str = "openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          schema: {type: integer}
      responses:
        '200': {description: ok}
";

    const NEW: &str = "openapi: 3.1.0
info: {title: t, version: '2'}
paths:
  /pets:
    get:
      parameters:
        - name: page
          in: query
        - name: limit
          in: query
          required: true
          schema: {type: integer}
      responses:
        '200': {description: ok}
";

    fn finding(file: &str, line: u32, column: u32, path: &str) -> Finding {
        Finding {
            rule: "r".into(),
            severity: crate::finding::Severity::Error,
            kind: crate::finding::RuleKind::Breaking,
            format: crate::finding::Format::Openapi,
            message: String::new(),
            location: crate::finding::Location {
                file: file.into(),
                span: crate::finding::Span {
                    line,
                    column,
                    end_line: line,
                    end_column: column,
                },
                path: path.into(),
            },
            before: None,
            after: None,
            against: None,
        }
    }

    #[test]
    fn endpoints_come_from_the_logical_path() {
        let e = endpoint(&finding("", 1, 1, "GET /pets/{id} query parameter 'limit'"));
        assert_eq!(e.unwrap().to_string(), "GET /pets/{id}");
        assert!(endpoint(&finding("", 1, 1, "webhook petSold")).is_none());
        assert!(endpoint(&finding("", 1, 1, "GET")).is_none());
        assert!(endpoint(&finding("", 1, 1, "")).is_none());
    }

    #[test]
    fn a_scalar_is_shown_in_the_object_that_holds_it_matched_by_name() {
        let old = load_str(Path::new("old.yaml"), OLD).unwrap();
        let new = load_str(Path::new("new.yaml"), NEW).unwrap();
        // `required:` of `limit`, now the second parameter.
        let f = finding("new.yaml", 11, 11, "GET /pets query parameter 'limit'");
        let p = pointer(&new, &f).unwrap();
        assert_eq!(p.file, FileKey::Root);
        assert_eq!(p.steps.len(), 6, "{p:?}");
        let fr = fragments(&old, &new, &f).unwrap();
        assert_eq!(fr.key, None, "an item of a list");
        let (a, b) = (fr.before.unwrap(), fr.after.unwrap());
        assert_eq!(a.get("name").and_then(Node::as_str), Some("limit"));
        assert!(a.get("required").is_none());
        assert_eq!(b.get("required").and_then(Node::as_bool), Some(true));
        // A place in neither file, or past its end, has no fragments.
        assert!(fragments(&old, &new, &finding("other.yaml", 1, 1, "")).is_none());
        assert!(fragments(&old, &new, &finding("new.yaml", 99, 1, "")).is_none());
    }

    #[test]
    fn a_removed_element_has_only_a_before() {
        let old = load_str(Path::new("old.yaml"), OLD).unwrap();
        let new = load_str(
            Path::new("new.yaml"),
            NEW.replace("  /pets:", "  /cats:").as_str(),
        )
        .unwrap();
        let f = finding("old.yaml", 4, 3, "GET /pets");
        let fr = fragments(&old, &new, &f).unwrap();
        assert_eq!(fr.key.as_deref(), Some("/pets"));
        assert!(fr.before.is_some_and(|n| n.get("get").is_some()));
        assert!(fr.after.is_none());
        // Both versions named alike (a git revision of the same file): line 4 of the new one
        // is `/cats:`, but the finding is about the `/pets` the new one lacks.
        let renamed = NEW.replace("  /pets:", "  /cats:");
        let new = load_str(Path::new("old.yaml"), &renamed).unwrap();
        let fr = fragments(&old, &new, &f).unwrap();
        assert_eq!(fr.key.as_deref(), Some("/pets"));
        assert!(fr.after.is_none());
    }
}
