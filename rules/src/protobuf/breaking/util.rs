//! Helpers shared by several breaking rules: pairing files and elements of the two versions,
//! where to report something that no longer exists, file option comparisons and reserved or
//! extension range coverage.

use super::Ctx;
use super::index::{InFile, paired};
use crate::finding::Span;
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{Enum, Field, File, Message, Range, Service, SrcPath};
use prost_types::FileOptions;
use std::collections::BTreeMap;

/// Files present in both versions under the same path: (previous, current), by path.
pub fn file_pairs<'a>(ctx: &Ctx<'a>) -> Vec<(&'a File, &'a File)> {
    ctx.previous
        .files
        .iter()
        .filter_map(|(name, p)| ctx.current.files.get(name).map(|c| (*p, *c)))
        .collect()
}

/// (previous, current) of an element present in both versions.
pub type Pair<'a, T> = (InFile<'a, T>, InFile<'a, T>);

/// Messages present in both versions under the same full name: (previous, current).
pub fn message_pairs<'a>(ctx: &Ctx<'a>) -> Vec<Pair<'a, Message>> {
    ctx.cache
        .messages
        .get_or_init(|| paired(&ctx.previous.messages, &ctx.current.messages))
        .clone()
}

pub fn enum_pairs<'a>(ctx: &Ctx<'a>) -> Vec<Pair<'a, Enum>> {
    paired(&ctx.previous.enums, &ctx.current.enums)
}

pub fn service_pairs<'a>(ctx: &Ctx<'a>) -> Vec<Pair<'a, Service>> {
    paired(&ctx.previous.services, &ctx.current.services)
}

/// The span of exactly `path`, or 1:1 when the element has no source location (buf then
/// reports the file without a position).
pub fn exact_span(file: &File, path: &[i32]) -> Span {
    file.exact_span(path).unwrap_or(Span::FILE_START)
}

/// A name without its package prefix: `acme.v1.Outer.Inner` in `acme.v1` -> `Outer.Inner`.
pub fn nested_name<'n>(package: &str, full_name: &'n str) -> &'n str {
    if package.is_empty() {
        full_name
    } else {
        full_name
            .strip_prefix(package)
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(full_name)
    }
}

/// Where buf reports an element (`Outer.Inner.Gone`) deleted from `file`: the closest
/// enclosing message that still exists, else the file itself with no position.
pub fn deleted_element_location(file: &File, nested: &str) -> (Span, SrcPath) {
    enclosing_message(file, nested)
        .map(|m| (file.span(&m.path), m.path.clone()))
        .unwrap_or((Span::FILE_START, Vec::new()))
}

/// The closest enclosing message of `nested` (a name relative to the package) in `file`.
pub fn enclosing_message<'f>(file: &'f File, nested: &str) -> Option<&'f Message> {
    enclosing_message_in(&[file], nested).map(|(_, m)| m)
}

/// The closest enclosing message of `nested` in any of `files` (all of one package).
pub fn enclosing_message_in<'f>(
    files: &[&'f File],
    nested: &str,
) -> Option<(&'f File, &'f Message)> {
    let parts: Vec<&str> = nested.split('.').collect();
    (1..parts.len()).rev().find_map(|i| {
        let parent = parts[..i].join(".");
        files.iter().find_map(|f| {
            f.messages
                .iter()
                .find(|m| m.nested_name == parent)
                .map(|m| (*f, m))
        })
    })
}

/// Elements of `files` by package, then by name relative to the package. As in buf, a
/// package appears only when it holds at least one such element, so that the package rules
/// skip packages that no longer declare any element of the kind (PACKAGE_NO_DELETE covers
/// packages that are gone).
pub fn by_package<'a, T, F>(files: &[&'a File], items: F) -> ByPackage<'a, T>
where
    F: Fn(&'a File) -> Vec<(String, &'a T)>,
{
    let mut out: ByPackage<'a, T> = BTreeMap::new();
    for f in files {
        for (name, item) in items(f) {
            out.entry(f.package.as_str())
                .or_default()
                .entry(name)
                .or_insert((*f, item));
        }
    }
    out
}

/// Package -> name within the package -> element and its file.
pub type ByPackage<'a, T> = BTreeMap<&'a str, BTreeMap<String, InFile<'a, T>>>;

/// Extensions of a file keyed by their name relative to the package.
pub fn extensions_by_nested_name(file: &File) -> Vec<(String, &Field)> {
    file.extensions
        .iter()
        .map(|x| (nested_name(&file.package, &x.full_name).to_string(), x))
        .collect()
}

