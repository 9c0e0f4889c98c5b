//! String and bytes rules: `const` alongside others, length bounds (`len`, min/max,
//! characters against bytes), substrings against the maximum and `not_contains`, and
//! unbalanced `pattern` brackets.

use super::*;

pub(super) fn check_bytes(a: &mut Adder, rules: &DynamicMessage) {
    check_const(a, rules, BYTES);
    check_len(a, rules, BYTES, "len", "min_len", "max_len");
    check_pattern(a, rules, BYTES, 4);
    let name = a.field.name.clone();
    let Some(max) = uint(get(rules, 3)) else {
        return;
    };
    for n in [5, 6, 7] {
        let Some(Value::Bytes(sub)) = get(rules, n) else {
            continue;
        };
        if sub.len() as u64 > max {
            let text = String::from_utf8_lossy(sub).into_owned();
            let msg = format!(
                "Field {name:?} has a {} of {} bytes, exceeding its max_len ({max}). It is impossible to contain {text:?} while having less than or equal to {max} bytes.",
                a.rule_name(&[BYTES, n]),
                sub.len()
            );
            a.add(&[BYTES, n], msg);
        }
    }
}

/// A `pattern` that RE2 cannot compile. Only unbalanced brackets and parentheses are
/// detected (with Go's RE2 error text); other syntax errors are not.
fn check_pattern(a: &mut Adder, rules: &DynamicMessage, family: u32, number: u32) {
    let Some(pattern) = get(rules, number)
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let Some(err) = regex_error(&pattern) else {
        return;
    };
    let name = a.field.name.clone();
    let msg = format!(
        "Field {name:?} has a {} that fails to compile: error parsing regexp: {err}.",
        a.rule_name(&[family, number])
    );
    a.add(&[family, number], msg);
}

