//! Editions support on top of protox, which only parses proto2 and proto3.
//!
//! protox 0.10 rejects `edition = "2023";` and its bundled descriptor.proto has no `features`
//! fields. Until it supports editions, this shim rewrites an editions file *without moving a
//! byte*: the edition statement becomes `syntax="proto3";` padded with spaces, and every
//! `features.…` option is blanked out and kept aside with its position. The model then
//! re-attaches each feature to the element whose span encloses it, and reports the file as
//! editions. What proto3 forbids but editions allow (field defaults, closed enums whose first
//! value is not zero, extension ranges) is still refused; docs/architecture.md says so.

use super::model::{FeatureSetting, Locations, SrcPath};
use crate::finding::Span;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    Str,
    Num,
    Punct(u8),
}

struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

/// Tokens of a proto file, comments and whitespace skipped. Good enough to find statements;
/// protox does the real parsing afterwards.
fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i = (i + 2).min(b.len());
        } else if c == b'"' || c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c && b[i] != b'\n' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push(Token {
                kind: Tok::Str,
                start,
                end: i,
            });
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Ident,
                start,
                end: i,
            });
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Num,
                start,
                end: i,
            });
        } else {
            out.push(Token {
                kind: Tok::Punct(c),
                start: i,
                end: i + 1,
            });
            i += 1;
        }
    }
    out
}

/// A feature taken out of the text, positioned by byte offset.
#[derive(Debug, Clone)]
pub(crate) struct LiftedFeature {
    pub name: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
    /// Written inside `[...]` after a field or enum value (applies to that element) rather than
    /// as an `option` statement (applies to the enclosing element).
    pub compact: bool,
}

pub(crate) struct Shimmed {
    pub text: String,
    pub edition: u32,
    pub features: Vec<LiftedFeature>,
}

/// Rewrites an editions file so protox accepts it; `None` for a proto2/proto3 file.
pub(crate) fn shim(src: &str) -> Result<Option<Shimmed>, String> {
    if !src.contains("edition") {
        return Ok(None);
    }
    let toks = tokenize(src);
    let text = |t: &Token| &src[t.start..t.end];
    // The edition statement must be the first statement.
    let Some(first) = toks.first() else {
        return Ok(None);
    };
    if first.kind != Tok::Ident || text(first) != "edition" {
        return Ok(None);
    }
    let (Some(eq), Some(val), Some(semi)) = (toks.get(1), toks.get(2), toks.get(3)) else {
        return Ok(None);
    };
    if eq.kind != Tok::Punct(b'=') || val.kind != Tok::Str || semi.kind != Tok::Punct(b';') {
        return Ok(None);
    }
    let year = text(val).trim_matches(|c| c == '"' || c == '\'');
    let edition = match year {
        "2023" => 2023,
        "2024" => 2024,
        other => {
            return Err(format!(
                "edition \"{other}\" is not supported (2023 and 2024 are)"
            ));
        }
    };
    let mut out = src.as_bytes().to_vec();
    let replacement = b"syntax=\"proto3\";";
    let stmt = first.start..semi.end;
    if stmt.len() < replacement.len() {
        return Err("write the edition statement as `edition = \"2023\";`".into());
    }
    out[stmt.clone()].fill(b' ');
    out[stmt.start..stmt.start + replacement.len()].copy_from_slice(replacement);

    let mut features = Vec::new();
    let mut i = 4;
    while i < toks.len() {
        // `option features.x = V;`
        if toks[i].kind == Tok::Ident
            && text(&toks[i]) == "option"
            && toks.get(i + 1).is_some_and(|t| text(t) == "features")
            && let Some((name, value, end_idx)) = feature_assignment(src, &toks, i + 1)
            && toks
                .get(end_idx)
                .is_some_and(|t| t.kind == Tok::Punct(b';'))
        {
            let (start, end) = (toks[i].start, toks[end_idx].end);
            blank(&mut out, start, end);
            features.push(LiftedFeature {
                name,
                value,
                start,
                end,
                compact: false,
            });
            i = end_idx + 1;
            continue;
        }
        // `[a = 1, features.x = V, ...]`
        if toks[i].kind == Tok::Punct(b'[') {
            i = lift_compact(src, &toks, i, &mut out, &mut features);
            continue;
        }
        i += 1;
    }
    let text = String::from_utf8(out).map_err(|_| "file is not valid UTF-8".to_string())?;
    Ok(Some(Shimmed {
        text,
        edition,
        features,
    }))
}