/// Reports elements (messages, enums, extensions) of a package that are gone from it, for the
/// PACKAGE_*_NO_DELETE rules. `kind` names the element in the message ("message", "enum").
/// With `package_wide`, the enclosing message a deleted nested element is reported at may be
/// in any file of the package (buf does so for messages); otherwise only in its own file.
pub fn check_package_deletions<T, F>(
    ctx: &Ctx,
    sink: &mut Sink,
    kind: &str,
    package_wide: bool,
    items: F,
) where
    F: for<'a> Fn(&'a File) -> Vec<(String, &'a T)>,
{
    let prev_files: Vec<&File> = ctx.previous.files.values().copied().collect();
    let cur_files: Vec<&File> = ctx.current.files.values().copied().collect();
    let previous = by_package(&prev_files, &items);
    let current = by_package(&cur_files, &items);
    for (package, prev_items) in &previous {
        let Some(cur_items) = current.get(package) else {
            continue;
        };
        for (nested, (prev_file, _)) in prev_items {
            if cur_items.contains_key(nested) {
                continue;
            }
            let message = format!(
                "Previously present {kind} \"{nested}\" was deleted from package \"{package}\"."
            );
            let logical = qualified(package, nested);
            let Some(file) = ctx.current.files.get(prev_file.name.as_str()) else {
                sink.report_unlocated(Some(&prev_file.name), logical, message);
                continue;
            };
            let parent = if package_wide {
                let same: Vec<&File> = cur_files
                    .iter()
                    .copied()
                    .filter(|f| f.package == *package)
                    .collect();
                enclosing_message_in(&same, nested)
            } else {
                enclosing_message(file, nested).map(|m| (*file, m))
            };
            match parent {
                Some((f, m)) => sink.report(f, &m.path, logical, message),
                None => sink.report_span(file, Span::FILE_START, &[], logical, message),
            };
        }
    }
}

pub fn qualified(package: &str, name: &str) -> String {
    if package.is_empty() {
        name.to_string()
    } else {
        format!("{package}.{name}")
    }
}

/// Compares one value of every file present in both versions, reporting at `path` in the
/// current file (1:1 when it is not written there). `label` names the value in the message:
/// `package`, `syntax`, or `option "go_package"`.
pub fn check_file_value(
    ctx: &Ctx,
    sink: &mut Sink,
    path: &[i32],
    label: &str,
    value: fn(&File) -> String,
) {
    for (prev, cur) in file_pairs(ctx) {
        let before = value(prev);
        let after = value(cur);
        if before != after {
            let span = exact_span(cur, path);
            sink.report_span(
                cur,
                span,
                path,
                cur.name.clone(),
                format!(
                    "File {label} changed from {} to {}.",
                    go_quote(&before),
                    go_quote(&after)
                ),
            )
            .change(before, after);
        }
    }
}

/// Compares one file option (field `number` of `FileOptions`, written `name`).
pub fn check_file_option(
    ctx: &Ctx,
    sink: &mut Sink,
    number: i32,
    name: &str,
    value: fn(&FileOptions) -> String,
) {
    for (prev, cur) in file_pairs(ctx) {
        let before = value(&prev.options);
        let after = value(&cur.options);
        if before != after {
            let path = [tag::FILE_OPTIONS, number];
            let span = exact_span(cur, &path);
            sink.report_span(
                cur,
                span,
                &path,
                cur.name.clone(),
                format!(
                    "File option \"{name}\" changed from {} to {}.",
                    go_quote(&before),
                    go_quote(&after)
                ),
            )
            .change(before, after);
        }
    }
}

/// When a deleted field or enum value is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unless {
    Never,
    NumberReserved,
    NameReserved,
}

/// Reports fields whose number is gone from a message present in both versions.
pub fn check_field_deletions(ctx: &Ctx, sink: &mut Sink, unless: Unless) {
    for ((_, prev), (file, cur)) in message_pairs(ctx) {
        for old in &prev.fields {
            if cur.fields.iter().any(|f| f.number == old.number) {
                continue;
            }
            let allowed = match unless {
                Unless::Never => false,
                Unless::NumberReserved => {
                    cur.reserved_ranges.iter().any(|r| r.contains(old.number))
                }
                Unless::NameReserved => cur.reserved_names.iter().any(|r| r.name == old.name),
            };
            if allowed {
                continue;
            }
            let suffix = match unless {
                Unless::Never => String::new(),
                Unless::NumberReserved => {
                    format!(" without reserving the number \"{}\"", old.number)
                }
                Unless::NameReserved => format!(" without reserving the name \"{}\"", old.name),
            };
            sink.report(
                file,
                &cur.path,
                old.full_name.clone(),
                format!(
                    "Previously present field \"{}\" with name \"{}\" on message \"{}\" was deleted{suffix}.",
                    old.number, old.name, prev.name
                ),
            );
        }
    }
}

