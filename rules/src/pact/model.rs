//! Pact files, every specification version (1, 1.1, 2, 3, 4), read into one model: HTTP
//! interactions with their matching rules normalised to V3/V4 categories (`body`, `header`,
//! `query`, `path`), and message interactions (kept so a pact is accepted whole, not
//! compared against OpenAPI). Generators are kept as written and otherwise ignored.
//!
//! Parsing goes through `serde_json::Value` so that a syntax error has serde_json's line and
//! column, and a structural error names the JSON path of what is wrong.

use super::matchers::{MatchingRules, parse_matching_rules};
use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

/// Largest pact accepted (the broker and `accord publish` refuse bigger ones before parsing).
pub const MAX_PACT_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PactError {
    #[error("pact is not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("pact is {size} bytes, over the {max}-byte limit")]
    TooLarge { size: usize, max: usize },
    #[error("pact {path}: {message}")]
    Invalid { path: String, message: String },
    #[error(
        "pact specification version \"{0}\" is not supported (accord reads 1, 1.1, 2, 3 and 4)"
    )]
    UnsupportedVersion(String),
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> PactError {
    PactError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

/// The pact specification a file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum PactSpec {
    V1,
    V1_1,
    V2,
    V3,
    V4,
}

impl PactSpec {
    pub fn as_str(self) -> &'static str {
        match self {
            PactSpec::V1 => "1.0.0",
            PactSpec::V1_1 => "1.1.0",
            PactSpec::V2 => "2.0.0",
            PactSpec::V3 => "3.0.0",
            PactSpec::V4 => "4.0",
        }
    }

    fn parse(v: &str) -> Result<PactSpec, PactError> {
        let mut parts = v.trim().trim_start_matches(['v', 'V']).split('.');
        let major = parts.next().unwrap_or("");
        let minor = parts.next().unwrap_or("0");
        match (major, minor) {
            ("1", "0") => Ok(PactSpec::V1),
            ("1", "1") => Ok(PactSpec::V1_1),
            ("2", _) => Ok(PactSpec::V2),
            ("3", _) => Ok(PactSpec::V3),
            ("4", _) => Ok(PactSpec::V4),
            _ => Err(PactError::UnsupportedVersion(v.to_string())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderState {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Value>,
}

/// A body: JSON when the pact holds JSON (V1–V3 bodies, V4 JSON content), else text or
/// base64 as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    pub content: Value,
    pub content_type: Option<String>,
    /// V4 `encoded`: the content is base64 (or another encoding), not the body itself.
    pub encoded: bool,
}

impl Body {
    /// The body as JSON, when it is JSON (not encoded, and not a string holding some
    /// other media type).
    pub fn json(&self) -> Option<&Value> {
        if self.encoded {
            return None;
        }
        match (&self.content, &self.content_type) {
            (Value::String(_), Some(ct)) if !is_json_media(ct) => None,
            (v, _) => Some(v),
        }
    }
}

pub fn is_json_media(ct: &str) -> bool {
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence.ends_with("/json")
}

/// Header or query values by name, in pact order; a name may carry several values.
pub type Multi = Vec<(String, Vec<String>)>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Multi,
    pub headers: Multi,
    pub body: Option<Body>,
    pub matching_rules: MatchingRules,
    pub generators: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub status: u16,
    pub headers: Multi,
    pub body: Option<Body>,
    pub matching_rules: MatchingRules,
    pub generators: Option<Value>,
}

/// One request/response pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    /// Position in the pact's `interactions`, for messages about it.
    pub index: usize,
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub request: Request,
    pub response: Response,
    /// V4 `pending`.
    pub pending: bool,
}

impl Interaction {
    /// `"get order" given "order 1 exists"`, as findings name the interaction.
    pub fn label(&self) -> String {
        let mut s = format!("\"{}\"", self.description);
        if !self.provider_states.is_empty() {
            let states: Vec<String> = self
                .provider_states
                .iter()
                .map(|p| format!("\"{}\"", p.name))
                .collect();
            s.push_str(" given ");
            s.push_str(&states.join(" and "));
        }
        s
    }

