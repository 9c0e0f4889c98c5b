//! Which operation of the document an interaction's request reaches: method and path
//! template (after the path part of `servers[].url`), path parameters captured and checked
//! against their schemas, and the operation's parameters with the path item's.

use super::model::Request;
use super::validate::{Side, Validator, coerce};
use crate::openapi::Spec;
use crate::openapi::pairs::{METHODS, Operation};
use crate::openapi::view::At;

/// An operation the request reached, with its parameters (the operation's override the
/// path item's) and the values the path template captured.
pub(crate) struct Route<'a> {
    pub op: Operation<'a>,
    pub params: Vec<Param<'a>>,
    pub captured: Vec<(String, String)>,
}

pub(crate) struct Param<'a> {
    pub location: String,
    pub name: String,
    pub at: At<'a>,
}

impl<'a> Param<'a> {
    pub fn required(&self) -> bool {
        self.location == "path" || self.at.get("required").and_then(|r| r.bool()) == Some(true)
    }

    pub fn schema(&self) -> Option<At<'a>> {
        self.at.field("schema").or_else(|| {
            self.at
                .field("content")
                .and_then(|c| c.members().next().map(|(_, m)| m))
                .and_then(|m| m.field("schema"))
        })
    }
}

/// The operation for the request's method and path; literal templates win over ones
/// with parameters (`/orders/new` before `/orders/{id}`), and a template whose path
/// parameters reject the captured values does not match.
pub(crate) fn find<'a>(spec: &'a Spec, req: &Request) -> Option<Route<'a>> {
    let method = req.method.to_ascii_lowercase();
    let method = METHODS.iter().copied().find(|m| *m == method)?;
    let paths = spec.root().get("paths")?;
    let path = req.path.split('?').next().unwrap_or("");
    let mut candidates: Vec<(usize, Route<'a>)> = Vec::new();
    for base in base_paths(spec) {
        let Some(rest) = strip_base(path, &base) else {
            continue;
        };
        for (template, item) in paths.members() {
            let Some((literal, captured)) = match_template(template, rest) else {
                continue;
            };
            let item_d = item.deref();
            let Some(op) = item_d.get(method) else {
                continue;
            };
            let op = op.deref_keep_off();
            let route = Route {
                op: Operation {
                    method,
                    path: template,
                    path_item: item,
                    op,
                },
                params: parameters(item_d, op),
                captured,
            };
            candidates.push((literal, route));
        }
    }
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    let v = Validator {
        side: Side::Request,
        rules: None,
    };
    candidates.into_iter().map(|(_, r)| r).find(|r| {
        r.captured.iter().all(|(name, value)| {
            let Some(p) = r
                .params
                .iter()
                .find(|p| p.location == "path" && &p.name == name)
            else {
                return true;
            };
            let Some(s) = p.schema() else { return true };
            v.check_param(s, &coerce(s, std::slice::from_ref(value)), None)
                .is_empty()
        })
    })
}

/// The path parts of `servers[].url` (variables replaced by their defaults); `""` when
/// the document names no servers or a server at the root.
fn base_paths(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(servers) = spec.root().get("servers") {
        for s in servers.items() {
            let Some(url) = s.get("url").and_then(|u| u.str()) else {
                continue;
            };
            let mut url = url.to_string();
            if let Some(vars) = s.get("variables") {
                for (name, var) in vars.members() {
                    if let Some(d) = var.get("default").and_then(|d| d.str()) {
                        url = url.replace(&format!("{{{name}}}"), d);
                    }
                }
            }
            let path = match url.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]).to_string(),
                None if url.starts_with('/') => url.clone(),
                None => format!("/{url}"),
            };
            let path = path.trim_end_matches('/').to_string();
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn strip_base<'p>(path: &'p str, base: &str) -> Option<&'p str> {
    if base.is_empty() {
        return Some(path);
    }
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// Matches a path against a template; returns how many literal characters matched (to
/// prefer the most literal template) and the captured parameter values.
fn match_template(template: &str, path: &str) -> Option<(usize, Vec<(String, String)>)> {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut literal = 0;
    let mut captured = Vec::new();
    for (ts, ps) in t.iter().zip(&p) {
        if !ts.contains('{') {
            if ts != ps {
                return None;
            }
            literal += ts.len() + 1;
            continue;
        }
        if let Some(name) = ts
            .strip_prefix('{')
            .and_then(|x| x.strip_suffix('}'))
            .filter(|n| !n.contains(['{', '}']))
        {
            if ps.is_empty() {
                return None;
            }
            captured.push((name.to_string(), percent_decode_path(ps)));
            continue;
        }
        // A segment such as `{name}.json`: literal parts around parameters.
        let mut pattern = String::from("^");
        let mut names = Vec::new();
        let mut rest = *ts;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}')? + open;
            pattern.push_str(&regex::escape(&rest[..open]));
            literal += open;
            pattern.push_str("([^/]+?)");
            names.push(rest[open + 1..close].to_string());
            rest = &rest[close + 1..];
        }
        pattern.push_str(&regex::escape(rest));
        literal += rest.len();
        pattern.push('$');
        let re = super::validate::cached_regex(&pattern)?;
        let caps = re.captures(ps)?;
        for (i, n) in names.into_iter().enumerate() {
            let v = caps.get(i + 1).map_or("", |m| m.as_str());
            if v.is_empty() {
                return None;
            }
            captured.push((n, percent_decode_path(v)));
        }
    }
    Some((literal, captured))
}

fn percent_decode_path(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let h = (b[i + 1] as char).to_digit(16);
            let l = (b[i + 2] as char).to_digit(16);
            if let (Some(h), Some(l)) = (h, l) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Path item and operation parameters, resolved; the operation's override the path item's.
fn parameters<'a>(item: At<'a>, op: At<'a>) -> Vec<Param<'a>> {
    let mut out: Vec<Param<'a>> = Vec::new();
    for list in [item.get("parameters"), op.get("parameters")]
        .into_iter()
        .flatten()
    {
        for p in list.items() {
            let d = p.deref_keep_off();
            let location = d.get("in").and_then(|x| x.str()).unwrap_or("").to_string();
            let name = d
                .get("name")
                .and_then(|x| x.str())
                .unwrap_or("")
                .to_string();
            out.retain(|q| !(q.location == location && q.name.eq_ignore_ascii_case(&name)));
            out.push(Param {
                location,
                name,
                at: d,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            match_template("/orders/{id}", "/orders/42").map(|m| m.1),
            Some(vec![("id".into(), "42".into())])
        );
        let literal = match_template("/orders/new", "/orders/new").unwrap().0;
        assert!(literal > match_template("/orders/{id}", "/orders/new").unwrap().0);
        assert!(match_template("/orders/{id}", "/orders").is_none());
        assert!(match_template("/orders/{id}", "/orders/").is_none());
        assert_eq!(
            match_template("/files/{name}.json", "/files/a%20b.json").map(|m| m.1),
            Some(vec![("name".into(), "a b".into())])
        );
    }

    #[test]
    fn bases() {
        assert_eq!(strip_base("/v1/orders", "/v1"), Some("/orders"));
        assert_eq!(strip_base("/v10/orders", "/v1"), None);
        assert_eq!(strip_base("/v1", "/v1"), Some("/"));
    }
}
