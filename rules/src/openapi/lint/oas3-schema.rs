//! `oas3-schema` (Spectral `spectral:oas`): The document is valid against the official
//! OpenAPI 3.0 / 3.1 JSON Schema.
//!
//! As Spectral (`resolved: false`), the root file is validated as written, `$ref`s
//! unfollowed. The schemas are the specification's own (see `schemas/README.md`); Spectral
//! ships edited copies whose `oneOf`s are rewritten so that errors name the real culprit. To
//! report the same culprit, a failed `oneOf`/`anyOf` is explained by its most plausible
//! branch (not the Reference branch when there is no `$ref`, then the one with the fewest
//! errors), and messages are worded as Spectral's (ajv's, cleaned up).

use super::{Ctx, Here, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;
use crate::openapi::node::{Node, Val};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;
use std::sync::LazyLock;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "oas3-schema",
        Severity::Error,
        true,
        RuleDoc {
            summary: "The document is valid against the official OpenAPI 3.x JSON Schema.",
            why: "A structurally invalid description is read differently (or rejected) by every tool: a response without `description`, a parameter `in: querry` or a missing `info.title` break code generators and documentation alike.",
            before: "info: {version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {}",
            after: "info: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {description: The pets}",
            evolve: "Fix the reported member; the message names the constraint of the OpenAPI specification it breaks.",
        },
    ),
    check,
};

/// Compiled once: the official schemas never change at run time. `None` only if the
/// embedded schema fails to compile, which the fixtures would catch.
static V30: LazyLock<Option<Validator>> =
    LazyLock::new(|| compile(include_str!("schemas/oas-3.0.json")));
static V31: LazyLock<Option<Validator>> =
    LazyLock::new(|| compile(include_str!("schemas/oas-3.1.json")));

fn compile(text: &str) -> Option<Validator> {
    let schema: Value = serde_json::from_str(text).ok()?;
    jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .ok()
}

fn check(cx: &Ctx, sink: &mut Sink) {
    let validator = if cx.v30() { &*V30 } else { &*V31 };
    let Some(validator) = validator.as_ref() else {
        return;
    };
    let root = cx.root();
    let doc = to_json(root.node);
    let mut out = Vec::new();
    for e in validator.iter_errors(&doc) {
        explain(&e, cx.v30(), &mut out);
    }
    // 2020-12 forgets what a failing subschema evaluated, so every member holding an error
    // is also "unevaluated" above it: keep only unevaluated members with nothing inside,
    // reported (as Spectral does) at their object.
    let (cascades, mut out): (Vec<_>, Vec<_>) = out.into_iter().partition(|o| o.2);
    let echoes = |c: &Explained| {
        out.iter().any(|o| o.0.starts_with(&c.0))
            || cascades
                .iter()
                .any(|o| o.0.len() > c.0.len() && o.0.starts_with(&c.0))
    };
    let mut clean: Vec<Explained> = Vec::new();
    for c in cascades.iter().filter(|c| !echoes(c)) {
        let object = c.0[..c.0.len() - 1].to_vec();
        let message = match object.last() {
            Some(p) => format!("\"{p}\" property must not have unevaluated properties"),
            None => "must not have unevaluated properties".to_string(),
        };
        clean.push((object, message, true));
    }
    out.extend(clean);
    let mut seen = std::collections::HashSet::new();
    out.retain(|o| seen.insert((o.0.clone(), o.1.clone())));
    for (path, message, _) in out {
        let at = locate(&root, &path);
        sink.report(&at, format!("{message}."));
    }
}