    pub fn provider_state(&self) -> Option<String> {
        if self.provider_states.is_empty() {
            None
        } else {
            Some(
                self.provider_states
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }
    }
}

/// What kind of message interaction (V3 `messages`, V4 asynchronous and synchronous ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MessageKind {
    Asynchronous,
    Synchronous,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub index: usize,
    pub kind: MessageKind,
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    /// The message (asynchronous) or the request (synchronous).
    pub contents: Option<Body>,
    pub metadata: Option<Value>,
    /// Synchronous messages: the expected replies.
    pub responses: Vec<Body>,
    pub matching_rules: MatchingRules,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pact {
    pub consumer: String,
    pub provider: String,
    pub spec: PactSpec,
    pub interactions: Vec<Interaction>,
    pub messages: Vec<Message>,
    pub metadata: Value,
}

/// Parses a pact file of any specification version.
pub fn parse_pact(text: &str) -> Result<Pact, PactError> {
    if text.len() > MAX_PACT_BYTES {
        return Err(PactError::TooLarge {
            size: text.len(),
            max: MAX_PACT_BYTES,
        });
    }
    let root: Value = serde_json::from_str(text).map_err(|e| PactError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let obj = root
        .as_object()
        .ok_or_else(|| invalid("$", "must be a JSON object"))?;
    let consumer = party(obj, "consumer")?;
    let provider = party(obj, "provider")?;
    let metadata = obj.get("metadata").cloned().unwrap_or(Value::Null);
    let spec = spec_version(&metadata)?.unwrap_or_else(|| guess_version(obj));
    let mut pact = Pact {
        consumer,
        provider,
        spec,
        interactions: Vec::new(),
        messages: Vec::new(),
        metadata,
    };
    if let Some(list) = obj.get("interactions") {
        let list = list
            .as_array()
            .ok_or_else(|| invalid("$.interactions", "must be an array"))?;
        for (i, it) in list.iter().enumerate() {
            let path = format!("$.interactions[{i}]");
            let o = it
                .as_object()
                .ok_or_else(|| invalid(&path, "must be an object"))?;
            let kind = if spec == PactSpec::V4 {
                opt_str(o, "type", &path)?.unwrap_or("Synchronous/HTTP")
            } else {
                "Synchronous/HTTP"
            };
            match kind {
                "Synchronous/HTTP" => pact.interactions.push(http(o, i, spec, &path)?),
                "Asynchronous/Messages" => {
                    pact.messages
                        .push(message(o, i, MessageKind::Asynchronous, spec, &path)?)
                }
                "Synchronous/Messages" => {
                    pact.messages
                        .push(message(o, i, MessageKind::Synchronous, spec, &path)?)
                }
                other => {
                    return Err(invalid(
                        format!("{path}.type"),
                        format!(
                            "unknown interaction type \"{other}\" (expected Synchronous/HTTP, Asynchronous/Messages or Synchronous/Messages)"
                        ),
                    ));
                }
            }
        }
    }
    if let Some(list) = obj.get("messages") {
        let list = list
            .as_array()
            .ok_or_else(|| invalid("$.messages", "must be an array"))?;
        for (i, m) in list.iter().enumerate() {
            let path = format!("$.messages[{i}]");
            let o = m
                .as_object()
                .ok_or_else(|| invalid(&path, "must be an object"))?;
            pact.messages
                .push(message(o, i, MessageKind::Asynchronous, spec, &path)?);
        }
    }
    if obj.get("interactions").is_none() && obj.get("messages").is_none() {
        return Err(invalid("$", "has neither `interactions` nor `messages`"));
    }
    Ok(pact)
}

/// serde_json appends " at line L column C"; the error has its own fields for that.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn party(obj: &Map<String, Value>, key: &str) -> Result<String, PactError> {
    let p = obj
        .get(key)
        .ok_or_else(|| invalid("$", format!("missing `{key}`")))?;
    let name = p
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(format!("$.{key}"), "missing `name` (a string)"))?;
    if name.trim().is_empty() {
        return Err(invalid(format!("$.{key}.name"), "must not be empty"));
    }
    Ok(name.to_string())
}

/// `metadata.pactSpecification.version` (V2+), `pact-specification.version` (V1.1 era
/// Ruby) or `pactSpecificationVersion` (pact-jvm V2).
fn spec_version(meta: &Value) -> Result<Option<PactSpec>, PactError> {
    let candidates = [
        meta.pointer("/pactSpecification/version"),
        meta.pointer("/pact-specification/version"),
        meta.pointer("/pactSpecificationVersion"),
    ];
    for v in candidates.into_iter().flatten() {
        if let Some(s) = v.as_str() {
            return PactSpec::parse(s).map(Some);
        }
    }
    Ok(None)
}

