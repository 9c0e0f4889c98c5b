//! CEL type checking: cel-go's standard function declarations, the strings extension and
//! protovalidate's functions, with cel-go's error wording.

use super::parse::{Expr, Lit};
use super::{Schema, Type};
use std::sync::OnceLock;

/// Overloads, one a line: `name | receiver (empty for a global call) | parameters | result`.
/// Single capitals are type parameters.
const OVERLOADS: &str = "
_+_ | | int, int | int
_+_ | | uint, uint | uint
_+_ | | double, double | double
_+_ | | string, string | string
_+_ | | bytes, bytes | bytes
_+_ | | list(A), list(A) | list(A)
_+_ | | duration, duration | duration
_+_ | | timestamp, duration | timestamp
_+_ | | duration, timestamp | timestamp
_-_ | | int, int | int
_-_ | | uint, uint | uint
_-_ | | double, double | double
_-_ | | duration, duration | duration
_-_ | | timestamp, timestamp | duration
_-_ | | timestamp, duration | timestamp
_*_ | | int, int | int
_*_ | | uint, uint | uint
_*_ | | double, double | double
_/_ | | int, int | int
_/_ | | uint, uint | uint
_/_ | | double, double | double
_%_ | | int, int | int
_%_ | | uint, uint | uint
-_ | | int | int
-_ | | double | double
!_ | | bool | bool
_&&_ | | bool, bool | bool
_||_ | | bool, bool | bool
_?_:_ | | bool, A, A | A
_==_ | | A, A | bool
_!=_ | | A, A | bool
@in | | A, list(A) | bool
@in | | A, map(A, B) | bool
_[_] | | list(A), int | A
_[_] | | map(A, B), A | B
size | | string | int
size | | bytes | int
size | | list(A) | int
size | | map(A, B) | int
size | string | | int
size | bytes | | int
size | list(A) | | int
size | map(A, B) | | int
contains | string | string | bool
startsWith | string | string | bool
endsWith | string | string | bool
matches | string | string | bool
matches | | string, string | bool
int | | int | int
int | | uint | int
int | | double | int
int | | string | int
int | | timestamp | int
int | | duration | int
uint | | int | uint
uint | | uint | uint
uint | | double | uint
uint | | string | uint
double | | int | double
double | | uint | double
double | | double | double
double | | string | double
string | | int | string
string | | uint | string
string | | double | string
string | | bool | string
string | | string | string
string | | bytes | string
string | | timestamp | string
string | | duration | string
bytes | | bytes | bytes
bytes | | string | bytes
bool | | bool | bool
bool | | string | bool
duration | | duration | duration
duration | | string | duration
timestamp | | timestamp | timestamp
timestamp | | string | timestamp
timestamp | | int | timestamp
dyn | | A | dyn
type | | A | type
getFullYear | timestamp | | int
getFullYear | timestamp | string | int
getMonth | timestamp | | int
getMonth | timestamp | string | int
getDate | timestamp | | int
getDate | timestamp | string | int
getDayOfMonth | timestamp | | int
getDayOfMonth | timestamp | string | int
getDayOfWeek | timestamp | | int
getDayOfWeek | timestamp | string | int
getDayOfYear | timestamp | | int
getDayOfYear | timestamp | string | int
getHours | timestamp | | int
getHours | timestamp | string | int
getHours | duration | | int
getMinutes | timestamp | | int
getMinutes | timestamp | string | int
getMinutes | duration | | int
getSeconds | timestamp | | int
getSeconds | timestamp | string | int
getSeconds | duration | | int
getMilliseconds | timestamp | | int
getMilliseconds | timestamp | string | int
getMilliseconds | duration | | int
contains | bytes | bytes | bool
startsWith | bytes | bytes | bool
endsWith | bytes | bytes | bool
isEmail | string | | bool
isHostname | string | | bool
isHostAndPort | string | bool | bool
isIp | string | | bool
isIp | string | int | bool
isIpPrefix | string | | bool
isIpPrefix | string | int | bool
isIpPrefix | string | bool | bool
isIpPrefix | string | int, bool | bool
isUri | string | | bool
isUriRef | string | | bool
unique | list(A) | | bool
isNan | double | | bool
isInf | double | | bool
isInf | double | int | bool
getField | | A, string | dyn
charAt | string | int | string
indexOf | string | string | int
indexOf | string | string, int | int
lastIndexOf | string | string | int
lastIndexOf | string | string, int | int
lowerAscii | string | | string
upperAscii | string | | string
replace | string | string, string | string
replace | string | string, string, int | string
split | string | string | list(string)
split | string | string, int | list(string)
substring | string | int | string
substring | string | int, int | string
trim | string | | string
reverse | string | | string
join | list(string) | | string
join | list(string) | string | string
format | string | list(dyn) | string
";

