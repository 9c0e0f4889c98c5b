//! Why a protobuf input could not be read. Each error names the file and, where there is one,
//! the line and column, so the CLI can print `file:line:col: message`.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ProtoError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: file is {bytes} bytes, over the 8 MiB limit for a schema file (compiling one costs about 150 times its size in memory)"
    )]
    TooLarge { file: String, bytes: u64 },
    #[error("{file}: not a text file (invalid UTF-8 at byte {offset})")]
    NotText { file: String, offset: usize },
    #[error("{file}: not a FileDescriptorSet image: {message}")]
    BadImage { file: String, message: String },
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: no .proto files found")]
    Empty { path: String },
    #[error("git revision {rev}: {message}")]
    Git { rev: String, message: String },
    #[error("{file}:{line}:{column}: {message}")]
    Config {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
}

impl ProtoError {
    pub(crate) fn io(file: &str, source: std::io::Error) -> ProtoError {
        if source.kind() == std::io::ErrorKind::NotFound {
            return ProtoError::NotFound {
                path: file.to_string(),
            };
        }
        ProtoError::Io {
            file: file.to_string(),
            source,
        }
    }

    /// The file the error is about, when it is about one.
    pub fn file(&self) -> Option<&str> {
        match self {
            ProtoError::Syntax { file, .. }
            | ProtoError::Invalid { file, .. }
            | ProtoError::Io { file, .. }
            | ProtoError::TooLarge { file, .. }
            | ProtoError::NotText { file, .. }
            | ProtoError::BadImage { file, .. }
            | ProtoError::Config { file, .. } => Some(file),
            ProtoError::NotFound { path } | ProtoError::Empty { path } => Some(path),
            ProtoError::Git { .. } => None,
        }
    }
}
