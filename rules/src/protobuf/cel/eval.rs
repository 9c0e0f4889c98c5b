//! Evaluating checked CEL expressions over plain values: enough for predefined rules applied
//! to `example` values. Anything outside that is `Unsupported`, so a caller can say nothing
//! rather than guess.

use super::parse::{Expr, Lit};
use std::cmp::Ordering;
use std::rc::Rc;

#[derive(Clone)]
pub enum Val {
    Int(i64),
    Uint(u64),
    Double(f64),
    Bool(bool),
    Str(String),
    Bytes(Vec<u8>),
    Null,
    List(Vec<Val>),
    Map(Vec<(Val, Val)>),
    Obj(Rc<dyn Object>),
}

/// A message value: its fields by name.
pub trait Object {
    fn get(&self, field: &str) -> Option<Val>;
    fn has(&self, field: &str) -> bool;
}

#[derive(Debug, PartialEq)]
pub enum EvalError {
    /// The expression uses something this evaluator does not implement.
    Unsupported,
    /// A runtime error (overflow, division by zero, no such key...).
    Runtime(String),
}

type R = Result<Val, EvalError>;

fn runtime(m: &str) -> EvalError {
    EvalError::Runtime(m.into())
}

pub fn eval(e: &Expr, vars: &[(&str, Val)]) -> R {
    let mut scope: Vec<(String, Val)> = vars
        .iter()
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect();
    ev(e, &mut scope)
}

fn ev(e: &Expr, scope: &mut Vec<(String, Val)>) -> R {
    match e {
        Expr::Lit(l) => Ok(match l {
            Lit::Int(n) => Val::Int(*n),
            Lit::Uint(n) => Val::Uint(*n),
            Lit::Double(d) => Val::Double(*d),
            Lit::Str(s) => Val::Str(s.clone()),
            Lit::Bytes(b) => Val::Bytes(b.clone()),
            Lit::Bool(b) => Val::Bool(*b),
            Lit::Null => Val::Null,
        }),
        Expr::Ident(n) => scope
            .iter()
            .rev()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .ok_or(EvalError::Unsupported),
        Expr::Select(op, f) => select(&ev(op, scope)?, f),
        Expr::List(items) => Ok(Val::List(
            items
                .iter()
                .map(|i| ev(i, scope))
                .collect::<Result<_, _>>()?,
        )),
        Expr::Map(_) | Expr::Struct(..) => Err(EvalError::Unsupported),
        Expr::Call { target, name, args } => call(target.as_deref(), name, args, scope),
    }
}

fn select(v: &Val, f: &str) -> R {
    match v {
        Val::Obj(o) => o.get(f).ok_or(EvalError::Unsupported),
        Val::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(k, Val::Str(s) if s == f))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| runtime("no such key")),
        _ => Err(EvalError::Unsupported),
    }
}

fn truth(v: &Val) -> Result<bool, EvalError> {
    match v {
        Val::Bool(b) => Ok(*b),
        _ => Err(runtime("no such overload")),
    }
}

