//! Helpers shared by several breaking rules.
