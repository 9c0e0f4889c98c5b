//! The document tree every OpenAPI file is parsed into, from JSON or YAML alike.
//!
//! Each node carries the offset where it starts (bytes for JSON, characters for YAML, see
//! `SourceFile`), not a line and column: GitHub's description has millions of nodes and
//! only the few that end up in findings ever need a line. Objects keep their members in
//! document order with the offset of each key, so a finding can point at `name:` rather
//! than at the value below it.

/// One value of the document and where it starts.
#[derive(Debug, Clone)]
pub struct Node {
    pub off: u32,
    pub v: Val,
}

#[derive(Debug, Clone)]
pub enum Val {
    Null,
    Bool(bool),
    Num(f64),
    Str(Box<str>),
    Arr(Box<[Node]>),
    Obj(Box<[Member]>),
}

/// One `key: value` of an object.
#[derive(Debug, Clone)]
pub struct Member {
    pub key: Box<str>,
    pub key_off: u32,
    pub val: Node,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.val)
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.v {
            Val::Obj(ms) => ms.iter().find(|m| &*m.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.v {
            Val::Obj(ms) => ms,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.v {
            Val::Arr(xs) => xs,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.v {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.v {
            Val::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.v {
            Val::Num(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_obj(&self) -> bool {
        matches!(self.v, Val::Obj(_))
    }

    /// Equal values, wherever they are written (offsets and member order ignored).
    pub fn same(&self, other: &Node) -> bool {
        match (&self.v, &other.v) {
            (Val::Null, Val::Null) => true,
            (Val::Bool(a), Val::Bool(b)) => a == b,
            (Val::Num(a), Val::Num(b)) => a == b,
            (Val::Str(a), Val::Str(b)) => a == b,
            (Val::Arr(a), Val::Arr(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))
            }
            (Val::Obj(a), Val::Obj(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b.iter())
                        .all(|(x, y)| x.key == y.key && x.val.same(&y.val))
                    || a.len() == b.len()
                        && a.iter()
                            .all(|x| other.get(&x.key).is_some_and(|y| x.val.same(y)))
            }
            _ => false,
        }
    }

    /// A short rendering of a scalar for messages (`"a"`, `3`, `true`, `null`).
    pub fn render(&self) -> String {
        match &self.v {
            Val::Null => "null".into(),
            Val::Bool(b) => b.to_string(),
            Val::Num(n) => fmt_num(*n),
            Val::Str(s) => s.to_string(),
            Val::Arr(xs) => {
                let parts: Vec<String> = xs.iter().map(Node::render).collect();
                format!("[{}]", parts.join(", "))
            }
            Val::Obj(_) => "{…}".into(),
        }
    }
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
