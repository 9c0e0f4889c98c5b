//! HAL plumbing every Pact Broker resource shares: the base URL links are built from (the
//! clients follow absolute links, so they must name the host the client used, including
//! behind a proxy), names percent-encoded into paths, HAL+JSON responses, and extractors
//! that answer bad paths and bodies in the Pact Broker's error shape.

use super::error::{HAL_JSON, PactError};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Everything but RFC 3986's unreserved characters is encoded, so a name with `/`, `?`,
/// `#` or spaces survives being put into a path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A name as one URL path segment.
pub fn enc(name: &str) -> String {
    utf8_percent_encode(name, SEGMENT).to_string()
}

/// The scheme and authority the client reached us at, e.g. `http://broker:9292`.
#[derive(Debug, Clone)]
pub struct Base(pub String);

impl Base {
    /// `base + path`; `path` starts with `/` and has its names already encoded.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// A HAL link object.
    pub fn link(&self, path: &str, title: &str) -> Value {
        json!({"href": self.url(path), "title": title})
    }

    /// A HAL link object with a `name` (clients pick links out of arrays by it).
    pub fn named(&self, path: &str, title: &str, name: &str) -> Value {
        json!({"href": self.url(path), "title": title, "name": name})
    }

    /// A templated link (`{placeholders}` left for the client to expand).
    pub fn templated(&self, path: &str, title: &str) -> Value {
        json!({"href": self.url(path), "title": title, "templated": true})
    }
}

/// The base URL from `X-Forwarded-Proto` / `X-Forwarded-Host` (set by proxies), else the
/// `Host` header, else the loopback default the server binds to.
pub fn base_from(headers: &HeaderMap) -> Base {
    let first = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let proto = first("x-forwarded-proto")
        .filter(|p| p == "http" || p == "https")
        .unwrap_or_else(|| "http".to_string());
    let valid = |h: &String| {
        h.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:[]_".contains(c))
    };
    let host = first("x-forwarded-host")
        .filter(valid)
        .or_else(|| first(header::HOST.as_str()).filter(valid))
        .unwrap_or_else(|| "127.0.0.1:9292".to_string());
    let host = match first("x-forwarded-port") {
        Some(port) if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            let default = (proto == "http" && port == "80") || (proto == "https" && port == "443");
            if default {
                host
            } else {
                format!("{host}:{port}")
            }
        }
        _ => host,
    };
    Base(format!("{proto}://{host}"))
}

impl<S: Send + Sync> FromRequestParts<S> for Base {
    type Rejection = PactError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(base_from(&parts.headers))
    }
}

/// A HAL+JSON response.
pub fn hal(status: StatusCode, body: Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HAL_JSON));
    res
}

pub fn ok(body: Value) -> Response {
    hal(StatusCode::OK, body)
}

/// 204 with no body (the clients treat a 204 without a content type as success).
pub fn no_content() -> Response {
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = StatusCode::NO_CONTENT;
    res
}

/// Path parameters (percent-decoded); a malformed path is a 404 in the Pact Broker's shape.
pub struct P<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for P<T> {
    type Rejection = PactError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| P(p.0))
            .map_err(|e| PactError::not_found(format!("Not found: {e}")))
    }
}

/// Query parameters as (name, value) pairs in order; `a[]` style names are kept verbatim.
pub struct Query(pub Vec<(String, String)>);

impl Query {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = PactError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        Ok(Query(
            serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default(),
        ))
    }
}

/// A JSON request body: a non-JSON `Content-Type` → 415, unparsable → 400. A missing
/// content type is accepted (curl users forget it; the clients always send one). An empty
/// body reads as `{}`.
pub struct Body(pub Value);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = PactError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(ct) = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        {
            let media = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if !media.is_empty() && !media.contains("json") {
                return Err(PactError::with(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("Unsupported content type {media}; send application/json"),
                ));
            }
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            PactError::with(e.status(), format!("Could not read the request body: {e}"))
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(json!({})));
        }
        serde_json::from_slice(&bytes)
            .map(Body)
            .map_err(|e| PactError::with(StatusCode::BAD_REQUEST, format!("Invalid JSON: {e}")))
    }
}

/// A body field as a string, if it is one (and not blank).
pub fn str_field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_encoded_as_one_segment() {
        assert_eq!(enc("Foo Bar/baz"), "Foo%20Bar%2Fbaz");
        assert_eq!(enc("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(enc("ü?#"), "%C3%BC%3F%23");
    }

    #[test]
    fn base_prefers_forwarded_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(base_from(&h).0, "http://127.0.0.1:9292");
        h.insert(header::HOST, HeaderValue::from_static("broker:9292"));
        assert_eq!(base_from(&h).0, "http://broker:9292");
        h.insert(
            "x-forwarded-host",
            HeaderValue::from_static("pact.example.com"),
        );
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(base_from(&h).0, "https://pact.example.com");
        h.insert("x-forwarded-port", HeaderValue::from_static("8443"));
        assert_eq!(base_from(&h).0, "https://pact.example.com:8443");
        h.insert(
            "x-forwarded-host",
            HeaderValue::from_static("evil.com/path"),
        );
        assert_eq!(base_from(&h).0, "https://broker:9292");
    }
}
