//! Loading a JSON Schema document: spanned JSON, the draft it is written in, validation
//! against that draft's meta-schema (bundled with the `jsonschema` crate, no network), and an
//! index of `$id`s and anchors so that every `$ref` is resolved — and checked — up front.

use crate::finding::Span;
use crate::json::{self, JsonDoc, JsonError};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use thiserror::Error;

/// The JSON Schema drafts accord reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Draft {
    Draft4,
    Draft6,
    Draft7,
    Draft201909,
    Draft202012,
}

impl Draft {
    pub fn as_str(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft201909 => "2019-09",
            Draft::Draft202012 => "2020-12",
        }
    }

    /// The draft a `$schema` URI names, if accord knows it.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let u = uri.trim_end_matches('#').trim_end_matches('/');
        let u = u
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        match u {
            "json-schema.org/draft-04/schema" => Some(Draft::Draft4),
            "json-schema.org/draft-06/schema" => Some(Draft::Draft6),
            "json-schema.org/draft-07/schema" => Some(Draft::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Draft::Draft201909),
            "json-schema.org/draft/2020-12/schema" => Some(Draft::Draft202012),
            _ => None,
        }
    }
}

/// Why a JSON Schema document cannot be compared; every variant says file:line:col.
#[derive(Debug, Error)]
pub enum JsonSchemaError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Json(#[from] JsonError),
    #[error(
        "{file}:{line}:{column}: unsupported $schema `{uri}` (accord reads drafts 4, 6, 7, 2019-09 and 2020-12)"
    )]
    UnsupportedDraft {
        file: String,
        line: u32,
        column: u32,
        uri: String,
    },
    #[error("{file}:{line}:{column}: not a valid {draft} schema at `{pointer}`: {message}")]
    MetaSchema {
        file: String,
        line: u32,
        column: u32,
        draft: &'static str,
        pointer: String,
        message: String,
    },
    #[error("{file}:{line}:{column}: $ref `{reference}` at `{pointer}`: {message}")]
    Ref {
        file: String,
        line: u32,
        column: u32,
        pointer: String,
        reference: String,
        message: String,
    },
}

/// A loaded, meta-schema-valid JSON Schema document whose `$ref`s all resolve.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The file name as given (used in findings and errors).
    pub file: String,
    /// The text it was parsed from (for renderers that show source lines).
    pub source: String,
    pub doc: JsonDoc,
    pub draft: Draft,
    /// `$ref` pointer → pointer of the schema it names (after following chains of `$ref`s).
    refs: HashMap<String, String>,
}

/// Reads and loads a schema file.
pub fn load(path: &Path) -> Result<Schema, JsonSchemaError> {
    let file = path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).map_err(|source| JsonSchemaError::Io {
        file: file.clone(),
        source,
    })?;
    parse(&text, &file)
}

/// Parses a schema from text; `file` names it in errors and findings.
pub fn parse(text: &str, file: &str) -> Result<Schema, JsonSchemaError> {
    let doc = json::parse(text, file)?;
    let at = |pointer: &str| doc.span(pointer);
    let draft = match doc.value.get("$schema") {
        None => Draft::Draft7,
        Some(Value::String(uri)) => Draft::from_uri(uri).ok_or_else(|| {
            let s = at("/$schema");
            JsonSchemaError::UnsupportedDraft {
                file: file.to_string(),
                line: s.line,
                column: s.column,
                uri: uri.clone(),
            }
        })?,
        Some(_) => {
            // Not a string: the meta-schema check below reports it with its location.
            Draft::Draft7
        }
    };
    meta_validate(&doc, draft, file)?;
    let mut schema = Schema {
        file: file.to_string(),
        source: text.to_string(),
        doc,
        draft,
        refs: HashMap::new(),
    };
    schema.index_refs()?;
    Ok(schema)
}