/// Without a declared version: V4 when interactions carry a `type`, V3 when they carry
/// `providerStates`, else V2 (the version most old files without metadata follow).
fn guess_version(obj: &Map<String, Value>) -> PactSpec {
    let items = obj
        .get("interactions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if items.iter().any(|i| i.get("type").is_some()) {
        PactSpec::V4
    } else if obj.get("messages").is_some()
        || items.iter().any(|i| i.get("providerStates").is_some())
    {
        PactSpec::V3
    } else {
        PactSpec::V2
    }
}

fn opt_str<'a>(
    o: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>, PactError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(format!("{path}.{key}"), "must be a string")),
    }
}

fn states(o: &Map<String, Value>, path: &str) -> Result<Vec<ProviderState>, PactError> {
    if let Some(list) = o.get("providerStates") {
        let list = list
            .as_array()
            .ok_or_else(|| invalid(format!("{path}.providerStates"), "must be an array"))?;
        return list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let name = s.get("name").and_then(Value::as_str).ok_or_else(|| {
                    invalid(
                        format!("{path}.providerStates[{i}]"),
                        "missing `name` (a string)",
                    )
                })?;
                Ok(ProviderState {
                    name: name.to_string(),
                    params: s.get("params").cloned(),
                })
            })
            .collect();
    }
    let single = opt_str(o, "providerState", path)?.or(opt_str(o, "provider_state", path)?);
    Ok(single
        .map(|n| ProviderState {
            name: n.to_string(),
            params: None,
        })
        .into_iter()
        .collect())
}

fn http(
    o: &Map<String, Value>,
    index: usize,
    spec: PactSpec,
    path: &str,
) -> Result<Interaction, PactError> {
    let description = opt_str(o, "description", path)?
        .ok_or_else(|| invalid(path, "missing `description`"))?
        .to_string();
    let req = o
        .get("request")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid(path, "missing `request` (an object)"))?;
    let res = o
        .get("response")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid(path, "missing `response` (an object)"))?;
    let rpath = format!("{path}.request");
    let method = opt_str(req, "method", &rpath)?
        .ok_or_else(|| invalid(&rpath, "missing `method`"))?
        .to_ascii_uppercase();
    let req_path = opt_str(req, "path", &rpath)?.unwrap_or("/").to_string();
    let req_headers = multi(req.get("headers"), &format!("{rpath}.headers"))?;
    let request = Request {
        method,
        path: req_path,
        query: query(req.get("query"), &format!("{rpath}.query"))?,
        body: body(req, &req_headers, spec, &rpath)?,
        headers: req_headers,
        matching_rules: parse_matching_rules(req.get("matchingRules"), spec, &rpath)?,
        generators: req.get("generators").cloned(),
    };
    let spath = format!("{path}.response");
    let status = match res.get("status") {
        None => 200,
        Some(s) => s
            .as_u64()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| {
                invalid(
                    format!("{spath}.status"),
                    "must be an HTTP status (100-599)",
                )
            })? as u16,
    };
    let res_headers = multi(res.get("headers"), &format!("{spath}.headers"))?;
    let response = Response {
        status,
        body: body(res, &res_headers, spec, &spath)?,
        headers: res_headers,
        matching_rules: parse_matching_rules(res.get("matchingRules"), spec, &spath)?,
        generators: res.get("generators").cloned(),
    };
    Ok(Interaction {
        index,
        description,
        provider_states: states(o, path)?,
        request,
        response,
        pending: o.get("pending").and_then(Value::as_bool).unwrap_or(false),
    })
}

/// Headers (V1–V3: name → "a, b"; V4: name → ["a", "b"]).
fn multi(v: Option<&Value>, path: &str) -> Result<Multi, PactError> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let o = v
        .as_object()
        .ok_or_else(|| invalid(path, "must be an object"))?;
    o.iter()
        .map(|(k, v)| Ok((k.clone(), values(v, &format!("{path}.{k}"))?)))
        .collect()
}

fn values(v: &Value, path: &str) -> Result<Vec<String>, PactError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Number(n) => Ok(vec![n.to_string()]),
        Value::Bool(b) => Ok(vec![b.to_string()]),
        Value::Array(xs) => xs
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                Value::Bool(b) => Ok(b.to_string()),
                _ => Err(invalid(format!("{path}[{i}]"), "must be a string")),
            })
            .collect(),
        _ => Err(invalid(path, "must be a string or an array of strings")),
    }
}

