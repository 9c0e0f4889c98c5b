//! Validating examples against their schemas, for `oas3-valid-media-example` and
//! `oas3-valid-schema-example` (Spectral's `oasExample`).
//!
//! Each file of the description is converted to JSON once (per variant, see `Relax`) and
//! registered as a resource under its `file://` URI, so a schema is compiled as
//! `{"$ref": "<file>#<pointer>"}` and its `$ref`s resolve in place, across files too,
//! instead of inlining subtrees per example. Validators are built on first use and cached
//! per schema node. 3.0 schemas are JSON Schema draft 4 plus `nullable` (as Spectral's
//! draft-04 Ajv reads them); 3.1 schemas are 2020-12.

use super::walk::Visit;
use super::{Here, Sink};
use crate::openapi::load::{Spec, Version};
use crate::openapi::node::{Node, Val};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Spectral drops `readOnly` properties from `required` when checking request examples and
/// `writeOnly` ones for responses, as those are legitimately absent there.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Relax {
    None = 0,
    ReadOnly = 1,
    WriteOnly = 2,
}

pub struct Validators<'a> {
    spec: &'a Spec,
    draft: Draft,
    uris: Vec<String>,
    registries: [Option<Option<Registry>>; 3],
    cache: HashMap<(Relax, u32, String), Option<Compiled>>,
}

/// A schema compiled, or the compile error Spectral's Ajv reports in place of validating.
enum Compiled {
    Ok(Validator),
    Refused(&'static str),
}

/// Ajv refuses a 3.0 schema that anywhere uses `nullable: true` without a `type`.
const NULLABLE_WITHOUT_TYPE: &str = "\"nullable\" cannot be used without \"type\"";

impl<'a> Validators<'a> {
    pub fn new(spec: &'a Spec) -> Validators<'a> {
        let uris = spec
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| file_uri(&f.path, i))
            .collect();
        Validators {
            spec,
            draft: match spec.version {
                Version::V30 => Draft::Draft4,
                Version::V31 => Draft::Draft202012,
            },
            uris,
            registries: [None, None, None],
            cache: HashMap::new(),
        }
    }

    fn registry(&mut self, relax: Relax) -> Option<Registry> {
        let (spec, draft, uris) = (self.spec, self.draft, &self.uris);
        self.registries[relax as usize]
            .get_or_insert_with(|| {
                let v30 = spec.version == Version::V30;
                let resources = spec.files.iter().zip(uris).map(|(f, uri)| {
                    let json = to_json(spec, &f.root, v30, relax);
                    (uri.clone(), draft.create_resource(json))
                });
                Registry::options()
                    .draft(draft)
                    .build(resources.collect::<Vec<(String, Resource)>>())
                    .ok()
            })
            .clone()
    }

    /// The validator of the schema at `ptr` in `file`; `None` when it does not compile
    /// (an invalid schema is `oas3-schema`'s business, not an example's).
    fn get(&mut self, relax: Relax, file: u32, ptr: &str, schema: &Node) -> Option<&Compiled> {
        let key = (relax, file, ptr.to_string());
        if !self.cache.contains_key(&key) {
            if self.spec.version == Version::V30 && nullable_without_type(self.spec, schema) {
                self.cache
                    .insert(key.clone(), Some(Compiled::Refused(NULLABLE_WITHOUT_TYPE)));
                return self.cache[&key].as_ref();
            }
            let built = self.registry(relax).and_then(|reg| {
                let root =
                    serde_json::json!({ "$ref": format!("{}#{ptr}", self.uris[file as usize]) });
                jsonschema::options()
                    .with_draft(self.draft)
                    .with_registry(reg)
                    .should_validate_formats(true)
                    .build(&root)
                    .ok()
                    .map(Compiled::Ok)
            });
            self.cache.insert(key.clone(), built);
        }
        self.cache[&key].as_ref()
    }

