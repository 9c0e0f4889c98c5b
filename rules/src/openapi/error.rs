//! Why an OpenAPI document could not be loaded. Every variant names the file, and those
//! about a place in it the line and column.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OpenApiError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: {size} bytes is over the {max}-byte limit for a description; refusing to parse"
    )]
    TooLarge { file: String, size: u64, max: u64 },
    #[error("{file}: not UTF-8 text")]
    NotUtf8 { file: String },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{file}:{line}:{column}: nested deeper than {max} levels; refusing to parse further")]
    TooDeep {
        file: String,
        line: u32,
        column: u32,
        max: usize,
    },
    #[error(
        "{file}: Swagger {version} is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi) first"
    )]
    Swagger { file: String, version: String },
    #[error(
        "{file}:{line}:{column}: unsupported OpenAPI version \"{version}\" (accord reads 3.0.x and 3.1.x)"
    )]
    UnknownVersion {
        file: String,
        line: u32,
        column: u32,
        version: String,
    },
    #[error("{file}: not an OpenAPI description (no top-level `openapi` key)")]
    NotOpenApi { file: String },
    #[error("{file}:{line}:{column}: $ref \"{reference}\" points to nothing{detail}")]
    UnresolvedRef {
        file: String,
        line: u32,
        column: u32,
        reference: String,
        detail: String,
    },
    #[error(
        "{file}:{line}:{column}: $ref \"{reference}\" is part of a cycle of references that never reaches a value"
    )]
    RefCycle {
        file: String,
        line: u32,
        column: u32,
        reference: String,
    },
}
