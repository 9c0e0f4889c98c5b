//! Helpers shared by several lint rules.

use super::super::check::{Hit, Sink};
use super::super::model::{Field, File, Message};
use crate::finding::Span;

/// The `name` field of every named descriptor (message, enum, service, method, oneof, field,
/// enum value) is field 1.
pub const NAME: i32 = 1;

/// Every field buf's lint rules visit in a file: the fields of every message (map entries
/// included), each with its message, then every extension (with no message).
pub fn fields(file: &File) -> impl Iterator<Item = (&Field, Option<&Message>)> {
    file.messages
        .iter()
        .flat_map(|m| m.fields.iter().map(move |f| (f, Some(m))))
        .chain(file.extensions.iter().map(|f| (f, None)))
}

// ---------------------------------------------------------------------------------------------
// Name cases, with buf's exact conversions (so that the suggested names, and therefore which
// names pass, agree with buf).
// ---------------------------------------------------------------------------------------------

/// The separators buf's case conversions treat as word breaks.
fn is_delimiter(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '\t' | '\n' | '\r')
}

/// PascalCase as buf computes it: delimiters are dropped, the first character and every
/// character after a delimiter is upper-cased, upper-case characters stay upper, and everything
/// else is lower-cased. Digits do not start a word: `foo1bar` becomes `Foo1bar`.
pub fn to_pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous: Option<char> = None;
    for c in s.trim().chars() {
        if !is_delimiter(c) {
            let starts_word = previous.is_none_or(is_delimiter) || c.is_uppercase();
            if starts_word {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        previous = Some(c);
    }
    out
}

/// lower_snake_case as buf computes it (see [`snake_case`]).
pub fn to_lower_snake_case(s: &str) -> String {
    snake_case(s).to_lowercase()
}

/// UPPER_SNAKE_CASE as buf computes it (see [`snake_case`]).
pub fn to_upper_snake_case(s: &str) -> String {
    snake_case(s).to_uppercase()
}

/// Splits `s` into underscore-separated words without changing case. Leading and trailing
/// delimiters go, runs of delimiters collapse into one `_`, and an upper-case letter starts a
/// new word when it follows a lower-case letter or begins a capitalised word (`HTTPServer` is
/// `HTTP_Server`). Digits never start a word, so `field1` and `v1beta` stay whole.
///
/// Like buf, the neighbours of a character are looked at byte-wise; for the ASCII names
/// protobuf allows this is the same as looking at characters.
fn snake_case(s: &str) -> String {
    let s = s.trim_matches(is_delimiter);
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 4);
    // A byte read as a Latin-1 character, as Go's rune(byte) does.
    let at = |i: usize| bytes[i] as char;
    for (i, c) in s.char_indices() {
        let c = if is_delimiter(c) { '_' } else { c };
        if i == 0 {
            out.push(c);
            continue;
        }
        let after_underscore = out.ends_with('_');
        let next_is_lower_word = i + 1 < bytes.len() && {
            let n = at(i + 1);
            !n.is_uppercase() && !n.is_ascii_digit() && !is_delimiter(n)
        };
        if c.is_uppercase() && !after_underscore && (next_is_lower_word || at(i - 1).is_lowercase())
        {
            out.push('_');
            out.push(c);
        } else if !(c == '_' && after_underscore) {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Package versions (`acme.v1`, `acme.v1beta2`, `acme.v1p1alpha`, `acme.v2test`).
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    Stable,
    Alpha,
    Beta,
    Test,
}

/// The version a package's last component names, as buf parses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageVersion {
    pub major: i64,
    pub stability: Stability,
    pub minor: i64,
    pub patch: i64,
    pub suffix: String,
}

/// Parses the version suffix of a package (`None` for no package, a single-component package
/// or a last component that is not a well-formed version such as `v1`, `v1beta1`, `v1p1alpha1`
/// or `v1test`).
pub fn package_version(package: &str) -> Option<PackageVersion> {
    if package.is_empty() {
        return None;
    }
    let mut parts = package.rsplit('.');
    let last = parts.next()?;
    parts.next()?;
    component_version(last)
}

fn component_version(component: &str) -> Option<PackageVersion> {
    let version = component.strip_prefix('v').filter(|v| !v.is_empty())?;
    let mut v = PackageVersion {
        major: 0,
        stability: Stability::Stable,
        minor: 0,
        patch: 0,
        suffix: String::new(),
    };
    if let Some((major, suffix)) = version.split_once("test") {
        v.major = number(major, 1)?;
        v.stability = Stability::Test;
        v.suffix = suffix.to_string();
        return Some(v);
    }
    let word = match (version.contains("alpha"), version.contains("beta")) {
        (false, false) => {
            v.major = number(version, 1)?;
            return Some(v);
        }
        (true, false) => {
            v.stability = Stability::Alpha;
            "alpha"
        }
        (false, true) => {
            v.stability = Stability::Beta;
            "beta"
        }
        (true, true) => return None,
    };
    let (head, minor) = version.split_once(word)?;
    if !minor.is_empty() {
        v.minor = number(minor, 1)?;
    }
    match head.split_once('p') {
        Some((major, patch)) => {
            v.major = number(major, 1)?;
            v.patch = number(patch, 1)?;
        }
        None => v.major = number(head, 1)?,
    }
    Some(v)
}

/// A decimal 32-bit number of at least `min` (an optional sign is accepted, as Go's parser does).
fn number(s: &str, min: i64) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = s.parse().ok()?;
    (i64::from(n) >= min).then_some(i64::from(n))
}