/// Query: V1/V2 a string (`a=1&b=2`), V3/V4 name → [values].
fn query(v: Option<&Value>, path: &str) -> Result<Multi, PactError> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => {
            let mut out: Multi = Vec::new();
            for pair in s.split('&').filter(|p| !p.is_empty()) {
                let (k, val) = pair.split_once('=').unwrap_or((pair, ""));
                let (k, val) = (percent_decode(k), percent_decode(val));
                match out.iter_mut().find(|(n, _)| *n == k) {
                    Some((_, vs)) => vs.push(val),
                    None => out.push((k, vec![val])),
                }
            }
            Ok(out)
        }
        Some(other) => multi(Some(other), path),
    }
}

/// `%xx` and `+` decoding of a query string component.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn header<'a>(headers: &'a Multi, name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

/// A request or response body: V4 `{content, contentType, encoded}`, earlier versions the
/// value itself (absent = no body; V1/V2 `null`… is a body only when written).
fn body(
    o: &Map<String, Value>,
    headers: &Multi,
    spec: PactSpec,
    path: &str,
) -> Result<Option<Body>, PactError> {
    let Some(b) = o.get("body") else {
        return Ok(None);
    };
    if spec == PactSpec::V4 {
        return v4_contents(b, &format!("{path}.body"));
    }
    Ok(Some(Body {
        content: b.clone(),
        content_type: header(headers, "content-type").map(str::to_string),
        encoded: false,
    }))
}

fn v4_contents(b: &Value, path: &str) -> Result<Option<Body>, PactError> {
    if b.is_null() {
        return Ok(None);
    }
    let bo = b
        .as_object()
        .ok_or_else(|| invalid(path, "must be an object with `content`"))?;
    let Some(content) = bo.get("content") else {
        return Ok(None);
    };
    let content_type = opt_str(bo, "contentType", path)?.map(str::to_string);
    let encoded = match bo.get("encoded") {
        None | Some(Value::Bool(false)) | Some(Value::Null) => false,
        Some(Value::Bool(true)) | Some(Value::String(_)) => true,
        Some(_) => {
            return Err(invalid(
                format!("{path}.encoded"),
                "must be a boolean or a string",
            ));
        }
    };
    // pact-js writes JSON content as a string when it was given one; parse it back.
    let content = match (content, &content_type, encoded) {
        (Value::String(s), Some(ct), false) if is_json_media(ct) => {
            serde_json::from_str(s).unwrap_or_else(|_| content.clone())
        }
        _ => content.clone(),
    };
    Ok(Some(Body {
        content,
        content_type,
        encoded,
    }))
}