/// Parses `features.NAME = VALUE` or `features.(ext).NAME = VALUE` starting at `at`
/// (the `features` token); returns the name, value and the index after the value.
fn feature_assignment(src: &str, toks: &[Token], at: usize) -> Option<(String, String, usize)> {
    let text = |t: &Token| &src[t.start..t.end];
    if text(toks.get(at)?) != "features" || toks.get(at + 1)?.kind != Tok::Punct(b'.') {
        return None;
    }
    let mut j = at + 2;
    let mut name = String::new();
    loop {
        let t = toks.get(j)?;
        match t.kind {
            Tok::Punct(b'=') => break,
            Tok::Ident | Tok::Punct(b'.') | Tok::Punct(b'(') | Tok::Punct(b')') => {
                name.push_str(text(t))
            }
            _ => return None,
        }
        j += 1;
    }
    let value = toks.get(j + 1)?;
    if !matches!(value.kind, Tok::Ident | Tok::Num | Tok::Str) {
        return None;
    }
    Some((name, text(value).to_string(), j + 2))
}

/// The name under which a lifted `default = …` travels with the features: proto3, which the
/// shim compiles editions files as, forbids field defaults, but editions allow them.
pub(crate) const DEFAULT_OPTION: &str = "default";

/// Parses `default = VALUE` (VALUE a literal, an identifier, or a negative number) starting at
/// `at`; returns the option's name, the value as written and the index after it.
fn default_assignment(src: &str, toks: &[Token], at: usize) -> Option<(String, String, usize)> {
    let text = |t: &Token| &src[t.start..t.end];
    if text(toks.get(at)?) != DEFAULT_OPTION || toks.get(at + 1)?.kind != Tok::Punct(b'=') {
        return None;
    }
    let first = toks.get(at + 2)?;
    if first.kind == Tok::Punct(b'-') {
        let v = toks.get(at + 3)?;
        if !matches!(v.kind, Tok::Num | Tok::Ident) {
            return None;
        }
        return Some((DEFAULT_OPTION.into(), format!("-{}", text(v)), at + 4));
    }
    if !matches!(first.kind, Tok::Ident | Tok::Num | Tok::Str) {
        return None;
    }
    Some((DEFAULT_OPTION.into(), text(first).to_string(), at + 3))
}

