//! The one HTTP client of every broker command: timeouts, bounded retries with exponential
//! backoff and jitter (connection errors, timeouts and 5xx only — a 4xx is the broker's
//! decision and asking again would not change it), and errors that say what the broker
//! answered, whether it speaks Confluent (`message`) or Pact Broker (`errors`, `error`).

use super::{Auth, Settings};
use reqwest::Method;
use reqwest::blocking::{Client as Http, RequestBuilder};
use serde_json::Value;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// The longest wait between two attempts, whatever the backoff has grown to.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum BrokerError {
    #[error("no broker URL: give --broker-url or set ACCORD_BROKER_URL (or PACT_BROKER_BASE_URL)")]
    NoUrl,
    #[error("broker URL `{url}` is not an http:// or https:// URL")]
    BadUrl { url: String },
    #[error("{flag} {value}: give a positive number of seconds")]
    BadSetting { flag: String, value: String },
    #[error("cannot build the HTTP client: {0}")]
    Build(#[source] reqwest::Error),
    #[error("{file}: {reason}")]
    CaCert { file: String, reason: String },
    #[error("cannot reach the broker: {method} {url} failed after {attempts} attempt(s): {reason}")]
    Unreachable {
        method: Method,
        url: String,
        attempts: u32,
        reason: String,
    },
    #[error(
        "the broker did not answer in time: {method} {url} timed out after {timeout:?} ({attempts} attempt(s))"
    )]
    Timeout {
        method: Method,
        url: String,
        attempts: u32,
        timeout: Duration,
    },
    #[error("{method} {url}: the broker answered {status}: {message}")]
    Status {
        method: Method,
        url: String,
        status: u16,
        /// What the broker said, from its error body (or the body itself).
        message: String,
        body: Box<Value>,
    },
    #[error("{method} {url}: the broker's answer is not JSON: {reason}")]
    NotJson {
        method: Method,
        url: String,
        reason: String,
    },
}

impl BrokerError {
    /// The HTTP status the broker answered, for errors that are an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            BrokerError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Confluent's `error_code` (40401 subject not found, …), when the broker sent one.
    pub fn error_code(&self) -> Option<i64> {
        match self {
            BrokerError::Status { body, .. } => body.get("error_code").and_then(Value::as_i64),
            _ => None,
        }
    }
}

/// A broker's successful answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    /// The body as JSON (`Null` when empty).
    pub body: Value,
    pub text: String,
}

pub struct Client {
    http: Http,
    settings: Settings,
}