fn meta_validate(doc: &JsonDoc, draft: Draft, file: &str) -> Result<(), JsonSchemaError> {
    let v = &doc.value;
    let result = match draft {
        Draft::Draft4 => jsonschema::draft4::meta::validate(v),
        Draft::Draft6 => jsonschema::draft6::meta::validate(v),
        Draft::Draft7 => jsonschema::draft7::meta::validate(v),
        Draft::Draft201909 => jsonschema::draft201909::meta::validate(v),
        Draft::Draft202012 => jsonschema::draft202012::meta::validate(v),
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let pointer = e.instance_path.as_str().to_string();
            let s = doc.span(&pointer);
            Err(JsonSchemaError::MetaSchema {
                file: file.to_string(),
                line: s.line,
                column: s.column,
                draft: draft.as_str(),
                pointer: if pointer.is_empty() {
                    "/".into()
                } else {
                    pointer
                },
                message: e.to_string(),
            })
        }
    }
}

/// Keywords whose value is one subschema.
const SINGLE: &[&str] = &[
    "additionalItems",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];
/// Keywords whose value is an array of subschemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAP: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
    "dependencies",
];

/// Calls `f(pointer, value)` for every subschema of the schema at `pointer`, recursively
/// (including the schema itself), in schema positions only (not inside `enum`, `const`,
/// `default`, `examples`).
fn walk_schemas<'v>(pointer: &str, value: &'v Value, f: &mut dyn FnMut(&str, &'v Value)) {
    f(pointer, value);
    let Value::Object(map) = value else { return };
    for (k, v) in map {
        let base = format!("{pointer}/{}", json::escape_token(k));
        let kw = k.as_str();
        if SINGLE.contains(&kw) || (kw == "items" && !v.is_array()) {
            walk_schemas(&base, v, f);
        } else if LIST.contains(&kw) || (kw == "items" && v.is_array()) {
            if let Value::Array(items) = v {
                for (i, s) in items.iter().enumerate() {
                    walk_schemas(&format!("{base}/{i}"), s, f);
                }
            }
        } else if MAP.contains(&kw)
            && let Value::Object(m) = v
        {
            for (name, s) in m {
                if s.is_object() || s.is_boolean() {
                    walk_schemas(&format!("{base}/{}", json::escape_token(name)), s, f);
                }
            }
        }
    }
}

/// Joins a reference to a base URI the simple way (enough for references inside one document).
fn join(base: &str, r: &str) -> String {
    if r.starts_with('#') {
        let b = base.split('#').next().unwrap_or("");
        return format!("{b}{r}");
    }
    if r.contains("://") || r.starts_with("urn:") || base.is_empty() {
        return r.to_string();
    }
    let b = base.split('#').next().unwrap_or("");
    match b.rfind('/') {
        Some(i) => format!("{}{r}", &b[..=i]),
        None => r.to_string(),
    }
}

