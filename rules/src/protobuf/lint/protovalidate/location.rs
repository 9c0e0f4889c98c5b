//! Where findings go in the source: option locations below the protovalidate extensions,
//! and rules written inside message literals, found by scanning the option text.

use super::*;

/// Where a rule path below `(buf.validate.field)` is written, as buf finds it: the exact
/// option location; else the first location inside it; else the rule written inside a
/// message literal (`(buf.validate.field).string = {min_len: 5}`); else the nearest
/// enclosing option location; else 1:1.
pub(super) fn option_span(
    file: &File,
    field_path: &[i32],
    rule: &[u32],
    rules: &MessageDescriptor,
) -> Span {
    option_span_at(file, field_path, tag::FIELD_OPTIONS, rule, rules)
}

/// Where findings about one element's protovalidate options go.
pub(super) struct OptionAt<'a> {
    pub(super) element: &'a [i32],
    /// The element's options field (`tag::MESSAGE_OPTIONS`, `tag::FIELD_OPTIONS`).
    pub(super) options_tag: i32,
    /// The extension on the options (1159, or 1160 for `(buf.validate.predefined)`).
    pub(super) ext_number: i32,
    /// The extension's message type.
    pub(super) rules: &'a MessageDescriptor,
    pub(super) logical: &'a str,
}

/// Reports `text` at the rule path `rule` below the option extension of `at`.
pub(super) fn report_option(
    sink: &mut Sink,
    file: &File,
    at: &OptionAt,
    rule: &[u32],
    text: String,
) {
    let span = option_span_ext(
        file,
        at.element,
        at.options_tag,
        at.ext_number,
        rule,
        at.rules,
    );
    let mut src = at.element.to_vec();
    src.extend([at.options_tag, at.ext_number]);
    src.extend(rule.iter().map(|n| *n as i32));
    sink.report_span(file, span, &src, at.logical.to_string(), text);
}

/// [`option_span`] for the extension 1159 on the options (field `options_tag`) of any element.
pub(super) fn option_span_at(
    file: &File,
    element: &[i32],
    options_tag: i32,
    rule: &[u32],
    rules: &MessageDescriptor,
) -> Span {
    option_span_ext(file, element, options_tag, FIELD_EXT_NUMBER, rule, rules)
}

/// [`option_span_at`] for any extension of the options (1160 for `(buf.validate.predefined)`).
fn option_span_ext(
    file: &File,
    element: &[i32],
    options_tag: i32,
    ext_number: i32,
    rule: &[u32],
    rules: &MessageDescriptor,
) -> Span {
    let mut base: Vec<i32> = element.to_vec();
    base.extend([options_tag, ext_number]);
    let ext_len = base.len();
    let mut full = base.clone();
    full.extend(rule.iter().map(|n| *n as i32));
    if let Some(l) = file.location(&full) {
        return l.span;
    }
    let mut best_desc: Option<Span> = None;
    let mut best_anc: Option<(usize, Span)> = None;
    for (p, l) in file.locations() {
        if p.len() > full.len() && p.starts_with(&full) {
            if best_desc.is_none_or(|b| (l.line, l.column) < (b.line, b.column)) {
                best_desc = Some(l);
            }
        } else if p.len() >= ext_len
            && p.len() < full.len()
            && full.starts_with(p)
            && best_anc.is_none_or(|(n, _)| p.len() > n)
        {
            best_anc = Some((p.len(), l));
        }
    }
    if let Some(s) = best_desc {
        return s;
    }
    let Some((anc_len, anc)) = best_anc else {
        return Span::FILE_START;
    };
    // Names of the rule path below the enclosing location, for a literal search.
    let mut desc = rules.clone();
    // (name, index for a repeated field) of each step below the enclosing location.
    let mut names: Vec<(String, Option<u32>)> = Vec::new();
    let mut i = 0;
    while i < rule.len() {
        let Some(fd) = desc.get_field(rule[i]) else {
            break;
        };
        let index = if fd.is_list() {
            rule.get(i + 1).copied()
        } else {
            None
        };
        let step_end = i + 1 + usize::from(index.is_some());
        if ext_len + step_end > anc_len {
            names.push((fd.name().to_string(), index));
        }
        i = step_end;
        match fd.kind() {
            Kind::Message(m) => desc = m,
            _ => break,
        }
    }
    file.source
        .as_deref()
        .and_then(|src| literal_span(src, anc, &names))
        .unwrap_or(anc)
}