/// The description as JSON; integral numbers as integers, as `type: integer` wants them.
fn to_json(n: &Node) -> Value {
    match &n.v {
        Val::Null => Value::Null,
        Val::Bool(b) => Value::Bool(*b),
        Val::Num(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Value::from(*x as i64),
        Val::Num(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        Val::Str(s) => Value::String(s.to_string()),
        Val::Arr(xs) => Value::Array(xs.iter().map(to_json).collect()),
        Val::Obj(ms) => Value::Object(
            ms.iter()
                .map(|m| (m.key.to_string(), to_json(&m.val)))
                .collect(),
        ),
    }
}

/// The JSON pointer's segments, unescaped.
fn segments(ptr: &str) -> Vec<String> {
    if ptr.is_empty() {
        return Vec::new();
    }
    ptr[1..]
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The node at `path`, or its deepest existing ancestor.
fn locate<'a>(root: &Here<'a>, path: &[String]) -> Here<'a> {
    let mut at = root.clone();
    for seg in path {
        let next = match &at.node.v {
            Val::Obj(_) => at.get(seg),
            Val::Arr(_) => seg.parse::<usize>().ok().and_then(|i| at.items().nth(i)),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    at
}

/// Where, what, and whether it is an unevaluated member (possibly a mere echo of an error
/// inside it).
type Explained = (Vec<String>, String, bool);

/// Turns one validation error into `(path, message)`s as Spectral words them.
fn explain(e: &ValidationError, v30: bool, out: &mut Vec<Explained>) {
    let mut path = segments(e.instance_path.as_str());
    let prefix = match path.last() {
        Some(p) => format!("\"{p}\" property "),
        None => String::new(),
    };
    let message = match &e.kind {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let branches = plausible(context, e.instance_path.as_str(), &e.instance);
            if let Some(merged) = merged_enum(&branches) {
                // One value with an alternative per branch (a parameter's `in`): one
                // message listing every allowed value, as Spectral's single `enum` has.
                explain(&merged, v30, out);
                return;
            }
            let one_of = matches!(e.kind, ValidationErrorKind::OneOfNotValid { .. });
            if let Some(names) = alternatives(&branches, e.instance_path.as_str()) {
                // Members of which one must be there (`schema` or `content`): Spectral words
                // it as its 3.0 schema's `errorMessage`, and in 3.1 as ajv does, each
                // `required` and then the `oneOf`.
                if v30 {
                    let names: Vec<String> = names.iter().map(|n| quote(n)).collect();
                    out.push((path, format!("{} must be present", names.join(" or ")), false));
                    return;
                }
                for b in &branches {
                    explain(&b[0], v30, out);
                }
                let what = if one_of { "exactly one schema in oneOf" } else { "a schema in anyOf" };
                out.push((path, format!("{prefix}must match {what}"), false));
                return;
            }
            if let Some(branch) = branches.iter().min_by_key(|b| b.len()) {
                for inner in *branch {
                    explain(inner, v30, out);
                }
                return;
            }
            format!("{prefix}must match exactly one schema in oneOf")
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let cascade = matches!(e.kind, ValidationErrorKind::UnevaluatedProperties { .. });
            for p in unexpected {
                let mut path = path.clone();
                path.push(p.clone());
                let message = format!("Property \"{p}\" is not expected to be here");
                out.push((path, message, cascade));
            }
            return;
        }
        ValidationErrorKind::Required { property } => {
            format!("{prefix}must have required property {}", quote(property))
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&Value> = options.as_array().map(|a| a.iter().collect()).unwrap_or_default();
            let shown = allowed.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ");
            let hint = match e.instance.as_str().and_then(|s| best_match(s, &allowed)) {
                Some(m) => format!(". Did you mean \"{m}\"?"),
                None => String::new(),
            };
            format!("{prefix}must be equal to one of the allowed values: {shown}{hint}")
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("{prefix}must be equal to constant {expected_value}")
        }
        ValidationErrorKind::Type { kind } => {
            let types = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => {
                    ts.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(",")
                }
            };
            format!("{prefix}must be {types}")
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("{prefix}must not have fewer than {limit} items")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("{prefix}must not have more than {limit} items")
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("{prefix}must not have fewer than {limit} characters")
        }
        ValidationErrorKind::MinProperties { limit } => {
            format!("{prefix}must not have fewer than {limit} properties")
        }
        ValidationErrorKind::Pattern { pattern } => {
            format!("{prefix}must match pattern \"{pattern}\"")
        }
        ValidationErrorKind::Minimum { limit } => format!("{prefix}must be >= {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("{prefix}must be <= {limit}"),
        ValidationErrorKind::UniqueItems => format!("{prefix}must not have duplicate items"),
        ValidationErrorKind::Not { .. } => format!("{prefix}must not be valid"),
        ValidationErrorKind::FalseSchema => {
            // `false` under `patternProperties`/`properties` rejects a member by name.
            if let Some(p) = path.last() {
                let p = p.clone();
                out.push((path, format!("Property \"{p}\" is not expected to be here"), false));
                return;
            }
            "must not be valid".to_string()
        }
        _ => format!("{prefix}{}", e.to_string().replace('\'', "\"")),
    };
    // A `required` error points at the object holding the missing member.
    out.push((std::mem::take(&mut path), message, false));
}

/// The branches of a failed `oneOf`/`anyOf` the author may have meant: not a Reference
/// (`required: [$ref]`) when there is no `$ref`. The fewest errors then single one out.
fn plausible<'e>(
    context: &'e [Vec<ValidationError<'static>>],
    at: &str,
    instance: &Value,
) -> Vec<&'e [ValidationError<'static>]> {
    let has_ref = instance.get("$ref").is_some();
    context
        .iter()
        .filter(|errors| {
            has_ref
                || !errors.iter().any(|e| {
                    e.instance_path.as_str() == at
                        && matches!(&e.kind, ValidationErrorKind::Required { property } if property == "$ref")
                })
        })
        .map(Vec::as_slice)
        .collect()
}

