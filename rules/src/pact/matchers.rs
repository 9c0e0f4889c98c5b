//! Matching rules: V2's flat `$.body.x` / `$.headers.X` / `$.query.q` / `$.path` keys and
//! V3/V4's categories with `matchers` lists and `combine`, read into one form, and the
//! lookup that says which rule governs a place in a body (the most specific rule whose path
//! matches the place or one of its parents: a `type` rule on an object covers its fields,
//! as in Pact itself).

use super::model::{PactError, PactSpec};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Body,
    Header,
    Query,
    Path,
    Status,
    Metadata,
}

impl Category {
    fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "body" | "content" => Category::Body,
            "header" | "headers" => Category::Header,
            "query" => Category::Query,
            "path" => Category::Path,
            "status" => Category::Status,
            "metadata" | "metaData" => Category::Metadata,
            _ => return None,
        })
    }
}

/// One matcher as Pact defines them; unknown ones are kept by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "match", rename_all = "camelCase")]
pub enum Matcher {
    Equality,
    Type { min: Option<u64>, max: Option<u64> },
    Regex { regex: String },
    Integer,
    Decimal,
    Number,
    Boolean,
    Null,
    Include { value: String },
    Timestamp,
    Date,
    Time,
    ContentType,
    Values,
    ArrayContains,
    EachKey,
    EachValue,
    NotEmpty,
    Semver,
    StatusCode,
    Other { name: String },
}

impl Matcher {
    fn parse(m: &Map<String, Value>, path: &str) -> Result<Matcher, PactError> {
        let num = |k: &str| m.get(k).and_then(Value::as_u64);
        let s = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
        let name = match m.get("match").and_then(Value::as_str) {
            Some(n) => n,
            // V2 writes a regex rule as `{"regex": …}` and a min/max one without `match`.
            None if m.contains_key("regex") => "regex",
            None if m.contains_key("min") || m.contains_key("max") => "type",
            None => {
                return Err(PactError::Invalid {
                    path: path.to_string(),
                    message: "matcher without `match`".into(),
                });
            }
        };
        Ok(match name {
            "equality" => Matcher::Equality,
            "type" => Matcher::Type {
                min: num("min"),
                max: num("max"),
            },
            "min" | "max" => Matcher::Type {
                min: num("min"),
                max: num("max"),
            },
            "regex" => Matcher::Regex {
                regex: s("regex").ok_or_else(|| PactError::Invalid {
                    path: path.to_string(),
                    message: "regex matcher without `regex`".into(),
                })?,
            },
            "integer" => Matcher::Integer,
            "decimal" => Matcher::Decimal,
            "number" => Matcher::Number,
            "boolean" => Matcher::Boolean,
            "null" => Matcher::Null,
            "include" => Matcher::Include {
                value: s("value").unwrap_or_default(),
            },
            "timestamp" | "datetime" => Matcher::Timestamp,
            "date" => Matcher::Date,
            "time" => Matcher::Time,
            "contentType" | "content-type" => Matcher::ContentType,
            "values" => Matcher::Values,
            "arrayContains" | "array-contains" => Matcher::ArrayContains,
            "eachKey" | "each-key" => Matcher::EachKey,
            "eachValue" | "each-value" => Matcher::EachValue,
            "notEmpty" | "not-empty" => Matcher::NotEmpty,
            "semver" => Matcher::Semver,
            "statusCode" | "status-code" => Matcher::StatusCode,
            other => Matcher::Other {
                name: other.to_string(),
            },
        })
    }

    /// Whether the consumer accepts other values than the example (so the provider's value
    /// constraints — enum, pattern, bounds — need not admit the example itself).
    pub fn loosens_value(&self) -> bool {
        !matches!(self, Matcher::Equality | Matcher::Include { .. })
    }
}

/// The matchers at one place and how they combine (`AND` unless `OR` is written).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleList {
    pub matchers: Vec<Matcher>,
    pub combine_or: bool,
}

/// One step of a path expression (`$.a[*].b`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Seg {
    Field(String),
    Index(usize),
    AnyField,
    AnyIndex,
}

/// One step of a place in an actual value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleEntry {
    pub category: Category,
    /// Body: the path expression as written (`$.items[*].id`); header/query: the name;
    /// path/status: empty.
    pub key: String,
    pub segs: Vec<Seg>,
    pub rules: RuleList,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MatchingRules {
    pub entries: Vec<RuleEntry>,
}

