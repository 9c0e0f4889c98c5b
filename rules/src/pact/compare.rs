//! The bi-directional comparison: every HTTP interaction of a consumer's pact against the
//! provider's OpenAPI document. For each interaction: find the operation (`route.rs`),
//! then check the request (security, parameters, content type, body) and the response
//! (status, content type, headers, body with the consumer's matchers applied). Message
//! interactions are not described by OpenAPI and are left out.

use super::matchers::Category;
use super::model::{Body, Interaction, Multi, Pact, is_json_media};
use super::route::{self, Route};
use super::rules::*;
use super::validate::{Issue, IssueKind, Side, Validator, coerce, render};
use crate::catalogue::RuleMeta;
use crate::finding::{Finding, Format, Location, RuleKind, Severity, Span};
use crate::openapi::Spec;
use crate::openapi::view::At;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One finding about one interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFinding {
    /// The interaction's description.
    pub interaction: String,
    /// Its provider state(s), joined with ", ".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider_state: Option<String>,
    #[serde(flatten)]
    pub finding: Finding,
}

/// The outcome of comparing one pact with one document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Comparison {
    /// HTTP interactions compared.
    pub interactions: usize,
    /// Message interactions left out (OpenAPI does not describe messages).
    pub messages_skipped: usize,
    pub findings: Vec<ContractFinding>,
}

impl Comparison {
    /// No error finding (warnings do not fail a comparison, as in swagger-mock-validator).
    pub fn success(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|f| f.finding.severity == Severity::Error)
    }
}

/// Headers a client sends without the API asking for them; not "unknown" when undocumented.
const STANDARD_REQUEST_HEADERS: &[&str] = &[
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "authorization",
    "cache-control",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "date",
    "expect",
    "forwarded",
    "from",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "max-forwards",
    "origin",
    "pragma",
    "proxy-authorization",
    "range",
    "referer",
    "te",
    "upgrade",
    "user-agent",
    "via",
    "warning",
];

/// Response headers usually set by servers or infrastructure: undocumented ones are a
/// warning (`response.header.undefined`), not an error.
const STANDARD_RESPONSE_HEADERS: &[&str] = &[
    "accept-patch",
    "accept-ranges",
    "access-control-allow-credentials",
    "access-control-allow-headers",
    "access-control-allow-methods",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "access-control-max-age",
    "age",
    "allow",
    "alt-svc",
    "cache-control",
    "connection",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-range",
    "date",
    "etag",
    "expires",
    "last-modified",
    "link",
    "location",
    "pragma",
    "proxy-authenticate",
    "retry-after",
    "server",
    "set-cookie",
    "strict-transport-security",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "vary",
    "via",
    "warning",
    "www-authenticate",
    "x-frame-options",
];

/// Compares every HTTP interaction of `pact` with `spec`.
pub fn compare(pact: &Pact, spec: &Spec) -> Comparison {
    let mut out = Comparison {
        interactions: pact.interactions.len(),
        messages_skipped: pact.messages.len(),
        findings: Vec::new(),
    };
    for i in &pact.interactions {
        let mut cx = Cx {
            spec,
            interaction: i,
            out: &mut out.findings,
        };
        cx.interaction();
    }
    out
}

struct Cx<'a, 'o> {
    spec: &'a Spec,
    interaction: &'a Interaction,
    out: &'o mut Vec<ContractFinding>,
}

