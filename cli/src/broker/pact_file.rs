//! Checks a pact file enough to publish it safely: a JSON object naming its consumer and
//! provider, with an `interactions` or `messages` array.
//!
//! TODO(unify): accord-rules is growing a full pact parser (`rules/src/pact`); once it lands,
//! this validator should defer to it. Until then this is the minimum that keeps a broken
//! file from being half-published.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PactFileError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: not valid JSON: {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: not a pact: {problem}")]
    NotAPact { file: String, problem: String },
    #[error("{path}: no pact files (*.json) in this directory")]
    EmptyDir { path: String },
}

/// A pact ready to send.
#[derive(Debug, Clone)]
pub struct PactFile {
    pub path: PathBuf,
    pub consumer: String,
    pub provider: String,
    /// The file's text as read; the broker gets exactly these bytes.
    pub text: String,
}

/// The files named, each directory standing for the `*.json` files directly in it (sorted,
/// as the Pact CLI does).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, PactFileError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let read = std::fs::read_dir(p).map_err(|source| PactFileError::Read {
                file: p.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = read
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|e| e == "json"))
                .collect();
            if found.is_empty() {
                return Err(PactFileError::EmptyDir {
                    path: p.display().to_string(),
                });
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub fn read(path: &Path) -> Result<PactFile, PactFileError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| PactFileError::Read {
        file: file.clone(),
        source,
    })?;
    let mut pact = parse(&text, &file)?;
    pact.path = path.to_path_buf();
    Ok(pact)
}

pub fn parse(text: &str, file: &str) -> Result<PactFile, PactFileError> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| PactFileError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let not = |problem: &str| PactFileError::NotAPact {
        file: file.to_string(),
        problem: problem.to_string(),
    };
    if !v.is_object() {
        return Err(not("the document is not a JSON object"));
    }
    let name = |role: &str| -> Result<String, PactFileError> {
        match v.get(role).and_then(|r| r.get("name")) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
            Some(serde_json::Value::String(_)) => Err(not(&format!("{role}.name is empty"))),
            Some(_) => Err(not(&format!("{role}.name is not a string"))),
            None => Err(not(&format!("{role}.name is missing"))),
        }
    };
    let consumer = name("consumer")?;
    let provider = name("provider")?;
    let interactions = v.get("interactions");
    let messages = v.get("messages");
    match (interactions, messages) {
        (None, None) => return Err(not("it has neither `interactions` nor `messages`")),
        (Some(i), _) if !i.is_array() => return Err(not("`interactions` is not an array")),
        (_, Some(m)) if !m.is_array() => return Err(not("`messages` is not an array")),
        _ => {}
    }
    Ok(PactFile {
        path: PathBuf::from(file),
        consumer,
        provider,
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_pact() {
        let p = parse(
            r#"{"consumer":{"name":"web"},"provider":{"name":"api"},"interactions":[]}"#,
            "p.json",
        )
        .unwrap();
        assert_eq!((p.consumer.as_str(), p.provider.as_str()), ("web", "api"));
        parse(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"messages":[{}]}"#,
            "m.json",
        )
        .unwrap();
    }

    #[test]
    fn broken_pacts_say_why() {
        let e = parse("{\n  \"consumer\": ", "x.json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.json:2:"), "{e}");
        let e = parse("[]", "x.json").unwrap_err().to_string();
        assert_eq!(e, "x.json: not a pact: the document is not a JSON object");
        let e = parse(r#"{"provider":{"name":"b"},"interactions":[]}"#, "x.json")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "x.json: not a pact: consumer.name is missing");
        let e = parse(
            r#"{"consumer":{"name":"a"},"provider":{"name":" "},"interactions":[]}"#,
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "x.json: not a pact: provider.name is empty");
        let e = parse(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"}}"#,
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("neither `interactions` nor `messages`"), "{e}");
        let e = parse(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":{}}"#,
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("`interactions` is not an array"), "{e}");
    }
}
