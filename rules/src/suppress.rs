//! Inline suppressions: `accord:ignore RULE_ID` in a comment on the finding's line or the line
//! above it, in any format (`//`, `#`, `/* */` comments alike).

const MARKER: &str = "accord:ignore";

/// Whether `source` has any inline suppression; callers with many findings per file ask this
/// once per file before asking `suppressed` per finding.
pub fn has_marker(source: &str) -> bool {
    source.contains(MARKER)
}

/// Whether `source` suppresses `rule` at 1-based `line`.
pub fn suppressed(source: &str, line: u32, rule: &str) -> bool {
    if line == 0 {
        return false;
    }
    let line = line as usize;
    source
        .lines()
        .enumerate()
        .skip(line.saturating_sub(2))
        .take(if line >= 2 { 2 } else { 1 })
        .any(|(_, text)| names_rule(text, MARKER, rule))
}

/// Whether `text` holds `marker ID` for this rule (several ids may follow, space or comma
/// separated).
pub fn names_rule(text: &str, marker: &str, rule: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        let ids = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .take_while(|s| {
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
            });
        for id in ids {
            if id.eq_ignore_ascii_case(rule) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_line_and_line_above() {
        let src = "a\n// accord:ignore FIELD_LOWER_SNAKE_CASE\nint32 Bad = 1;\nint32 Worse = 2; // accord:ignore X, FIELD_LOWER_SNAKE_CASE\n";
        assert!(suppressed(src, 3, "FIELD_LOWER_SNAKE_CASE"));
        assert!(suppressed(src, 4, "FIELD_LOWER_SNAKE_CASE"));
        assert!(!suppressed(src, 1, "FIELD_LOWER_SNAKE_CASE"));
        assert!(!suppressed(src, 3, "OTHER"));
    }
}