struct Overload {
    name: String,
    receiver: Option<Type>,
    params: Vec<Type>,
    result: Type,
}

fn overloads() -> &'static [Overload] {
    static TABLE: OnceLock<Vec<Overload>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out: Vec<Overload> = OVERLOADS
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let parts: Vec<&str> = l.split('|').map(str::trim).collect();
                let ty = |s: &str| parse_type(s).unwrap_or(Type::Dyn);
                Overload {
                    name: parts[0].to_string(),
                    receiver: (!parts[1].is_empty()).then(|| ty(parts[1])),
                    params: split_top(parts[2]).into_iter().map(ty).collect(),
                    result: ty(parts[3]),
                }
            })
            .collect();
        // Ordering compares any two numbers, and equality too (cel-go's heterogeneous
        // numeric comparisons), besides same-typed ordered values.
        let ordered = [
            "bool",
            "int",
            "uint",
            "double",
            "string",
            "bytes",
            "timestamp",
            "duration",
        ];
        let numbers = [Type::Int, Type::Uint, Type::Double];
        for op in ["_<_", "_<=_", "_>_", "_>=_"] {
            for t in ordered {
                let t = parse_type(t).unwrap_or(Type::Dyn);
                out.push(Overload {
                    name: op.into(),
                    receiver: None,
                    params: vec![t.clone(), t],
                    result: Type::Bool,
                });
            }
        }
        for op in ["_<_", "_<=_", "_>_", "_>=_", "_==_", "_!=_"] {
            for a in &numbers {
                for b in numbers.iter().filter(|b| *b != a) {
                    out.push(Overload {
                        name: op.into(),
                        receiver: None,
                        params: vec![a.clone(), b.clone()],
                        result: Type::Bool,
                    });
                }
            }
        }
        out
    })
}

/// Splits at commas outside parentheses.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push(s[start..].trim());
    }
    out
}

fn parse_type(s: &str) -> Option<Type> {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix("list(").and_then(|r| r.strip_suffix(')')) {
        return Some(Type::List(Box::new(parse_type(inner)?)));
    }
    if let Some(inner) = s.strip_prefix("map(").and_then(|r| r.strip_suffix(')')) {
        let kv = split_top(inner);
        return Some(Type::Map(
            Box::new(parse_type(kv.first()?)?),
            Box::new(parse_type(kv.get(1)?)?),
        ));
    }
    Some(match s {
        "int" => Type::Int,
        "uint" => Type::Uint,
        "double" => Type::Double,
        "bool" => Type::Bool,
        "string" => Type::String,
        "bytes" => Type::Bytes,
        "null_type" => Type::Null,
        "duration" => Type::Duration,
        "timestamp" => Type::Timestamp,
        "dyn" => Type::Dyn,
        "type" => Type::Type,
        p if p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()) => {
            Type::Param(p.chars().next()?)
        }
        _ => return None,
    })
}

/// Names that denote types in expressions (`type(x) == string`).
const TYPE_NAMES: &[&str] = &[
    "int",
    "uint",
    "double",
    "bool",
    "string",
    "bytes",
    "list",
    "map",
    "null_type",
    "type",
    "dyn",
];

fn unwrap(t: &Type) -> &Type {
    match t {
        Type::Wrapper(inner) => inner,
        other => other,
    }
}

fn nullable(t: &Type) -> bool {
    matches!(
        t,
        Type::Null | Type::Message(_) | Type::Wrapper(_) | Type::Duration | Type::Timestamp
    )
}

/// Whether two argument types can stand for the same type parameter.
fn compatible(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Dyn | Type::Error, _) | (_, Type::Dyn | Type::Error) => true,
        (Type::Null, t) | (t, Type::Null) => nullable(t),
        (Type::List(x), Type::List(y)) => compatible(x, y),
        (Type::Map(k1, v1), Type::Map(k2, v2)) => compatible(k1, k2) && compatible(v1, v2),
        (Type::Wrapper(x), y) | (y, Type::Wrapper(x)) => compatible(x, y),
        _ => a == b,
    }
}