impl Client {
    pub fn new(settings: Settings) -> Result<Client, BrokerError> {
        let mut builder = Http::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .user_agent(concat!("accord/", env!("CARGO_PKG_VERSION")));
        if let Some(path) = &settings.ca_cert {
            let ca = |reason: String| BrokerError::CaCert {
                file: path.display().to_string(),
                reason,
            };
            let pem = std::fs::read(path).map_err(|e| ca(format!("cannot read: {e}")))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| ca(format!("not a PEM certificate bundle: {e}")))?;
            if certs.is_empty() {
                return Err(ca("holds no PEM certificate".into()));
            }
            for c in certs {
                builder = builder.add_root_certificate(c);
            }
        }
        let http = builder.build().map_err(BrokerError::Build)?;
        Ok(Client { http, settings })
    }

    pub fn base_url(&self) -> &str {
        &self.settings.base_url
    }

    pub fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Answer, BrokerError> {
        self.send(Method::GET, path, query, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Result<Answer, BrokerError> {
        self.send(Method::POST, path, &[], Some(body))
    }

    pub fn post_query(
        &self,
        path: &str,
        query: &[(&str, String)],
        body: &Value,
    ) -> Result<Answer, BrokerError> {
        self.send(Method::POST, path, query, Some(body))
    }

    pub fn put(&self, path: &str, body: &Value) -> Result<Answer, BrokerError> {
        self.send(Method::PUT, path, &[], Some(body))
    }

    pub fn patch(&self, path: &str, body: &Value) -> Result<Answer, BrokerError> {
        self.send(Method::PATCH, path, &[], Some(body))
    }

    /// Sends one request, trying again after connection errors, timeouts and 5xx answers.
    /// `path` starts with `/` and is already percent-encoded (see `seg`).
    pub fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Answer, BrokerError> {
        let url = format!("{}{}", self.settings.base_url, path);
        let attempts = self.settings.retries.saturating_add(1);
        let mut attempt = 0;
        let outcome = loop {
            attempt += 1;
            let outcome = self.once(&method, &url, query, body);
            let retry_because = match &outcome {
                Ok(a) if a.status >= 500 => format!("the broker answered {}", a.status),
                Ok(_) => break outcome,
                Err(Failure::Timeout) => "no answer in time".to_string(),
                Err(Failure::Transport(reason)) => reason.clone(),
            };
            if attempt >= attempts {
                break outcome;
            }
            let wait = self.backoff(attempt);
            eprintln!(
                "accord: {method} {url}: {retry_because}; trying again in {:.1}s (attempt {} of {attempts})",
                wait.as_secs_f64(),
                attempt + 1
            );
            std::thread::sleep(wait);
        };
        match outcome {
            Err(Failure::Timeout) => Err(BrokerError::Timeout {
                method,
                url,
                attempts: attempt,
                timeout: self.settings.timeout,
            }),
            Err(Failure::Transport(reason)) => Err(BrokerError::Unreachable {
                method,
                url,
                attempts: attempt,
                reason,
            }),
            Ok(raw) if (200..300).contains(&raw.status) => {
                let body = if raw.text.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&raw.text).map_err(|e| BrokerError::NotJson {
                        method: method.clone(),
                        url: url.clone(),
                        reason: format!("{e} (body starts {:?})", preview(&raw.text)),
                    })?
                };
                Ok(Answer {
                    status: raw.status,
                    body,
                    text: raw.text,
                })
            }
            Ok(raw) => {
                let body: Value = serde_json::from_str(&raw.text).unwrap_or(Value::Null);
                let message = error_message(&body).unwrap_or_else(|| {
                    if raw.text.trim().is_empty() {
                        "(no body)".to_string()
                    } else {
                        preview(&raw.text)
                    }
                });
                Err(BrokerError::Status {
                    method,
                    url,
                    status: raw.status,
                    message,
                    body: Box::new(body),
                })
            }
        }
    }

    fn once(
        &self,
        method: &Method,
        url: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Raw, Failure> {
        let mut req: RequestBuilder = self
            .http
            .request(method.clone(), url)
            .header(
                reqwest::header::ACCEPT,
                "application/hal+json, application/json;q=0.9, */*;q=0.8",
            )
            .query(query);
        req = match &self.settings.auth {
            Auth::None => req,
            Auth::Bearer(t) => req.bearer_auth(t),
            Auth::Basic { user, password } => req.basic_auth(user, Some(password)),
        };
        if let Some(b) = body {
            // The Pact Broker takes merge patches only with their own media type.
            let ct = if *method == Method::PATCH {
                "application/merge-patch+json"
            } else {
                "application/json"
            };
            req = req
                .header(reqwest::header::CONTENT_TYPE, ct)
                .body(b.to_string());
        }
        let resp = req.send().map_err(classify)?;
        let status = resp.status().as_u16();
        let text = resp.text().map_err(classify)?;
        Ok(Raw { status, text })
    }

    /// Exponential backoff with jitter: base·2^(n-1), scaled by a random factor in
    /// [0.5, 1.0) so that clients failing together do not come back together.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .settings
            .backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(MAX_BACKOFF);
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let factor = 0.5 + (random % 1000) as f64 / 2000.0;
        exp.mul_f64(factor)
    }
}

struct Raw {
    status: u16,
    text: String,
}

enum Failure {
    Timeout,
    Transport(String),
}

fn classify(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    // reqwest's Display is only "error sending request"; the cause says what happened
    // (connection refused, reset, DNS).
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        reason = s.to_string();
        source = s.source();
    }
    if e.is_connect() && !reason.to_lowercase().contains("connect") {
        reason = format!("connection failed: {reason}");
    }
    Failure::Transport(reason)
}

