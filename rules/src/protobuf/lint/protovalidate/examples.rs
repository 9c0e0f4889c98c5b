//! `example` values checked against the field's standard rules (numbers, bools, strings,
//! bytes lengths, enums, durations) and predefined rules, and how values are shown in messages.

use super::*;

/// A number as rules compare it.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn of(v: &Value) -> Option<Num> {
        Some(match v {
            Value::I32(n) => Num::Int(i128::from(*n)),
            Value::I64(n) => Num::Int(i128::from(*n)),
            Value::U32(n) => Num::Int(i128::from(*n)),
            Value::U64(n) => Num::Int(i128::from(*n)),
            Value::F32(f) => Num::Float(f64::from(*f)),
            Value::F64(f) => Num::Float(*f),
            Value::Message(m) if m.descriptor().full_name() == "google.protobuf.Duration" => {
                let (secs, nanos, _) = seconds_nanos(m);
                Num::Int(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
            }
            _ => return None,
        })
    }

    fn cmp(self, other: Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.float().partial_cmp(&b.float()),
        }
    }

    fn float(self) -> f64 {
        match self {
            Num::Int(n) => n as f64,
            Num::Float(f) => f,
        }
    }
}

/// A scalar as protovalidate's messages print it (`5`, `5.5`, `abc`, `true`).
fn show(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::I32(n) => n.to_string(),
        Value::I64(n) => n.to_string(),
        Value::U32(n) => n.to_string(),
        Value::U64(n) => n.to_string(),
        Value::F32(f) => f.to_string(),
        Value::F64(f) => f.to_string(),
        Value::String(s) => s.clone(),
        Value::EnumNumber(n) => n.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Value::Bytes(b) => format!(
            "[{}]",
            b.iter().map(u8::to_string).collect::<Vec<_>>().join(" ")
        ),
        Value::Message(m) if m.descriptor().full_name() == "google.protobuf.Duration" => {
            show_duration(m)
        }
        _ => String::new(),
    }
}

/// A duration as protobuf's JSON mapping writes it (`5s`, `1.500s`, `5.000000001s`).
fn show_duration(m: &DynamicMessage) -> String {
    let (secs, nanos, _) = seconds_nanos(m);
    let sign = if secs < 0 || nanos < 0 { "-" } else { "" };
    let (secs, nanos) = (secs.unsigned_abs(), nanos.unsigned_abs());
    let fraction = match nanos {
        0 => String::new(),
        n if n % 1_000_000 == 0 => format!(".{:03}", n / 1_000_000),
        n if n % 1_000 == 0 => format!(".{:06}", n / 1_000),
        n => format!(".{n:09}"),
    };
    format!("{sign}{secs}{fraction}s")
}