/// Matches an argument type against a parameter, binding type parameters.
fn bind(param: &Type, arg: &Type, env: &mut Vec<(char, Type)>) -> bool {
    match (param, arg) {
        (Type::Param(p), _) => match env.iter().position(|(q, _)| q == p) {
            Some(i) => {
                if !compatible(&env[i].1, arg) {
                    return false;
                }
                // A concrete type is more telling than dyn or null.
                if matches!(env[i].1, Type::Dyn | Type::Error | Type::Null) {
                    env[i].1 = arg.clone();
                }
                true
            }
            None => {
                env.push((*p, arg.clone()));
                true
            }
        },
        (Type::Dyn, _) | (_, Type::Dyn | Type::Error) => true,
        (Type::List(p), Type::List(a)) => bind(p, a, env),
        (Type::Map(pk, pv), Type::Map(ak, av)) => bind(pk, ak, env) && bind(pv, av, env),
        (_, Type::Wrapper(inner)) => bind(param, inner, env),
        _ => param == arg,
    }
}

fn substitute(t: &Type, env: &[(char, Type)]) -> Type {
    match t {
        Type::Param(p) => env
            .iter()
            .find(|(q, _)| q == p)
            .map(|(_, t)| t.clone())
            .unwrap_or(Type::Dyn),
        Type::List(e) => Type::List(Box::new(substitute(e, env))),
        Type::Map(k, v) => Type::Map(Box::new(substitute(k, env)), Box::new(substitute(v, env))),
        other => other.clone(),
    }
}

/// Checks `expr` with the given variables: its type, or every error found.
pub fn check(expr: &Expr, vars: &[(&str, Type)], schema: &dyn Schema) -> Result<Type, Vec<String>> {
    let mut c = Checker {
        schema,
        scopes: vars
            .iter()
            .map(|(n, t)| (n.to_string(), t.clone()))
            .collect(),
        errors: Vec::new(),
    };
    let t = c.expr(expr);
    if c.errors.is_empty() {
        Ok(t)
    } else {
        Err(c.errors)
    }
}

struct Checker<'a> {
    schema: &'a dyn Schema,
    /// Variables, innermost last.
    scopes: Vec<(String, Type)>,
    errors: Vec<String>,
}