/// When the likeliest branch fails only by one `enum` and every other branch by an `enum`
/// on the same value too (a parameter's `in`), the options of them all.
fn merged_enum(branches: &[&[ValidationError<'static>]]) -> Option<ValidationError<'static>> {
    let best = branches.iter().min_by_key(|b| b.len())?;
    let [first] = best else { return None };
    if !matches!(first.kind, ValidationErrorKind::Enum { .. }) || branches.len() < 2 {
        return None;
    }
    let mut options = Vec::new();
    for b in branches {
        let o = b.iter().find_map(|e| match &e.kind {
            ValidationErrorKind::Enum { options } if e.instance_path == first.instance_path => {
                options.as_array()
            }
            _ => None,
        })?;
        options.extend(o.iter().cloned());
    }
    Some(ValidationError {
        instance: first.instance.clone(),
        kind: ValidationErrorKind::Enum {
            options: Value::Array(options),
        },
        instance_path: first.instance_path.clone(),
        schema_path: first.schema_path.clone(),
    })
}

/// When every branch fails by one `required` member of the instance itself, those members.
fn alternatives<'e>(branches: &[&'e [ValidationError<'static>]], at: &str) -> Option<Vec<&'e Value>> {
    if branches.len() < 2 {
        return None;
    }
    branches
        .iter()
        .map(|b| match b {
            [e] if e.instance_path.as_str() == at => match &e.kind {
                ValidationErrorKind::Required { property } => Some(property),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn quote(v: &Value) -> String {
    match v.as_str() {
        Some(s) => format!("\"{s}\""),
        None => v.to_string(),
    }
}

/// Spectral's suggestion: the closest allowed string, if close enough (`leven` distance
/// below its length, or the only option).
fn best_match<'v>(value: &str, allowed: &[&'v Value]) -> Option<&'v str> {
    let strings: Vec<&str> = allowed.iter().filter_map(|v| v.as_str()).collect();
    let best = strings.iter().min_by_key(|a| leven(value, a))?;
    (allowed.len() == 1 || leven(value, best) < best.chars().count()).then_some(*best)
}

fn leven(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use crate::openapi::load::load_str;
    use std::path::Path;

    /// `line:col message` of each finding on `text` (the fixture covers 3.0; this, 3.1).
    fn lint(text: &str) -> Vec<String> {
        let spec = load_str(Path::new("spec.yaml"), text).expect("loads");
        let mut found: Vec<String> = super::super::run(&spec, &[&super::RULE])
            .into_iter()
            .map(|f| {
                let s = f.location.span;
                format!("{}:{} {}", s.line, s.column, f.message)
            })
            .collect();
        found.sort();
        found
    }

    /// As Spectral 6.16.3 reports it, errors under a failing branch not echoed as
    /// "unevaluated" members of every object above.
    #[test]
    fn v31_errors_as_spectral_reports_them() {
        let text = "openapi: 3.1.0\ninfo:\n  version: '1'\npaths:\n  /pets:\n    get:\n      parameters:\n        - name: limit\n          in: body\n      responses:\n        '200':\n          content: {}\nwebhooks:\n  newPet:\n    post:\n      bogus: 1\n      responses:\n        '200':\n          description: ok\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      unknownKeyword: fine\n";
        assert_eq!(
            lint(text),
            [
                "11:15 \"200\" property must have required property \"description\".",
                "15:10 \"post\" property must not have unevaluated properties.",
                "2:6 \"info\" property must have required property \"title\".",
                "8:11 \"0\" property must have required property \"content\".",
                "8:11 \"0\" property must have required property \"schema\".",
                "8:11 \"0\" property must match exactly one schema in oneOf.",
                "9:15 \"in\" property must be equal to one of the allowed values: \"query\", \"header\", \"path\", \"cookie\". Did you mean \"query\"?.",
            ]
        );
    }

    #[test]
    fn valid_31_is_quiet() {
        let text = "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\ncomponents:\n  schemas:\n    Pet: {type: [object, 'null'], x-any: 1}\n";
        assert!(lint(text).is_empty());
    }
}
