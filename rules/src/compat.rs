//! Compatibility modes, shared by every format: the Confluent Schema Registry's vocabulary
//! (BACKWARD, FORWARD, FULL, their *_TRANSITIVE forms, NONE) turned into reader/writer checks.
//!
//! BACKWARD: the new schema, as reader, reads data written with the old one.
//! FORWARD: the old schema, as reader, reads data written with the new one. FULL: both.
//! Non-transitive modes check the latest previous version only; transitive ones every one.

use crate::finding::Finding;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
    None,
}

impl Mode {
    pub const ALL: [Mode; 7] = [
        Mode::Backward,
        Mode::BackwardTransitive,
        Mode::Forward,
        Mode::ForwardTransitive,
        Mode::Full,
        Mode::FullTransitive,
        Mode::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Backward => "BACKWARD",
            Mode::BackwardTransitive => "BACKWARD_TRANSITIVE",
            Mode::Forward => "FORWARD",
            Mode::ForwardTransitive => "FORWARD_TRANSITIVE",
            Mode::Full => "FULL",
            Mode::FullTransitive => "FULL_TRANSITIVE",
            Mode::None => "NONE",
        }
    }

    /// Parses a mode name, case-insensitively.
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
    }

    pub fn transitive(self) -> bool {
        matches!(
            self,
            Mode::BackwardTransitive | Mode::ForwardTransitive | Mode::FullTransitive
        )
    }

    pub fn backward(self) -> bool {
        matches!(
            self,
            Mode::Backward | Mode::BackwardTransitive | Mode::Full | Mode::FullTransitive
        )
    }

    pub fn forward(self) -> bool {
        matches!(
            self,
            Mode::Forward | Mode::ForwardTransitive | Mode::Full | Mode::FullTransitive
        )
    }

    /// The checks this mode makes given `previous` earlier versions (oldest first).
    pub fn checks(self, previous: usize) -> Vec<Check> {
        if previous == 0 {
            return Vec::new();
        }
        let versions: Vec<usize> = if self.transitive() {
            (0..previous).collect()
        } else {
            vec![previous - 1]
        };
        let mut out = Vec::new();
        for v in versions {
            if self.backward() {
                out.push(Check {
                    previous: v,
                    direction: Direction::NewReadsOld,
                });
            }
            if self.forward() {
                out.push(Check {
                    previous: v,
                    direction: Direction::OldReadsNew,
                });
            }
        }
        out
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The new schema reads data written with the previous one (BACKWARD).
    NewReadsOld,
    /// The previous schema reads data written with the new one (FORWARD).
    OldReadsNew,
}

/// One reader/writer check a mode asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    /// Index of the previous version (oldest first).
    pub previous: usize,
    pub direction: Direction,
}

/// A schema language whose compatibility is decided reader against writer.
pub trait ReaderWriter {
    /// Why `reader` cannot read data written with `writer`; empty when it can. Each finding's
    /// location points into the reader's document.
    fn incompatibilities(reader: &Self, writer: &Self) -> Vec<Finding>;
}

/// Runs a mode over `current` and the labelled `previous` versions (oldest first); every
/// finding records which previous version it concerns.
pub fn run_mode<S: ReaderWriter>(
    mode: Mode,
    current: &S,
    previous: &[(String, S)],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for check in mode.checks(previous.len()) {
        let (label, old) = &previous[check.previous];
        let mut found = match check.direction {
            Direction::NewReadsOld => S::incompatibilities(current, old),
            Direction::OldReadsNew => S::incompatibilities(old, current),
        };
        for f in &mut found {
            f.against = Some(label.clone());
        }
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_expand_to_checks() {
        assert_eq!(Mode::Backward.checks(3).len(), 1);
        assert_eq!(Mode::Backward.checks(3)[0].previous, 2);
        assert_eq!(Mode::FullTransitive.checks(3).len(), 6);
        assert!(Mode::None.checks(3).is_empty());
        assert_eq!(Mode::parse("full_transitive"), Some(Mode::FullTransitive));
        assert_eq!(
            Mode::Forward.checks(1),
            vec![Check {
                previous: 0,
                direction: Direction::OldReadsNew
            }]
        );
    }
}
