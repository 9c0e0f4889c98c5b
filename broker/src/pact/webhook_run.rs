//! Sending one webhook request, as the Pact Broker does: the stored request with its
//! `${pactbroker.*}` placeholders filled in, checked against the whitelists (scheme, HTTP
//! method, host), sent with a timeout, and written up as a log in which secrets are masked.
//! `webhook_events` decides when to send and records the outcome.

use serde_json::Value;
use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

/// What the broker lets webhooks do, named after the Pact Broker's settings
/// (`webhook_scheme_whitelist`, `webhook_http_method_whitelist`, `webhook_host_whitelist`,
/// `webhook_retry_schedule`) and with their defaults: https and POST only, any host, six
/// retries spread over about 40 minutes.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub schemes: Vec<String>,
    pub methods: Vec<String>,
    /// Empty: any host (and then, as the Pact Broker does, response bodies are kept out of
    /// the logs an API client can read).
    pub hosts: Vec<HostRule>,
    /// Seconds to wait before each retry after a failed attempt.
    pub retry_schedule: Vec<u64>,
    pub timeout: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            schemes: vec!["https".into()],
            methods: vec!["POST".into()],
            hosts: Vec::new(),
            retry_schedule: vec![10, 60, 120, 300, 600, 1200],
            timeout: Duration::from_secs(10),
        }
    }
}

/// One entry of the host whitelist: a host name, `*.domain`, an IP address or a network.
#[derive(Debug, Clone, PartialEq)]
pub enum HostRule {
    Name(String),
    Suffix(String),
    Ip(IpAddr),
    Network(IpAddr, u8),
}

impl std::str::FromStr for HostRule {
    type Err = String;

    fn from_str(s: &str) -> Result<HostRule, String> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err("an empty host whitelist entry".into());
        }
        if let Some((ip, bits)) = s.split_once('/') {
            let ip: IpAddr = ip
                .parse()
                .map_err(|_| format!("{s}: not an IP network (address/bits)"))?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits: u8 = bits
                .parse()
                .ok()
                .filter(|b| *b <= max)
                .ok_or_else(|| format!("{s}: the prefix length must be 0 to {max}"))?;
            return Ok(HostRule::Network(ip, bits));
        }
        if let Ok(ip) = s.parse() {
            return Ok(HostRule::Ip(ip));
        }
        match s.strip_prefix("*.") {
            Some(domain) => Ok(HostRule::Suffix(format!(".{domain}"))),
            None => Ok(HostRule::Name(s)),
        }
    }
}

impl HostRule {
    fn allows(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let ip: Option<IpAddr> = host.parse().ok();
        match (self, ip) {
            (HostRule::Name(n), _) => n.eq_ignore_ascii_case(host),
            (HostRule::Suffix(s), _) => host.to_ascii_lowercase().ends_with(s.as_str()),
            (HostRule::Ip(a), Some(ip)) => *a == ip,
            (HostRule::Network(net, bits), Some(ip)) => in_network(ip, *net, *bits),
            _ => false,
        }
    }
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (a, b, width) = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u32::from(a) as u128, u32::from(b) as u128, 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (u128::from(a), u128::from(b), 128),
        _ => return false,
    };
    if bits == 0 {
        return true;
    }
    let shift = width - u32::from(bits);
    a >> shift == b >> shift
}

/// The request a webhook sends, with its placeholders filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub basic_auth: Option<(String, String)>,
}

