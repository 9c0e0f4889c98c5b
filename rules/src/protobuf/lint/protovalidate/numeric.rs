//! Number, duration and timestamp bounds: `const` alongside other rules, equal lower and
//! upper bounds, and NaN float/double bounds and `in`/`not_in` entries.

use super::*;

/// A comparable form of a bound: the number, or a Duration/Timestamp's seconds and nanos.
fn bound_key(v: &Value) -> Option<(i128, i128, u64)> {
    Some(match v {
        Value::I32(n) => (i128::from(*n), 0, 0),
        Value::I64(n) => (i128::from(*n), 0, 0),
        Value::U32(n) => (i128::from(*n), 0, 0),
        Value::U64(n) => (i128::from(*n), 0, 0),
        Value::F32(f) => (0, 0, f64::from(*f).to_bits()),
        Value::F64(f) => (0, 0, f.to_bits()),
        Value::Message(m) => {
            let secs = match get(m, 1) {
                Some(Value::I64(s)) => i128::from(*s),
                _ => 0,
            };
            let nanos = match get(m, 2) {
                Some(Value::I32(n)) => i128::from(*n),
                _ => 0,
            };
            (secs, nanos, 0)
        }
        _ => return None,
    })
}

/// Number, duration and timestamp rules: `const` with others, and equal lower and upper
/// bounds (which reject everything, or should be `const`).
pub(super) fn check_numeric(
    a: &mut Adder,
    rules: &DynamicMessage,
    family: u32,
    invalid: Option<fn(&DynamicMessage) -> Option<String>>,
) {
    let name = a.field.name.clone();
    // Durations and timestamps must be valid; an invalid bound is reported and not compared.
    let mut bad: Vec<u32> = Vec::new();
    if let Some(invalid) = invalid {
        for (fd, v) in rules.fields() {
            if !matches!(fd.name(), "const" | "gt" | "gte" | "lt" | "lte") {
                continue;
            }
            if let Value::Message(m) = v
                && let Some(err) = invalid(m)
            {
                bad.push(fd.number());
                let msg = format!(
                    "Field {name:?} has an invalid {}: {err}.",
                    a.rule_name(&[family, fd.number()])
                );
                a.add(&[family, fd.number()], msg);
            }
        }
    }
    check_const(a, rules, family);
    let find = |names: [&str; 2]| {
        names.iter().find_map(|n| {
            get_by_name(rules, n)
                .filter(|(num, _)| !bad.contains(num))
                .map(|(num, v)| (num, bound_key(v), *n == names[1]))
        })
    };
    let (Some((lo_n, Some(lo), lo_inc)), Some((hi_n, Some(hi), hi_inc))) =
        (find(["gt", "gte"]), find(["lt", "lte"]))
    else {
        return;
    };
    if lo != hi {
        return;
    }
    let (lo_name, hi_name) = (a.rule_name(&[family, lo_n]), a.rule_name(&[family, hi_n]));
    let msg = if lo_inc && hi_inc {
        format!(
            "Field {name:?} has equal {lo_name} and {hi_name}, use {}.const instead.",
            a.rule_name(&[family])
        )
    } else {
        format!(
            "Field {name:?} has equal {lo_name} and {hi_name}. All values are rejected by these checks."
        )
    };
    a.add_all(&[&[family, lo_n], &[family, hi_n]], msg);
}

/// `seconds:1 nanos:-1` as Go prints a Duration or Timestamp (zero fields left out).
/// Float and double rules set to NaN: bounds no value satisfies, `in` entries that never
/// match, `not_in` entries without effect.
pub(super) fn check_nan(a: &mut Adder, rules: &DynamicMessage, family: u32) {
    let name = a.field.name.clone();
    let is_nan = |v: &Value| match v {
        Value::F32(f) => f.is_nan(),
        Value::F64(f) => f.is_nan(),
        _ => false,
    };
    let set: Vec<(String, u32, Value)> = rules
        .fields()
        .map(|(fd, v)| (fd.name().to_string(), fd.number(), v.clone()))
        .collect();
    for (rule, n, v) in set {
        match (rule.as_str(), &v) {
            ("const" | "lt" | "lte" | "gt" | "gte", v) if is_nan(v) => {
                let msg = format!(
                    "Field {name:?} has {} set to NaN. Comparisons with NaN are always false, so this rule can never be satisfied.",
                    a.rule_name(&[family, n])
                );
                a.add(&[family, n], msg);
            }
            ("in" | "not_in", Value::List(items)) => {
                let effect = if rule == "in" {
                    "this entry can never match"
                } else {
                    "this entry has no effect"
                };
                for (i, _) in items.iter().enumerate().filter(|(_, v)| is_nan(v)) {
                    let msg = format!(
                        "Field {name:?} has NaN in {}. Comparisons with NaN are always false, so {effect}.",
                        a.rule_name(&[family, n])
                    );
                    a.add(&[family, n, i as u32], msg);
                }
            }
            _ => {}
        }
    }
}