// ---------------------------------------------------------------------------------------------
// Reporting.
// ---------------------------------------------------------------------------------------------

/// Reports at exactly the location of `path`, as buf does: when the file has no location for
/// it, the finding names only the file (1:1) and is tied to no element.
pub fn report_exact<'s>(
    sink: &'s mut Sink,
    file: &File,
    path: &[i32],
    logical: impl Into<String>,
    message: impl Into<String>,
) -> &'s mut Hit {
    match file.location(path) {
        Some(loc) => {
            let span = loc.span;
            sink.report_span(file, span, path, logical, message)
        }
        None => sink.report_span(file, Span::FILE_START, &[], logical, message),
    }
}

/// Reports against a whole file, with no location inside it (buf's file-level annotations).
pub fn report_file<'s>(sink: &'s mut Sink, file: &File, message: impl Into<String>) -> &'s mut Hit {
    sink.report_span(file, Span::FILE_START, &[], file.name.clone(), message)
}

/// Appends to a source path.
pub fn sub(path: &[i32], extra: &[i32]) -> Vec<i32> {
    let mut p = Vec::with_capacity(path.len() + extra.len());
    p.extend_from_slice(path);
    p.extend_from_slice(extra);
    p
}

// ---------------------------------------------------------------------------------------------
// Comments.
// ---------------------------------------------------------------------------------------------

/// The comment lines the COMMENT_* rules do not count as documentation: a comment that only
/// silences a rule says nothing about the element.
pub const COMMENT_EXCLUDES: &[&str] = &["buf:lint:ignore"];

/// `true` when a leading comment has at least one non-blank line that is not excluded.
pub fn documents(comment: Option<&str>) -> bool {
    comment.is_some_and(|c| {
        c.lines()
            .map(str::trim)
            .any(|line| !line.is_empty() && !COMMENT_EXCLUDES.iter().any(|x| line.starts_with(x)))
    })
}

/// The COMMENT_* rules: an element with a location but no documenting leading comment is
/// reported at the whole element. `what` names the kind of element (`Enum value`).
pub fn check_comment(
    sink: &mut Sink,
    file: &File,
    path: &[i32],
    logical: &str,
    what: &str,
    name: &str,
) {
    let Some(loc) = file.location(path) else {
        return;
    };
    if !documents(loc.leading.as_deref()) {
        let span = loc.span;
        sink.report_span(
            file,
            span,
            path,
            logical,
            format!("{what} \"{name}\" should have a non-empty comment for documentation."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal() {
        assert_eq!(to_pascal_case("foo_bar"), "FooBar");
        assert_eq!(to_pascal_case("fooBar"), "FooBar");
        assert_eq!(to_pascal_case("FOO"), "FOO");
        assert_eq!(to_pascal_case("foo1bar"), "Foo1bar");
        assert_eq!(to_pascal_case("_foo"), "Foo");
        assert_eq!(to_pascal_case("Foo_"), "Foo");
    }

    #[test]
    fn snake() {
        assert_eq!(to_lower_snake_case("fooBar"), "foo_bar");
        assert_eq!(to_lower_snake_case("FooBar"), "foo_bar");
        assert_eq!(to_lower_snake_case("HTTPServer"), "http_server");
        assert_eq!(to_lower_snake_case("aBc"), "a_bc");
        assert_eq!(to_lower_snake_case("ab_c_"), "ab_c");
        assert_eq!(to_lower_snake_case("foo__bar"), "foo_bar");
        assert_eq!(to_lower_snake_case("field1"), "field1");
        assert_eq!(to_lower_snake_case("foo1Bar"), "foo1_bar");
        assert_eq!(to_upper_snake_case("fooBar"), "FOO_BAR");
        assert_eq!(to_upper_snake_case("Foo"), "FOO");
    }

    #[test]
    fn versions() {
        let v = |p: &str| package_version(p).map(|v| v.stability);
        assert_eq!(v("a.v1"), Some(Stability::Stable));
        assert_eq!(v("a.v1beta1"), Some(Stability::Beta));
        assert_eq!(v("a.v1p1alpha"), Some(Stability::Alpha));
        assert_eq!(v("a.v1test"), Some(Stability::Test));
        assert_eq!(v("a.v1testfoo"), Some(Stability::Test));
        assert_eq!(v("v1"), None);
        assert_eq!(v("a.v0"), None);
        assert_eq!(v("a.v1alphabeta"), None);
        assert_eq!(v("a.v1beta0"), None);
        assert_eq!(v("a.foo"), None);
        assert_eq!(v("a.v"), None);
    }
}
