//! YAML into the same `Node` tree as JSON, from yaml-rust2's event stream (which carries a
//! marker per event). Offsets here count characters, as yaml-rust2's markers do. Plain
//! scalars are typed by the YAML 1.2 core schema; anchors and aliases are expanded (an
//! alias becomes a copy of its anchored node, so a billion-laughs document is refused by
//! the node budget below rather than exhausting memory).

use super::node::{Member, Node, Val};
use super::parse_json::{MAX_DEPTH, SyntaxError};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Most nodes an expanded YAML document may have (aliases included).
const MAX_NODES: usize = 20_000_000;

pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        error: None,
        nodes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut b, false) {
        return Err(SyntaxError {
            off: e.marker().index(),
            message: e.info().to_string(),
            too_deep: false,
        });
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    Ok(b.root.unwrap_or(Node {
        off: 0,
        v: Val::Null,
    }))
}

enum Frame {
    Seq {
        off: u32,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        off: u32,
        anchor: usize,
        members: Vec<Member>,
        key: Option<(Box<str>, u32)>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    error: Option<SyntaxError>,
    nodes: usize,
}

impl Builder {
    fn fail(&mut self, off: usize, message: impl Into<String>, too_deep: bool) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                off,
                message: message.into(),
                too_deep,
            });
        }
    }

    /// Puts a finished value where it belongs: the root, an array item, a key or a value.
    fn push(&mut self, node: Node, key_text: Option<&str>, mark: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(mark, "the document expands to too many nodes", false);
            return;
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, key, .. }) => match key.take() {
                Some((k, key_off)) => {
                    if members.iter().any(|m| m.key == k) {
                        let msg = format!("duplicate key \"{k}\"");
                        self.fail(key_off as usize, msg, false);
                        return;
                    }
                    members.push(Member {
                        key: k,
                        key_off,
                        val: node,
                    })
                }
                None => match key_text {
                    Some(t) => *key = Some((t.into(), node.off)),
                    None => self.fail(mark, "only scalar mapping keys are supported", false),
                },
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let at = mark.index();
        let off = at as u32;
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                let v = if style == TScalarStyle::Plain {
                    plain(&text)
                } else {
                    Val::Str(text.as_str().into())
                };
                let node = Node { off, v };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, Some(&text), at);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(at, format!("nested deeper than {MAX_DEPTH} levels"), true);
                    return;
                }
                let frame = if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        off,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        off,
                        anchor,
                        members: Vec::new(),
                        key: None,
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { off, anchor, items }) => (
                        Node {
                            off,
                            v: Val::Arr(items.into()),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        off,
                        anchor,
                        members,
                        ..
                    }) => (
                        Node {
                            off,
                            v: Val::Obj(members.into()),
                        },
                        anchor,
                    ),
                    None => return,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, None, at);
            }
            Event::Alias(id) => match self.anchors.get(&id) {
                Some(n) => {
                    let mut n = n.clone();
                    n.off = off;
                    let key = n.as_str().map(str::to_string);
                    self.nodes += count(&n);
                    self.push(n, key.as_deref(), at);
                }
                None => self.fail(at, "alias to an unknown anchor", false),
            },
            _ => {}
        }
    }
}

fn count(n: &Node) -> usize {
    match &n.v {
        Val::Arr(xs) => xs.iter().map(count).sum::<usize>() + 1,
        Val::Obj(ms) => ms.iter().map(|m| count(&m.val)).sum::<usize>() + 1,
        _ => 1,
    }
}

/// YAML 1.2 core schema for plain scalars.
fn plain(s: &str) -> Val {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Val::Null,
        "true" | "True" | "TRUE" => return Val::Bool(true),
        "false" | "False" | "FALSE" => return Val::Bool(false),
        ".inf" | "+.inf" | ".Inf" | "+.Inf" | ".INF" | "+.INF" => return Val::Num(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Val::Num(f64::NEG_INFINITY),
        _ => {}
    }
    let b = s.as_bytes();
    let numeric = b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
        && b.iter().any(u8::is_ascii_digit);
    if numeric && let Ok(n) = s.parse::<f64>() {
        return Val::Num(n);
    }
    if let Some(h) = s.strip_prefix("0x")
        && let Ok(n) = i64::from_str_radix(h, 16)
    {
        return Val::Num(n as f64);
    }
    if let Some(o) = s.strip_prefix("0o")
        && let Ok(n) = i64::from_str_radix(o, 8)
    {
        return Val::Num(n as f64);
    }
    Val::Str(s.into())
}