    /// Validates `value` (written at `at`) against the schema at `schema_ptr` in `at`'s
    /// file and reports the first error, at the offending part of the value, as Spectral's
    /// Ajv (which stops at the first error) does.
    pub fn check(
        &mut self,
        sink: &mut Sink,
        relax: Relax,
        schema_ptr: &str,
        schema: &Node,
        at: &Here,
        value: &Node,
    ) {
        let v30 = self.spec.version == Version::V30;
        let spec = self.spec;
        let validator = match self.get(relax, at.file, schema_ptr, schema) {
            Some(Compiled::Ok(v)) => v,
            Some(Compiled::Refused(why)) => {
                sink.report(at, *why);
                return;
            }
            None => return,
        };
        let instance = to_json(spec, value, v30, Relax::None);
        let mut errors: Vec<_> = validator.iter_errors(&instance).collect();
        if errors.is_empty() {
            return;
        }
        // Ajv checks an object's own keywords (type, required, enum) before descending
        // into its properties, so an error at the shallowest path comes first.
        errors.sort_by_key(|e| e.instance_path.as_str().matches('/').count());
        let e = &errors[0];
        let path = e.instance_path.as_str();
        let target = descend(at, path).unwrap_or_else(|| at.clone());
        let text = message(&e.kind, &target.ptr, e.to_string());
        sink.report(&target, text);
    }
}

/// Spectral's wording (Ajv's message, named after the last step of the value's path).
fn message(kind: &ValidationErrorKind, ptr: &str, fallback: String) -> String {
    let list = |v: &Value| match v {
        Value::Array(xs) => xs
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    let reason = match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } if !unexpected.is_empty() => {
            return format!("Property \"{}\" is not expected to be here", unexpected[0]);
        }
        ValidationErrorKind::Type { kind } => {
            let mut names: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            // Spectral appends `null` for `nullable` after Ajv's message.
            if let Some(i) = names.iter().position(|n| n == "null") {
                let null = names.remove(i);
                names.push(null);
            }
            format!("type must be {}", names.join(","))
        }
        ValidationErrorKind::Required { property } => {
            format!("must have required property {property}")
        }
        ValidationErrorKind::Enum { options } => {
            format!(
                "must be equal to one of the allowed values: {}",
                list(options)
            )
        }
        ValidationErrorKind::Format { format } => format!("must match format \"{format}\""),
        ValidationErrorKind::Pattern { pattern } => format!("must match pattern \"{pattern}\""),
        ValidationErrorKind::MinLength { limit } => {
            format!("must not have fewer than {limit} characters")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("must not have more than {limit} characters")
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("must not have fewer than {limit} items")
        }
        ValidationErrorKind::MaxItems { limit } => format!("must not have more than {limit} items"),
        ValidationErrorKind::Minimum { limit } => format!("must be >= {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("must be <= {limit}"),
        ValidationErrorKind::AnyOf { .. } => "must match a schema in anyOf".to_string(),
        ValidationErrorKind::OneOfNotValid { .. } => {
            "must match exactly one schema in oneOf".to_string()
        }
        _ => fallback,
    };
    let last = ptr.rsplit('/').next().unwrap_or("");
    let last = last.replace("~1", "/").replace("~0", "~");
    match last.parse::<usize>() {
        // Spectral rewrites Ajv's `"1" property type must be` as `Item at index 1 must be`.
        Ok(i) => format!(
            "Item at index {i} {}",
            reason.strip_prefix("type ").unwrap_or(&reason)
        ),
        Err(_) => format!("\"{last}\" property {reason}"),
    }
}

/// The node at a JSON pointer below `at`.
fn descend<'a>(at: &Here<'a>, ptr: &str) -> Option<Here<'a>> {
    let mut cur = at.clone();
    for raw in ptr.split('/').skip(1) {
        let key = raw.replace("~1", "/").replace("~0", "~");
        cur = match &cur.node.v {
            Val::Arr(_) => cur.items().nth(key.parse().ok()?)?,
            _ => cur.get(&key)?,
        };
    }
    Some(cur)
}

fn file_uri(path: &std::path::Path, i: usize) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let s = abs.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        // Not a real path (e.g. standard input): a stable name of its own.
        return format!("file:///accord-input/{i}");
    }
    let mut out = String::from("file://");
    encode_into(&mut out, &s);
    out
}

/// Percent-encodes all but unreserved characters and `/`.
fn encode_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
}