/// Finds `a { b: ... }` inside the option value written at `span`: the span of the last
/// name's `name: value` entry.
fn literal_span(src: &str, span: Span, names: &[(String, Option<u32>)]) -> Option<Span> {
    if names.is_empty() {
        return None;
    }
    let lines: Vec<&str> = src.split('\n').collect();
    // Character positions (line, column) of the option text.
    let mut chars: Vec<(char, u32, u32)> = Vec::new();
    for l in span.line..=span.end_line {
        let text: Vec<char> = lines.get(l as usize - 1)?.chars().collect();
        let from = if l == span.line { span.column - 1 } else { 0 };
        let to = if l == span.end_line {
            (span.end_column - 1).min(text.len() as u32)
        } else {
            text.len() as u32
        };
        for c in from..to {
            chars.push((text[c as usize], l, c + 1));
        }
        chars.push(('\n', l, to + 1));
    }
    // Start inside the first `{` after the `=`.
    let eq = chars.iter().position(|(c, _, _)| *c == '=')?;
    let open = eq + chars[eq..].iter().position(|(c, _, _)| *c == '{')?;
    let mut at = open + 1;
    let mut found = None;
    for (depth, (name, index)) in names.iter().enumerate() {
        let (start, value_end) = match index {
            None => find_entry(&chars, at, name)?,
            Some(k) => find_nth_entry(&chars, at, name, *k)?,
        };
        found = Some((start, value_end));
        if depth + 1 < names.len() {
            // Descend into the entry's `{`.
            at = start
                + chars[start..value_end]
                    .iter()
                    .position(|(c, _, _)| *c == '{')?
                + 1;
        }
    }
    let (mut start, mut end) = found?;
    // Only scalar entries have locations of their own (as protocompile records them): for a
    // message entry, buf lands on the first scalar written inside it.
    // The value starts after the name, blanks and an optional colon.
    let value_start = |start: usize, end: usize| {
        (start..end).find(|&i| {
            let c = chars[i].0;
            !(c.is_ascii_alphanumeric() || c == '_' || c == ':' || c.is_whitespace())
        })
    };
    while let Some(open) = value_start(start, end) {
        if !matches!(chars[open].0, '{' | '<') {
            break;
        }
        match first_entry(&chars, open + 1) {
            Some((s, e)) => (start, end) = (s, e),
            None => break,
        }
    }
    let last = chars[end - 1];
    Some(Span {
        line: chars[start].1,
        column: chars[start].2,
        end_line: last.1,
        end_column: last.2 + 1,
    })
}

/// The entry holding element `k` of the repeated field `name`, when that element is the
/// first of its entry (a list value `[a, b]` is located by its first element only).
fn find_nth_entry(
    chars: &[(char, u32, u32)],
    mut at: usize,
    name: &str,
    k: u32,
) -> Option<(usize, usize)> {
    let mut seen = 0u32;
    loop {
        let (start, end) = find_entry(chars, at, name)?;
        let count = list_len(&chars[start..end]).unwrap_or(1);
        if k == seen {
            return Some((start, end));
        }
        if k < seen + count {
            return None;
        }
        seen += count;
        at = end;
    }
}

/// The number of elements of an entry whose value is a list `[a, b]`.
fn list_len(entry: &[(char, u32, u32)]) -> Option<u32> {
    let open = entry.iter().position(|(c, _, _)| *c == '[')?;
    let mut depth = 0i32;
    let mut count = 0u32;
    let mut any = false;
    let mut i = open;
    while i < entry.len() {
        match entry[i].0 {
            '[' | '{' | '<' => depth += 1,
            ']' | '}' | '>' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => count += 1,
            q @ ('"' | '\'') => {
                any = true;
                i = skip_string(entry, i, q);
            }
            c if depth == 1 && !c.is_whitespace() => any = true,
            _ => {}
        }
        i += 1;
    }
    Some(if any { count + 1 } else { 0 })
}

