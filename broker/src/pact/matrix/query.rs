//! The matrix query: selectors, target, `latestby`, ignores and limit, read from the Pact
//! Broker's query string (`q[][pacticipant]=…&q[][version]=…&latestby=cvp&environment=…`).

use crate::pact::PactError;

/// Which versions of a pacticipant a selector names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    pub pacticipant: String,
    pub version: Option<String>,
    pub latest: bool,
    pub tag: Option<String>,
    pub branch: Option<String>,
    pub main_branch: bool,
    pub environment: Option<String>,
}

/// How rows are collapsed when a side is not pinned by a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatestBy {
    /// The latest verification per consumer version and provider.
    Cvp,
    /// The latest verification per consumer version and provider version.
    Cvpv,
    /// The latest consumer version per consumer and provider.
    Cp,
}

/// Where the selected versions are going.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Environment(String),
    Tag { tag: String, latest: bool },
    Branch(String),
    MainBranch,
    Latest,
}

/// Rows involving this pacticipant (at this version, if given) do not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub pacticipant: String,
    pub version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub selectors: Vec<Selector>,
    pub target: Option<Target>,
    pub latestby: Option<LatestBy>,
    pub ignore: Vec<Ignore>,
    pub limit: Option<usize>,
    /// `success[]=true|false`: show only rows with these verification results (the
    /// decision still counts every row, as with `limit`).
    pub success: Vec<bool>,
}

fn truthy(v: &str) -> bool {
    v.eq_ignore_ascii_case("true") || v == "1"
}

/// The groups read column-wise: the i-th value of each key belongs to the i-th
/// pacticipant. `None` unless every key has as many values as there are pacticipants.
fn by_columns<'a>(groups: &[Vec<(&'a str, &'a str)>]) -> Option<Vec<Vec<(&'a str, &'a str)>>> {
    let mut columns: Vec<(&str, Vec<&str>)> = Vec::new();
    for &(f, v) in groups.iter().flatten() {
        match columns.iter_mut().find(|(k, _)| *k == f) {
            Some((_, vs)) => vs.push(v),
            None => columns.push((f, vec![v])),
        }
    }
    let n = columns.iter().find(|(k, _)| *k == "pacticipant")?.1.len();
    if columns.iter().any(|(_, vs)| vs.len() != n) {
        return None;
    }
    Some(
        (0..n)
            .map(|i| columns.iter().map(|(k, vs)| (*k, vs[i])).collect())
            .collect(),
    )
}

/// Rack's rule for `name[][field]=value`: join the last group unless it already has `field`.
fn rack_push<'a>(groups: &mut Vec<Vec<(&'a str, &'a str)>>, field: &'a str, value: &'a str) {
    match groups.last_mut() {
        Some(last) if !last.iter().any(|(f, _)| *f == field) => last.push((field, value)),
        _ => groups.push(vec![(field, value)]),
    }
}

