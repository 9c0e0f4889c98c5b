//! Helpers for the package, directory and import lint rules: grouping files, exact
//! locations (buf reports 1:1 when an element was not written), and buf's package versions.

use crate::finding::Span;
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{File, Image};
use std::collections::{BTreeMap, BTreeSet};

/// The span of exactly `path`, or the file start when the source has no such location
/// (buf does not fall back to an enclosing element for these rules).
pub fn exact_span(file: &File, path: &[i32]) -> Span {
    file.location(path)
        .map(|l| l.span)
        .unwrap_or(Span::FILE_START)
}

/// Where the `package` statement is, or 1:1 when there is none.
pub fn package_path() -> Vec<i32> {
    vec![tag::FILE_PACKAGE]
}

/// The directory of an import path as buf writes it: `.` for the root.
pub fn dir_of(name: &str) -> &str {
    match name.rfind('/') {
        Some(i) => &name[..i],
        None => ".",
    }
}

/// The image's target files grouped by a key, each group sorted by file name.
pub fn targets_by<'a, K: Ord>(
    image: &'a Image,
    key: impl Fn(&'a File) -> K,
) -> BTreeMap<K, Vec<&'a File>> {
    let mut out: BTreeMap<K, Vec<&'a File>> = BTreeMap::new();
    for f in image.targets() {
        out.entry(key(f)).or_default().push(f);
    }
    for files in out.values_mut() {
        files.sort_by(|a, b| a.name.cmp(&b.name));
    }
    out
}

/// The path of the `index`th import statement.
pub fn import_path(index: usize) -> Vec<i32> {
    vec![tag::FILE_DEPENDENCY, index as i32]
}

/// How stable a versioned package is (buf's package version suffixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    Stable,
    Alpha,
    Beta,
    Test,
}

fn number(s: &str, min: i64) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    let n: i32 = s.parse().ok()?;
    (i64::from(n) >= min).then_some(i64::from(n))
}

/// The stability of a package whose last component is a version (`v1`, `v1beta1`,
/// `v1p1alpha`, `v2test`); `None` when the package has no well-formed version suffix.
pub fn package_stability(package: &str) -> Option<Stability> {
    let parts: Vec<&str> = package.split('.').collect();
    if package.is_empty() || parts.len() < 2 {
        return None;
    }
    let component = parts[parts.len() - 1];
    let version = component.strip_prefix('v')?;
    if version.is_empty() {
        return None;
    }
    if let Some((major, _)) = version.split_once("test") {
        number(major, 1)?;
        return Some(Stability::Test);
    }
    let (level, word) = match (version.contains("alpha"), version.contains("beta")) {
        (false, false) => {
            number(version, 1)?;
            return Some(Stability::Stable);
        }
        (true, false) => (Stability::Alpha, "alpha"),
        (false, true) => (Stability::Beta, "beta"),
        (true, true) => return None,
    };
    let (head, minor) = version.split_once(word)?;
    if !minor.is_empty() {
        number(minor, 1)?;
    }
    match head.split_once('p') {
        Some((major, patch)) => {
            number(major, 1)?;
            number(patch, 1)?;
        }
        None => {
            number(head, 1)?;
        }
    }
    Some(level)
}

/// Reports every file of a package whose files disagree on a file option (buf's
/// PACKAGE_SAME_* rules). `value` gives the option's value, or "" when it is not set;
/// `number` is the option's field number in `FileOptions` (for its location).
pub fn same_option_value(
    image: &Image,
    sink: &mut Sink,
    number: i32,
    name: &str,
    value: impl Fn(&File) -> String,
) {
    for (package, files) in targets_by(image, |f| f.package.clone()) {
        let mut values: BTreeSet<String> = files.iter().map(|f| value(f)).collect();
        if values.len() < 2 {
            continue;
        }
        let unset = values.remove("");
        let joined = values.into_iter().collect::<Vec<_>>().join(",");
        let message = if unset {
            format!(
                "Files in package {package:?} have both values {joined:?} and no value for option {name:?} and all values must be equal."
            )
        } else {
            format!(
                "Files in package {package:?} have multiple values {joined:?} for option {name:?} and all values must be equal."
            )
        };
        for file in files {
            let path = vec![tag::FILE_OPTIONS, number];
            let span = exact_span(file, &path);
            sink.report_span(file, span, &path, package.clone(), message.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(package_stability("a.v1"), Some(Stability::Stable));
        assert_eq!(package_stability("a.v1beta1"), Some(Stability::Beta));
        assert_eq!(package_stability("a.v1p1alpha"), Some(Stability::Alpha));
        assert_eq!(package_stability("a.v1testfoo"), Some(Stability::Test));
        assert_eq!(package_stability("a.v0"), None);
        assert_eq!(package_stability("v1"), None);
        assert_eq!(package_stability("a.vv1beta1"), None);
        assert_eq!(package_stability("a.v2beta0"), None);
        assert_eq!(dir_of("a.proto"), ".");
        assert_eq!(dir_of("a/b/c.proto"), "a/b");
    }
}