/// Everything but RFC 3986's unreserved characters, as Ruby's `ERB::Util.url_encode`
/// (which the Pact Broker uses for placeholders in a URL) encodes.
const URL_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Fills `${pactbroker.NAME}` from `vars`; unknown names are left as they are, as the Pact
/// Broker leaves them. `encode` percent-encodes values (for the URL).
pub fn fill(text: &str, vars: &HashMap<&'static str, String>, encode: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${pactbroker.") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "${pactbroker.".len()..];
        match after.find('}') {
            Some(end) if vars.contains_key(&after[..end]) => {
                let value = &vars[&after[..end]];
                if encode {
                    out.extend(percent_encoding::utf8_percent_encode(value, URL_VALUE));
                } else {
                    out.push_str(value);
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("${pactbroker.");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The stored request (as `webhooks` validated it) rendered for one event. A JSON body
/// stays JSON: placeholders are filled inside its strings.
pub fn render(request: &Value, vars: &HashMap<&'static str, String>) -> Rendered {
    let text = |k: &str| request.get(k).and_then(Value::as_str).unwrap_or("");
    let headers = request
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    (k.clone(), fill(&v, vars, false))
                })
                .collect()
        })
        .unwrap_or_default();
    let body = match request.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(fill(s, vars, false)),
        Some(v) => Some(fill_json(v, vars).to_string()),
    };
    let basic_auth = request
        .get("username")
        .and_then(Value::as_str)
        .map(|u| (fill(u, vars, false), text("password").to_string()));
    Rendered {
        method: text("method").to_ascii_uppercase(),
        url: fill(text("url"), vars, true),
        headers,
        body,
        basic_auth,
    }
}