impl Query {
    /// Reads the Pact Broker's matrix query string. `q[][k]=v` pairs group into selectors
    /// as Rack (the Pact Broker's parser) groups them: a value joins the last selector unless
    /// that selector already has the key `k`, which opens a new one. So the client's order
    /// (`q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar…`) and the sorted order some
    /// tools send (`q[][latest]=true&q[][pacticipant]=Foo&q[][pacticipant]=Bar…`) both
    /// read as the Pact Broker reads them. `ignore[][…]` likewise.
    pub fn parse(params: &[(String, String)]) -> Result<Query, PactError> {
        let mut q = Query::default();
        let mut tag = None;
        let mut latest = false;
        let mut environment = None;
        let mut branch = None;
        let mut main_branch = false;
        let mut selectors: Vec<Vec<(&str, &str)>> = Vec::new();
        let mut ignores: Vec<Vec<(&str, &str)>> = Vec::new();
        for (key, value) in params {
            let key = key.as_str();
            let value = value.as_str();
            if let Some(field) = key.strip_prefix("q[][").and_then(|f| f.strip_suffix(']')) {
                rack_push(&mut selectors, field, value);
                continue;
            }
            if let Some(field) = key
                .strip_prefix("ignore[][")
                .and_then(|f| f.strip_suffix(']'))
            {
                rack_push(&mut ignores, field, value);
                continue;
            }
            match key {
                "latestby" => {
                    q.latestby = match value {
                        "cvp" => Some(LatestBy::Cvp),
                        "cvpv" => Some(LatestBy::Cvpv),
                        "cp" => Some(LatestBy::Cp),
                        "" => None,
                        other => {
                            return Err(PactError::invalid(
                                "latestby",
                                format!("Invalid value '{other}' (expected cvp, cvpv or cp)"),
                            ));
                        }
                    }
                }
                "limit" => match value.parse::<usize>() {
                    Ok(n) if n >= 1 => q.limit = Some(n),
                    _ => {
                        return Err(PactError::invalid(
                            "limit",
                            "must be a number greater than 0",
                        ));
                    }
                },
                "latest" => latest = truthy(value),
                "tag" if !value.is_empty() => tag = Some(value.to_string()),
                "environment" if !value.is_empty() => environment = Some(value.to_string()),
                "branch" if !value.is_empty() => branch = Some(value.to_string()),
                "mainBranch" => main_branch = truthy(value),
                _ => {}
            }
        }
        // Keys sorted by name (`q[][pacticipant]=A&q[][pacticipant]=B&q[][version]=1&
        // q[][version]=2`, as some verifiers replay recorded queries) leave Rack a group with
        // no pacticipant; when every key has exactly one value per pacticipant, the columns
        // are read side by side instead, the only reading that names every selector.
        if selectors
            .iter()
            .any(|g| !g.iter().any(|(f, _)| *f == "pacticipant"))
            && let Some(columns) = by_columns(&selectors)
        {
            selectors = columns;
        }
        for group in &selectors {
            let mut sel = Selector::default();
            let mut named = false;
            for &(field, value) in group {
                match field {
                    "pacticipant" => {
                        sel.pacticipant = value.to_string();
                        named = true;
                    }
                    "version" => sel.version = Some(value.to_string()),
                    "latest" => sel.latest = truthy(value),
                    "tag" => sel.tag = Some(value.to_string()),
                    "branch" => sel.branch = Some(value.to_string()),
                    "mainBranch" => sel.main_branch = truthy(value),
                    "environment" => sel.environment = Some(value.to_string()),
                    _ => {}
                }
            }
            if !named {
                return Err(PactError::invalid(
                    "q",
                    "Please specify the pacticipant name for every selector",
                ));
            }
            q.selectors.push(sel);
        }
        for group in &ignores {
            let find = |k: &str| {
                group
                    .iter()
                    .find(|(f, _)| *f == k)
                    .map(|(_, v)| v.to_string())
            };
            let Some(pacticipant) = find("pacticipant") else {
                return Err(PactError::invalid(
                    "ignore",
                    "Please specify the pacticipant name for every ignore selector",
                ));
            };
            q.ignore.push(Ignore {
                pacticipant,
                version: find("version"),
            });
        }
        for (key, value) in params {
            if key == "success[]" {
                q.success.push(truthy(value));
            }
        }
        q.target = match (environment, tag, branch) {
            (Some(e), _, _) => Some(Target::Environment(e)),
            (None, Some(tag), _) => Some(Target::Tag { tag, latest }),
            (None, None, Some(b)) => Some(Target::Branch(b)),
            (None, None, None) if main_branch => Some(Target::MainBranch),
            (None, None, None) if latest => Some(Target::Latest),
            _ => None,
        };
        if q.selectors.is_empty() {
            return Err(PactError::invalid(
                "q",
                "Please provide 1 or more version selectors.",
            ));
        }
        if let Some(s) = q.selectors.iter().find(|s| s.pacticipant.trim().is_empty()) {
            let _ = s;
            return Err(PactError::invalid(
                "q",
                "Please specify the pacticipant name for every selector",
            ));
        }
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str) -> Vec<(String, String)> {
        serde_urlencoded::from_str(q).unwrap()
    }