impl Checker<'_> {
    fn var(&self, name: &str) -> Option<Type> {
        self.scopes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    }

    fn error(&mut self, message: String) -> Type {
        self.errors.push(message);
        Type::Error
    }

    fn expr(&mut self, e: &Expr) -> Type {
        match e {
            Expr::Lit(l) => match l {
                Lit::Int(_) => Type::Int,
                Lit::Uint(_) => Type::Uint,
                Lit::Double(_) => Type::Double,
                Lit::Str(_) => Type::String,
                Lit::Bytes(_) => Type::Bytes,
                Lit::Bool(_) => Type::Bool,
                Lit::Null => Type::Null,
            },
            Expr::Ident(name) => self.ident(name),
            Expr::Select(operand, field) => self.select(e, operand, field),
            Expr::List(items) => {
                let types: Vec<Type> = items.iter().map(|i| self.expr(i)).collect();
                Type::List(Box::new(join(&types)))
            }
            Expr::Map(entries) => {
                let (keys, values): (Vec<Type>, Vec<Type>) = entries
                    .iter()
                    .map(|(k, v)| (self.expr(k), self.expr(v)))
                    .unzip();
                Type::Map(Box::new(join(&keys)), Box::new(join(&values)))
            }
            Expr::Struct(name, fields) => {
                for (_, v) in fields {
                    self.expr(v);
                }
                if self.schema.is_type(name) {
                    Type::Message(name.clone())
                } else {
                    Type::Dyn
                }
            }
            Expr::Call { target, name, args } => self.call(target.as_deref(), name, args),
        }
    }

    fn ident(&mut self, name: &str) -> Type {
        if let Some(t) = self.var(name) {
            return t;
        }
        if TYPE_NAMES.contains(&name) || self.schema.is_type(name) {
            return Type::Type;
        }
        if self.schema.is_enum_value(name) {
            return Type::Int;
        }
        self.error(format!(
            "undeclared reference to '{name}' (in container '')"
        ))
    }

    fn select(&mut self, whole: &Expr, operand: &Expr, field: &str) -> Type {
        // `pkg.Enum.VALUE` and `pkg.Message` are names, not selections, unless their first
        // part is a variable.
        if let Some(q) = whole.qualified_name() {
            let root = q.split('.').next().unwrap_or_default();
            if self.var(root).is_none() {
                if self.schema.is_enum_value(&q) {
                    return Type::Int;
                }
                if self.schema.is_type(&q) {
                    return Type::Type;
                }
                return self.error(format!("undeclared reference to '{q}' (in container '')"));
            }
        }
        let t = self.expr(operand);
        self.field_of(&t, field)
    }

    fn field_of(&mut self, t: &Type, field: &str) -> Type {
        match unwrap(t) {
            Type::Dyn | Type::Error => Type::Dyn,
            Type::Map(_, v) => (**v).clone(),
            Type::Message(m) => match self.schema.field(m, field) {
                Some(f) => f,
                None => self.error(format!("undefined field '{field}'")),
            },
            other => {
                let shown = other.to_string();
                self.error(format!("type '{shown}' does not support field selection"))
            }
        }
    }

    fn call(&mut self, target: Option<&Expr>, name: &str, args: &[Expr]) -> Type {
        if let Some(t) = self.macro_call(target, name, args) {
            return t;
        }
        // `ns.fn(x)` with `ns` not a variable: a namespaced function accord may not know.
        let namespaced = target
            .and_then(Expr::qualified_name)
            .filter(|q| self.var(q.split('.').next().unwrap_or_default()).is_none());
        if let Some(ns) = namespaced {
            for a in args {
                self.expr(a);
            }
            let full = format!("{ns}.{name}");
            return self
                .resolve(&full, None, args.len(), &[])
                .unwrap_or(Type::Dyn);
        }
        let receiver = target.map(|t| self.expr(t));
        let types: Vec<Type> = args.iter().map(|a| self.expr(a)).collect();
        match self.resolve(name, receiver.as_ref(), args.len(), &types) {
            Some(t) => t,
            None => {
                let list = types.iter().map(Type::to_string).collect::<Vec<_>>();
                let shown = match &receiver {
                    Some(r) => format!("{r}.({})", list.join(", ")),
                    None => format!("({})", list.join(", ")),
                };
                self.error(format!(
                    "found no matching overload for '{name}' applied to '{shown}'"
                ))
            }
        }
    }

    /// The result type of a call, `None` when the function is known but no overload fits.
    /// Unknown functions are `dyn`.
    fn resolve(
        &self,
        name: &str,
        receiver: Option<&Type>,
        arity: usize,
        args: &[Type],
    ) -> Option<Type> {
        let candidates: Vec<&Overload> = overloads().iter().filter(|o| o.name == name).collect();
        if candidates.is_empty() {
            return Some(Type::Dyn);
        }
        let mut results: Vec<Type> = Vec::new();
        for o in candidates {
            if o.receiver.is_some() != receiver.is_some() || o.params.len() != arity {
                continue;
            }
            let mut env = Vec::new();
            let receiver_ok = match (&o.receiver, receiver) {
                (Some(p), Some(r)) => bind(p, r, &mut env),
                _ => true,
            };
            if receiver_ok && o.params.iter().zip(args).all(|(p, a)| bind(p, a, &mut env)) {
                let r = substitute(&o.result, &env);
                if !results.contains(&r) {
                    results.push(r);
                }
            }
        }
        match results.len() {
            0 => None,
            1 => results.pop(),
            _ => Some(Type::Dyn),
        }
    }

    /// `has`, and the comprehension macros over lists and maps.
    fn macro_call(&mut self, target: Option<&Expr>, name: &str, args: &[Expr]) -> Option<Type> {
        if name == "has" && target.is_none() && args.len() == 1 {
            return Some(match &args[0] {
                Expr::Select(operand, field) => {
                    if args[0].qualified_name().is_some_and(|q| {
                        self.var(q.split('.').next().unwrap_or_default()).is_none()
                    }) {
                        self.select(&args[0], operand, field);
                    } else {
                        let t = self.expr(operand);
                        self.field_of(&t, field);
                    }
                    Type::Bool
                }
                _ => self.error("invalid argument to has() macro".into()),
            });
        }
        let target = target?;
        let comprehension = matches!(name, "all" | "exists" | "exists_one" | "map" | "filter");
        let Some(Expr::Ident(var)) = args.first() else {
            return None;
        };
        if !comprehension || !(2..=3).contains(&args.len()) {
            return None;
        }
        let range = self.expr(target);
        let elem = match unwrap(&range) {
            Type::List(e) => (**e).clone(),
            Type::Map(k, _) => (**k).clone(),
            Type::Dyn | Type::Error => Type::Dyn,
            other => {
                let shown = other.to_string();
                return Some(self.error(format!(
                    "expression of type '{shown}' cannot be the range of a comprehension (must be list, map, or dynamic)"
                )));
            }
        };
        self.scopes.push((var.clone(), elem.clone()));
        let types: Vec<Type> = args[1..].iter().map(|a| self.expr(a)).collect();
        self.scopes.pop();
        let predicate_is_bool =
            |t: &Type| matches!(unwrap(t), Type::Bool | Type::Dyn | Type::Error);
        Some(match (name, types.as_slice()) {
            ("map", [e]) | ("map", [_, e]) => Type::List(Box::new(e.clone())),
            ("filter", [_]) => Type::List(Box::new(elem)),
            (_, [p]) if !predicate_is_bool(p) => {
                let op = if name == "all" { "_&&_" } else { "_||_" };
                self.error(format!(
                    "found no matching overload for '{op}' applied to '(bool, {p})'"
                ))
            }
            _ => Type::Bool,
        })
    }
}

