//! Optional authentication: bearer tokens and HTTP Basic credentials, each with a role
//! (`read` < `write` < `admin`), read from a tokens file. Secrets are kept only as SHA-256
//! digests and compared in constant time; they are never logged.
//!
//! The file has one credential a line, `ROLE SECRET`: a bearer token, or `user:password`
//! for Basic. Blank lines and `#` comments are skipped.

use base64::Engine;
use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Read,
    Write,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s.to_ascii_lowercase().as_str() {
            "read" => Some(Role::Read),
            "write" => Some(Role::Write),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[derive(Debug, Error)]
pub enum TokensError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: expected `ROLE SECRET` with ROLE one of read, write, admin")]
    Syntax { file: String, line: usize },
    #[error("{file}: no credentials")]
    Empty { file: String },
}

/// The credentials the server accepts.
#[derive(Clone)]
pub struct Tokens {
    entries: Vec<([u8; 32], Role)>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tokens({} entries)", self.entries.len())
    }
}

fn digest(secret: &[u8]) -> [u8; 32] {
    Sha256::digest(secret).into()
}

/// Equal digests, examining every byte whatever differs.
fn same(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Tokens {
    pub fn parse(text: &str, file: &str) -> Result<Tokens, TokensError> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(role), Some(secret), None) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(TokensError::Syntax {
                    file: file.into(),
                    line: i + 1,
                });
            };
            let role = Role::parse(role).ok_or(TokensError::Syntax {
                file: file.into(),
                line: i + 1,
            })?;
            entries.push((digest(secret.as_bytes()), role));
        }
        if entries.is_empty() {
            return Err(TokensError::Empty { file: file.into() });
        }
        Ok(Tokens { entries })
    }

    pub fn read(path: &std::path::Path) -> Result<Tokens, TokensError> {
        let file = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).map_err(|source| TokensError::Io {
            file: file.clone(),
            source,
        })?;
        Tokens::parse(&text, &file)
    }

    /// The role an `Authorization` header grants, if any.
    pub fn role(&self, authorization: &str) -> Option<Role> {
        let (scheme, value) = authorization.trim().split_once(' ')?;
        let secret: Vec<u8> = if scheme.eq_ignore_ascii_case("bearer") {
            value.trim().as_bytes().to_vec()
        } else if scheme.eq_ignore_ascii_case("basic") {
            base64::engine::general_purpose::STANDARD
                .decode(value.trim())
                .ok()?
        } else {
            return None;
        };
        let d = digest(&secret);
        // Every entry is compared, so timing does not tell which one matched.
        let mut best = None;
        for (e, role) in &self.entries {
            if same(e, &d) {
                best = best.max(Some(*role));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_and_basic() {
        let t = Tokens::parse("# c\nread r0\nadmin alice:pw\n", "t").expect("parses");
        assert_eq!(t.role("Bearer r0"), Some(Role::Read));
        assert_eq!(t.role("Basic YWxpY2U6cHc="), Some(Role::Admin));
        assert_eq!(t.role("Bearer nope"), None);
        assert_eq!(t.role("Basic !!!"), None);
        assert!(Tokens::parse("boss x", "t").is_err());
        assert!(Tokens::parse("", "t").is_err());
    }
}
