//! `PactError`: errors as the Pact Broker returns them — `{"errors": {"field": ["…"]}}`
//! for validation (400), `{"error": "…"}` otherwise — as HAL+JSON. Store failures are
//! logged and answered without their details.

use crate::store::StoreError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const HAL_JSON: &str = "application/hal+json;charset=utf-8";

#[derive(Debug, Clone, PartialEq)]
pub struct PactError {
    pub status: StatusCode,
    pub body: Value,
}

impl PactError {
    /// 400 with one message per field, as the Pact Broker's contract validation answers.
    pub fn invalid(field: &str, message: impl Into<String>) -> PactError {
        PactError {
            status: StatusCode::BAD_REQUEST,
            body: json!({"errors": {field: [message.into()]}}),
        }
    }

    /// 400 with several fields' messages.
    pub fn invalid_fields(errors: serde_json::Map<String, Value>) -> PactError {
        PactError {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "errors": errors }),
        }
    }

    pub fn not_found(message: impl Into<String>) -> PactError {
        PactError::with(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> PactError {
        PactError::with(StatusCode::CONFLICT, message)
    }

    pub fn with(status: StatusCode, message: impl Into<String>) -> PactError {
        PactError {
            status,
            body: json!({"error": message.into()}),
        }
    }
}

impl From<StoreError> for PactError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => PactError::not_found("The requested resource was not found"),
            StoreError::Conflict => {
                PactError::conflict("A concurrent request changed the same resource; please retry")
            }
            other => {
                tracing::error!(error = %other, "pact store failure");
                PactError::with(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error; the request changed nothing",
                )
            }
        }
    }
}

impl IntoResponse for PactError {
    fn into_response(self) -> Response {
        let mut res = (self.status, self.body.to_string()).into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
        res
    }
}
