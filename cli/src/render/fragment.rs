//! The fragments a change touched, as YAML, and a short unified diff of them (`similar`),
//! for `accord changelog`'s text and markdown. Written only for changes that are rendered:
//! serializing a fragment costs its size.

use accord_rules::openapi::node::{Node, Val, fmt_num};
use std::fmt::Write;

/// Lines of context around each change, as `diff -U2`.
const CONTEXT: usize = 2;
/// A diff longer than this is cut, with a note saying how much was left out.
pub const MAX_LINES: usize = 30;

/// A unified diff (hunks only, no file headers) from `before` to `after` — either may be
/// missing: added or removed — or `None` when the two read the same. With a `key`, both are
/// written under it (`age:` and the property's schema below), so the diff says what it is.
pub fn diff(key: Option<&str>, before: Option<&Node>, after: Option<&Node>) -> Option<String> {
    let side = |n: Option<&Node>| n.map(|n| keyed(key, n)).unwrap_or_default();
    let (a, b) = (side(before), side(after));
    if a == b {
        return None;
    }
    let d = similar::TextDiff::from_lines(&a, &b);
    let mut full = String::new();
    for hunk in d.unified_diff().context_radius(CONTEXT).iter_hunks() {
        let _ = write!(full, "{hunk}");
    }
    let total = full.lines().count();
    if total <= MAX_LINES {
        return Some(full);
    }
    let mut out: String = full
        .lines()
        .take(MAX_LINES)
        .flat_map(|l| [l, "\n"])
        .collect();
    let _ = writeln!(out, "… {} more lines", total - MAX_LINES);
    Some(out)
}

/// A node as block-style YAML, under `key` when there is one.
fn keyed(key: Option<&str>, node: &Node) -> String {
    let mut out = String::new();
    match key {
        Some(k) => {
            let _ = write!(out, "{}:", key_str(k));
            write_value(node, 0, &mut out);
        }
        None => write_node(node, 0, &mut out),
    }
    out
}

fn write_node(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match &node.v {
        Val::Obj(ms) if !ms.is_empty() => {
            for m in ms.iter() {
                let _ = write!(out, "{pad}{}:", key_str(&m.key));
                write_value(&m.val, indent, out);
            }
        }
        Val::Arr(xs) if !xs.is_empty() => {
            for x in xs.iter() {
                // An item is written one level in, then its first indent becomes `- `.
                let mut item = String::new();
                if is_block(x) {
                    write_node(x, indent + 2, &mut item);
                    let _ = write!(out, "{pad}- {}", &item[indent + 2..]);
                } else {
                    write_scalar(x, indent + 2, &mut item);
                    let _ = writeln!(out, "{pad}- {item}");
                }
            }
        }
        _ => {
            let mut s = String::new();
            write_scalar(node, indent, &mut s);
            let _ = writeln!(out, "{pad}{s}");
        }
    }
}

/// After `key:`: a scalar on the same line, a block on the next ones.
fn write_value(v: &Node, indent: usize, out: &mut String) {
    if is_block(v) {
        out.push('\n');
        write_node(v, indent + 2, out);
    } else {
        let mut s = String::new();
        write_scalar(v, indent + 2, &mut s);
        let _ = writeln!(out, " {s}");
    }
}

fn is_block(n: &Node) -> bool {
    match &n.v {
        Val::Obj(ms) => !ms.is_empty(),
        Val::Arr(xs) => !xs.is_empty(),
        _ => false,
    }
}

fn write_scalar(n: &Node, indent: usize, out: &mut String) {
    match &n.v {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Num(x) => out.push_str(&fmt_num(*x)),
        Val::Str(s) => out.push_str(&scalar_str(s, indent)),
        Val::Obj(_) => out.push_str("{}"),
        Val::Arr(_) => out.push_str("[]"),
    }
}

/// A string as YAML: plain when it cannot be read as anything else, a literal block when
/// it spans lines (descriptions diff line by line), else double-quoted.
fn scalar_str(s: &str, indent: usize) -> String {
    if s.contains('\n') && !s.starts_with([' ', '\n']) && !s.contains(['\r', '\t']) {
        let chomp = if s.ends_with('\n') { "" } else { "-" };
        let pad = " ".repeat(indent);
        let mut out = format!("|{chomp}");
        for line in s.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = write!(out, "\n{pad}{line}");
            }
        }
        return out;
    }
    key_str(s)
}

fn key_str(k: &str) -> String {
    if plain(k) {
        k.to_string()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

fn plain(s: &str) -> bool {
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    !s.is_empty()
        && !reserved
        && s.parse::<f64>().is_err()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_rules::openapi::load_str;
    use std::path::Path;

    fn node(yaml_text: &str) -> Node {
        let text = format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\nx: {yaml_text}\n");
        let spec = load_str(Path::new("t.yaml"), &text).unwrap();
        spec.files[0].root.get("x").unwrap().clone()
    }

    #[test]
    fn yaml_of_nested_values_reads_back_the_same() {
        let n = node(
            "{a: 1, '200': {description: \"x: y\"}, list: [a, {name: b, in: query}, [1, 2]], e: {}, t: 'true', s: \"two\\nlines\"}",
        );
        let text = keyed(None, &n);
        assert_eq!(
            text,
            "a: 1\n\"200\":\n  description: \"x: y\"\nlist:\n  - a\n  - name: b\n    in: query\n  - - 1\n    - 2\ne: {}\nt: \"true\"\ns: |-\n  two\n  lines\n"
        );
        // What is written is YAML that means the same document.
        let back: serde_json::Value = serde_yaml_ng::from_str(&text).unwrap();
        assert_eq!(back["200"]["description"], "x: y");
        assert_eq!(back["list"][2][1], 2);
        assert_eq!(back["t"], "true");
        assert_eq!(back["s"], "two\nlines");
    }

    #[test]
    fn diff_shows_the_changed_lines_with_two_of_context() {
        let a = node("{name: limit, in: query, schema: {type: integer}}");
        let b = node("{name: limit, in: query, required: true, schema: {type: integer}}");
        let d = diff(None, Some(&a), Some(&b)).unwrap();
        assert_eq!(
            d,
            "@@ -1,4 +1,5 @@\n name: limit\n in: query\n+required: true\n schema:\n   type: integer\n"
        );
        assert!(diff(None, Some(&a), Some(&a)).is_none());
        let added = diff(Some("limit"), None, Some(&a)).unwrap();
        assert!(
            added.starts_with("@@ -0,0 +1,5 @@\n+limit:\n+  name: limit\n"),
            "{added}"
        );
        assert!(added.lines().skip(1).all(|l| l.starts_with('+')), "{added}");
    }

    #[test]
    fn long_diffs_are_cut_with_a_count() {
        let items: Vec<String> = (0..100).map(|i| format!("v{i}")).collect();
        let a = node(&format!("[{}]", items.join(", ")));
        let d = diff(None, None, Some(&a)).unwrap();
        assert_eq!(d.lines().count(), MAX_LINES + 1);
        assert!(
            d.ends_with(&format!("… {} more lines\n", 101 - MAX_LINES)),
            "{d}"
        );
    }
}