impl<'a> Cx<'a, '_> {
    // Every field of a finding, named at each call site; a builder would only move them.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &'static RuleMeta,
        severity: Option<Severity>,
        message: String,
        at: Option<At<'a>>,
        path: String,
        before: Option<String>,
        after: Option<String>,
    ) {
        let location = match at {
            Some(a) => a.location(path),
            None => Location {
                file: self.spec.files[0].name.clone(),
                span: Span::FILE_START,
                path,
            },
        };
        self.out.push(ContractFinding {
            interaction: self.interaction.description.clone(),
            provider_state: self.interaction.provider_state(),
            finding: Finding {
                rule: rule.id.to_string(),
                severity: severity.unwrap_or(rule.default_severity),
                kind: RuleKind::Breaking,
                format: Format::Pact,
                message: format!("{}: {message}", self.interaction.label()),
                location,
                before,
                after,
                against: None,
            },
        });
    }

    fn interaction(&mut self) {
        let req = &self.interaction.request;
        let Some(route) = route::find(self.spec, &self.interaction.request) else {
            let paths = self.spec.root().get("paths");
            self.push(
                &PATH_OR_METHOD_UNKNOWN,
                None,
                format!(
                    "{} {} is not an operation of the document",
                    req.method, req.path
                ),
                paths,
                "$.path".into(),
                Some(format!("{} {}", req.method, req.path)),
                None,
            );
            return;
        };
        self.security(&route);
        self.parameters(&route);
        self.request_body(&route);
        self.response(&route);
    }

    fn security(&mut self, route: &Route<'a>) {
        let req = &self.interaction.request;
        let reqs = route
            .op
            .op
            .get("security")
            .or_else(|| self.spec.root().get("security"));
        let Some(reqs) = reqs else { return };
        let alternatives: Vec<At> = reqs.items().collect();
        if alternatives.is_empty() {
            return;
        }
        let schemes = self
            .spec
            .root()
            .get("components")
            .and_then(|c| c.get("securitySchemes"));
        let satisfied = alternatives.iter().any(|alt| {
            alt.members().all(|(name, _)| {
                let Some(scheme) = schemes.and_then(|s| s.field(name)) else {
                    return true;
                };
                let ty = scheme.get("type").and_then(|t| t.str()).unwrap_or("");
                if ty == "apiKey" {
                    let key = scheme.get("name").and_then(|n| n.str()).unwrap_or("");
                    match scheme.get("in").and_then(|i| i.str()) {
                        Some("query") => req.query.iter().any(|(k, _)| k == key),
                        Some("cookie") => header(&req.headers, "cookie")
                            .is_some_and(|c| c.contains(&format!("{key}="))),
                        _ => header(&req.headers, key).is_some(),
                    }
                } else {
                    header(&req.headers, "authorization").is_some()
                }
            })
        });
        if !satisfied {
            let names: Vec<String> = alternatives
                .iter()
                .map(|a| a.members().map(|(n, _)| n).collect::<Vec<_>>().join(" + "))
                .collect();
            self.push(
                &AUTHORIZATION_MISSING,
                None,
                format!(
                    "{} requires credentials ({}) that the request does not send",
                    route.op.label(),
                    names.join(" or ")
                ),
                Some(reqs),
                "$.headers".into(),
                None,
                Some(names.join(" or ")),
            );
        }
    }

    fn parameters(&mut self, route: &Route<'a>) {
        let req = &self.interaction.request;
        // A request is checked by its example, as swagger-mock-validator does: the provider
        // must accept what the consumer actually sent in its tests.
        let v = Validator {
            side: Side::Request,
            rules: None,
        };
        for p in &route.params {
            let (sent, path, rule): (_, _, &'static RuleMeta) = match p.location.as_str() {
                "query" => (
                    req.query
                        .iter()
                        .find(|(k, _)| *k == p.name)
                        .map(|(_, v)| v.clone()),
                    format!("$.query.{}", p.name),
                    &REQUEST_QUERY_INCOMPATIBLE,
                ),
                "header" => (
                    header_all(&req.headers, &p.name),
                    format!("$.headers.{}", p.name),
                    &REQUEST_HEADER_INCOMPATIBLE,
                ),
                _ => continue,
            };
            match sent {
                None if p.required() => self.push(
                    rule,
                    None,
                    format!(
                        "the required {} parameter `{}` is not sent",
                        p.location, p.name
                    ),
                    Some(p.at),
                    path,
                    None,
                    Some("required".into()),
                ),
                None => {}
                Some(values) => {
                    let Some(s) = p.schema() else { continue };
                    let value = coerce(s, &values);
                    for i in v.check_param(s, &value, None) {
                        self.push(
                            rule,
                            None,
                            format!("{} parameter `{}` {}", p.location, p.name, i.message),
                            Some(i.schema),
                            format!("{path}{}", i.path),
                            Some(values.join(",")),
                            Some(i.expected),
                        );
                    }
                }
            }
        }
        let documented = |loc: &str, name: &str| {
            route.params.iter().any(|p| {
                p.location == loc
                    && if loc == "header" {
                        p.name.eq_ignore_ascii_case(name)
                    } else {
                        p.name == name
                    }
            })
        };
        let api_keys = self.api_key_names();
        for (k, vals) in &req.query {
            if !documented("query", k) && !api_keys.iter().any(|a| a == k) {
                self.push(
                    &REQUEST_QUERY_UNKNOWN,
                    None,
                    format!(
                        "query parameter `{k}` is not defined for {}",
                        route.op.label()
                    ),
                    Some(route.op.op),
                    format!("$.query.{k}"),
                    Some(vals.join(",")),
                    None,
                );
            }
        }
        for (k, vals) in &req.headers {
            let lower = k.to_ascii_lowercase();
            if STANDARD_REQUEST_HEADERS.contains(&lower.as_str())
                || documented("header", k)
                || api_keys.iter().any(|a| a.eq_ignore_ascii_case(k))
            {
                continue;
            }
            self.push(
                &REQUEST_HEADER_UNKNOWN,
                None,
                format!(
                    "request header `{k}` is not defined for {}",
                    route.op.label()
                ),
                Some(route.op.op),
                format!("$.headers.{k}"),
                Some(vals.join(",")),
                None,
            );
        }
    }

    /// Names of apiKey security schemes (headers or query parameters that are credentials).
    fn api_key_names(&self) -> Vec<String> {
        let Some(schemes) = self
            .spec
            .root()
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
        else {
            return Vec::new();
        };
        schemes
            .members()
            .filter_map(|(_, s)| {
                let s = s.deref();
                (s.get("type").and_then(|t| t.str()) == Some("apiKey"))
                    .then(|| s.get("name").and_then(|n| n.str()).map(str::to_string))
                    .flatten()
            })
            .collect()
    }

    fn request_body(&mut self, route: &Route<'a>) {
        let req = &self.interaction.request;
        let body = req.body.as_ref().filter(|b| has_content(b));
        // V4 bodies carry their content type beside the headers.
        let ct = header(&req.headers, "content-type")
            .or_else(|| body.and_then(|b| b.content_type.as_deref()));
        let rb = route.op.op.field("requestBody");
        let content = rb.and_then(|r| r.field("content"));
        let media: Vec<(&'a str, At<'a>)> =
            content.map(|c| c.members().collect()).unwrap_or_default();
        if media.is_empty() {
            if let Some(ct) = ct {
                self.push(
                    &REQUEST_CONTENT_TYPE_UNKNOWN,
                    None,
                    format!(
                        "the request sends Content-Type {ct} but {} documents no request body",
                        route.op.label()
                    ),
                    Some(route.op.op),
                    "$.headers.Content-Type".into(),
                    Some(ct.to_string()),
                    None,
                );
            }
            if let Some(b) = body {
                self.push(
                    &REQUEST_BODY_UNKNOWN,
                    None,
                    format!(
                        "the request sends a body but {} documents none",
                        route.op.label()
                    ),
                    Some(route.op.op),
                    "$.body".into(),
                    Some(render(&b.content)),
                    None,
                );
            }
            return;
        }
        let Some(body) = body else {
            if rb.and_then(|r| r.get("required")).and_then(|r| r.bool()) == Some(true) {
                self.push(
                    &REQUEST_BODY_INCOMPATIBLE,
                    None,
                    format!(
                        "{} requires a request body; the request sends none",
                        route.op.label()
                    ),
                    rb,
                    "$.body".into(),
                    None,
                    Some("required".into()),
                );
            }
            return;
        };
        let chosen = match ct {
            None => {
                self.push(
                    &REQUEST_CONTENT_TYPE_MISSING,
                    None,
                    "the request sends a body without a Content-Type header".into(),
                    content,
                    "$.headers.Content-Type".into(),
                    None,
                    Some(keys(&media)),
                );
                media
                    .iter()
                    .find(|(m, _)| is_json_media(m))
                    .or(media.first())
                    .copied()
            }
            Some(ct) => match media.iter().find(|(m, _)| media_matches(ct, m)) {
                Some(m) => Some(*m),
                None => {
                    self.push(
                        &REQUEST_CONTENT_TYPE_INCOMPATIBLE,
                        None,
                        format!(
                            "request Content-Type {ct} is not one the operation accepts ({})",
                            keys(&media)
                        ),
                        content,
                        "$.headers.Content-Type".into(),
                        Some(ct.to_string()),
                        Some(keys(&media)),
                    );
                    None
                }
            },
        };
        let Some((mt, m)) = chosen else { return };
        let (Some(schema), Some(json)) = (m.field("schema"), body.json()) else {
            return;
        };
        if !is_json_media(mt) && !json.is_string() {
            return;
        }
        let v = Validator {
            side: Side::Request,
            rules: None,
        };
        for i in v.check(schema, json) {
            self.body_issue(&REQUEST_BODY_INCOMPATIBLE, i, "request");
        }
    }

    fn body_issue(&mut self, incompatible: &'static RuleMeta, i: Issue<'a>, side: &str) {
        let path = format!("$.body{}", i.path);
        let (rule, sev): (&'static RuleMeta, Option<Severity>) = match i.kind {
            IssueKind::Incompatible => (incompatible, None),
            IssueKind::Unknown { closed: true } => (&RESPONSE_BODY_UNKNOWN, Some(Severity::Error)),
            IssueKind::Unknown { closed: false } => {
                (&RESPONSE_BODY_UNKNOWN, Some(Severity::Warning))
            }
        };
        self.push(
            rule,
            sev,
            format!("{side} body {path} {}", i.message),
            Some(i.schema),
            path,
            Some(i.value),
            Some(i.expected),
        );
    }

    fn response(&mut self, route: &Route<'a>) {
        let res = &self.interaction.response;
        let req = &self.interaction.request;
        let Some(responses) = route.op.op.get("responses") else {
            return;
        };
        let status = res.status.to_string();
        let range = format!("{}XX", res.status / 100);
        let found = responses.members().find(|(k, _)| *k == status).or_else(|| {
            responses
                .members()
                .find(|(k, _)| k.eq_ignore_ascii_case(&range))
        });
        let response = match found {
            Some((_, r)) => r.deref_keep_off(),
            None => match responses.get("default") {
                Some(d) => {
                    self.push(
                        &STATUS_DEFAULT,
                        None,
                        format!(
                            "status {status} is covered only by the default response of {}",
                            route.op.label()
                        ),
                        Some(d),
                        "$.status".into(),
                        Some(status.clone()),
                        Some("default".into()),
                    );
                    d.deref_keep_off()
                }
                None => {
                    let defined: Vec<&str> = responses.members().map(|(k, _)| k).collect();
                    self.push(
                        &STATUS_UNKNOWN,
                        None,
                        format!(
                            "status {status} is not a response of {} (defined: {})",
                            route.op.label(),
                            defined.join(", ")
                        ),
                        Some(responses),
                        "$.status".into(),
                        Some(status),
                        Some(defined.join(", ")),
                    );
                    return;
                }
            },
        };
        let media: Vec<(&'a str, At<'a>)> = response
            .field("content")
            .map(|c| c.members().collect())
            .unwrap_or_default();

        // Accept: against every media type the operation responds with.
        if let Some(accept) = header(&req.headers, "accept") {
            let all: Vec<&str> = responses
                .members()
                .flat_map(|(_, r)| r.deref().field("content").into_iter())
                .flat_map(|c| c.members().map(|(k, _)| k).collect::<Vec<_>>())
                .collect();
            if all.is_empty() {
                self.push(
                    &ACCEPT_UNKNOWN,
                    None,
                    format!(
                        "the request sends Accept {accept} but {} documents no response content",
                        route.op.label()
                    ),
                    Some(responses),
                    "$.headers.Accept".into(),
                    Some(accept.to_string()),
                    None,
                );
            } else if !accept.split(',').any(|a| {
                all.iter()
                    .any(|m| media_matches(a, m) || media_matches(m, a))
            }) {
                self.push(
                    &ACCEPT_INCOMPATIBLE,
                    None,
                    format!(
                        "Accept {accept} admits none of the response media types ({})",
                        all.join(", ")
                    ),
                    Some(responses),
                    "$.headers.Accept".into(),
                    Some(accept.to_string()),
                    Some(all.join(", ")),
                );
            }
        }

        let ct = header(&res.headers, "content-type").or_else(|| {
            res.body
                .as_ref()
                .filter(|b| has_content(b))
                .and_then(|b| b.content_type.as_deref())
        });
        let mut chosen = None;
        if let Some(ct) = ct {
            if media.is_empty() {
                self.push(
                    &RESPONSE_CONTENT_TYPE_UNKNOWN,
                    None,
                    format!("the consumer expects Content-Type {ct} but response {status} documents no content"),
                    Some(response),
                    "$.headers.Content-Type".into(),
                    Some(ct.to_string()),
                    None,
                );
            } else {
                match media.iter().find(|(m, _)| media_matches(ct, m)) {
                    Some(m) => chosen = Some(*m),
                    None => {
                        self.push(
                            &RESPONSE_CONTENT_TYPE_INCOMPATIBLE,
                            None,
                            format!(
                                "the consumer expects Content-Type {ct}; response {status} has {}",
                                keys(&media)
                            ),
                            Some(response),
                            "$.headers.Content-Type".into(),
                            Some(ct.to_string()),
                            Some(keys(&media)),
                        );
                        return self.response_headers(response, &status);
                    }
                }
            }
        }
        self.response_headers(response, &status);

        let Some(body) = res.body.as_ref().filter(|b| has_content(b)) else {
            return;
        };
        let chosen = chosen.or_else(|| {
            let accept = header(&req.headers, "accept");
            accept
                .and_then(|a| {
                    media
                        .iter()
                        .find(|(m, _)| a.split(',').any(|x| media_matches(x, m)))
                })
                .or_else(|| media.iter().find(|(m, _)| is_json_media(m)))
                .or(media.first())
                .copied()
        });
        let schema = chosen.and_then(|(_, m)| m.field("schema"));
        let Some(schema) = schema else {
            self.push(
                &RESPONSE_BODY_UNKNOWN,
                None,
                format!("the consumer expects a response body but response {status} of {} documents no schema for it", route.op.label()),
                Some(response),
                "$.body".into(),
                Some(render(&body.content)),
                None,
            );
            return;
        };
        let Some(json) = body.json() else { return };
        // Only JSON media types describe the body as JSON; a text or binary schema says
        // nothing about a JSON example (as swagger-mock-validator skips them).
        let media_type = chosen.map_or("", |(m, _)| m);
        if !is_json_media(media_type) && media_type != "*/*" && !json.is_string() {
            return;
        }
        let v = Validator {
            side: Side::Response,
            rules: Some(&res.matching_rules),
        };
        for i in v.check(schema, json) {
            self.body_issue(&RESPONSE_BODY_INCOMPATIBLE, i, "response");
        }
    }

    fn response_headers(&mut self, response: At<'a>, status: &str) {
        let res = &self.interaction.response;
        let defined = response.field("headers");
        let v = Validator {
            side: Side::Response,
            rules: None,
        };
        for (k, vals) in &res.headers {
            let lower = k.to_ascii_lowercase();
            if lower == "content-type" {
                continue;
            }
            let spec_header = defined.and_then(|d| {
                d.members()
                    .find(|(n, _)| n.eq_ignore_ascii_case(k))
                    .map(|(_, h)| h.deref_keep_off())
            });
            let Some(h) = spec_header else {
                let (rule, what): (&'static RuleMeta, &str) =
                    if STANDARD_RESPONSE_HEADERS.contains(&lower.as_str()) {
                        (&RESPONSE_HEADER_UNDEFINED, "standard response header")
                    } else {
                        (&RESPONSE_HEADER_UNKNOWN, "response header")
                    };
                self.push(
                    rule,
                    None,
                    format!("{what} `{k}` is not defined for response {status}"),
                    Some(response),
                    format!("$.headers.{k}"),
                    Some(vals.join(",")),
                    None,
                );
                continue;
            };
            let Some(s) = h.field("schema") else { continue };
            let rule = res.matching_rules.named(Category::Header, k);
            let value = coerce(s, vals);
            for i in v.check_param(s, &value, rule) {
                self.push(
                    &RESPONSE_HEADER_INCOMPATIBLE,
                    None,
                    format!("response header `{k}` {}", i.message),
                    Some(i.schema),
                    format!("$.headers.{k}{}", i.path),
                    Some(vals.join(",")),
                    Some(i.expected),
                );
            }
        }
    }
}

fn has_content(b: &Body) -> bool {
    match &b.content {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

fn keys(media: &[(&str, At)]) -> String {
    media.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
}

fn header<'h>(headers: &'h Multi, name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

fn header_all(headers: &Multi, name: &str) -> Option<Vec<String>> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// Whether a concrete (or wildcard) media type is admitted by a documented one
/// (`*/*`, `application/*`, parameters ignored).
pub fn media_matches(sent: &str, documented: &str) -> bool {
    let essence = |m: &str| {
        m.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    let (s, d) = (essence(sent), essence(documented));
    if s.is_empty() || d.is_empty() {
        return false;
    }
    if d == "*/*" || s == "*/*" || s == d {
        return true;
    }
    match (s.split_once('/'), d.split_once('/')) {
        (Some((st, ss)), Some((dt, ds))) => st == dt && (ds == "*" || ss == "*"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media() {
        assert!(media_matches(
            "application/json; charset=utf-8",
            "application/json"
        ));
        assert!(media_matches("application/json", "*/*"));
        assert!(media_matches("text/plain", "text/*"));
        assert!(media_matches("*/*", "application/json"));
        assert!(!media_matches("application/xml", "application/json"));
    }
}
