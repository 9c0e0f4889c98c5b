//! A CEL front end for protovalidate's rules: lexer, parser, type checker (cel-go's standard
//! declarations plus protovalidate's and the strings extension's functions) and a small
//! evaluator for checking `example` values against predefined rules.
//!
//! The checker reports what cel-go reports, in its words, where accord knows the function:
//! syntax errors, undeclared references, undefined fields and calls that match no overload.
//! A call to a function it does not know is given type `dyn` rather than reported, so an
//! extension function missing from the table never causes a false finding.

mod check;
mod eval;
mod lex;
mod parse;
pub mod proto;

pub use check::check;
pub use eval::{EvalError, Object, Val, eval};
pub use parse::{Expr, Lit, parse};

use std::fmt;

/// A CEL type, as the checker sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Int,
    Uint,
    Double,
    Bool,
    String,
    Bytes,
    Null,
    Duration,
    Timestamp,
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
    /// A protobuf message, by full name.
    Message(String),
    /// A protobuf wrapper type (`google.protobuf.Int64Value`): the primitive or null.
    Wrapper(Box<Type>),
    /// A type value (`int`, `type(x)`).
    Type,
    Dyn,
    /// The type of an expression whose error was already reported: matches anything, so one
    /// mistake is reported once.
    Error,
    /// A type parameter of an overload signature.
    Param(char),
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int => write!(f, "int"),
            Type::Uint => write!(f, "uint"),
            Type::Double => write!(f, "double"),
            Type::Bool => write!(f, "bool"),
            Type::String => write!(f, "string"),
            Type::Bytes => write!(f, "bytes"),
            Type::Null => write!(f, "null_type"),
            Type::Duration => write!(f, "duration"),
            Type::Timestamp => write!(f, "timestamp"),
            Type::List(t) => write!(f, "list({t})"),
            Type::Map(k, v) => write!(f, "map({k}, {v})"),
            Type::Message(n) => write!(f, "{n}"),
            Type::Wrapper(t) => write!(f, "wrapper({t})"),
            Type::Type => write!(f, "type"),
            Type::Dyn => write!(f, "dyn"),
            Type::Error => write!(f, "*error*"),
            Type::Param(c) => write!(f, "{c}"),
        }
    }
}

/// The message types an expression can select fields of.
pub trait Schema {
    /// The CEL type of field `field` of message `message`, if the message has that field.
    fn field(&self, message: &str, field: &str) -> Option<Type>;
    /// Whether `name` is a message or enum type (a type value in an expression).
    fn is_type(&self, name: &str) -> bool;
    /// Whether `name` is an enum value (`pkg.Enum.VALUE`, an int in CEL).
    fn is_enum_value(&self, name: &str) -> bool;
}

/// Parses and type-checks `src` with the given variables: its result type, or every error
/// in cel-go's words (without cel-go's location prefix, as buf prints them).
pub fn compile(src: &str, vars: &[(&str, Type)], schema: &dyn Schema) -> Result<Type, Vec<String>> {
    let expr = parse(src).map_err(|e| vec![e])?;
    check(&expr, vars, schema)
}
