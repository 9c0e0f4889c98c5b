//! `Here`: a node with its file, the offset of the key it is written under and its JSON
//! pointer, so a rule can report it; and `walk`, Spectral's `$..` (every node of a file),
//! which keeps the pointer as a stack and builds a `Here` only for nodes a rule reports.

use crate::finding::Span;
use crate::openapi::load::{SourceFile, Spec};
use crate::openapi::node::{Node, Val};

#[derive(Clone, Debug)]
pub struct Here<'a> {
    pub file: u32,
    pub key_off: Option<u32>,
    pub node: &'a Node,
    /// JSON pointer from the file's root (`/paths/~1pets/get`); empty for the root.
    pub ptr: String,
}

pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl<'a> Here<'a> {
    pub fn root(spec: &'a Spec, file: u32) -> Here<'a> {
        Here {
            file,
            key_off: None,
            node: &spec.files[file as usize].root,
            ptr: String::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<Here<'a>> {
        let m = self.node.member(key)?;
        Some(Here {
            file: self.file,
            key_off: Some(m.key_off),
            node: &m.val,
            ptr: format!("{}/{}", self.ptr, escape(key)),
        })
    }

    pub fn members(&self) -> impl Iterator<Item = (&'a str, Here<'a>)> + '_ {
        self.node.members().iter().map(move |m| {
            (
                &*m.key,
                Here {
                    file: self.file,
                    key_off: Some(m.key_off),
                    node: &m.val,
                    ptr: format!("{}/{}", self.ptr, escape(&m.key)),
                },
            )
        })
    }

    pub fn items(&self) -> impl Iterator<Item = Here<'a>> + '_ {
        self.node
            .items()
            .iter()
            .enumerate()
            .map(move |(i, n)| Here {
                file: self.file,
                key_off: None,
                node: n,
                ptr: format!("{}/{i}", self.ptr),
            })
    }

    pub fn str(&self) -> Option<&'a str> {
        self.node.as_str()
    }

    /// Follows `$ref`s (Spectral lints the resolved document) but keeps reporting where the
    /// reference is written, as Spectral maps resolved paths back to their source.
    pub fn deref(&self, spec: &'a Spec) -> Here<'a> {
        let (mut file, mut node) = (self.file, self.node);
        for _ in 0..64 {
            let Some(r) = node.get("$ref").and_then(Node::as_str) else {
                break;
            };
            let Some(t) = spec.refs[file as usize].get(r) else {
                break;
            };
            file = t.file;
            node = spec.node(t);
        }
        if file != self.file {
            // Another file: findings are reported there, at the target.
            return Here {
                file,
                key_off: None,
                node,
                ptr: String::new(),
            };
        }
        Here {
            node,
            ..self.clone()
        }
    }

    /// Where Spectral's range for this path starts: the value, except that a block
    /// collection under a key starts right after the key's colon (as YAML's AST has it).
    pub fn span(&self, f: &SourceFile) -> Span {
        if self.ptr.is_empty() {
            // The document itself: Spectral points at its first character.
            return f.span(0);
        }
        if !f.char_offsets() {
            // JSON: as in YAML, a collection under a key starts right after the colon.
            return match (&self.node.v, self.key_off) {
                (Val::Obj(_) | Val::Arr(_), Some(k)) => f.span(after_colon_bytes(f.text(), k)),
                _ => f.span(self.node.off),
            };
        }
        // YAML: a collection under a key starts right after the key's colon (flow or
        // block); a block mapping that is an array item starts at its first key.
        match (&self.node.v, self.key_off) {
            (Val::Obj(_) | Val::Arr(_), Some(k)) => f.span(after_colon(f.text(), k)),
            (Val::Obj(ms), None)
                if !ms.is_empty() && f.text().chars().nth(self.node.off as usize) != Some('{') =>
            {
                f.span(ms[0].key_off)
            }
            _ => f.span(self.node.off),
        }
    }
}

/// The byte offset just past the `:` after the JSON key (a quoted string) at `key_off`.
fn after_colon_bytes(text: &str, key_off: u32) -> u32 {
    let b = text.as_bytes();
    let mut i = key_off as usize + 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    while i < b.len() && b[i] != b':' {
        i += 1;
    }
    if i < b.len() { i as u32 + 1 } else { key_off }
}

/// The character offset just past the `:` that ends the key starting at `key_off`.
fn after_colon(text: &str, key_off: u32) -> u32 {
    let mut chars = text.chars().skip(key_off as usize).peekable();
    let mut i = key_off;
    let quote = match chars.peek() {
        Some(&q) if q == '"' || q == '\'' => Some(q),
        _ => None,
    };
    if let Some(q) = quote {
        chars.next();
        i += 1;
        for c in chars.by_ref() {
            i += 1;
            if c == q {
                break;
            }
        }
    }
    for c in chars {
        i += 1;
        if c == ':' {
            return i;
        }
    }
    key_off
}

/// One step of a walk's pointer.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'a> {
    Key(&'a str, u32),
    Idx(usize),
}

/// A node met by `walk`, with the path that leads to it.
pub struct Visit<'a, 's> {
    pub file: u32,
    pub node: &'a Node,
    pub stack: &'s [Seg<'a>],
}

