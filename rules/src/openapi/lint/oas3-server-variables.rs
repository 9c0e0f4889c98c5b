//! `oas3-server-variables` (Spectral `spectral:oas`): Server URL variables are declared, used, have a default listed in their enum, and give valid URLs.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-server-variables",
        Severity::Error,
        true,
        RuleDoc {
            summary: "Server URL variables are declared, used, have a default listed in their enum, and give valid URLs.",
            why: "Clients build the base URL from the variables; an undeclared one cannot be filled in, a missing default leaves the URL incomplete.",
            before: "servers: [{url: 'https://{region}.api.acme.org'}]",
            after: "servers:\n  - url: 'https://{region}.api.acme.org'\n    variables: {region: {default: eu, enum: [eu, us]}}",
            evolve: "Declare every `{variable}` with a default (listed in its enum), and remove unused ones.",
        },
    ),
    check,
};

use super::Here;
use crate::openapi::node::{Node, Val};

fn url_variables(url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(a) = rest.find('{') {
        let after = &rest[a + 1..];
        // `{(.+?)}`: at least one character, the nearest closing brace after it.
        let Some(b) = after.char_indices().skip(1).find(|(_, c)| *c == '}').map(|(i, _)| i) else {
            break;
        };
        out.push(after[..b].to_string());
        rest = &after[b + 1..];
    }
    out
}

/// Whether `new URL(u)` accepts it, near enough: an absolute URL with a scheme, and a
/// host for the special schemes.
fn valid_url(u: &str) -> bool {
    let Some((scheme, rest)) = u.split_once(':') else {
        return false;
    };
    let mut cs = scheme.chars();
    if !cs.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !cs.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return false;
    }
    if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "ws" | "wss" | "ftp") {
        let host = rest.trim_start_matches(['/', '\\']);
        let host = host.split(['/', '?', '#', '\\']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or("");
        return !host.is_empty() && !host.contains([' ', '<', '>', '^', '|', '{', '}']);
    }
    !u.contains(' ')
}

fn encode_uri(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn server(sink: &mut Sink, s: &Here) {
    let n = s.node;
    let variables = n.get("variables");
    let valid = n.is_obj()
        && n.get("url").is_some_and(|u| u.as_str().is_some())
        && variables.is_none_or(|vs| {
            vs.is_obj()
                && vs.members().iter().all(|m| {
                    m.val.is_obj()
                        && m.val.members().iter().all(|f| match &*f.key {
                            "enum" => f.val.items().iter().all(|x| x.as_str().is_some())
                                && matches!(f.val.v, Val::Arr(_)),
                            "default" | "description" | "examples" => f.val.as_str().is_some(),
                            k => k.starts_with("x-"),
                        })
                })
        });
    if !valid {
        return sink.report(s, "Invalid Server Object");
    }
    let url = n.get("url").and_then(Node::as_str).unwrap_or_default();
    let found = url_variables(url);
    let defined: Vec<&str> = variables.map(|v| v.members().iter().map(|m| &*m.key).collect()).unwrap_or_default();
    let vars_at = s.get("variables");
    if let Some(vs) = &vars_at {
        for (name, at) in vs.members() {
            if !found.iter().any(|f| f == name) {
                sink.report(&at, format!("Server's \"variables\" object has unused defined \"{name}\" url variable."));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    let missing: Vec<&str> = found.iter().map(String::as_str).filter(|f| !defined.contains(f)).collect();
    if !missing.is_empty() {
        let at = vars_at.clone().unwrap_or_else(|| s.clone());
        sink.report(&at, format!("Not all server's variables are described with \"variables\" object. Missed: {}.", missing.join(", ")));
    }
    let Some(vs) = vars_at else {
        return;
    };
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for (key, var) in vs.members() {
        if !found.iter().any(|f| f == key) {
            continue;
        }
        let default = var.node.get("default").and_then(Node::as_str);
        if let Some(e) = var.node.get("enum") {
            let values: Vec<String> = e.items().iter().filter_map(Node::as_str).map(str::to_string).collect();
            if let Some(d) = default
                && !values.iter().any(|v| v == d)
                && let Some(at) = var.get("default")
            {
                sink.report(&at, format!("Server Variable \"{key}\" has a default not listed in the enum."));
            }
            pairs.push((key.to_string(), values));
        } else if let Some(d) = default {
            pairs.push((key.to_string(), vec![d.to_string()]));
        } else {
            pairs.push((key.to_string(), Vec::new()));
        }
        if default.is_none() {
            sink.report(&var, format!("Server Variable \"{key}\" has a missing default."));
        }
    }
    if pairs.is_empty() {
        return;
    }
    let mut urls = vec![url.to_string()];
    for (name, values) in &pairs {
        let pattern = format!("{{{name}}}");
        urls = urls
            .iter()
            .flat_map(|u| {
                values
                    .iter()
                    .map(|v| u.replace(&pattern, &encode_uri(v)))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    let invalid: Vec<String> = urls.into_iter().filter(|u| !valid_url(u)).take(5).collect();
    if invalid.len() == 5 {
        sink.report(&vs, format!("At least 5 substitutions of server variables resulted in invalid URLs: {} and more", invalid.join(", ")));
    } else if !invalid.is_empty() {
        sink.report(&vs, format!("A few substitutions of server variables resulted in invalid URLs: {}", invalid.join(", ")));
    }
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let root = cx.root();
    let mut servers: Vec<Here> = Vec::new();
    if let Some(s) = root.get("servers") {
        servers.extend(s.items());
    }
    if let Some(paths) = root.get("paths") {
        for (_, item) in paths.members() {
            if let Some(s) = item.get("servers") {
                servers.extend(s.items());
            }
        }
    }
    for op in cx.operations() {
        if let Some(s) = op.op.get("servers") {
            servers.extend(s.items());
        }
    }
    for s in &servers {
        server(sink, s);
    }
}