fn call(target: Option<&Expr>, name: &str, args: &[Expr], scope: &mut Vec<(String, Val)>) -> R {
    match (name, target, args) {
        ("_&&_" | "_||_", None, [a, b]) => {
            // CEL's logical operators are commutative over errors: `false && error` is false.
            let short = name == "_||_";
            let left = ev(a, scope).and_then(|v| truth(&v));
            if left == Ok(short) {
                return Ok(Val::Bool(short));
            }
            let right = ev(b, scope).and_then(|v| truth(&v));
            if right == Ok(short) {
                return Ok(Val::Bool(short));
            }
            left?;
            right?;
            Ok(Val::Bool(!short))
        }
        ("_?_:_", None, [c, t, f]) => {
            if truth(&ev(c, scope)?)? {
                ev(t, scope)
            } else {
                ev(f, scope)
            }
        }
        ("has", None, [Expr::Select(op, f)]) => match ev(op, scope)? {
            Val::Obj(o) => Ok(Val::Bool(o.has(f))),
            Val::Map(entries) => Ok(Val::Bool(
                entries
                    .iter()
                    .any(|(k, _)| matches!(k, Val::Str(s) if s == f)),
            )),
            _ => Err(EvalError::Unsupported),
        },
        (
            "all" | "exists" | "exists_one" | "map" | "filter",
            Some(t),
            [Expr::Ident(var), rest @ ..],
        ) if !rest.is_empty() && rest.len() <= 2 => {
            comprehension(name, ev(t, scope)?, var, rest, scope)
        }
        _ => {
            let receiver = target.map(|t| ev(t, scope)).transpose()?;
            let values: Vec<Val> = args
                .iter()
                .map(|a| ev(a, scope))
                .collect::<Result<_, _>>()?;
            function(name, receiver, &values)
        }
    }
}

fn comprehension(
    name: &str,
    range: Val,
    var: &str,
    rest: &[Expr],
    scope: &mut Vec<(String, Val)>,
) -> R {
    let items = match range {
        Val::List(items) => items,
        Val::Map(entries) => entries.into_iter().map(|(k, _)| k).collect(),
        _ => return Err(runtime("not a range")),
    };
    let mut mapped = Vec::new();
    let mut count = 0;
    for item in items {
        scope.push((var.to_string(), item.clone()));
        let outcome = (|| -> Result<(bool, Option<Val>), EvalError> {
            match (name, rest) {
                ("map", [e]) => Ok((true, Some(ev(e, scope)?))),
                ("map", [p, e]) => {
                    if truth(&ev(p, scope)?)? {
                        Ok((true, Some(ev(e, scope)?)))
                    } else {
                        Ok((false, None))
                    }
                }
                (_, [p]) => Ok((truth(&ev(p, scope)?)?, None)),
                _ => Err(EvalError::Unsupported),
            }
        })();
        scope.pop();
        let (hit, value) = outcome?;
        match name {
            "all" if !hit => return Ok(Val::Bool(false)),
            "exists" if hit => return Ok(Val::Bool(true)),
            "exists_one" if hit => count += 1,
            "map" => mapped.extend(value),
            "filter" if hit => mapped.push(item),
            _ => {}
        }
    }
    Ok(match name {
        "all" => Val::Bool(true),
        "exists" => Val::Bool(false),
        "exists_one" => Val::Bool(count == 1),
        _ => Val::List(mapped),
    })
}

fn num(v: &Val) -> Option<f64> {
    match v {
        Val::Int(n) => Some(*n as f64),
        Val::Uint(n) => Some(*n as f64),
        Val::Double(d) => Some(*d),
        _ => None,
    }
}

fn compare(a: &Val, b: &Val) -> Option<Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (Val::Uint(x), Val::Uint(y)) => Some(x.cmp(y)),
        (Val::Int(x), Val::Uint(y)) => Some(i128::from(*x).cmp(&i128::from(*y))),
        (Val::Uint(x), Val::Int(y)) => Some(i128::from(*x).cmp(&i128::from(*y))),
        (Val::Str(x), Val::Str(y)) => Some(x.cmp(y)),
        (Val::Bytes(x), Val::Bytes(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        _ => num(a)?.partial_cmp(&num(b)?),
    }
}