fn blank(out: &mut [u8], start: usize, end: usize) {
    for b in &mut out[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// Lifts the features out of a compact option list starting at `[`; returns the index after `]`.
fn lift_compact(
    src: &str,
    toks: &[Token],
    open: usize,
    out: &mut [u8],
    features: &mut Vec<LiftedFeature>,
) -> usize {
    // Split the list into entries at top-level commas.
    let mut entries: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0;
    let mut start = open + 1;
    let mut j = open + 1;
    let close = loop {
        let Some(t) = toks.get(j) else {
            return j;
        };
        match t.kind {
            Tok::Punct(b'{') | Tok::Punct(b'[') | Tok::Punct(b'(') => depth += 1,
            Tok::Punct(b'}') | Tok::Punct(b')') => depth -= 1,
            Tok::Punct(b']') if depth == 0 => {
                entries.push((start, j));
                break j;
            }
            Tok::Punct(b']') => depth -= 1,
            Tok::Punct(b',') if depth == 0 => {
                entries.push((start, j));
                start = j + 1;
            }
            _ => {}
        }
        j += 1;
    };
    let mut lifted = vec![false; entries.len()];
    for (k, &(s, e)) in entries.iter().enumerate() {
        let assignment =
            feature_assignment(src, toks, s).or_else(|| default_assignment(src, toks, s));
        if let Some((name, value, end_idx)) = assignment
            && end_idx == e
        {
            features.push(LiftedFeature {
                name,
                value,
                start: toks[s].start,
                end: toks[e - 1].end,
                compact: true,
            });
            lifted[k] = true;
        }
    }
    if lifted.iter().all(|l| *l) {
        blank(out, toks[open].start, toks[close].end);
    } else {
        for (k, &(s, e)) in entries.iter().enumerate() {
            if !lifted[k] {
                continue;
            }
            // Blank the entry and the comma after it (or before it, for the last entry).
            let from = if k + 1 == entries.len() {
                toks[s - 1].start
            } else {
                toks[s].start
            };
            let to = if k + 1 == entries.len() {
                toks[e - 1].end
            } else {
                toks[e].end
            };
            blank(out, from, to);
        }
    }
    close + 1
}

/// 1-based line and column of a byte offset (columns count characters, as protoc does).
pub(crate) fn line_col(src: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(src.len());
    let before = &src[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = src[line_start..offset].chars().count() as u32 + 1;
    (line, col)
}

/// Attaches each lifted feature to the element it belongs to: for a statement, the innermost
/// declaration whose span encloses it; for a compact option, the innermost one (the field or
/// enum value it follows).
pub(crate) fn attach(
    src: &str,
    lifted: &[LiftedFeature],
    locations: &Locations,
) -> HashMap<SrcPath, Vec<FeatureSetting>> {
    let mut out: HashMap<SrcPath, Vec<FeatureSetting>> = HashMap::new();
    for f in lifted {
        let (line, column) = line_col(src, f.start);
        let (end_line, end_column) = line_col(src, f.end);
        let at = (line, column);
        let owner = locations
            .iter()
            .filter(|(p, _)| is_declaration(p))
            .filter(|(_, s)| (s.line, s.column) <= at && at <= (s.end_line, s.end_column))
            .max_by_key(|(p, _)| p.len())
            .map(|(p, _)| p.to_vec())
            .unwrap_or_default();
        let _ = f.compact;
        out.entry(owner).or_default().push(FeatureSetting {
            name: f.name.clone(),
            value: f.value.clone(),
            span: Span {
                line,
                column,
                end_line,
                end_column,
            },
        });
    }
    out
}

/// Paths of declarations (messages, fields, enums, values, services, methods, oneofs,
/// extensions) have even length and end in an index; option paths do not.
fn is_declaration(p: &[i32]) -> bool {
    use super::descriptor::tag::*;
    if p.is_empty() || !p.len().is_multiple_of(2) {
        return false;
    }
    // Walk the path by pairs and check each step is an element list.
    let mut kind = 'f'; // file
    for pair in p.chunks(2) {
        kind = match (kind, pair[0]) {
            ('f', FILE_MESSAGE) | ('m', MESSAGE_NESTED) => 'm',
            ('f', FILE_ENUM) | ('m', MESSAGE_ENUM) => 'e',
            ('f', FILE_SERVICE) => 's',
            ('f', FILE_EXTENSION) | ('m', MESSAGE_EXTENSION) | ('m', MESSAGE_FIELD) => 'x',
            ('m', MESSAGE_ONEOF) => 'o',
            ('e', ENUM_VALUE) => 'v',
            ('s', SERVICE_METHOD) => 'r',
            _ => return false,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_edition_without_moving_bytes() {
        let src = "edition = \"2023\";\npackage a;\nmessage M {\n  option features.field_presence = IMPLICIT;\n  int32 a = 1 [features.field_presence = EXPLICIT, json_name = \"x\"];\n  int32 b = 2 [features.field_presence = EXPLICIT];\n}\n";
        let s = shim(src).unwrap().unwrap();
        assert_eq!(s.text.len(), src.len());
        assert_eq!(s.edition, 2023);
        assert!(s.text.starts_with("syntax=\"proto3\"; "));
        assert!(!s.text.contains("features"));
        assert!(s.text.contains("[ "));
        assert!(s.text.contains("json_name = \"x\"]"));
        assert_eq!(s.features.len(), 3);
        assert_eq!(s.features[0].name, "field_presence");
        assert_eq!(s.features[0].value, "IMPLICIT");
    }

    #[test]
    fn leaves_proto3_alone() {
        assert!(
            shim("syntax = \"proto3\";\n// edition\n")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn custom_features_keep_their_extension_name() {
        let src = "edition = \"2023\";\nimport \"google/protobuf/cpp_features.proto\";\noption features.(pb.cpp).string_type = VIEW;\n";
        let s = shim(src).unwrap().unwrap();
        assert_eq!(s.features[0].name, "(pb.cpp).string_type");
    }

    #[test]
    fn field_defaults_are_lifted() {
        let src = "edition = \"2023\";\nmessage M {\n  string s = 1 [default = \"abc\"];\n  int32 i = 2 [json_name = \"x\", default = -5];\n}\n";
        let s = shim(src).unwrap().unwrap();
        assert_eq!(s.text.len(), src.len());
        assert!(!s.text.contains("default"));
        let values: Vec<_> = s
            .features
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(values, [("default", "\"abc\""), ("default", "-5")]);
    }

    #[test]
    fn unknown_edition_is_an_error() {
        assert!(shim("edition = \"2099\";\n").is_err());
    }
}