impl MatchingRules {
    /// The rules governing a place in a body: the most specific entry whose path matches
    /// the place or a parent of it.
    pub fn body_rule(&self, at: &[Step]) -> Option<&RuleList> {
        let mut best: Option<(usize, usize, &RuleList)> = None;
        for e in self.entries.iter().filter(|e| e.category == Category::Body) {
            if e.segs.len() > at.len() {
                continue;
            }
            if !e.segs.iter().zip(at).all(|(s, a)| seg_matches(s, a)) {
                continue;
            }
            let concrete = e
                .segs
                .iter()
                .filter(|s| matches!(s, Seg::Field(_) | Seg::Index(_)))
                .count();
            let key = (e.segs.len(), concrete);
            if best.is_none_or(|(l, c, _)| key > (l, c)) {
                best = Some((key.0, key.1, &e.rules));
            }
        }
        best.map(|b| b.2)
    }

    /// The rules of a header or query parameter (names of headers compare case-insensitively).
    pub fn named(&self, category: Category, name: &str) -> Option<&RuleList> {
        self.entries
            .iter()
            .find(|e| {
                e.category == category
                    && if category == Category::Header {
                        e.key.eq_ignore_ascii_case(name)
                    } else {
                        e.key == name
                    }
            })
            .map(|e| &e.rules)
    }

    pub fn path_rule(&self) -> Option<&RuleList> {
        self.entries
            .iter()
            .find(|e| e.category == Category::Path)
            .map(|e| &e.rules)
    }
}

fn seg_matches(s: &Seg, a: &Step) -> bool {
    match (s, a) {
        (Seg::Field(n), Step::Field(f)) => n == f,
        (Seg::Index(i), Step::Index(j)) => i == j,
        (Seg::AnyField, _) => true,
        (Seg::AnyIndex, Step::Index(_)) => true,
        _ => false,
    }
}

/// Parses `$.a.b[0]['c d'][*].*` (the leading `$` optional).
pub fn parse_path(expr: &str) -> Option<Vec<Seg>> {
    let b = expr.trim();
    let mut rest = b.strip_prefix('$').unwrap_or(b);
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if name.is_empty() {
                return None;
            }
            out.push(if name == "*" {
                Seg::AnyField
            } else {
                Seg::Field(name.to_string())
            });
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = r[..end].trim();
            out.push(if inner == "*" {
                Seg::AnyIndex
            } else if let Some(q) = inner
                .strip_prefix('\'')
                .and_then(|x| x.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|x| x.strip_suffix('"')))
            {
                Seg::Field(q.to_string())
            } else {
                Seg::Index(inner.parse().ok()?)
            });
            rest = &r[end + 1..];
        } else {
            // A bare first field (`a.b`), as some writers leave out `$.`.
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Seg::Field(rest[..end].to_string()));
            rest = &rest[end..];
        }
    }
    Some(out)
}

fn rule_list(v: &Value, path: &str) -> Result<RuleList, PactError> {
    let o = v.as_object().ok_or_else(|| PactError::Invalid {
        path: path.to_string(),
        message: "must be an object".into(),
    })?;
    if let Some(ms) = o.get("matchers") {
        let ms = ms.as_array().ok_or_else(|| PactError::Invalid {
            path: format!("{path}.matchers"),
            message: "must be an array".into(),
        })?;
        let matchers = ms
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let p = format!("{path}.matchers[{i}]");
                let mo = m.as_object().ok_or_else(|| PactError::Invalid {
                    path: p.clone(),
                    message: "must be an object".into(),
                })?;
                Matcher::parse(mo, &p)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let combine_or = o
            .get("combine")
            .and_then(Value::as_str)
            .is_some_and(|c| c.eq_ignore_ascii_case("or"));
        return Ok(RuleList {
            matchers,
            combine_or,
        });
    }
    Ok(RuleList {
        matchers: vec![Matcher::parse(o, path)?],
        combine_or: false,
    })
}

