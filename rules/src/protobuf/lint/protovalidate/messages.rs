//! `(buf.validate.message)` rules: `oneof` entries and message `cel` rules, and the
//! `cel` id/expression problems shared with field rules.

use super::*;

/// What can be said about `cel` rules (field number `cel_n` of the rules message) without
/// compiling them: ids with invalid characters, ids used twice, empty expressions. Returns
/// (rule path, message) pairs.
pub(super) fn cel_rule_problems(
    rules: &DynamicMessage,
    cel_n: u32,
    parent: &str,
    capital: &str,
    cel_name: &str,
) -> Vec<(Vec<u32>, String)> {
    let mut out = Vec::new();
    let Some(Value::List(list)) = get(rules, cel_n) else {
        return out;
    };
    let mut ids: Vec<(String, Vec<u32>)> = Vec::new();
    for (i, rule) in list.iter().enumerate() {
        let Value::Message(rule) = rule else {
            continue;
        };
        let i = i as u32;
        let id = get(rule, 1).and_then(Value::as_str).unwrap_or_default();
        if !id.is_empty() {
            let valid = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !valid {
                out.push((
                    vec![cel_n, i],
                    format!("{capital} has invalid characters for {cel_name}.id. IDs must contain only characters a-z, A-Z, 0-9, '.', '_', '-'."),
                ));
            }
            match ids.iter_mut().find(|(k, _)| k == id) {
                Some((_, v)) => v.push(i),
                None => ids.push((id.to_string(), vec![i])),
            }
        }
        let expression = get(rule, 3).and_then(Value::as_str).unwrap_or_default();
        if expression.trim().is_empty() {
            out.push((
                vec![cel_n, i],
                format!("{capital} has an empty {cel_name}.expression. Expressions should always be specified."),
            ));
        }
    }
    for (id, indices) in ids {
        if indices.len() < 2 {
            continue;
        }
        for i in indices {
            out.push((
                vec![cel_n, i],
                format!("{cel_name}.id ({id:?}) is not unique within {parent}."),
            ));
        }
    }
    out
}

/// `(buf.validate.message).oneof` entries: empty, duplicate, unknown or shared fields.
pub(super) fn check_messages(file: &File, pool: &DescriptorPool, sink: &mut Sink) {
    let (Some(ext), Some(rules_desc)) = (
        pool.get_extension_by_name("buf.validate.message"),
        pool.get_message_by_name("buf.validate.MessageRules"),
    ) else {
        return;
    };
    for message in &file.messages {
        let Some(desc) = pool.get_message_by_name(&message.full_name) else {
            continue;
        };
        let options = desc.options();
        if !options.has_extension(&ext) {
            continue;
        }
        let Value::Message(rules) = options.get_extension(&ext).into_owned() else {
            continue;
        };
        let name = &message.name;
        let at = OptionAt {
            element: &message.path,
            options_tag: tag::MESSAGE_OPTIONS,
            ext_number: FIELD_EXT_NUMBER,
            rules: &rules_desc,
            logical: &message.full_name,
        };
        let mut report = |rule: &[u32], text: String| report_option(sink, file, &at, rule, text);
        let names = cel_rules::Names {
            cel: "(buf.validate.message).cel",
            cel_expression: "(buf.validate.message).cel_expression",
            on: &format!("message {name:?}"),
            capital: &format!("Message {name:?}"),
        };
        let vars = [
            ("this", cel::Type::Message(message.full_name.clone())),
            ("now", cel::Type::Timestamp),
        ];
        let problems = cel_rule_problems(&rules, 3, names.on, names.capital, names.cel)
            .into_iter()
            .chain(cel_rules::compile_problems(
                &rules,
                (3, 5),
                &vars,
                pool,
                &names,
            ));
        for (path, text) in problems {
            report(&path, text);
        }
        let Some(Value::List(entries)) = get(&rules, 4) else {
            continue;
        };
        let mut entries_of: Vec<(String, Vec<u32>)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let i = i as u32;
            let fields: Vec<String> = match entry {
                Value::Message(m) => match get(m, 1) {
                    Some(Value::List(names)) => names
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                },
                _ => continue,
            };
            if fields.is_empty() {
                report(
                    &[4, i],
                    format!(
                        "Message {name:?} has a (buf.validate.message).oneof entry with no fields. Each oneof entry must specify at least one field."
                    ),
                );
                continue;
            }
            let mut seen: Vec<&str> = Vec::new();
            for (j, f) in fields.iter().enumerate() {
                let at = [4, i, 1, j as u32];
                if seen.contains(&f.as_str()) {
                    report(
                        &at,
                        format!(
                            "Message {name:?} has a (buf.validate.message).oneof entry that references field {f:?} more than once. Duplicate field names are not permitted."
                        ),
                    );
                    continue;
                }
                seen.push(f);
                if desc.get_field_by_name(f).is_none() {
                    report(
                        &at,
                        format!(
                            "Message {name:?} has a (buf.validate.message).oneof entry that references field {f:?}, which is not defined in the message."
                        ),
                    );
                    continue;
                }
                match entries_of.iter_mut().find(|(n, _)| n == f) {
                    Some((_, list)) => list.push(i),
                    None => entries_of.push((f.clone(), vec![i])),
                }
            }
        }
        for (f, indices) in entries_of {
            if indices.len() < 2 {
                continue;
            }
            let mut spans: Vec<Span> = Vec::new();
            for i in indices {
                let span = option_span_at(
                    file,
                    &message.path,
                    tag::MESSAGE_OPTIONS,
                    &[4, i],
                    &rules_desc,
                );
                if spans.contains(&span) {
                    continue;
                }
                spans.push(span);
                report(
                    &[4, i],
                    format!(
                        "Message {name:?} references field {f:?} in more than one (buf.validate.message).oneof entry. A field may only appear in one oneof entry."
                    ),
                );
            }
        }
    }
}
