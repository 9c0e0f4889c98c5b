//! Canonical texts for `?normalize=true`, so that schemas differing only in layout get the
//! same id.
//!
//! - Avro: the shape of Apache Avro's Parsing Canonical Form — primitives in simple form,
//!   names as full names, attributes in a fixed order, no whitespace, `doc` and custom
//!   properties dropped — but keeping what schema resolution and compatibility read:
//!   logical types (with precision and scale), defaults, aliases and field order. Parsing
//!   Canonical Form proper drops defaults, so normalizing would turn a compatible evolution
//!   (a new field with a default) into an incompatible one.
//! - JSON Schema: the document with every object's keys sorted, without whitespace.
//! - Protobuf: the file's tokens without comments, laid out one way (one statement a line,
//!   two-space indentation per block, single spaces between tokens), so layout and comments
//!   no longer make two registrations different. Declarations keep their order: reordering
//!   them would change what a reader sees in descriptors, and the registry compares them by
//!   name and number anyway.

use serde_json::{Map, Value};

const AVRO_PRIMITIVES: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

/// The JSON text of a value, compact.
fn compact(v: &Value) -> String {
    // Serializing a `Value` cannot fail: its keys are strings.
    serde_json::to_string(v).unwrap_or_default()
}

/// JSON Schema: keys sorted at every level.
pub fn json(text: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(compact(&sorted(v)))
}

fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(xs) => Value::Array(xs.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Avro: see the module documentation. The schema has been validated already; what does
/// not fit the expected shape is an error rather than a guess.
pub fn avro(text: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(compact(&avro_schema(&v, "")?))
}

/// `name` as a full name within namespace `ns` (a name with a dot is full already).
fn full_name(name: &str, ns: &str) -> String {
    if name.contains('.') || ns.is_empty() || AVRO_PRIMITIVES.contains(&name) {
        name.to_string()
    } else {
        format!("{ns}.{name}")
    }
}

fn namespace_of(full: &str) -> &str {
    full.rsplit_once('.').map_or("", |(ns, _)| ns)
}

fn avro_schema(v: &Value, ns: &str) -> Result<Value, String> {
    match v {
        Value::String(s) => Ok(Value::String(full_name(s, ns))),
        Value::Array(branches) => Ok(Value::Array(
            branches
                .iter()
                .map(|b| avro_schema(b, ns))
                .collect::<Result<_, _>>()?,
        )),
        Value::Object(m) => avro_object(m, ns),
        other => Err(format!("not an Avro schema: {other}")),
    }
}

fn copy(from: &Map<String, Value>, to: &mut Map<String, Value>, keys: &[&str]) {
    for k in keys {
        if let Some(v) = from.get(*k) {
            to.insert((*k).to_string(), v.clone());
        }
    }
}

fn avro_object(m: &Map<String, Value>, ns: &str) -> Result<Value, String> {
    let ty = match m.get("type") {
        Some(Value::String(t)) => t.as_str(),
        // `{"type": <schema>}` is that schema.
        Some(other) => return avro_schema(other, ns),
        None => return Err("an Avro schema object needs a type".into()),
    };
    let logical = ["logicalType", "precision", "scale"];
    let mut out = Map::new();
    match ty {
        "record" | "error" | "enum" | "fixed" => {
            let name = m
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("a named Avro {ty} needs a name"))?;
            let own_ns = m.get("namespace").and_then(Value::as_str).unwrap_or(ns);
            let full = full_name(name, own_ns);
            let inner = namespace_of(&full).to_string();
            out.insert("name".into(), Value::String(full.clone()));
            out.insert("type".into(), Value::String(ty.to_string()));
            match ty {
                "enum" => copy(m, &mut out, &["symbols"]),
                "fixed" => {
                    copy(m, &mut out, &["size"]);
                    copy(m, &mut out, &logical);
                }
                _ => {
                    let fields = m
                        .get("fields")
                        .and_then(Value::as_array)
                        .ok_or_else(|| format!("record {full} needs fields"))?;
                    let fields = fields
                        .iter()
                        .map(|f| avro_field(f, &inner))
                        .collect::<Result<Vec<_>, _>>()?;
                    out.insert("fields".into(), Value::Array(fields));
                }
            }
            if let Some(Value::Array(aliases)) = m.get("aliases") {
                let aliases = aliases
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|a| Value::String(full_name(a, &inner)))
                    .collect();
                out.insert("aliases".into(), Value::Array(aliases));
            }
            if ty == "enum" {
                copy(m, &mut out, &["default"]);
            }
        }
        "array" => {
            out.insert("type".into(), Value::String("array".into()));
            let items = m.get("items").ok_or("an Avro array needs items")?;
            out.insert("items".into(), avro_schema(items, ns)?);
        }
        "map" => {
            out.insert("type".into(), Value::String("map".into()));
            let values = m.get("values").ok_or("an Avro map needs values")?;
            out.insert("values".into(), avro_schema(values, ns)?);
        }
        t if AVRO_PRIMITIVES.contains(&t) => {
            if !m.contains_key("logicalType") {
                return Ok(Value::String(t.to_string()));
            }
            out.insert("type".into(), Value::String(t.to_string()));
            copy(m, &mut out, &logical);
        }
        // A named type referred to in object form.
        name => return Ok(Value::String(full_name(name, ns))),
    }
    Ok(Value::Object(out))
}