impl<'a> Visit<'a, '_> {
    /// The key this node is the value of (`None` for array items and the root).
    pub fn key(&self) -> Option<&'a str> {
        match self.stack.last() {
            Some(Seg::Key(k, _)) => Some(k),
            _ => None,
        }
    }

    /// The key of the `n`th ancestor (0: the node's own key).
    pub fn key_at(&self, n: usize) -> Option<&'a str> {
        let i = self.stack.len().checked_sub(n + 1)?;
        match self.stack[i] {
            Seg::Key(k, _) => Some(k),
            Seg::Idx(_) => None,
        }
    }

    pub fn ptr(&self) -> String {
        let mut s = String::new();
        for seg in self.stack {
            s.push('/');
            match seg {
                Seg::Key(k, _) => s.push_str(&escape(k)),
                Seg::Idx(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }

    pub fn here(&self) -> Here<'a> {
        Here {
            file: self.file,
            key_off: match self.stack.last() {
                Some(Seg::Key(_, off)) => Some(*off),
                _ => None,
            },
            node: self.node,
            ptr: self.ptr(),
        }
    }

    /// Whether the pointer starts with these keys (`*` matches any key).
    pub fn under(&self, prefix: &[&str]) -> bool {
        prefix.len() <= self.stack.len()
            && prefix.iter().zip(self.stack).all(|(p, s)| match s {
                Seg::Key(k, _) => *p == "*" || p == k,
                Seg::Idx(i) => *p == "*" || p.parse() == Ok(*i),
            })
    }
}

/// Visits every node of `root` (itself included), parents before children.
pub fn walk<'a>(file: u32, root: &'a Node, f: &mut dyn FnMut(&Visit<'a, '_>)) {
    let mut stack = Vec::new();
    go(file, root, &mut stack, f);
}

fn go<'a>(file: u32, n: &'a Node, stack: &mut Vec<Seg<'a>>, f: &mut dyn FnMut(&Visit<'a, '_>)) {
    f(&Visit {
        file,
        node: n,
        stack,
    });
    match &n.v {
        Val::Obj(ms) => {
            for m in ms.iter() {
                stack.push(Seg::Key(&m.key, m.key_off));
                go(file, &m.val, stack, f);
                stack.pop();
            }
        }
        Val::Arr(xs) => {
            for (i, x) in xs.iter().enumerate() {
                stack.push(Seg::Idx(i));
                go(file, x, stack, f);
                stack.pop();
            }
        }
        _ => {}
    }
}

/// Walks every file of the description.
pub fn walk_all<'a>(spec: &'a Spec, f: &mut dyn FnMut(&Visit<'a, '_>)) {
    for (i, file) in spec.files.iter().enumerate() {
        walk(i as u32, &file.root, f);
    }
}