fn preview(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// The human part of an error body: Confluent's `message`, the Pact Broker's `errors`
/// (a map of field → messages, or a list) or `error` (a string or `{message}`).
pub fn error_message(body: &Value) -> Option<String> {
    if let Some(m) = body.get("message").and_then(Value::as_str) {
        return Some(match body.get("error_code").and_then(Value::as_i64) {
            Some(code) => format!("{m} (error code {code})"),
            None => m.to_string(),
        });
    }
    if let Some(errors) = body.get("errors") {
        let mut parts = Vec::new();
        match errors {
            Value::Object(map) => {
                for (field, msgs) in map {
                    match msgs {
                        Value::Array(list) => {
                            for m in list {
                                parts.push(format!("{field}: {}", text_of(m)));
                            }
                        }
                        other => parts.push(format!("{field}: {}", text_of(other))),
                    }
                }
            }
            Value::Array(list) => parts.extend(list.iter().map(text_of)),
            other => parts.push(text_of(other)),
        }
        if !parts.is_empty() {
            return Some(parts.join("; "));
        }
    }
    match body.get("error") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(e @ Value::Object(_)) => Some(
            e.get("message")
                .and_then(Value::as_str)
                .map_or_else(|| e.to_string(), str::to_string),
        ),
        _ => None,
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(_) => v
            .get("message")
            .and_then(Value::as_str)
            .map_or_else(|| v.to_string(), str::to_string),
        other => other.to_string(),
    }
}

/// One path segment, percent-encoded (subjects and pacticipant names may hold `/`, spaces
/// and the like).
pub fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_bodies_of_both_brokers() {
        assert_eq!(
            error_message(&json!({"error_code": 40401, "message": "Subject 'x' not found."}))
                .unwrap(),
            "Subject 'x' not found. (error code 40401)"
        );
        assert_eq!(
            error_message(&json!({"errors": {"consumerName": ["is missing", "is bad"]}})).unwrap(),
            "consumerName: is missing; consumerName: is bad"
        );
        assert_eq!(
            error_message(&json!({"errors": ["a", {"message": "b"}]})).unwrap(),
            "a; b"
        );
        assert_eq!(
            error_message(&json!({"error": "No environment found"})).unwrap(),
            "No environment found"
        );
        assert_eq!(
            error_message(&json!({"error": {"message": "boom"}})).unwrap(),
            "boom"
        );
        assert_eq!(error_message(&json!({"x": 1})), None);
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(seg("orders-value"), "orders-value");
        assert_eq!(seg("a/b c"), "a%2Fb%20c");
        assert_eq!(seg("é"), "%C3%A9");
    }

    #[test]
    fn a_ca_file_that_is_not_pem_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ca.pem");
        std::fs::write(&file, "not a certificate").unwrap();
        let settings = |ca: Option<std::path::PathBuf>| Settings {
            base_url: "https://x".into(),
            auth: Auth::None,
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            retries: 0,
            backoff: Duration::from_millis(1),
            ca_cert: ca,
        };
        let e = Client::new(settings(Some(file.clone()))).err().unwrap();
        assert!(
            e.to_string().starts_with(&file.display().to_string()),
            "{e}"
        );
        let e = Client::new(settings(Some(dir.path().join("missing.pem"))))
            .err()
            .unwrap();
        assert!(e.to_string().contains("cannot read"), "{e}");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let c = Client::new(Settings {
            base_url: "http://x".into(),
            auth: Auth::None,
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            retries: 3,
            backoff: Duration::from_millis(100),
            ca_cert: None,
        })
        .unwrap();
        for _ in 0..20 {
            let one = c.backoff(1);
            assert!(one >= Duration::from_millis(50) && one < Duration::from_millis(100));
            let three = c.backoff(3);
            assert!(three >= Duration::from_millis(200) && three < Duration::from_millis(400));
            assert!(c.backoff(30) <= MAX_BACKOFF);
        }
    }
}
