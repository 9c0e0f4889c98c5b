//! `At`: a node together with the file it is in, so following `$ref`s and turning a node
//! into a finding's location are one method call. Rules read the document through it.

use super::load::Spec;
use super::node::{Member, Node};
use crate::finding::Location;

/// How many `$ref`-to-`$ref` hops `deref` follows (the loader has already refused cycles).
const MAX_HOPS: usize = 64;

#[derive(Clone, Copy)]
pub struct At<'a> {
    pub spec: &'a Spec,
    pub file: u32,
    pub node: &'a Node,
    /// Where a finding about this element points: the key it is written under, when it was
    /// reached through one, else the value itself.
    pub off: u32,
}

impl std::fmt::Debug for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "At({}@{})", self.file, self.off)
    }
}

impl<'a> At<'a> {
    fn child(&self, node: &'a Node, off: u32) -> At<'a> {
        At {
            spec: self.spec,
            file: self.file,
            node,
            off,
        }
    }

    /// The member `key` of this object (not following `$ref`s).
    pub fn get(&self, key: &str) -> Option<At<'a>> {
        self.node.member(key).map(|m| self.child(&m.val, m.key_off))
    }

    /// The member `key` after following this node's `$ref`, the resolved member too.
    pub fn field(&self, key: &str) -> Option<At<'a>> {
        self.deref().get(key).map(|a| a.deref_keep_off())
    }

    pub fn members(&self) -> impl Iterator<Item = (&'a str, At<'a>)> + 'a {
        let me = *self;
        self.node
            .members()
            .iter()
            .map(move |m: &'a Member| (&*m.key, me.child(&m.val, m.key_off)))
    }

    pub fn items(&self) -> impl Iterator<Item = At<'a>> + 'a {
        let me = *self;
        self.node.items().iter().map(move |n| me.child(n, n.off))
    }

    pub fn str(&self) -> Option<&'a str> {
        self.node.as_str()
    }

    pub fn bool(&self) -> Option<bool> {
        self.node.as_bool()
    }

    pub fn num(&self) -> Option<f64> {
        self.node.as_f64()
    }

    /// The `$ref` this node is, if it is one.
    pub fn ref_str(&self) -> Option<&'a str> {
        self.node.get("$ref").and_then(Node::as_str)
    }

    /// Follows `$ref`s to the value they name (this node when it is not a reference).
    pub fn deref(&self) -> At<'a> {
        let mut cur = *self;
        for _ in 0..MAX_HOPS {
            let Some(r) = cur.ref_str() else {
                return cur;
            };
            let Some(t) = self.spec.refs[cur.file as usize].get(r) else {
                return cur;
            };
            let node = self.spec.node(t);
            cur = At {
                spec: self.spec,
                file: t.file,
                node,
                off: node.off,
            };
        }
        cur
    }

    /// Like `deref`, but keeps pointing where the reference is written.
    pub fn deref_keep_off(&self) -> At<'a> {
        let mut d = self.deref();
        if d.file == self.file {
            d.off = self.off;
        }
        d
    }

    /// An identity for visited sets: the node's address.
    pub fn id(&self) -> usize {
        std::ptr::from_ref(self.node) as usize
    }

    pub fn location(&self, path: String) -> Location {
        let f = &self.spec.files[self.file as usize];
        Location {
            file: f.name.clone(),
            span: f.span(self.off),
            path,
        }
    }
}