fn equal(a: &Val, b: &Val) -> Result<bool, EvalError> {
    Ok(match (a, b) {
        (Val::List(x), Val::List(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .map(|(p, q)| equal(p, q))
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .all(|e| e)
        }
        (Val::Null, Val::Null) => true,
        (Val::Map(_) | Val::Obj(_), _) | (_, Val::Map(_) | Val::Obj(_)) => {
            return Err(EvalError::Unsupported);
        }
        _ => compare(a, b) == Some(Ordering::Equal),
    })
}

fn function(name: &str, receiver: Option<Val>, args: &[Val]) -> R {
    use Val::*;
    let b = |x: bool| Ok(Bool(x));
    match (name, receiver.as_ref(), args) {
        ("!_", None, [Bool(x)]) => b(!x),
        ("-_", None, [Int(x)]) => x.checked_neg().map(Int).ok_or_else(|| runtime("overflow")),
        ("-_", None, [Double(x)]) => Ok(Double(-x)),
        ("_==_", None, [x, y]) => b(equal(x, y)?),
        ("_!=_", None, [x, y]) => b(!equal(x, y)?),
        ("_<_" | "_<=_" | "_>_" | "_>=_", None, [x, y]) => {
            let o = compare(x, y).ok_or_else(|| runtime("no such overload"))?;
            b(match name {
                "_<_" => o == Ordering::Less,
                "_<=_" => o != Ordering::Greater,
                "_>_" => o == Ordering::Greater,
                _ => o != Ordering::Less,
            })
        }
        ("@in", None, [x, List(items)]) => {
            for i in items {
                if equal(x, i)? {
                    return b(true);
                }
            }
            b(false)
        }
        ("_+_", None, [Str(x), Str(y)]) => Ok(Str(format!("{x}{y}"))),
        ("_+_", None, [List(x), List(y)]) => Ok(List(x.iter().chain(y).cloned().collect())),
        ("_+_" | "_-_" | "_*_" | "_/_" | "_%_", None, [x, y]) => arithmetic(name, x, y),
        ("_[_]", None, [List(items), Int(i)]) => usize::try_from(*i)
            .ok()
            .and_then(|i| items.get(i).cloned())
            .ok_or_else(|| runtime("index out of range")),
        ("size", None, [x]) | ("size", Some(x), []) => size(x),
        ("startsWith", Some(Str(s)), [Str(p)]) => b(s.starts_with(p.as_str())),
        ("endsWith", Some(Str(s)), [Str(p)]) => b(s.ends_with(p.as_str())),
        ("contains", Some(Str(s)), [Str(p)]) => b(s.contains(p.as_str())),
        ("matches", Some(Str(s)), [Str(p)]) | ("matches", None, [Str(s), Str(p)]) => {
            let re = regex::Regex::new(p).map_err(|_| EvalError::Unsupported)?;
            b(re.is_match(s))
        }
        ("string", None, [v]) => match v {
            Str(s) => Ok(Str(s.clone())),
            Int(n) => Ok(Str(n.to_string())),
            Uint(n) => Ok(Str(n.to_string())),
            Bool(x) => Ok(Str(x.to_string())),
            _ => Err(EvalError::Unsupported),
        },
        ("int", None, [Uint(n)]) => i64::try_from(*n).map(Int).map_err(|_| runtime("overflow")),
        ("int", None, [Int(n)]) => Ok(Int(*n)),
        ("uint", None, [Int(n)]) => u64::try_from(*n).map(Uint).map_err(|_| runtime("overflow")),
        ("uint", None, [Uint(n)]) => Ok(Uint(*n)),
        ("double", None, [v]) => num(v).map(Double).ok_or(EvalError::Unsupported),
        ("isNan", Some(Double(d)), []) => b(d.is_nan()),
        ("isInf", Some(Double(d)), []) => b(d.is_infinite()),
        ("unique", Some(List(items)), []) => {
            for (i, x) in items.iter().enumerate() {
                for y in &items[i + 1..] {
                    if equal(x, y)? {
                        return b(false);
                    }
                }
            }
            b(true)
        }
        ("format", Some(Str(f)), [List(values)]) => format(f, values),
        _ => Err(EvalError::Unsupported),
    }
}

fn size(v: &Val) -> R {
    let n = match v {
        Val::Str(s) => s.chars().count(),
        Val::Bytes(b) => b.len(),
        Val::List(l) => l.len(),
        Val::Map(m) => m.len(),
        _ => return Err(runtime("no such overload")),
    };
    Ok(Val::Int(n as i64))
}

fn arithmetic(op: &str, x: &Val, y: &Val) -> R {
    let overflow = || runtime("overflow");
    match (x, y) {
        (Val::Int(a), Val::Int(b)) => match op {
            "_+_" => a.checked_add(*b),
            "_-_" => a.checked_sub(*b),
            "_*_" => a.checked_mul(*b),
            "_/_" => a.checked_div(*b),
            _ => a.checked_rem(*b),
        }
        .map(Val::Int)
        .ok_or_else(overflow),
        (Val::Uint(a), Val::Uint(b)) => match op {
            "_+_" => a.checked_add(*b),
            "_-_" => a.checked_sub(*b),
            "_*_" => a.checked_mul(*b),
            "_/_" => a.checked_div(*b),
            _ => a.checked_rem(*b),
        }
        .map(Val::Uint)
        .ok_or_else(overflow),
        (Val::Double(a), Val::Double(b)) => Ok(Val::Double(match op {
            "_+_" => a + b,
            "_-_" => a - b,
            "_*_" => a * b,
            "_/_" => a / b,
            _ => return Err(runtime("no such overload")),
        })),
        _ => Err(runtime("no such overload")),
    }
}

/// cel-go's `string.format` for `%s` and `%d` of strings, integers and booleans.
fn format(f: &str, values: &[Val]) -> R {
    let mut out = String::new();
    let mut next = values.iter();
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let verb = chars.next().ok_or(EvalError::Unsupported)?;
        if verb == '%' {
            out.push('%');
            continue;
        }
        let v = next.next().ok_or_else(|| runtime("too few arguments"))?;
        match (verb, v) {
            ('s', Val::Str(s)) => out.push_str(s),
            ('s' | 'd', Val::Int(n)) => out.push_str(&n.to_string()),
            ('s' | 'd', Val::Uint(n)) => out.push_str(&n.to_string()),
            ('s', Val::Bool(x)) => out.push_str(&x.to_string()),
            _ => return Err(EvalError::Unsupported),
        }
    }
    Ok(Val::Str(out))
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn run(src: &str, this: Val, rule: Val) -> R {
        eval(&parse(src).unwrap(), &[("this", this), ("rule", rule)])
    }

    fn string_of(r: R) -> String {
        match r {
            Ok(Val::Str(s)) => s,
            Ok(Val::Bool(b)) => b.to_string(),
            _ => "?".into(),
        }
    }

    #[test]
    fn predefined_rules_on_examples() {
        let prefix = "!this.startsWith('_' + rule) ? 'value does not have prefix `%s`'.format(['_' + rule]) : ''";
        assert_eq!(
            string_of(run(
                prefix,
                Val::Str("fail".into()),
                Val::Str("prefix".into())
            )),
            "value does not have prefix `_prefix`"
        );
        assert_eq!(
            string_of(run(
                prefix,
                Val::Str("_prefix_x".into()),
                Val::Str("prefix".into())
            )),
            ""
        );
        let abs = "!(this in rule || this in rule.map(n, -n))";
        let rule = Val::List(vec![Val::Int(1), Val::Int(-2)]);
        assert_eq!(string_of(run(abs, Val::Int(2), rule.clone())), "false");
        assert_eq!(string_of(run(abs, Val::Int(3), rule)), "true");
        assert_eq!(
            string_of(run("this > 1u && 1 / 0 == 1", Val::Int(0), Val::Null)),
            "false"
        );
        assert!(matches!(
            run("1 / 0 == 1", Val::Int(0), Val::Null),
            Err(EvalError::Runtime(_))
        ));
        assert_eq!(
            run("timestamp('x')", Val::Int(0), Val::Null).err(),
            Some(EvalError::Unsupported)
        );
    }
}