fn decode_pointer_fragment(frag: &str) -> String {
    // Percent-decoding of the URI fragment (JSON pointer tokens keep their ~0/~1 escapes).
    let bytes = frag.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Schema {
    /// The schema value at a pointer.
    pub fn value(&self, pointer: &str) -> Option<&Value> {
        self.doc.value.pointer(pointer)
    }

    pub fn span(&self, pointer: &str) -> Span {
        self.doc.span(pointer)
    }

    /// The pointer of the schema a node stands for: itself, or where its `$ref` chain leads.
    pub fn deref<'a>(&'a self, pointer: &'a str) -> &'a str {
        self.refs
            .get(pointer)
            .map(String::as_str)
            .unwrap_or(pointer)
    }

    fn ref_error(&self, pointer: &str, reference: &str, message: String) -> JsonSchemaError {
        let s = self.span(&format!("{pointer}/$ref"));
        JsonSchemaError::Ref {
            file: self.file.clone(),
            line: s.line,
            column: s.column,
            pointer: if pointer.is_empty() {
                "/".into()
            } else {
                pointer.to_string()
            },
            reference: reference.to_string(),
            message,
        }
    }

    /// Indexes `$id`s and anchors, resolves every `$ref` to a pointer in this document and
    /// follows chains of references, refusing references that leave the document and chains
    /// that loop without reaching a schema.
    fn index_refs(&mut self) -> Result<(), JsonSchemaError> {
        let draft = self.draft;
        let id_key = if draft == Draft::Draft4 { "id" } else { "$id" };
        // Base URI of every schema, and what names each schema.
        let mut bases: HashMap<String, String> = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut direct: Vec<(String, String)> = Vec::new();
        {
            let mut visit = |pointer: &str, v: &Value| {
                let parent_base = parent_pointer_base(&bases, pointer);
                let mut base = parent_base.clone();
                if let Some(Value::String(id)) = v.get(id_key) {
                    if let Some(anchor) = id.strip_prefix('#') {
                        names.insert(join(&base, &format!("#{anchor}")), pointer.to_string());
                    } else {
                        base = join(&parent_base, id);
                        let no_frag = base.split('#').next().unwrap_or("").to_string();
                        names.insert(no_frag.clone(), pointer.to_string());
                        names.insert(format!("{no_frag}#"), pointer.to_string());
                    }
                }
                if let Some(Value::String(a)) = v.get("$anchor") {
                    names.insert(join(&base, &format!("#{a}")), pointer.to_string());
                }
                bases.insert(pointer.to_string(), base);
                if let Some(Value::String(r)) = v.get("$ref") {
                    direct.push((pointer.to_string(), r.clone()));
                }
            };
            walk_schemas("", &self.doc.value, &mut visit);
        }
        let root_base = bases.get("").cloned().unwrap_or_default();
        let root_no_frag = root_base.split('#').next().unwrap_or("").to_string();
        let mut targets: HashMap<String, String> = HashMap::new();
        for (pointer, r) in &direct {
            let base = bases.get(pointer).cloned().unwrap_or_default();
            let full = join(&base, r);
            let (uri, frag) = match full.split_once('#') {
                Some((u, f)) => (u.to_string(), Some(f.to_string())),
                None => (full.clone(), None),
            };
            let doc_ptr = if uri.is_empty() || uri == root_no_frag {
                Some(String::new())
            } else {
                names.get(&uri).cloned()
            };
            let Some(doc_ptr) = doc_ptr else {
                return Err(self.ref_error(
                    pointer,
                    r,
                    "cannot be resolved inside this document (accord compares self-contained \
                     schemas; inline or bundle the referenced schema)"
                        .into(),
                ));
            };
            let target = match frag.as_deref() {
                None | Some("") => doc_ptr,
                Some(f) if f.starts_with('/') => format!("{doc_ptr}{}", decode_pointer_fragment(f)),
                Some(f) => match names.get(&format!("{uri}#{f}")) {
                    Some(p) => p.clone(),
                    None => {
                        return Err(self.ref_error(pointer, r, format!("no anchor named `{f}`")));
                    }
                },
            };
            match self.doc.value.pointer(&target) {
                Some(v) if v.is_object() || v.is_boolean() => {}
                Some(_) => {
                    return Err(self.ref_error(pointer, r, "does not point at a schema".into()));
                }
                None => {
                    return Err(self.ref_error(
                        pointer,
                        r,
                        format!("nothing at `{target}` in this document"),
                    ));
                }
            }
            targets.insert(pointer.clone(), target);
        }
        // Follow chains ($ref to a schema that is itself only a $ref) to their end.
        for (pointer, r) in &direct {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut chain: Vec<&str> = vec![pointer];
            let mut cur: &str = pointer;
            seen.insert(cur);
            while let Some(next) = targets.get(cur) {
                if !seen.insert(next) {
                    chain.push(next);
                    let shown: Vec<String> = chain.iter().map(|p| format!("#{p}")).collect();
                    return Err(self.ref_error(
                        pointer,
                        r,
                        format!(
                            "references form a cycle that never reaches a schema ({})",
                            shown.join(" → ")
                        ),
                    ));
                }
                chain.push(next);
                cur = next;
            }
            self.refs.insert(pointer.clone(), cur.to_string());
        }
        Ok(())
    }
}

/// The base URI in force at `pointer`: that of its nearest indexed ancestor.
fn parent_pointer_base(bases: &HashMap<String, String>, pointer: &str) -> String {
    let mut p = pointer;
    while let Some(i) = p.rfind('/') {
        p = &p[..i];
        if let Some(b) = bases.get(p) {
            return b.clone();
        }
    }
    String::new()
}
