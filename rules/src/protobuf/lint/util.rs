//! Helpers shared by several lint rules.