/// Reports enum numbers gone from an enum present in both versions.
pub fn check_enum_value_deletions(ctx: &Ctx, sink: &mut Sink, unless: Unless) {
    for ((_, prev), (file, cur)) in enum_pairs(ctx) {
        let mut by_number: BTreeMap<i32, Vec<&str>> = BTreeMap::new();
        for v in &prev.values {
            by_number.entry(v.number).or_default().push(&v.name);
        }
        for (number, mut names) in by_number {
            if cur.values.iter().any(|v| v.number == number) {
                continue;
            }
            names.sort_unstable();
            names.dedup();
            let allowed = match unless {
                Unless::Never => false,
                Unless::NumberReserved => cur.reserved_ranges.iter().any(|r| r.contains(number)),
                Unless::NameReserved => names
                    .iter()
                    .all(|n| cur.reserved_names.iter().any(|r| r.name == *n)),
            };
            if allowed {
                continue;
            }
            let suffix = match unless {
                Unless::Never => String::new(),
                Unless::NumberReserved => format!(" without reserving the number \"{number}\""),
                Unless::NameReserved => {
                    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                    let plural = if names.len() > 1 { "s" } else { "" };
                    format!(" without reserving the name{plural} {}", quoted.join(", "))
                }
            };
            sink.report(
                file,
                &cur.path,
                format!("{}.{}", cur.full_name, names.first().copied().unwrap_or_default()),
                format!(
                    "Previously present enum value \"{number}\" on enum \"{}\" was deleted{suffix}.",
                    cur.name
                ),
            );
        }
    }
}

/// Quotes a value the way buf's messages do (Go's `%q`): backslashes, quotes and control
/// characters escaped.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The largest field number of a message (larger for message-set wire format).
pub fn message_max_tag(message: &Message) -> i32 {
    if message.options.message_set_wire_format() {
        i32::MAX - 1
    } else {
        536_870_911
    }
}

pub const ENUM_MAX_TAG: i32 = i32::MAX;

fn range_string(start: i32, end: i32, max: i32) -> String {
    if start == end {
        format!("[{start}]")
    } else if end == max {
        format!("[{start},max]")
    } else {
        format!("[{start},{end}]")
    }
}

/// Merges overlapping and adjacent ranges, sorted by start.
fn collapse(ranges: &[Range]) -> Vec<(i64, i64)> {
    let mut sorted: Vec<(i64, i64)> = ranges
        .iter()
        .map(|r| (i64::from(r.start), i64::from(r.end)))
        .collect();
    sorted.sort();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s <= last.1 + 1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The parts of `start..=end` that `collapsed` does not cover.
fn uncovered(start: i64, end: i64, collapsed: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut missing = Vec::new();
    let mut next = start;
    for &(s, e) in collapsed {
        if e < next {
            continue;
        }
        if s > end {
            break;
        }
        if s > next {
            missing.push((next, s - 1));
        }
        next = e + 1;
        if next > end {
            break;
        }
    }
    if next <= end {
        missing.push((next, end));
    }
    missing
}

/// For each previous range not fully kept in `current`, the message buf gives:
/// `[1,5]` -> "[3], [5,max]" style lists of what was removed.
pub fn removed_ranges(previous: &[Range], current: &[Range], max: i32) -> Vec<(String, String)> {
    let collapsed = collapse(current);
    let mut out = Vec::new();
    for r in previous {
        let missing = uncovered(i64::from(r.start), i64::from(r.end), &collapsed);
        if missing.is_empty() {
            continue;
        }
        let removed: Vec<String> = missing
            .iter()
            .map(|&(s, e)| range_string(s as i32, e as i32, max))
            .collect();
        out.push((range_string(r.start, r.end, max), removed.join(", ")));
    }
    out
}

/// Reports previous ranges (reserved or extension) of a message that are no longer covered.
pub fn check_message_ranges(
    sink: &mut Sink,
    kind: &str,
    file: &File,
    message: &Message,
    previous: &[Range],
    current: &[Range],
) {
    for (was, removed) in removed_ranges(previous, current, message_max_tag(message)) {
        sink.report(
            file,
            &message.path,
            message.full_name.clone(),
            format!(
                "Previously present {kind} range \"{was}\" on message \"{}\" is missing values: {removed} were removed.",
                message.name
            ),
        );
    }
}

pub fn check_enum_ranges(
    sink: &mut Sink,
    kind: &str,
    file: &File,
    en: &Enum,
    previous: &[Range],
    current: &[Range],
) {
    for (was, removed) in removed_ranges(previous, current, ENUM_MAX_TAG) {
        sink.report(
            file,
            &en.path,
            en.full_name.clone(),
            format!(
                "Previously present {kind} range \"{was}\" on enum \"{}\" is missing values: {removed} were removed.",
                en.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: i32, end: i32) -> Range {
        Range {
            start,
            end,
            index: 0,
        }
    }

    #[test]
    fn go_quote_escapes() {
        assert_eq!(go_quote(r"Acme\V1"), r#""Acme\\V1""#);
        assert_eq!(go_quote("a\"b\n"), r#""a\"b\n""#);
    }

    #[test]
    fn removed_ranges_lists_gaps() {
        let prev = [r(1, 10), r(20, 20), r(30, 536_870_911)];
        let cur = [r(1, 3), r(5, 10), r(40, 536_870_911)];
        let got = removed_ranges(&prev, &cur, 536_870_911);
        assert_eq!(
            got,
            vec![
                ("[1,10]".to_string(), "[4]".to_string()),
                ("[20]".to_string(), "[20]".to_string()),
                ("[30,max]".to_string(), "[30,39]".to_string()),
            ]
        );
    }
}
