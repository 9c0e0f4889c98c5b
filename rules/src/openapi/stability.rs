//! `x-stability-level` (draft < alpha < beta < stable) and the threshold oasdiff calls
//! `--stability-level`: operations and properties below it promise no compatibility, so
//! changes to them are not reported. The default, beta, leaves draft and alpha out.
//!
//! Which level decides, as in oasdiff (`checker/check_api_stability_level.go`):
//! - a removed operation: its old level;
//! - an operation in both versions: its new level (a draft promoted to stable is checked,
//!   a stable one demoted to draft is not, beyond `api-stability-decreased` itself);
//! - a change of level (`api-stability-*`, `*-property-stability-*`): the old level, so
//!   leaving a tracked level is reported and a promotion out of an untracked one is not.
//!
//! An unknown level is `api-invalid-stability-level`'s to report: a removed operation that
//! has one is out of scope, an operation in both versions stays in.

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Stability {
    Draft,
    Alpha,
    #[default]
    Beta,
    Stable,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown stability level `{0}` (one of draft, alpha, beta, stable)")]
pub struct UnknownStability(pub String);

impl Stability {
    pub const ALL: [Stability; 4] = [
        Stability::Draft,
        Stability::Alpha,
        Stability::Beta,
        Stability::Stable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stability::Draft => "draft",
            Stability::Alpha => "alpha",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
        }
    }

    /// The level a declared (valid) `x-stability-level` stands for; none means stable.
    pub fn of_label(label: Option<&str>) -> Stability {
        label
            .and_then(|l| l.parse().ok())
            .unwrap_or(Stability::Stable)
    }

    /// Whether an element declared at `label` is at or above this threshold.
    pub fn includes(self, label: Option<&str>) -> bool {
        Stability::of_label(label) >= self
    }
}

impl FromStr for Stability {
    type Err = UnknownStability;

    fn from_str(s: &str) -> Result<Stability, UnknownStability> {
        Stability::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownStability(s.to_string()))
    }
}

impl fmt::Display for Stability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Stability::{self, *};

    #[test]
    fn levels_are_ordered_and_parse_by_name() {
        assert!(Draft < Alpha && Alpha < Beta && Beta < Stable);
        for l in Stability::ALL {
            assert_eq!(l.as_str().parse::<Stability>(), Ok(l));
        }
        assert!("experimental".parse::<Stability>().is_err());
        assert!("Beta".parse::<Stability>().is_err());
        assert_eq!(Stability::default(), Beta);
    }

    #[test]
    fn no_label_counts_as_stable() {
        assert!(Stable.includes(None));
        assert!(!Stable.includes(Some("beta")));
        assert!(Beta.includes(Some("beta")));
        assert!(!Beta.includes(Some("alpha")));
        assert!(Alpha.includes(Some("alpha")));
        assert!(!Alpha.includes(Some("draft")));
        assert!(Draft.includes(Some("draft")));
    }
}