/// `example` values that the field's own standard rules reject (as buf reports them). Only
/// number, bool and string rules are evaluated (not patterns, well-known formats, CEL or
/// predefined rules), so some failing examples go unreported.
pub(super) fn check_examples(
    a: &mut Adder,
    field_rules: &DynamicMessage,
    typed: &DynamicMessage,
    family: u32,
    kind: &Kind,
    pool: &DescriptorPool,
) {
    if !matches!(family, 1..=16 | 21) {
        return;
    }
    let Some((example_n, Value::List(examples))) = get_by_name(typed, "example") else {
        return;
    };
    let examples = examples.clone();
    // Predefined rules are extensions, not among `fields()`.
    let has_rules =
        typed.fields().any(|(fd, _)| fd.name() != "example") || typed.extensions().next().is_some();
    if !has_rules || ignore_of(field_rules) == Some(3) {
        return;
    }
    // The field's own CEL rules are not evaluated here, and when one of them does not
    // compile buf reports no example at all: say nothing rather than guess.
    let has_cel = [23, 29]
        .iter()
        .any(|n| matches!(get(field_rules, *n), Some(Value::List(l)) if !l.is_empty()));
    if has_cel {
        return;
    }
    let prefix = match a.rules.get_field(family) {
        Some(fd) => fd.name().to_string(),
        None => return,
    };
    for (i, example) in examples.iter().enumerate() {
        if ignore_of(field_rules) == Some(1) && is_zero(example) {
            continue;
        }
        // Predefined rules are named by their full id, standard ones below the family.
        let Some(predefined) = cel_rules::predefined_violations(typed, example, pool) else {
            return;
        };
        let mut found = violations(typed, example);
        if let (Kind::Enum(e), Value::I32(n)) = (kind, example)
            && get_by_name(typed, "defined_only").is_some_and(|(_, v)| v.as_bool() == Some(true))
            && e.get_value(*n).is_none()
        {
            found.push((
                "defined_only".into(),
                "value must be one of the defined enum values".into(),
            ));
        }
        let standard = found
            .into_iter()
            .map(|(id, m)| (format!("{prefix}.{id}"), m));
        for (id, message) in standard.chain(predefined) {
            let msg = format!(
                "\"{}\" is an example value but does not satisfy rule \"{id}\": {message}",
                show(example)
            );
            a.add(&[family, example_n, i as u32], msg);
        }
    }
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        other => Num::of(other).is_some_and(|n| n.float() == 0.0),
    }
}

/// The standard rules of `rules` that `value` breaks: (rule id suffix, message).
fn violations(rules: &DynamicMessage, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let field = |name: &str| get_by_name(rules, name).map(|(_, v)| v.clone());
    if let Some(c) = field("const") {
        let equal = match (Num::of(&c), Num::of(value)) {
            (Some(a), Some(b)) => a.cmp(b) == Some(std::cmp::Ordering::Equal),
            _ => &c == value,
        };
        if !equal {
            let shown = match &c {
                Value::String(s) => format!("`{s}`"),
                other => show(other),
            };
            out.push(("const".into(), format!("must equal {shown}")));
        }
    }
    if let Some(v) = Num::of(value)
        && let Some(found) = bound_violation(&field, v)
    {
        out.push(found);
    }
    if let Value::String(s) = value {
        let chars = s.chars().count() as u64;
        let bytes = s.len() as u64;
        let n = |name: &str| uint(field(name).as_ref());
        let text = |name: &str| field(name).and_then(|v| v.as_str().map(str::to_string));
        let checks: [(&str, Option<u64>, bool, String); 6] = [
            (
                "len",
                n("len"),
                n("len").is_some_and(|l| chars != l),
                format!("must be {} characters", n("len").unwrap_or(0)),
            ),
            (
                "min_len",
                n("min_len"),
                n("min_len").is_some_and(|l| chars < l),
                format!("must be at least {} characters", n("min_len").unwrap_or(0)),
            ),
            (
                "max_len",
                n("max_len"),
                n("max_len").is_some_and(|l| chars > l),
                format!("must be at most {} characters", n("max_len").unwrap_or(0)),
            ),
            (
                "len_bytes",
                n("len_bytes"),
                n("len_bytes").is_some_and(|l| bytes != l),
                format!("must be {} bytes", n("len_bytes").unwrap_or(0)),
            ),
            (
                "min_bytes",
                n("min_bytes"),
                n("min_bytes").is_some_and(|l| bytes < l),
                format!("must be at least {} bytes", n("min_bytes").unwrap_or(0)),
            ),
            (
                "max_bytes",
                n("max_bytes"),
                n("max_bytes").is_some_and(|l| bytes > l),
                format!("must be at most {} bytes", n("max_bytes").unwrap_or(0)),
            ),
        ];
        for (id, _, broken, message) in checks {
            if broken {
                out.push((id.into(), message));
            }
        }
        if let Some(p) = text("prefix").filter(|p| !s.starts_with(p.as_str())) {
            out.push(("prefix".into(), format!("does not have prefix `{p}`")));
        }
        if let Some(p) = text("suffix").filter(|p| !s.ends_with(p.as_str())) {
            out.push(("suffix".into(), format!("does not have suffix `{p}`")));
        }
        if let Some(p) = text("contains").filter(|p| !s.contains(p.as_str())) {
            out.push((
                "contains".into(),
                format!("does not contain substring `{p}`"),
            ));
        }
        if let Some(p) = text("not_contains").filter(|p| s.contains(p.as_str())) {
            out.push(("not_contains".into(), format!("contains substring `{p}`")));
        }
    }
    if let Value::Bytes(b) = value {
        let len = b.len() as u64;
        let n = |name: &str| uint(field(name).as_ref());
        if let Some(l) = n("len").filter(|l| len != *l) {
            out.push(("len".into(), format!("must be {l} bytes")));
        }
        if let Some(l) = n("min_len").filter(|l| len < *l) {
            out.push(("min_len".into(), format!("must be at least {l} bytes")));
        }
        if let Some(l) = n("max_len").filter(|l| len > *l) {
            out.push(("max_len".into(), format!("must be at most {l} bytes")));
        }
    }
    if let Some(Value::List(items)) = field("in")
        && !items.is_empty()
        && !items.iter().any(|i| same(i, value))
    {
        out.push((
            "in".into(),
            format!("must be in list {}", show(&Value::List(items))),
        ));
    }
    if let Some(Value::List(items)) = field("not_in")
        && items.iter().any(|i| same(i, value))
    {
        out.push((
            "not_in".into(),
            format!("must not be in list {}", show(&Value::List(items))),
        ));
    }
    out
}