    #[test]
    fn selectors_follow_their_pacticipant() {
        let q = Query::parse(&params(
            "q%5B%5D%5Bpacticipant%5D=Foo&q%5B%5D%5Bversion%5D=1&q[][pacticipant]=Bar\
             &q[][latest]=true&q[][tag]=prod&latestby=cvpv&ignore[][pacticipant]=Baz\
             &ignore[][version]=3&limit=10",
        ))
        .unwrap();
        assert_eq!(q.selectors.len(), 2);
        assert_eq!(q.selectors[0].version.as_deref(), Some("1"));
        assert!(q.selectors[1].latest);
        assert_eq!(q.selectors[1].tag.as_deref(), Some("prod"));
        assert_eq!(q.latestby, Some(LatestBy::Cvpv));
        assert_eq!(q.ignore[0].version.as_deref(), Some("3"));
        assert_eq!(q.limit, Some(10));
        assert_eq!(q.target, None);
    }

    #[test]
    fn targets() {
        let q = Query::parse(&params(
            "q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&environment=prod",
        ))
        .unwrap();
        assert_eq!(q.target, Some(Target::Environment("prod".into())));
        let q = Query::parse(&params("q[][pacticipant]=Foo&tag=prod&latest=true")).unwrap();
        assert_eq!(
            q.target,
            Some(Target::Tag {
                tag: "prod".into(),
                latest: true
            })
        );
        let q = Query::parse(&params("q[][pacticipant]=Foo&mainBranch=true")).unwrap();
        assert_eq!(q.target, Some(Target::MainBranch));
        let q = Query::parse(&params("q[][pacticipant]=Foo&latest=true")).unwrap();
        assert_eq!(q.target, Some(Target::Latest));
    }

    #[test]
    fn bad_queries_are_400() {
        for bad in [
            "",
            "q[][version]=1",
            "q[][pacticipant]=Foo&latestby=x",
            "q[][pacticipant]=Foo&limit=0",
            "q[][pacticipant]=",
        ] {
            let e = Query::parse(&params(bad)).unwrap_err();
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST, "{bad}");
            assert!(e.body.get("errors").is_some());
        }
    }

    /// Sorted keys (as the V2 client contract records them, and as the Rust verifier sends
    /// them) group as the Pact Broker groups them.
    #[test]
    fn sorted_keys_group_as_rack_groups_them() {
        let q = Query::parse(&params(
            "latestby=cvpv&q[][latest]=true&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1.2.4",
        ))
        .unwrap();
        assert_eq!(q.selectors.len(), 2);
        assert_eq!(
            (q.selectors[0].pacticipant.as_str(), q.selectors[0].latest),
            ("Foo", true)
        );
        assert_eq!(q.selectors[1].pacticipant, "Bar");
        assert_eq!(q.selectors[1].version.as_deref(), Some("1.2.4"));
        let q = Query::parse(&params(
            "ignore[][pacticipant]=Foo&ignore[][version]=3.4.5&latestby=cvpv&q[][pacticipant]=Bar\
             &q[][pacticipant]=Foo&q[][tag]=prod&q[][version]=4.5.6&success[]=true",
        ))
        .unwrap();
        assert_eq!(q.selectors.len(), 2);
        assert_eq!(q.selectors[1].tag.as_deref(), Some("prod"));
        assert_eq!(q.selectors[1].version.as_deref(), Some("4.5.6"));
        assert_eq!(q.ignore[0].version.as_deref(), Some("3.4.5"));
        assert_eq!(q.success, vec![true]);
        let q = Query::parse(&params(
            "latestby=cvpv&q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1.2.3&q[][version]=4.5.6",
        ))
        .unwrap();
        let got: Vec<_> = q
            .selectors
            .iter()
            .map(|s| (s.pacticipant.as_str(), s.version.as_deref()))
            .collect();
        assert_eq!(got, [("Foo", Some("1.2.3")), ("Bar", Some("4.5.6"))]);
        assert!(
            Query::parse(&params(
                "q[][pacticipant]=Foo&q[][version]=1&q[][version]=2"
            ))
            .is_err()
        );
    }
}