/// Reads `matchingRules` of a request, response or message.
pub fn parse_matching_rules(
    v: Option<&Value>,
    spec: PactSpec,
    path: &str,
) -> Result<MatchingRules, PactError> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(MatchingRules::default());
    };
    let path = format!("{path}.matchingRules");
    let o = v.as_object().ok_or_else(|| PactError::Invalid {
        path: path.clone(),
        message: "must be an object".into(),
    })?;
    let mut entries = Vec::new();
    // V2 keys start with `$.`; V3/V4 keys are categories. Some V3 writers still emit V2
    // keys, so the shape decides, not the declared version.
    let v2_shape = spec <= PactSpec::V2 || o.keys().all(|k| k.starts_with('$'));
    if v2_shape {
        for (k, rule) in o {
            let p = format!("{path}['{k}']");
            let list = rule_list(rule, &p)?;
            let segs = parse_path(k).ok_or_else(|| PactError::Invalid {
                path: p.clone(),
                message: format!("cannot read the path expression `{k}`"),
            })?;
            let (category, key, segs) = match segs.first() {
                Some(Seg::Field(f)) if f == "body" => {
                    (Category::Body, k.clone(), segs[1..].to_vec())
                }
                Some(Seg::Field(f)) if f == "headers" || f == "header" => {
                    (Category::Header, seg_name(segs.get(1)), Vec::new())
                }
                Some(Seg::Field(f)) if f == "query" => {
                    (Category::Query, seg_name(segs.get(1)), Vec::new())
                }
                Some(Seg::Field(f)) if f == "path" => (Category::Path, String::new(), Vec::new()),
                Some(Seg::Field(f)) if f == "status" => {
                    (Category::Status, String::new(), Vec::new())
                }
                // Message pacts (V2-style writers) key the contents directly.
                _ => (Category::Body, k.clone(), segs),
            };
            entries.push(RuleEntry {
                category,
                key,
                segs,
                rules: list,
            });
        }
        return Ok(MatchingRules { entries });
    }
    for (cat, rules) in o {
        let Some(category) = Category::parse(cat) else {
            continue;
        };
        let cpath = format!("{path}.{cat}");
        let ro = rules.as_object().ok_or_else(|| PactError::Invalid {
            path: cpath.clone(),
            message: "must be an object".into(),
        })?;
        if matches!(category, Category::Path | Category::Status) && ro.contains_key("matchers") {
            entries.push(RuleEntry {
                category,
                key: String::new(),
                segs: Vec::new(),
                rules: rule_list(rules, &cpath)?,
            });
            continue;
        }
        for (k, rule) in ro {
            let p = format!("{cpath}['{k}']");
            let list = rule_list(rule, &p)?;
            let segs = if category == Category::Body {
                parse_path(k).ok_or_else(|| PactError::Invalid {
                    path: p.clone(),
                    message: format!("cannot read the path expression `{k}`"),
                })?
            } else {
                Vec::new()
            };
            entries.push(RuleEntry {
                category,
                key: k.clone(),
                segs,
                rules: list,
            });
        }
    }
    Ok(MatchingRules { entries })
}

fn seg_name(s: Option<&Seg>) -> String {
    match s {
        Some(Seg::Field(f)) => f.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("$.a[0]['b c'][*].*"),
            Some(vec![
                Seg::Field("a".into()),
                Seg::Index(0),
                Seg::Field("b c".into()),
                Seg::AnyIndex,
                Seg::AnyField
            ])
        );
        assert_eq!(parse_path("$"), Some(vec![]));
        assert_eq!(parse_path("$.a[x]"), None);
    }

    #[test]
    fn v2_rules_split_into_categories() {
        let r = parse_matching_rules(
            Some(&json!({
                "$.body.items": {"min": 1, "match": "type"},
                "$.body.items[*].id": {"match": "integer"},
                "$.headers.Content-Type": {"regex": "application/json.*"},
                "$.query.q": {"match": "regex", "regex": "\\d+"},
                "$.path": {"match": "regex", "regex": "/x/\\d+"}
            })),
            PactSpec::V2,
            "$",
        )
        .unwrap();
        let items = [Step::Field("items"), Step::Index(3), Step::Field("id")];
        assert_eq!(
            r.body_rule(&items).unwrap().matchers,
            vec![Matcher::Integer]
        );
        let name = [Step::Field("items"), Step::Index(0), Step::Field("name")];
        assert_eq!(
            r.body_rule(&name).unwrap().matchers,
            vec![Matcher::Type {
                min: Some(1),
                max: None
            }]
        );
        assert!(r.named(Category::Header, "content-type").is_some());
        assert!(r.named(Category::Query, "q").is_some());
        assert!(r.path_rule().is_some());
        assert!(r.body_rule(&[Step::Field("other")]).is_none());
    }

    #[test]
    fn v3_categories_and_combine() {
        let r = parse_matching_rules(
            Some(&json!({
                "body": {"$.id": {"matchers": [{"match": "integer"}, {"match": "null"}], "combine": "OR"}},
                "header": {"X-Trace": {"matchers": [{"match": "regex", "regex": "[a-f0-9]+"}]}},
                "path": {"matchers": [{"match": "regex", "regex": "/orders/\\d+"}], "combine": "AND"}
            })),
            PactSpec::V3,
            "$",
        )
        .unwrap();
        let id = r.body_rule(&[Step::Field("id")]).unwrap();
        assert!(id.combine_or);
        assert_eq!(id.matchers.len(), 2);
        assert!(r.path_rule().is_some());
        assert!(r.named(Category::Header, "x-trace").is_some());
    }
}
