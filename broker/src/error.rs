//! `ApiError`: every error the API returns, with Confluent's HTTP status and `error_code`,
//! rendered as `{"error_code": 40401, "message": "…"}`. Internal failures are logged and
//! answered with a generic message, never their details.

use crate::schema_types::SchemaError;
use crate::store::StoreError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn subject_not_found(subject: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            40401,
            format!("Subject '{subject}' not found."),
        )
    }

    pub fn version_not_found(subject: &str, version: i32) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            40402,
            format!("Version {version} not found for subject '{subject}'."),
        )
    }

    pub fn schema_not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, 40403, "Schema not found")
    }

    pub fn invalid_schema(message: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42201,
            format!("Invalid schema: {message}"),
        )
    }

    pub fn invalid_version(raw: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42202,
            format!(
                "The specified version '{raw}' is not a valid version id. Allowed values are \
                 between [1, 2^31-1] and the string \"latest\""
            ),
        )
    }

    pub fn invalid_compatibility(raw: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42203,
            format!(
                "Invalid compatibility level '{raw}'. Valid values are none, backward, forward, \
                 full, backward_transitive, forward_transitive, and full_transitive"
            ),
        )
    }

    pub fn invalid_mode(raw: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            42204,
            format!("Invalid mode '{raw}'. Valid values are READWRITE, READONLY and IMPORT"),
        )
    }

    pub fn bad_request_body(message: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            422,
            format!("Unprocessable request body: {message}"),
        )
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            50001,
            "Error in the backend data store",
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NotFound => ApiError::schema_not_found(),
            StoreError::Conflict => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                50002,
                "Too many concurrent updates; retry the request",
            ),
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::internal()
            }
        }
    }
}

impl From<SchemaError> for ApiError {
    fn from(e: SchemaError) -> ApiError {
        match e {
            SchemaError::Invalid { message } => ApiError::invalid_schema(message),
            SchemaError::Unsupported(_) | SchemaError::Unknown(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, 42201, e.to_string())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error_code": self.code, "message": self.message }).to_string();
        let mut res = (self.status, body).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        res
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}