/// A node as JSON: 3.0's `nullable: true` becomes a `null` in `type`, and `relax` drops
/// read-only or write-only properties from `required`.
fn to_json(spec: &Spec, n: &Node, v30: bool, relax: Relax) -> Value {
    match &n.v {
        Val::Null => Value::Null,
        Val::Bool(b) => Value::Bool(*b),
        Val::Num(x) => {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Value::Number(Number::from(*x as i64))
            } else {
                Number::from_f64(*x).map_or(Value::Null, Value::Number)
            }
        }
        Val::Str(s) => Value::String(s.to_string()),
        Val::Arr(xs) => Value::Array(xs.iter().map(|x| to_json(spec, x, v30, relax)).collect()),
        Val::Obj(ms) => {
            let mut map = Map::with_capacity(ms.len());
            for m in ms.iter() {
                map.insert(m.key.to_string(), to_json(spec, &m.val, v30, relax));
            }
            if v30
                && n.get("nullable").and_then(Node::as_bool) == Some(true)
                && let Some(Value::String(t)) = map.get("type")
            {
                let t = Value::String(t.clone());
                map.insert("type".into(), Value::Array(vec![t, "null".into()]));
            }
            if relax != Relax::None {
                relax_required(spec, n, &mut map, relax);
            }
            Value::Object(map)
        }
    }
}

fn relax_required(spec: &Spec, n: &Node, map: &mut Map<String, Value>, relax: Relax) {
    let (Some(props), Some(Value::Array(req))) = (n.get("properties"), map.get("required")) else {
        return;
    };
    let flag = if relax == Relax::ReadOnly {
        "readOnly"
    } else {
        "writeOnly"
    };
    let kept: Vec<Value> = req
        .iter()
        .filter(|name| {
            let Some(name) = name.as_str() else {
                return true;
            };
            let Some(p) = props.get(name) else {
                return true;
            };
            deref(spec, p).get(flag).and_then(Node::as_bool) != Some(true)
        })
        .cloned()
        .collect();
    if kept.is_empty() {
        map.remove("required");
    } else {
        map.insert("required".into(), Value::Array(kept));
    }
}

/// Follows a `$ref` chain by its text, in whichever file declares it.
fn deref<'a>(spec: &'a Spec, mut n: &'a Node) -> &'a Node {
    for _ in 0..64 {
        let Some(r) = n.get("$ref").and_then(Node::as_str) else {
            break;
        };
        let Some(t) = spec.refs.iter().find_map(|m| m.get(r)) else {
            break;
        };
        n = spec.node(t);
    }
    n
}

/// Whether any subschema `schema` reaches (through `$ref`s too, as Ajv compiles them all)
/// has `nullable: true` and no `type`.
fn nullable_without_type(spec: &Spec, schema: &Node) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut todo = vec![schema];
    while let Some(n) = todo.pop() {
        let n = deref(spec, n);
        if !seen.insert(n as *const Node) {
            continue;
        }
        if n.get("nullable").and_then(Node::as_bool) == Some(true) && n.get("type").is_none() {
            return true;
        }
        for m in n.members() {
            match &*m.key {
                "properties" | "patternProperties" | "definitions" => {
                    todo.extend(m.val.members().iter().map(|p| &p.val))
                }
                "allOf" | "anyOf" | "oneOf" => todo.extend(m.val.items()),
                "items" | "not" | "additionalProperties" | "additionalItems" if m.val.is_obj() => {
                    todo.push(&m.val)
                }
                _ => {}
            }
        }
    }
    false
}

/// Whether a walk is below a key among `keys` (Spectral's `$..content..` and the like:
/// strictly below, the key's own value excluded).
pub fn below_any(v: &Visit, keys: &[&str]) -> bool {
    let n = v.stack.len();
    (0..n.saturating_sub(1))
        .any(|i| matches!(v.stack[i], super::walk::Seg::Key(k, _) if keys.contains(&k)))
}

/// The node a local or cross-file `$ref` written in `file` points at, as a reportable
/// `Here` (Spectral reports a shared example where it is defined).
pub fn target<'a>(spec: &'a Spec, file: u32, r: &str) -> Option<Here<'a>> {
    let t = spec.refs[file as usize].get(r)?;
    let mut cur = Here::root(spec, t.file);
    for &s in t.steps.iter() {
        cur = match &cur.node.v {
            Val::Obj(_) => cur.members().nth(s as usize)?.1,
            Val::Arr(_) => cur.items().nth(s as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}
