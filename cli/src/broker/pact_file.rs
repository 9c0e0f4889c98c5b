//! Reads the pact files to publish and checks each with accord's pact parser (V1–V4), so a
//! broken file stops the command before anything is sent.

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
    // The same parser the broker's comparisons use: a pact it would refuse or misread is
    // refused here, before anything is sent.
    let pact = accord_rules::pact::parse_pact(text).map_err(|e| match e {
        accord_rules::pact::PactError::Syntax {
            line,
            column,
            message,
        } => PactFileError::Json {
            file: file.to_string(),
            line,
            column,
            message,
        },
        other => PactFileError::NotAPact {
            file: file.to_string(),
            problem: other.to_string(),
        },
    })?;
    Ok(PactFile {
        path: PathBuf::from(file),
        consumer: pact.consumer,
        provider: pact.provider,
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
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"messages":[{"description":"an event","contents":{}}],"metadata":{"pactSpecification":{"version":"3.0.0"}}}"#,
            "m.json",
        )
        .unwrap();
    }

    fn problem(text: &str) -> String {
        parse(text, "x.json").unwrap_err().to_string()
    }

    #[test]
    fn broken_pacts_say_why() {
        let e = problem("{\n  \"consumer\": ");
        assert!(e.starts_with("x.json:2:"), "{e}");
        assert_eq!(
            problem("[]"),
            "x.json: not a pact: pact $: must be a JSON object"
        );
        let e = problem(r#"{"provider":{"name":"b"},"interactions":[]}"#);
        assert!(
            e.starts_with("x.json: not a pact: ") && e.contains("consumer"),
            "{e}"
        );
        let e = problem(r#"{"consumer":{"name":"a"},"provider":{"name":" "},"interactions":[]}"#);
        assert_eq!(
            e,
            "x.json: not a pact: pact $.provider.name: must not be empty"
        );
        let e = problem(r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":{}}"#);
        assert!(e.contains("interactions"), "{e}");
        let e = problem(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{},"response":{"status":200}}]}"#,
        );
        assert!(e.contains("$.interactions[0].request"), "{e}");
    }
}
