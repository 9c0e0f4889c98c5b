//! Well-known type rules: invalid durations and timestamps, `timestamp.within`/`lt_now`/
//! `gt_now`, and field mask `in`/`not_in` overlap.

use super::*;

pub(super) fn seconds_nanos(m: &DynamicMessage) -> (i64, i32, String) {
    let secs = match get(m, 1) {
        Some(Value::I64(s)) => *s,
        _ => 0,
    };
    let nanos = match get(m, 2) {
        Some(Value::I32(n)) => *n,
        _ => 0,
    };
    let mut text = Vec::new();
    if secs != 0 {
        text.push(format!("seconds:{secs}"));
    }
    if nanos != 0 {
        text.push(format!("nanos:{nanos}"));
    }
    (secs, nanos, text.join(" "))
}

/// Why a Duration bound is invalid, in buf's words.
pub(super) fn duration_error(m: &DynamicMessage) -> Option<String> {
    let (secs, nanos, text) = seconds_nanos(m);
    let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    let max = 9_223_372_036_i128 * 1_000_000_000 + 854_775_428;
    if nanos <= -1_000_000_000 || nanos >= 1_000_000_000 {
        Some(format!(
            "duration ({text}) must have nanos in the range 0 to 999999999"
        ))
    } else if (secs > 0 && nanos < 0) || (secs < 0 && nanos > 0) {
        Some(format!(
            "duration ({text}) has seconds and nanos with different signs"
        ))
    } else if total > max || total < -max {
        Some(format!(
            "duration ({text}) must be in the range seconds:-9223372036 nanos:-854775428 to seconds:9223372036 nanos:854775428"
        ))
    } else {
        None
    }
}

/// Why a Timestamp bound is invalid, in the words of Go's protobuf runtime.
pub(super) fn timestamp_error(m: &DynamicMessage) -> Option<String> {
    let (secs, nanos, text) = seconds_nanos(m);
    if secs < -62_135_596_800 {
        Some(format!("proto:\u{a0}timestamp ({text}) before 0001-01-01"))
    } else if secs > 253_402_300_799 {
        Some(format!("proto:\u{a0}timestamp ({text}) after 9999-12-31"))
    } else if !(0..1_000_000_000).contains(&nanos) {
        Some(format!(
            "proto:\u{a0}timestamp ({text}) has out-of-range nanos"
        ))
    } else {
        None
    }
}

/// `lt_now` with `gt_now`, and `within` that is invalid or not positive.
pub(super) fn check_timestamp(a: &mut Adder, rules: &DynamicMessage) {
    const FAMILY: u32 = 22;
    let name = a.field.name.clone();
    let set = |n: u32| get(rules, n).and_then(Value::as_bool) == Some(true);
    if set(7) && set(8) {
        let msg = format!(
            "Field {name:?} has both {} and {}. A timestamp cannot be both before and after validation time.",
            a.rule_name(&[FAMILY, 8]),
            a.rule_name(&[FAMILY, 7])
        );
        a.add_all(&[&[FAMILY, 8], &[FAMILY, 7]], msg);
    }
    if let Some(Value::Message(within)) = get(rules, 9) {
        let rule = a.rule_name(&[FAMILY, 9]);
        if let Some(err) = duration_error(within) {
            a.add(
                &[FAMILY, 9],
                format!("Field {name:?} has an invalid {rule}: {err}."),
            );
        } else {
            let (secs, nanos, text) = seconds_nanos(within);
            if secs <= 0 && nanos <= 0 {
                a.add(
                    &[FAMILY, 9],
                    format!("Field {name:?} must have a positive {rule} ({text})."),
                );
            }
        }
    }
}

pub(super) fn check_field_mask(a: &mut Adder, rules: &DynamicMessage) {
    const FAMILY: u32 = 28;
    check_const(a, rules, FAMILY);
    let list = |n: u32| -> Vec<String> {
        match get(rules, n) {
            Some(Value::List(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let (ins, not_ins) = (list(2), list(3));
    let name = a.field.name.clone();
    for path in ins.iter().filter(|p| not_ins.contains(p)) {
        a.add(
            &[FAMILY, 2],
            format!("Field {name:?} has path {path:?} in both in and not_in rules."),
        );
    }
}