fn regex_error(p: &str) -> Option<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut depth = 0i32;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => {
                let start = i;
                i += 1;
                if chars.get(i) == Some(&'^') {
                    i += 1;
                }
                // A `]` first in the class is literal.
                if chars.get(i) == Some(&']') {
                    i += 1;
                }
                loop {
                    match chars.get(i) {
                        None => {
                            let class: String = chars[start..].iter().collect();
                            return Some(format!("missing closing ]: `{class}`"));
                        }
                        Some('\\') => i += 2,
                        Some(']') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Some(format!("unexpected ): `{p}`"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    (depth > 0).then(|| format!("missing closing ): `{p}`"))
}

pub(super) fn check_const(a: &mut Adder, rules: &DynamicMessage, family: u32) {
    let Some((const_n, _)) = get_by_name(rules, "const") else {
        return;
    };
    if rules.fields().count() > 1 {
        let name = a.field.name.clone();
        let msg = format!(
            "Field {name:?} has {}, therefore other rules in {} are not applied and should be removed.",
            a.rule_name(&[family, const_n]),
            a.rule_name(&[family])
        );
        a.add(&[family, const_n], msg);
    }
}

fn check_len(a: &mut Adder, rules: &DynamicMessage, family: u32, len: &str, min: &str, max: &str) {
    let name = a.field.name.clone();
    let exact = get_by_name(rules, len).map(|(n, v)| (n, uint(Some(v))));
    let lo = get_by_name(rules, min).and_then(|(n, v)| Some((n, uint(Some(v))?)));
    let hi = get_by_name(rules, max).and_then(|(n, v)| Some((n, uint(Some(v))?)));
    if let Some((len_n, _)) = exact {
        for (n, _) in [lo, hi].into_iter().flatten() {
            let msg = format!(
                "Field {name:?} has {} and therefore, {} is redundant and should be removed.",
                a.rule_name(&[family, len_n]),
                a.rule_name(&[family, n])
            );
            a.add(&[family, n], msg);
        }
    }
    let (Some((lo_n, lo_v)), Some((hi_n, hi_v))) = (lo, hi) else {
        return;
    };
    let (lo_name, hi_name) = (a.rule_name(&[family, lo_n]), a.rule_name(&[family, hi_n]));
    if lo_v > hi_v {
        let msg = format!(
            "Field {name:?} has value {lo_v} for {lo_name}, which must be lower than value {hi_v} for {hi_name}."
        );
        a.add(&[family, lo_n], msg);
        let msg = format!(
            "Field {name:?} has value {hi_v} for {hi_name}, which must be higher than value {lo_v} for {lo_name}."
        );
        a.add(&[family, hi_n], msg);
    } else if lo_v == hi_v {
        let msg = format!(
            "Field {name:?} has equal {lo_name} and {max}, use {}.{len} instead.",
            a.rule_name(&[family])
        );
        a.add_all(&[&[family, lo_n], &[family, hi_n]], msg);
    }
}

pub(super) fn check_string(a: &mut Adder, rules: &DynamicMessage) {
    check_const(a, rules, STRING);
    check_len(a, rules, STRING, "len", "min_len", "max_len");
    check_len(a, rules, STRING, "len_bytes", "min_bytes", "max_bytes");
    let name = a.field.name.clone();
    let min_len = uint(get(rules, 2));
    let max_len = uint(get(rules, 3));
    let min_bytes = uint(get(rules, 4));
    let max_bytes = uint(get(rules, 5));
    let rn = |a: &Adder, n: u32| a.rule_name(&[STRING, n]);
    if let (Some(lo), Some(hi)) = (min_len, max_bytes)
        && hi < lo
    {
        let msg = format!(
            "Field {name:?} has value {lo} for {}, which must be lower than value {hi} for {}. A string with {lo} UTF-8 characters has at least {lo} bytes, which is higher than {hi} bytes.",
            rn(a, 2),
            rn(a, 5)
        );
        a.add(&[STRING, 2], msg);
        let msg = format!(
            "Field {name:?} has value {hi} for {}, which must be higher than value {lo} for {}. A string with {lo} UTF-8 characters has at least {lo} bytes, which is higher than {hi} bytes.",
            rn(a, 5),
            rn(a, 2)
        );
        a.add(&[STRING, 5], msg);
    }
    if let (Some(hi), Some(lo)) = (max_len, min_bytes)
        && hi.saturating_mul(4) < lo
    {
        let msg = format!(
            "Field {name:?} has value {lo} for {} but {hi} for {}. A string with {hi} UTF-8 characters has at most {} bytes.",
            rn(a, 4),
            rn(a, 3),
            hi * 4
        );
        a.add(&[STRING, 4], msg);
        let msg = format!(
            "Field {name:?} has value {hi} for {} but {lo} for {}. A string with {hi} UTF-8 characters has at most {} bytes.",
            rn(a, 3),
            rn(a, 4),
            hi * 4
        );
        a.add(&[STRING, 3], msg);
    }
    let not_contains = get(rules, 23).and_then(Value::as_str).map(str::to_string);
    for n in [7, 8, 9] {
        let Some(sub) = get(rules, n).and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        let chars = sub.chars().count() as u64;
        if let Some(max) = max_len
            && chars > max
        {
            let msg = format!(
                "Field {name:?} has a {} of length {chars}, exceeding its max_len ({max}). It is impossible for a string to contain {sub:?} while having less than or equal to {chars} UTF-8 characters.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
        let bytes = sub.len() as u64;
        if let Some(max) = max_bytes
            && bytes > max
        {
            let msg = format!(
                "Field {name:?} has a {} of {bytes} bytes, exceeding its max_bytes ({max}). It is impossible for a string to contain {sub:?} while having less than or equal to {bytes} bytes.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
        if let Some(nc) = &not_contains
            && sub.contains(nc.as_str())
        {
            let msg = format!(
                "Field {name:?} has a {} ({sub:?}) containing its not_contains ({nc:?}). It is impossible for a string to contain {sub:?} without containing {nc:?}.",
                rn(a, n)
            );
            a.add(&[STRING, n], msg);
        }
    }
    check_pattern(a, rules, STRING, 6);
    let strict_off = get(rules, 25).and_then(Value::as_bool) == Some(false);
    let known = matches!(get(rules, 24), Some(Value::EnumNumber(n)) if *n != 0);
    if strict_off && !known {
        let (s, w) = (rn(a, 25), rn(a, 24));
        let msg = format!(
            "Field {name:?} has {s} without {w}. {s} only applies to {w} and is invalid without it."
        );
        a.add(&[STRING, 25], msg);
    }
}
