//! A recursive-descent parser for CEL's grammar (cel-spec `doc/langdef.md`), with cel-go's
//! (ANTLR's) wording for the common syntax errors.

use super::lex::{Tok, Token, lex};

#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Int(i64),
    Uint(u64),
    Double(f64),
    Str(String),
    Bytes(Vec<u8>),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Lit(Lit),
    Ident(String),
    /// `operand.field`
    Select(Box<Expr>, String),
    /// A function or operator call: operators use cel-go's names (`_+_`, `!_`, `_[_]`,
    /// `_?_:_`); `target` is the receiver of a method call (`a.size()`).
    Call {
        target: Option<Box<Expr>>,
        name: String,
        args: Vec<Expr>,
    },
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    /// `pkg.Message{field: value}`
    Struct(String, Vec<(String, Expr)>),
}

impl Expr {
    fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::Call {
            target: None,
            name: name.to_string(),
            args,
        }
    }

    /// `a.b.c` as a dotted name, when the expression is only identifiers and selections.
    pub fn qualified_name(&self) -> Option<String> {
        match self {
            Expr::Ident(n) => Some(n.clone()),
            Expr::Select(op, f) => Some(format!("{}.{f}", op.qualified_name()?)),
            _ => None,
        }
    }
}

/// What ANTLR lists when it wanted the start of an expression.
const EXPECTING_PRIMARY: &str = "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', \
                                 NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}";

pub fn parse(src: &str) -> Result<Expr, String> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0 };
    let e = p.expr()?;
    if p.peek().tok != Tok::Eof {
        return Err(format!(
            "extraneous input {} expecting <EOF>",
            p.peek().tok.shown(&p.peek().text)
        ));
    }
    Ok(e)
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
}

/// Deeply nested input must not exhaust the stack (cel-go limits nesting too; real rules
/// nest a few levels).
const MAX_DEPTH: usize = 100;