/// The type of a list of values: theirs when they agree, else `dyn`.
fn join(types: &[Type]) -> Type {
    let Some(first) = types.iter().find(|t| !matches!(t, Type::Error)) else {
        return Type::Dyn;
    };
    if types.iter().all(|t| t == first || matches!(t, Type::Error)) {
        first.clone()
    } else {
        Type::Dyn
    }
}

#[cfg(test)]
mod tests {
    use super::super::compile;
    use super::*;

    struct Msgs;
    impl Schema for Msgs {
        fn field(&self, message: &str, field: &str) -> Option<Type> {
            match (message, field) {
                ("M", "s") => Some(Type::String),
                ("M", "n") => Some(Type::Int),
                ("M", "list") => Some(Type::List(Box::new(Type::Int))),
                _ => None,
            }
        }
        fn is_type(&self, name: &str) -> bool {
            name == "M"
        }
        fn is_enum_value(&self, name: &str) -> bool {
            name == "pkg.E.A"
        }
    }

    fn ok(src: &str, this: Type) -> Type {
        compile(src, &[("this", this)], &Msgs).unwrap_or_else(|e| panic!("{src}: {e:?}"))
    }

    fn err(src: &str, this: Type) -> Vec<String> {
        compile(src, &[("this", this)], &Msgs).expect_err(src)
    }

    #[test]
    fn types_of_valid_expressions() {
        assert_eq!(ok("this.size() > 5", Type::String), Type::Bool);
        assert_eq!(ok("this + 1", Type::Int), Type::Int);
        assert_eq!(
            ok("this == this ? '' : 'error'", Type::Message("M".into())),
            Type::String
        );
        assert_eq!(
            ok(
                "size(this.s) > 0 && this.list.all(x, x >= 2)",
                Type::Message("M".into())
            ),
            Type::Bool
        );
        assert_eq!(
            ok("this.list.map(x, x * 2)", Type::Message("M".into())),
            Type::List(Box::new(Type::Int))
        );
        assert_eq!(ok("this <= duration('1s')", Type::Duration), Type::Bool);
        assert_eq!(ok("this > 1u && this < 2.0", Type::Int), Type::Bool);
        assert_eq!(ok("'%s'.format([this, 1])", Type::Int), Type::String);
        assert_eq!(ok("this == pkg.E.A", Type::Int), Type::Bool);
        assert_eq!(
            ok("has(this.s) && this.n in [1, 2]", Type::Message("M".into())),
            Type::Bool
        );
        assert_eq!(ok("math.greatest(this, 1)", Type::Int), Type::Dyn);
        assert_eq!(ok("this.isIpPrefix(4, true)", Type::String), Type::Bool);
        assert_eq!(
            ok("this != null", Type::Wrapper(Box::new(Type::Int))),
            Type::Bool
        );
    }

    #[test]
    fn errors_in_cel_go_words() {
        assert_eq!(
            err("this > 5", Type::String),
            ["found no matching overload for '_>_' applied to '(string, int)'"]
        );
        assert_eq!(
            err("this > 2", Type::List(Box::new(Type::Int))),
            ["found no matching overload for '_>_' applied to '(list(int), int)'"]
        );
        assert_eq!(
            err("this <= 1", Type::Duration),
            ["found no matching overload for '_<=_' applied to '(duration, int)'"]
        );
        assert_eq!(
            err("foo + bar", Type::Int),
            [
                "undeclared reference to 'foo' (in container '')",
                "undeclared reference to 'bar' (in container '')"
            ]
        );
        assert_eq!(
            err("this.startsWith(1)", Type::String),
            ["found no matching overload for 'startsWith' applied to 'string.(int)'"]
        );
        assert_eq!(
            err("this.x", Type::Message("M".into())),
            ["undefined field 'x'"]
        );
        assert_eq!(err("1.all(x, x)", Type::Int).len(), 1);
        assert_eq!(
            err("this.list.all(x, x)", Type::Message("M".into())),
            ["found no matching overload for '_&&_' applied to '(bool, int)'"]
        );
    }
}