fn message(
    o: &Map<String, Value>,
    index: usize,
    kind: MessageKind,
    spec: PactSpec,
    path: &str,
) -> Result<Message, PactError> {
    let description = opt_str(o, "description", path)?
        .ok_or_else(|| invalid(path, "missing `description`"))?
        .to_string();
    let (contents, metadata, responses) = match kind {
        MessageKind::Asynchronous if spec == PactSpec::V4 => (
            match o.get("contents") {
                Some(c) => v4_contents(c, &format!("{path}.contents"))?,
                None => None,
            },
            o.get("metadata").cloned(),
            Vec::new(),
        ),
        MessageKind::Asynchronous => (
            o.get("contents").map(|c| Body {
                content: c.clone(),
                content_type: o
                    .get("metaData")
                    .or(o.get("metadata"))
                    .and_then(|m| m.get("contentType").or(m.get("content-type")))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                encoded: false,
            }),
            o.get("metaData").or(o.get("metadata")).cloned(),
            Vec::new(),
        ),
        MessageKind::Synchronous => {
            let req = o
                .get("request")
                .ok_or_else(|| invalid(path, "missing `request`"))?;
            let contents = match req.get("contents") {
                Some(c) => v4_contents(c, &format!("{path}.request.contents"))?,
                None => None,
            };
            let mut responses = Vec::new();
            if let Some(list) = o.get("response") {
                let list = list
                    .as_array()
                    .ok_or_else(|| invalid(format!("{path}.response"), "must be an array"))?;
                for (i, r) in list.iter().enumerate() {
                    if let Some(c) = r.get("contents")
                        && let Some(b) = v4_contents(c, &format!("{path}.response[{i}].contents"))?
                    {
                        responses.push(b);
                    }
                }
            }
            (contents, req.get("metadata").cloned(), responses)
        }
    };
    Ok(Message {
        index,
        kind,
        description,
        provider_states: states(o, path)?,
        contents,
        metadata,
        responses,
        matching_rules: parse_matching_rules(o.get("matchingRules"), spec, path)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = parse_pact("{\n  \"consumer\": {\"name\": \"a\"},\n  oops\n}").unwrap_err();
        match e {
            PactError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn structural_error_names_the_path() {
        let e = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{},"response":{}}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "pact $.interactions[0].request: missing `method`"
        );
    }

    #[test]
    fn v2_query_string_and_provider_state() {
        let p = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},
                "interactions":[{"description":"d","providerState":"s",
                  "request":{"method":"get","path":"/x","query":"a=1&a=2&b=hello+world%21"},
                  "response":{"status":200}}],
                "metadata":{"pactSpecification":{"version":"2.0.0"}}}"#,
        )
        .unwrap();
        assert_eq!(p.spec, PactSpec::V2);
        let i = &p.interactions[0];
        assert_eq!(i.request.method, "GET");
        assert_eq!(
            i.request.query,
            vec![
                ("a".to_string(), vec!["1".to_string(), "2".to_string()]),
                ("b".to_string(), vec!["hello world!".to_string()])
            ]
        );
        assert_eq!(i.label(), "\"d\" given \"s\"");
    }

    #[test]
    fn v4_kinds_and_bodies() {
        let p = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},
                "interactions":[
                  {"type":"Synchronous/HTTP","description":"h",
                   "request":{"method":"POST","path":"/x","headers":{"Content-Type":["application/json"]},
                     "body":{"content":"{\"a\":1}","contentType":"application/json","encoded":false}},
                   "response":{"status":201}},
                  {"type":"Asynchronous/Messages","description":"m","contents":{"content":{"id":1},"contentType":"application/json"}},
                  {"type":"Synchronous/Messages","description":"s","request":{"contents":{"content":"q"}},"response":[{"contents":{"content":"r"}}]}
                ],
                "metadata":{"pactSpecification":{"version":"4.0"}}}"#,
        )
        .unwrap();
        assert_eq!(p.spec, PactSpec::V4);
        assert_eq!(p.interactions.len(), 1);
        assert_eq!(
            p.interactions[0].request.body.as_ref().unwrap().json(),
            Some(&serde_json::json!({"a": 1}))
        );
        assert_eq!(p.messages.len(), 2);
        assert_eq!(p.messages[1].kind, MessageKind::Synchronous);
        assert_eq!(p.messages[1].responses.len(), 1);
    }

    #[test]
    fn v1_1_ruby_style() {
        let p = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},
                "interactions":[{"description":"d","provider_state":"s",
                  "request":{"method":"get","path":"/x","query":"q=1",
                    "headers":{"Accept":"application/json"}},
                  "response":{"status":200,"headers":{"Content-Type":"application/json"},
                    "body":{"a":[1,2]}}}],
                "metadata":{"pact-specification":{"version":"1.1.0"}}}"#,
        )
        .unwrap();
        assert_eq!(p.spec, PactSpec::V1_1);
        let i = &p.interactions[0];
        assert_eq!(i.provider_state().as_deref(), Some("s"));
        assert_eq!(
            i.response.body.as_ref().and_then(Body::json),
            Some(&serde_json::json!({"a": [1, 2]}))
        );
    }

    #[test]
    fn v3_provider_states_with_params_and_messages() {
        let p = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},
                "interactions":[{"description":"d",
                  "providerStates":[{"name":"s1","params":{"id":1}},{"name":"s2"}],
                  "request":{"method":"GET","path":"/x","query":{"q":["1","2"]}},
                  "response":{"status":200}}],
                "messages":[{"description":"m","contents":{"id":1},
                  "metaData":{"contentType":"application/json"}}],
                "metadata":{"pactSpecification":{"version":"3.0.0"}}}"#,
        )
        .unwrap();
        let i = &p.interactions[0];
        assert_eq!(i.label(), "\"d\" given \"s1\" and \"s2\"");
        assert_eq!(
            i.provider_states[0].params,
            Some(serde_json::json!({"id": 1}))
        );
        assert_eq!(i.request.query[0].1, vec!["1".to_string(), "2".to_string()]);
        assert_eq!(p.messages.len(), 1);
        assert_eq!(
            p.messages[0]
                .contents
                .as_ref()
                .unwrap()
                .content_type
                .as_deref(),
            Some("application/json")
        );
    }

    #[test]
    fn unknown_v4_type_is_an_error() {
        let e = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"type":"Carrier/Pigeon","description":"x"}],"metadata":{"pactSpecification":{"version":"4.0"}}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("Carrier/Pigeon"), "{e}");
    }

    #[test]
    fn unsupported_version() {
        let e = parse_pact(
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[],"metadata":{"pactSpecification":{"version":"9.0.0"}}}"#,
        )
        .unwrap_err();
        assert_eq!(e, PactError::UnsupportedVersion("9.0.0".into()));
    }
}