/// The first entry of the literal body starting at `at`.
fn first_entry(chars: &[(char, u32, u32)], at: usize) -> Option<(usize, usize)> {
    find_entry_by(chars, at, &|_| true)
}

/// In the literal body starting at `at` (just after a `{`), the entry `name: value`:
/// (index of the name, index just past the value).
fn find_entry(chars: &[(char, u32, u32)], at: usize, name: &str) -> Option<(usize, usize)> {
    find_entry_by(chars, at, &|ident| ident == name)
}

fn find_entry_by(
    chars: &[(char, u32, u32)],
    mut at: usize,
    wanted: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while at < chars.len() {
        let c = chars[at].0;
        match c {
            '}' => return None,
            c if c.is_whitespace() || c == ',' || c == ';' => at += 1,
            '#' => at = skip_line(chars, at),
            '/' if chars.get(at + 1).map(|c| c.0) == Some('/') => at = skip_line(chars, at),
            '/' if chars.get(at + 1).map(|c| c.0) == Some('*') => {
                at += 2;
                while at + 1 < chars.len() && !(chars[at].0 == '*' && chars[at + 1].0 == '/') {
                    at += 1;
                }
                at += 2;
            }
            c if is_ident(c) || c == '[' => {
                let start = at;
                let ident: String = if c == '[' {
                    let close = at + chars[at..].iter().position(|(c, _, _)| *c == ']')?;
                    at = close + 1;
                    String::new()
                } else {
                    let mut s = String::new();
                    while at < chars.len() && is_ident(chars[at].0) {
                        s.push(chars[at].0);
                        at += 1;
                    }
                    s
                };
                while at < chars.len() && chars[at].0.is_whitespace() {
                    at += 1;
                }
                if at < chars.len() && chars[at].0 == ':' {
                    at += 1;
                    while at < chars.len() && chars[at].0.is_whitespace() {
                        at += 1;
                    }
                }
                let end = skip_value(chars, at)?;
                if wanted(&ident) {
                    return Some((start, end));
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    None
}

/// Index of the end of the line holding `at`.
fn skip_line(chars: &[(char, u32, u32)], mut at: usize) -> usize {
    while at < chars.len() && chars[at].0 != '\n' {
        at += 1;
    }
    at
}

/// Index just past the value starting at `at`.
fn skip_value(chars: &[(char, u32, u32)], mut at: usize) -> Option<usize> {
    let first = chars.get(at)?.0;
    if first == '{' || first == '[' || first == '<' {
        let mut depth = 0i32;
        while at < chars.len() {
            match chars[at].0 {
                '{' | '[' | '<' => depth += 1,
                '}' | ']' | '>' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(at + 1);
                    }
                }
                q @ ('"' | '\'') => at = skip_string(chars, at, q),
                _ => {}
            }
            at += 1;
        }
        return None;
    }
    if first == '"' || first == '\'' {
        let mut end = skip_string(chars, at, first) + 1;
        // Adjacent strings concatenate.
        loop {
            let mut k = end;
            while k < chars.len() && chars[k].0.is_whitespace() {
                k += 1;
            }
            match chars.get(k).map(|c| c.0) {
                Some(q @ ('"' | '\'')) => end = skip_string(chars, k, q) + 1,
                _ => return Some(end),
            }
        }
    }
    let mut end = at;
    if chars.get(end).map(|c| c.0) == Some('-') {
        end += 1;
        while end < chars.len() && chars[end].0.is_whitespace() {
            end += 1;
        }
    }
    while end < chars.len() {
        let c = chars[end].0;
        if c.is_whitespace() || matches!(c, ',' | ';' | '}' | ']' | '>') {
            break;
        }
        end += 1;
    }
    Some(end)
}

/// Index of the closing quote of the string starting at `at`.
fn skip_string(chars: &[(char, u32, u32)], mut at: usize, quote: char) -> usize {
    at += 1;
    while at < chars.len() {
        match chars[at].0 {
            '\\' => at += 2,
            c if c == quote => return at,
            _ => at += 1,
        }
    }
    chars.len().saturating_sub(1)
}