fn fill_json(v: &Value, vars: &HashMap<&'static str, String>) -> Value {
    match v {
        Value::String(s) => Value::String(fill(s, vars, false)),
        Value::Array(xs) => Value::Array(xs.iter().map(|x| fill_json(x, vars)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (fill(k, vars, false), fill_json(x, vars)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Why the whitelists refuse a request, in the Pact Broker's words; `None` when allowed.
pub fn refusal(r: &Rendered, settings: &WebhookSettings) -> Option<String> {
    let Ok(url) = reqwest::Url::parse(&r.url) else {
        return Some(format!("{} is not a valid URL", r.url));
    };
    if !settings
        .schemes
        .iter()
        .any(|s| s.eq_ignore_ascii_case(url.scheme()))
    {
        return Some(format!(
            "scheme must be {}. See the webhook whitelist settings.",
            settings.schemes.join(", ")
        ));
    }
    if !settings
        .methods
        .iter()
        .any(|m| m.eq_ignore_ascii_case(&r.method))
    {
        return Some(format!(
            "HTTP method must be {}. See the webhook whitelist settings.",
            settings.methods.join(", ")
        ));
    }
    let host = url.host_str().unwrap_or("");
    if !settings.hosts.is_empty() && !settings.hosts.iter().any(|h| h.allows(host)) {
        return Some(format!("host {host} is not in the webhook host whitelist"));
    }
    None
}

/// One attempt's outcome and its log.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub success: bool,
    pub status: Option<u16>,
    pub log: String,
}

/// Sends the request once. Secrets (the password, Authorization-like headers) are masked
/// in the log; the response body is logged only when a host whitelist is set.
pub async fn send(client: &reqwest::Client, r: &Rendered, settings: &WebhookSettings) -> Attempt {
    let mut log = String::new();
    let now = crate::pact::rfc3339(crate::pact::now_ms());
    log.push_str(&format!("[{now}] DEBUG: {} {}\n", r.method, r.url));
    for (k, v) in &r.headers {
        log.push_str(&format!("{k}: {}\n", masked(k, v)));
    }
    if let Some(b) = &r.body {
        log.push_str(b);
        log.push('\n');
    }
    if let Some(why) = refusal(r, settings) {
        log.push_str(&format!("[{now}] ERROR: webhook not sent: {why}\n"));
        return Attempt {
            success: false,
            status: None,
            log,
        };
    }
    let Ok(method) = reqwest::Method::from_bytes(r.method.as_bytes()) else {
        log.push_str(&format!(
            "[{now}] ERROR: {} is not an HTTP method\n",
            r.method
        ));
        return Attempt {
            success: false,
            status: None,
            log,
        };
    };
    let mut req = client
        .request(method, &r.url)
        .timeout(settings.timeout)
        .header("User-Agent", concat!("accord/", env!("CARGO_PKG_VERSION")));
    for (k, v) in &r.headers {
        req = req.header(k, v);
    }
    if let Some((user, password)) = &r.basic_auth {
        req = req.basic_auth(user, Some(password));
    }
    if let Some(b) = &r.body {
        req = req.body(b.clone());
    }
    match req.send().await {
        Ok(res) => {
            let status = res.status();
            let body = res.text().await.unwrap_or_default();
            log.push_str(&format!(
                "[{now}] INFO: response status {}\n",
                status.as_u16()
            ));
            if settings.hosts.is_empty() {
                log.push_str(
                    "Response body not shown: set a webhook host whitelist to see it here.\n",
                );
            } else {
                log.push_str(&body);
                log.push('\n');
            }
            let success = status.is_success();
            log.push_str(if success {
                "Webhook execution succeeded\n"
            } else {
                "Webhook execution failed\n"
            });
            Attempt {
                success,
                status: Some(status.as_u16()),
                log,
            }
        }
        Err(e) => {
            log.push_str(&format!("[{now}] ERROR: error executing webhook: {e}\n"));
            log.push_str("Webhook execution failed\n");
            Attempt {
                success: false,
                status: None,
                log,
            }
        }
    }
}

fn masked(name: &str, value: &str) -> String {
    if crate::pact::webhooks::is_secret_header(name) {
        "**********".into()
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> HashMap<&'static str, String> {
        HashMap::from([
            (
                "pactUrl",
                "http://b/pacts/provider/p/consumer/c/version/1 2".to_string(),
            ),
            ("consumerName", "web".to_string()),
        ])
    }

    #[test]
    fn placeholders_fill_the_url_encoded_and_the_body_as_is() {
        let r = render(
            &json!({"method": "post", "url": "https://ci/build?pact=${pactbroker.pactUrl}&x=${pactbroker.nope}",
                    "headers": {"X-Who": "${pactbroker.consumerName}"},
                    "body": {"pact": "${pactbroker.pactUrl}", "n": 1}}),
            &vars(),
        );
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.url,
            "https://ci/build?pact=http%3A%2F%2Fb%2Fpacts%2Fprovider%2Fp%2Fconsumer%2Fc%2Fversion%2F1%202&x=${pactbroker.nope}"
        );
        assert_eq!(r.headers, vec![("X-Who".to_string(), "web".to_string())]);
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"pact": "http://b/pacts/provider/p/consumer/c/version/1 2", "n": 1})
        );
    }

    #[test]
    fn whitelists_refuse_scheme_method_and_host() {
        let mut s = WebhookSettings::default();
        let req = |method: &str, url: &str| Rendered {
            method: method.into(),
            url: url.into(),
            headers: vec![],
            body: None,
            basic_auth: None,
        };
        assert!(refusal(&req("POST", "https://ci.example/x"), &s).is_none());
        assert!(
            refusal(&req("POST", "http://ci.example/x"), &s)
                .unwrap()
                .contains("scheme must be https")
        );
        assert!(
            refusal(&req("GET", "https://ci.example/x"), &s)
                .unwrap()
                .contains("method must be POST")
        );
        s.hosts = ["*.example", "10.0.0.0/8", "ci.test"]
            .iter()
            .map(|h| h.parse().unwrap())
            .collect();
        assert!(refusal(&req("POST", "https://a.ci.example/x"), &s).is_none());
        assert!(refusal(&req("POST", "https://10.2.3.4/x"), &s).is_none());
        assert!(refusal(&req("POST", "https://CI.test/x"), &s).is_none());
        assert!(
            refusal(&req("POST", "https://11.0.0.1/x"), &s)
                .unwrap()
                .contains("not in the webhook host whitelist")
        );
        assert!(refusal(&req("POST", "https://example/x"), &s).is_some());
        assert!("10.0.0.0/33".parse::<HostRule>().is_err());
        assert!("".parse::<HostRule>().is_err());
    }
}