impl Parser {
    fn peek(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn is(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::Punct(q) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        if self.is(p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, p: &str) -> Result<(), String> {
        if self.eat(p) {
            return Ok(());
        }
        let t = self.peek();
        Err(format!(
            "mismatched input {} expecting '{p}'",
            t.tok.shown(&t.text)
        ))
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.expr_at(0)
    }

    fn expr_at(&mut self, depth: usize) -> Result<Expr, String> {
        if depth > MAX_DEPTH {
            return Err("expression recursion limit exceeded".into());
        }
        let cond = self.binary(0, depth)?;
        if !self.eat("?") {
            return Ok(cond);
        }
        let then = self.binary(0, depth)?;
        self.expect(":")?;
        let other = self.expr_at(depth + 1)?;
        Ok(Expr::call("_?_:_", vec![cond, then, other]))
    }

    /// Binary operators by precedence level: `||`, `&&`, relations, `+ -`, `* / %`.
    fn binary(&mut self, level: usize, depth: usize) -> Result<Expr, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["<=", ">=", "<", ">", "==", "!=", "in"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary(depth);
        }
        let mut left = self.binary(level + 1, depth)?;
        loop {
            let op = match &self.peek().tok {
                Tok::Punct(p) if LEVELS[level].contains(p) => *p,
                Tok::Ident(w) if w == "in" && level == 2 => "in",
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.binary(level + 1, depth)?;
            left = Expr::call(&format!("_{op}_"), vec![left, right]);
            if op == "in" {
                // cel-go names it `@in`.
                if let Expr::Call { name, .. } = &mut left {
                    *name = "@in".into();
                }
            }
        }
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, String> {
        if self.is("!") || self.is("-") {
            let op = if self.is("!") { "!" } else { "-" };
            let mut count = 0;
            while self.eat(op) {
                count += 1;
            }
            // `-` directly before a number literal is part of it.
            if op == "-" {
                let negated = match self.peek().tok {
                    Tok::Int(n) => Some(Lit::Int(-n)),
                    Tok::IntOverflow(v) if v == 1u64 << 63 => Some(Lit::Int(i64::MIN)),
                    Tok::Double(d) => Some(Lit::Double(-d)),
                    _ => None,
                };
                if let Some(lit) = negated {
                    self.pos += 1;
                    let mut e = self.member_suffix(Expr::Lit(lit), depth)?;
                    for _ in 1..count {
                        e = Expr::call("-_", vec![e]);
                    }
                    return Ok(e);
                }
            }
            let mut e = self.member(depth)?;
            for _ in 0..count {
                e = Expr::call(&format!("{op}_"), vec![e]);
            }
            return Ok(e);
        }
        self.member(depth)
    }

    fn member(&mut self, depth: usize) -> Result<Expr, String> {
        let p = self.primary(depth)?;
        self.member_suffix(p, depth)
    }

    fn member_suffix(&mut self, mut e: Expr, depth: usize) -> Result<Expr, String> {
        loop {
            if self.eat(".") {
                let name = self.ident()?;
                if self.eat("(") {
                    let args = self.args(")", depth)?;
                    e = Expr::Call {
                        target: Some(Box::new(e)),
                        name,
                        args,
                    };
                } else {
                    e = Expr::Select(Box::new(e), name);
                }
            } else if self.eat("[") {
                let index = self.expr_at(depth + 1)?;
                self.expect("]")?;
                e = Expr::call("_[_]", vec![e, index]);
            } else if self.is("{") && e.qualified_name().is_some() {
                self.pos += 1;
                let name = e.qualified_name().unwrap_or_default();
                let mut fields = Vec::new();
                while !self.is("}") {
                    let f = self.ident()?;
                    self.expect(":")?;
                    fields.push((f, self.expr_at(depth + 1)?));
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("}")?;
                e = Expr::Struct(name, fields);
            } else {
                return Ok(e);
            }
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        let t = self.peek().clone();
        match t.tok {
            Tok::Ident(n) => {
                self.pos += 1;
                Ok(n)
            }
            _ => Err(format!(
                "mismatched input {} expecting IDENTIFIER",
                t.tok.shown(&t.text)
            )),
        }
    }

    /// Comma-separated expressions up to `close` (a trailing comma is allowed).
    fn args(&mut self, close: &str, depth: usize) -> Result<Vec<Expr>, String> {
        let mut out = Vec::new();
        while !self.is(close) {
            out.push(self.expr_at(depth + 1)?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(close)?;
        Ok(out)
    }

    fn primary(&mut self, depth: usize) -> Result<Expr, String> {
        let t = self.peek().clone();
        self.pos += 1;
        let lit = |l| Ok(Expr::Lit(l));
        match t.tok {
            Tok::Int(n) => lit(Lit::Int(n)),
            Tok::Uint(n) => lit(Lit::Uint(n)),
            Tok::Double(d) => lit(Lit::Double(d)),
            Tok::Str(s) => lit(Lit::Str(s)),
            Tok::Bytes(b) => lit(Lit::Bytes(b)),
            Tok::IntOverflow(_) => Err(format!("invalid int literal: {}", t.text)),
            Tok::Ident(w) if w == "true" || w == "false" => lit(Lit::Bool(w == "true")),
            Tok::Ident(w) if w == "null" => lit(Lit::Null),
            Tok::Ident(w) if w != "in" => {
                if self.eat("(") {
                    let args = self.args(")", depth)?;
                    return Ok(Expr::Call {
                        target: None,
                        name: w,
                        args,
                    });
                }
                Ok(Expr::Ident(w))
            }
            Tok::Punct(".") => {
                // A leading dot names the root scope: `.pkg.Name`.
                let name = self.ident()?;
                Ok(Expr::Ident(name))
            }
            Tok::Punct("(") => {
                let e = self.expr_at(depth + 1)?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Punct("[") => Ok(Expr::List(self.args("]", depth)?)),
            Tok::Punct("{") => {
                let mut entries = Vec::new();
                while !self.is("}") {
                    let k = self.expr_at(depth + 1)?;
                    self.expect(":")?;
                    entries.push((k, self.expr_at(depth + 1)?));
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("}")?;
                Ok(Expr::Map(entries))
            }
            _ => {
                self.pos -= 1;
                Err(format!(
                    "mismatched input {} expecting {EXPECTING_PRIMARY}",
                    t.tok.shown(&t.text)
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: Vec<Expr>) -> Expr {
        Expr::call(name, args)
    }

    #[test]
    fn precedence_and_members() {
        let e = parse("a + b * 2 > 3 && !c.d(1)").unwrap();
        let expected = call(
            "_&&_",
            vec![
                call(
                    "_>_",
                    vec![
                        call(
                            "_+_",
                            vec![
                                Expr::Ident("a".into()),
                                call("_*_", vec![Expr::Ident("b".into()), Expr::Lit(Lit::Int(2))]),
                            ],
                        ),
                        Expr::Lit(Lit::Int(3)),
                    ],
                ),
                call(
                    "!_",
                    vec![Expr::Call {
                        target: Some(Box::new(Expr::Ident("c".into()))),
                        name: "d".into(),
                        args: vec![Expr::Lit(Lit::Int(1))],
                    }],
                ),
            ],
        );
        assert_eq!(e, expected);
    }

    #[test]
    fn literals() {
        assert_eq!(
            parse("-9223372036854775808").unwrap(),
            Expr::Lit(Lit::Int(i64::MIN))
        );
        assert_eq!(parse("1u").unwrap(), Expr::Lit(Lit::Uint(1)));
        assert_eq!(parse("2.5e1").unwrap(), Expr::Lit(Lit::Double(25.0)));
        assert_eq!(parse(r"'a\'b'").unwrap(), Expr::Lit(Lit::Str("a'b".into())));
        assert_eq!(
            parse(r#"b"\x00a""#).unwrap(),
            Expr::Lit(Lit::Bytes(vec![0, b'a']))
        );
        assert_eq!(parse(r"r'\d'").unwrap(), Expr::Lit(Lit::Str(r"\d".into())));
        assert_eq!(
            parse("'''x'y'''").unwrap(),
            Expr::Lit(Lit::Str("x'y".into()))
        );
    }

    #[test]
    fn syntax_errors_use_cel_go_wording() {
        assert_eq!(
            parse("this +").unwrap_err(),
            format!("mismatched input '<EOF>' expecting {EXPECTING_PRIMARY}")
        );
        assert_eq!(
            parse("(a").unwrap_err(),
            "mismatched input '<EOF>' expecting ')'"
        );
        assert_eq!(
            parse("a b").unwrap_err(),
            "extraneous input 'b' expecting <EOF>"
        );
        assert!(parse("'abc").is_err());
        assert!(parse("a ? b").is_err());
    }

    #[test]
    fn ternary_in_and_struct() {
        assert!(
            matches!(parse("x in [1, 2] ? 'a' : 'b'").unwrap(), Expr::Call { name, .. } if name == "_?_:_")
        );
        assert_eq!(
            parse("a.B{c: 1}").unwrap(),
            Expr::Struct("a.B".into(), vec![("c".into(), Expr::Lit(Lit::Int(1)))])
        );
        assert!(parse(&"(".repeat(1000)).is_err());
        let deep = format!("{}1{}", "(".repeat(90), ")".repeat(90));
        assert_eq!(parse(&deep).unwrap(), Expr::Lit(Lit::Int(1)));
    }
}