fn avro_field(f: &Value, ns: &str) -> Result<Value, String> {
    let m = f.as_object().ok_or("an Avro field must be an object")?;
    let mut out = Map::new();
    copy(m, &mut out, &["name"]);
    let ty = m.get("type").ok_or("an Avro field needs a type")?;
    out.insert("type".into(), avro_schema(ty, ns)?);
    copy(m, &mut out, &["order", "aliases", "default"]);
    Ok(Value::Object(out))
}

/// Protobuf: the token stream without comments, in one layout. The text has compiled
/// before this runs, so strings and comments are well formed.
pub fn protobuf(text: &str) -> String {
    let tokens = proto_tokens(text);
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut line_start = true;
    for (i, t) in tokens.iter().enumerate() {
        let t = t.as_str();
        if t == "}" {
            depth = depth.saturating_sub(1);
        }
        if line_start {
            out.push_str(&"  ".repeat(depth));
        } else if spaced(&tokens[i - 1], t) {
            out.push(' ');
        }
        out.push_str(t);
        line_start = false;
        match t {
            "{" => {
                depth += 1;
                out.push('\n');
                line_start = true;
            }
            ";" | "}" => {
                // `};` and `} ;` keep their semicolon on the brace's line.
                if t == "}" && tokens.get(i + 1).is_some_and(|n| n == ";") {
                    continue;
                }
                out.push('\n');
                line_start = true;
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Whether a space separates `t` from the token before it: not inside brackets, not before
/// a closing mark or separator, not between a name and its argument list (`Get(Order)`,
/// `map<…>`); after `returns`, `option`, `=` and `,` an opening parenthesis keeps its space.
fn spaced(prev: &str, t: &str) -> bool {
    if matches!(t, ";" | "," | ")" | "]" | ">") || matches!(prev, "(" | "[" | "<") {
        return false;
    }
    match t {
        "(" => matches!(prev, "returns" | "option" | "=" | ","),
        "<" => prev != "map",
        _ => true,
    }
}

/// The end of the word starting at `start`: letters, digits, `_` and `.`, and in a number
/// the sign of its exponent (`1e-5`, `2E+10`).
fn word_end(b: &[u8], start: usize) -> usize {
    let number = b[start].is_ascii_digit() || b[start] == b'.';
    let mut i = start;
    while i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || b[i] == b'_'
            || b[i] == b'.'
            || (number && matches!(b[i], b'-' | b'+') && matches!(b[i - 1], b'e' | b'E')))
    {
        i += 1;
    }
    i
}

/// Words (identifiers, numbers, full names), string literals and single punctuation marks.
fn proto_tokens(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i = (i + 2).min(b.len());
        } else if c == b'"' || c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            out.push(text[start..i].to_string());
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
            let end = word_end(b, i);
            out.push(text[i..end].to_string());
            i = end;
        } else {
            // A sign belongs to the number after it (`= -1`, `[default = -2.5]`).
            if c == b'-'
                && b.get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'.')
            {
                let end = word_end(b, i + 1);
                out.push(text[i..end].to_string());
                i = end;
                continue;
            }
            // Multi-byte characters outside strings cannot compile; keep them whole anyway.
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push(text[i..i + len].to_string());
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avro_layouts_of_one_schema_normalize_to_one_text() {
        let a = r#"{
            "type": "record", "name": "Order", "namespace": "shop", "doc": "an order",
            "fields": [
                {"name": "id", "type": {"type": "string"}, "doc": "the id"},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
                {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
                    "fields": [{"name": "sku", "type": "string"}]}}},
                {"name": "next", "type": ["null", "Line"], "default": null},
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW"}}
            ],
            "x-owner": "team-a"
        }"#;
        let b = r#"{"fields":[{"type":"string","name":"id"},
            {"type":{"logicalType":"timestamp-millis","type":"long"},"name":"at"},
            {"name":"price","type":{"scale":2,"precision":9,"logicalType":"decimal","type":"bytes"}},
            {"name":"lines","type":{"items":{"fields":[{"name":"sku","type":"string"}],"name":"shop.Line","type":"record"},"type":"array"}},
            {"default":null,"name":"next","type":["null","shop.Line"]},
            {"name":"status","type":{"symbols":["NEW","PAID"],"type":"enum","name":"Status","default":"NEW"}}],
            "name":"shop.Order","type":"record"}"#;
        let na = avro(a).expect("normalizes");
        assert_eq!(na, avro(b).expect("normalizes"));
        assert_eq!(
            na,
            concat!(
                r#"{"name":"shop.Order","type":"record","fields":["#,
                r#"{"name":"id","type":"string"},"#,
                r#"{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},"#,
                r#"{"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},"#,
                r#"{"name":"lines","type":{"type":"array","items":{"name":"shop.Line","type":"record","fields":[{"name":"sku","type":"string"}]}}},"#,
                r#"{"name":"next","type":["null","shop.Line"],"default":null},"#,
                r#"{"name":"status","type":{"name":"shop.Status","type":"enum","symbols":["NEW","PAID"],"default":"NEW"}}]}"#
            )
        );
        // A default is kept: it decides compatibility.
        let without = a.replace(r#", "default": null"#, "");
        assert_ne!(avro(&without).expect("normalizes"), na);
        assert_eq!(avro(r#"{"type": "int"}"#).expect("normalizes"), r#""int""#);
    }

    #[test]
    fn json_schema_keys_are_sorted_at_every_level() {
        let a = r#"{"type": "object", "properties": {"b": {"type": "string"}, "a": {"minimum": 1, "type": "integer"}}}"#;
        let b = r#"{"properties":{"a":{"type":"integer","minimum":1},"b":{"type":"string"}},"type":"object"}"#;
        assert_eq!(json(a).expect("json"), json(b).expect("json"));
        assert_eq!(
            json(a).expect("json"),
            r#"{"properties":{"a":{"minimum":1,"type":"integer"},"b":{"type":"string"}},"type":"object"}"#
        );
    }

    #[test]
    fn protobuf_layouts_and_comments_normalize_to_one_text() {
        let a = "syntax = \"proto3\";\npackage shop.v1;\n// an order\nmessage Order {\n  int64 id = 1; /* key */\n  repeated string skus = 2 [deprecated = true];\n  map<string, int32> counts = 3;\n  enum State { STATE_UNSPECIFIED = 0; DONE = 1; }\n  oneof pay { string card = 4; double cash = 5 [json_name = \"c\"]; }\n}\nservice S { rpc Get(Order) returns (stream Order); }\n";
        let b = "syntax=\"proto3\"; package shop.v1;\nmessage Order{int64 id=1;repeated string skus=2[deprecated=true];\n// c\nmap < string , int32 > counts = 3 ; enum State{STATE_UNSPECIFIED=0;DONE=1;}\noneof pay{string card=4;double cash=5[json_name=\"c\"];}}\nservice S{rpc Get ( Order ) returns ( stream Order ) ;}";
        let na = protobuf(a);
        assert_eq!(na, protobuf(b));
        assert_eq!(protobuf(&na), na, "normalizing is idempotent");
        assert!(na.contains("message Order {\n  int64 id = 1;\n"), "{na}");
        assert!(na.contains("map<string, int32> counts = 3;"), "{na}");
        assert!(
            na.contains("rpc Get(Order) returns (stream Order);"),
            "{na}"
        );
        assert!(!na.contains("an order") && !na.contains("key"), "{na}");
        let neg = protobuf("message M { int32 x = 1 [default = -2.5e-3]; }");
        assert!(neg.contains("[default = -2.5e-3]"), "{neg}");
    }
}