fn same(a: &Value, b: &Value) -> bool {
    match (Num::of(a), Num::of(b)) {
        (Some(x), Some(y)) => x.cmp(y) == Some(std::cmp::Ordering::Equal),
        _ => a == b,
    }
}

/// gt/gte/lt/lte as protovalidate combines them into one rule (`gt_lt`, `gte_lte_exclusive`…).
fn bound_violation(field: &dyn Fn(&str) -> Option<Value>, v: Num) -> Option<(String, String)> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let lower = ["gt", "gte"]
        .into_iter()
        .find_map(|n| field(n).map(|b| (n, b)));
    let upper = ["lt", "lte"]
        .into_iter()
        .find_map(|n| field(n).map(|b| (n, b)));
    let words = |n: &str| match n {
        "gt" => "greater than",
        "gte" => "greater than or equal to",
        "lt" => "less than",
        _ => "less than or equal to",
    };
    // Whether `v` passes one bound alone.
    let passes = |n: &str, b: Num| {
        let o = v.cmp(b);
        match n {
            "gt" => o == Some(Greater),
            "gte" => matches!(o, Some(Greater | Equal)),
            "lt" => o == Some(Less),
            _ => matches!(o, Some(Less | Equal)),
        }
    };
    match (lower, upper) {
        (Some((ln, lb)), Some((un, ub))) => {
            let (l, u) = (Num::of(&lb)?, Num::of(&ub)?);
            let ordered = matches!(u.cmp(l), Some(Greater | Equal));
            let ok = if ordered {
                passes(ln, l) && passes(un, u)
            } else {
                passes(ln, l) || passes(un, u)
            };
            if ok {
                return None;
            }
            let (suffix, joiner) = if ordered {
                ("", "and")
            } else {
                ("_exclusive", "or")
            };
            Some((
                format!("{ln}_{un}{suffix}"),
                format!(
                    "must be {} {} {joiner} {} {}",
                    words(ln),
                    show(&lb),
                    words(un),
                    show(&ub)
                ),
            ))
        }
        (Some((n, b)), None) | (None, Some((n, b))) => {
            let bound = Num::of(&b)?;
            (!passes(n, bound))
                .then(|| (n.to_string(), format!("must be {} {}", words(n), show(&b))))
        }
        (None, None) => None,
    }
}
