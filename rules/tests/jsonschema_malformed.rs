//! Malformed and hostile JSON Schema input: a clear error with file:line:col, never a panic,
//! and comparisons that terminate on recursive and cyclic schemas. Also the drafts, `$ref`
//! forms and the lenient policy.

use accord_rules::compat::{Mode, ReaderWriter, run_mode};
use accord_rules::jsonschema::{self, JsonCompat, JsonPolicy, JsonSchemaError, Schema};

fn parse(text: &str) -> Result<Schema, JsonSchemaError> {
    jsonschema::parse(text, "s.json")
}

fn ok(text: &str) -> Schema {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn rules(reader: &str, writer: &str) -> Vec<String> {
    Schema::incompatibilities(&ok(reader), &ok(writer))
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn invalid_json_has_a_location() {
    let e = parse("{\n  \"type\": \"string\",\n  \"maxLength\": 3,\n}").unwrap_err();
    let s = e.to_string();
    assert!(s.starts_with("s.json:4:1:"), "{s}");
    assert!(matches!(e, JsonSchemaError::Json(_)));
    assert!(parse("").is_err());
    assert!(
        parse("{\"a\": 1, \"a\": 2}")
            .unwrap_err()
            .to_string()
            .contains("duplicate")
    );
}

#[test]
fn meta_schema_violations_are_located() {
    let e = parse(
        "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": {\"type\": \"strin\"}\n  }\n}",
    )
    .unwrap_err();
    let s = e.to_string();
    assert!(matches!(e, JsonSchemaError::MetaSchema { .. }), "{s}");
    assert!(s.starts_with("s.json:4:19:"), "{s}");
    assert!(s.contains("/properties/a/type"), "{s}");
    let e = parse(r#"{"minLength": -1}"#).unwrap_err();
    assert!(e.to_string().contains("draft-07"), "{e}");
    // Tuple items are not valid 2020-12.
    let e = parse(r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "items": [{}]}"#)
        .unwrap_err();
    assert!(e.to_string().contains("2020-12"), "{e}");
    // Draft 4 has no boolean schemas.
    let e = parse(r#"{"$schema": "http://json-schema.org/draft-04/schema#", "items": true}"#)
        .unwrap_err();
    assert!(e.to_string().contains("draft-04"), "{e}");
}

#[test]
fn unknown_drafts_are_refused() {
    let e = parse(r#"{"$schema": "https://example.com/my-meta", "type": "string"}"#).unwrap_err();
    assert!(matches!(e, JsonSchemaError::UnsupportedDraft { .. }), "{e}");
    assert!(e.to_string().starts_with("s.json:1:13:"), "{e}");
}

#[test]
fn ten_thousand_levels_are_refused_not_a_crash() {
    let deep = "{\"items\":".repeat(10_000) + "{}" + &"}".repeat(10_000);
    let e = parse(&deep).unwrap_err();
    assert!(e.to_string().contains("nested deeper"), "{e}");
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert!(parse(&deep).is_err());
}

#[test]
fn deep_but_accepted_nesting_compares() {
    // 120 levels of nested objects (240 JSON levels, under the 256 cap).
    let nest = |leaf: &str| {
        let mut s = leaf.to_string();
        for _ in 0..120 {
            s = format!("{{\"properties\":{{\"x\":{s}}}}}");
        }
        s
    };
    let w = nest(r#"{"type":"number"}"#);
    let r = nest(r#"{"type":"integer"}"#);
    assert_eq!(rules(&r, &w), vec!["TYPE_NARROWED"]);
    assert!(rules(&w, &r).is_empty());
}

#[test]
fn cyclic_refs_are_errors() {
    let e = parse(r##"{"$ref": "#"}"##).unwrap_err();
    assert!(matches!(e, JsonSchemaError::Ref { .. }), "{e}");
    assert!(e.to_string().contains("cycle"), "{e}");
    let e = parse(
        r##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "properties": {"p": {"$ref": "#/$defs/a"}}}"##,
    )
    .unwrap_err();
    assert!(e.to_string().contains("cycle"), "{e}");
    assert!(e.to_string().starts_with("s.json:1:"), "{e}");
}

#[test]
fn unresolvable_refs_are_errors() {
    for r in [
        r##"{"properties": {"a": {"$ref": "#/definitions/missing"}}}"##,
        r##"{"properties": {"a": {"$ref": "https://example.com/other.json"}}}"##,
        r##"{"properties": {"a": {"$ref": "other.json#/x"}}}"##,
        r##"{"properties": {"a": {"$ref": "#nowhere"}}}"##,
    ] {
        let e = parse(r).unwrap_err();
        assert!(matches!(e, JsonSchemaError::Ref { .. }), "{e}");
        assert!(e.to_string().starts_with("s.json:1:"), "{e}");
    }
}

#[test]
fn recursive_schemas_terminate() {
    let tree = |leaf: &str| {
        format!(
            r##"{{"$defs": {{"node": {{"type": "object", "properties": {{"value": {leaf}, "children": {{"type": "array", "items": {{"$ref": "#/$defs/node"}}}}}}}}}}, "$ref": "#/$defs/node"}}"##
        )
    };
    let w = tree(r#"{"type": "number"}"#);
    let r = tree(r#"{"type": "integer"}"#);
    assert!(rules(&w, &w).is_empty());
    assert_eq!(rules(&r, &w), vec!["TYPE_NARROWED"]);
    // Self-reference through the root, mutual recursion, and recursion under `not`/`anyOf`.
    let root = r##"{"type": "object", "properties": {"next": {"$ref": "#"}}}"##;
    assert!(rules(root, root).is_empty());
    let mutual = r##"{"definitions": {"a": {"properties": {"b": {"$ref": "#/definitions/b"}}}, "b": {"properties": {"a": {"$ref": "#/definitions/a"}}}}, "$ref": "#/definitions/a"}"##;
    assert!(rules(mutual, mutual).is_empty());
    for s in [
        r##"{"not": {"$ref": "#"}}"##,
        r##"{"anyOf": [{"$ref": "#"}, {"type": "string"}]}"##,
    ] {
        let _ = rules(s, s);
        let _ = rules(s, root);
        let _ = rules(root, s);
    }
}

#[test]
fn ref_forms_resolve() {
    // definitions, $defs, $anchor, $id-relative, percent-encoded pointers.
    let w = r##"{"$id": "https://example.com/order.json", "$defs": {"money": {"$anchor": "money", "type": "number"}, "a b": {"type": "string"}}, "properties": {"total": {"$ref": "#money"}, "note": {"$ref": "order.json#/$defs/a%20b"}}}"##;
    let r = r##"{"$id": "https://example.com/order.json", "$defs": {"money": {"$anchor": "money", "type": "integer"}, "a b": {"type": "string", "maxLength": 3}}, "properties": {"total": {"$ref": "#money"}, "note": {"$ref": "https://example.com/order.json#/$defs/a%20b"}}}"##;
    let mut got = rules(r, w);
    got.sort();
    assert_eq!(got, vec!["MAX_LENGTH_ADDED", "TYPE_NARROWED"]);
    let d4 = r##"{"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"n": {"type": "number", "maximum": 10, "exclusiveMaximum": true}}, "properties": {"n": {"$ref": "#/definitions/n"}}}"##;
    let d4_wider = r##"{"$schema": "http://json-schema.org/draft-04/schema#", "properties": {"n": {"type": "number", "maximum": 10}}}"##;
    assert!(rules(d4_wider, d4).is_empty());
    assert_eq!(rules(d4, d4_wider), vec!["EXCLUSIVE_MAXIMUM_ADDED"]);
}

#[test]
fn drafts_2019_and_2020_tuples() {
    let w = r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "prefixItems": [{"type": "string"}], "items": false}"#;
    let r = r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "prefixItems": [{"type": "string"}]}"#;
    assert!(rules(r, w).is_empty());
    assert_eq!(rules(w, r), vec!["ADDITIONAL_ITEMS_REMOVED"]);
    // A draft-07 tuple reads like the same 2020-12 tuple.
    let d7 = r#"{"type": "array", "items": [{"type": "string"}], "additionalItems": false}"#;
    assert!(rules(w, d7).is_empty());
    let d2019 = r#"{"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object", "properties": {"a": {"type": "string"}}, "unevaluatedProperties": false, "dependentRequired": {"a": ["b"]}}"#;
    let open = r#"{"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object", "properties": {"a": {"type": "string"}}}"#;
    let mut got = rules(d2019, open);
    got.sort();
    assert_eq!(
        got,
        vec!["ADDITIONAL_PROPERTIES_REMOVED", "DEPENDENCY_ARRAY_ADDED"]
    );
}

#[test]
fn lenient_policy_accepts_open_model_additions() {
    let w = r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#;
    let r = r#"{"type": "object", "properties": {"id": {"type": "string"}, "note": {"type": "string"}}, "additionalProperties": false}"#;
    let (r, w) = (ok(r), ok(w));
    let mut strict: Vec<String> = JsonCompat::default()
        .check(&r, &w)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    strict.sort();
    assert_eq!(
        strict,
        vec![
            "ADDITIONAL_PROPERTIES_REMOVED",
            "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"
        ]
    );
    assert!(
        JsonCompat {
            policy: JsonPolicy::Lenient
        }
        .check(&r, &w)
        .is_empty()
    );
    assert_eq!(JsonPolicy::parse("LENIENT"), Some(JsonPolicy::Lenient));
    // Lenient still refuses to drop a declared property from a closed reader.
    let w2 = ok(r#"{"type": "object", "properties": {"id": {"type": "string"}, "x": {}}}"#);
    let lenient: Vec<String> = JsonCompat {
        policy: JsonPolicy::Lenient,
    }
    .check(&r, &w2)
    .into_iter()
    .map(|f| f.rule)
    .collect();
    assert_eq!(lenient, vec!["PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"]);
}

#[test]
fn modes_run_both_directions_with_labels() {
    let v1 = ok(r#"{"type": "object", "properties": {"s": {"type": "string", "maxLength": 5}}}"#);
    let v2 = ok(r#"{"type": "object", "properties": {"s": {"type": "string", "maxLength": 10}}}"#);
    let back = run_mode(Mode::Backward, &v2, &[("v1".into(), v1.clone())]);
    assert!(back.is_empty());
    let full = run_mode(Mode::Full, &v2, &[("v1".into(), v1)]);
    assert_eq!(full.len(), 1);
    assert_eq!(full[0].rule, "MAX_LENGTH_DECREASED");
    assert_eq!(full[0].against.as_deref(), Some("v1"));
    assert_eq!(full[0].before.as_deref(), Some("10"));
    assert_eq!(full[0].after.as_deref(), Some("5"));
}

#[test]
fn load_reports_missing_files() {
    let e = jsonschema::load("/nonexistent/accord/schema.json".as_ref()).unwrap_err();
    assert!(e.to_string().contains("cannot read"), "{e}");
}

#[test]
fn odd_documents_are_errors_not_panics() {
    for text in [
        "42",
        "\"string\"",
        "null",
        "[]",
        r#"{"$schema": 5}"#,
        r#"{"$ref": 5}"#,
        r#"{"required": "a"}"#,
        r#"{"properties": {"a": 3}}"#,
        r#"{"enum": []}"#,
        r##"{"$defs": {"a": {"$ref": "#/$defs/a/properties/x"}}}"##,
        r##"{"properties": {"a": {"$ref": "#/properties"}}}"##,
    ] {
        match parse(text) {
            Ok(s) => {
                // Accepted documents still compare without panicking.
                let _ = Schema::incompatibilities(&s, &s);
            }
            Err(e) => assert!(e.to_string().starts_with("s.json:1:"), "{text}: {e}"),
        }
    }
}
