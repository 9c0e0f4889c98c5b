//! Repeated and map rules: item, key and value rules checked recursively, and min/max
//! item or pair counts.

use super::*;

pub(super) fn check_repeated(
    a: &mut Adder,
    rules: &DynamicMessage,
    field: &FieldInfo,
    pool: &DescriptorPool,
) {
    let name = a.field.name.clone();
    if !field.is_list {
        let msg = format!(
            "Field {name:?} is not repeated but has {} rules.",
            a.rule_name(&[REPEATED])
        );
        a.add(&[REPEATED], msg);
        return;
    }
    if get(rules, 3).and_then(Value::as_bool) == Some(true)
        && let Kind::Message(m) = &field.kind
        && !WRAPPERS.contains(&m.full_name())
    {
        let msg = format!(
            "Field {name:?} is of type {} but has {} set to true, which is only allowed for scalar types and wrapper types.",
            a.pretty,
            a.rule_name(&[REPEATED, 3])
        );
        a.add(&[REPEATED, 3], msg);
    }
    bounds(a, rules, REPEATED, (1, 2));
    let base = a.full(&[REPEATED, 4]);
    let mut items = a.with_base(&base);
    if let Some(Value::Message(item_rules)) = get(rules, 4) {
        if get(item_rules, REQUIRED).and_then(Value::as_bool) == Some(true) {
            let r = items.rule_name(&[REQUIRED]);
            let msg = format!(
                "Field {name:?} has {r} on repeated item rules, which is unenforceable. The {r} constraint cannot be applied to individual items in a repeated field."
            );
            items.add(&[REQUIRED], msg);
        }
        let element = FieldInfo {
            is_list: false,
            is_map: false,
            oneof: None,
            presence: false,
            extension: false,
            kind: field.kind.clone(),
        };
        check_rules(&mut items, item_rules, &element, false, false, pool);
    }
}

pub(super) fn check_map(
    a: &mut Adder,
    rules: &DynamicMessage,
    field: &FieldInfo,
    pool: &DescriptorPool,
) {
    let name = a.field.name.clone();
    if !field.is_map {
        let msg = format!(
            "Field {name:?} is not a map but has {}.",
            a.rule_name(&[MAP])
        );
        a.add(&[MAP], msg);
        return;
    }
    bounds(a, rules, MAP, (1, 2));
    for (number, value, what) in [(4, false, "map keys"), (5, true, "map values")] {
        let base = a.full(&[MAP, number]);
        let mut sub = a.with_base(&base);
        let Some(Value::Message(sub_rules)) = get(rules, number) else {
            continue;
        };
        if get(sub_rules, REQUIRED).and_then(Value::as_bool) == Some(true) {
            let r = sub.rule_name(&[REQUIRED]);
            let kind = if value { "map value" } else { "map key" };
            let msg = format!(
                "Field {name:?} has {r} on {kind} rules, which is unenforceable. The {r} constraint cannot be applied to {what}."
            );
            sub.add(&[REQUIRED], msg);
        }
        if let Some(part) = field.map_part(value) {
            check_rules(&mut sub, sub_rules, &part, false, false, pool);
        }
    }
}

/// min/max item (or pair) counts: min above max is reported on both.
fn bounds(a: &mut Adder, rules: &DynamicMessage, family: u32, (min_n, max_n): (u32, u32)) {
    let (Some(min), Some(max)) = (uint(get(rules, min_n)), uint(get(rules, max_n))) else {
        return;
    };
    if min <= max {
        return;
    }
    let name = a.field.name.clone();
    let (min_name, max_name) = (a.rule_name(&[family, min_n]), a.rule_name(&[family, max_n]));
    let msg = format!(
        "Field {name:?} has value {min} for {min_name}, which must be lower than value {max} for {max_name}."
    );
    a.add(&[family, min_n], msg);
    let msg = format!(
        "Field {name:?} has value {max} for {max_name}, which must be higher than value {min} for {min_name}."
    );
    a.add(&[family, max_n], msg);
}
