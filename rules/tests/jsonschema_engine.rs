//! Behaviour of the JSON Schema engine beyond the Karapace pairs: objects that mix `type`
//! with combinators, type lists with facets, enums read by typed readers, locations and
//! before/after values.

use accord_rules::compat::ReaderWriter;
use accord_rules::jsonschema::{self, JsonCompat, Schema};

fn check(reader: &str, writer: &str) -> Vec<String> {
    let r = jsonschema::parse(reader, "r.json").unwrap_or_else(|e| panic!("{e}"));
    let w = jsonschema::parse(writer, "w.json").unwrap_or_else(|e| panic!("{e}"));
    let mut out: Vec<String> = Schema::incompatibilities(&r, &w)
        .into_iter()
        .map(|f| format!("{} {}", f.rule, f.location.path))
        .collect();
    out.sort();
    out
}

#[test]
fn type_lists_compare_type_by_type() {
    let w = r#"{"type": ["string", "null"]}"#;
    assert_eq!(
        check(r#"{"type": ["string", "null"], "maxLength": 5}"#, w),
        vec!["MAX_LENGTH_ADDED /maxLength"]
    );
    assert_eq!(
        check(r#"{"type": ["string"]}"#, w),
        vec!["TYPE_CHANGED /type"]
    );
    assert_eq!(
        check(r#"{"type": ["string", "boolean"]}"#, w),
        vec!["SUM_TYPE_NARROWED /type"]
    );
    assert!(
        check(
            r#"{"type": ["number", "string", "null"]}"#,
            r#"{"type": ["integer", "null"]}"#
        )
        .is_empty()
    );
}

#[test]
fn objects_with_combinators_report_the_real_change() {
    let w = r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": 9}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#;
    let r = r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#;
    assert_eq!(
        check(r, w),
        vec!["MAX_LENGTH_DECREASED /properties/a/maxLength"]
    );
    assert!(check(w, r).is_empty());
    // The writer's product is read by a plain object reader.
    let plain = r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}}}"#;
    assert_eq!(
        check(plain, w),
        vec!["MAX_LENGTH_DECREASED /properties/a/maxLength"]
    );
    // The reader adds a oneOf the plain writer never satisfied.
    assert_eq!(check(w, plain), vec!["TYPE_CHANGED /oneOf"]);
}

#[test]
fn enum_writers_are_read_by_typed_readers() {
    assert!(check(r#"{"type": "string"}"#, r#"{"enum": ["a", "b"]}"#).is_empty());
    assert!(
        check(
            r#"{"type": "string", "maxLength": 1}"#,
            r#"{"type": "string", "enum": ["a", "b"]}"#
        )
        .is_empty()
    );
    assert_eq!(
        check(
            r#"{"type": "string", "maxLength": 1}"#,
            r#"{"enum": ["a", "bb"]}"#
        ),
        vec!["TYPE_CHANGED /type"]
    );
    assert!(check(r#"{"enum": [true, false, 1]}"#, r#"{"type": "boolean"}"#).is_empty());
    assert!(check(r#"{"const": "x"}"#, r#"{"const": "x"}"#).is_empty());
}

#[test]
fn findings_carry_positions_and_both_sides() {
    let w = "{\n  \"properties\": {\n    \"n\": {\"type\": \"integer\", \"maximum\": 100}\n  }\n}";
    let r = "{\n  \"properties\": {\n    \"n\": {\"type\": \"integer\", \"maximum\": 10}\n  }\n}";
    let r = jsonschema::parse(r, "r.json").unwrap();
    let w = jsonschema::parse(w, "w.json").unwrap();
    let f = &JsonCompat::default().check(&r, &w)[0];
    assert_eq!(f.rule, "MAXIMUM_DECREASED");
    assert_eq!(f.location.file, "r.json");
    assert_eq!((f.location.span.line, f.location.span.column), (3, 41));
    assert_eq!(f.location.path, "/properties/n/maximum");
    assert_eq!(f.before.as_deref(), Some("100"));
    assert_eq!(f.after.as_deref(), Some("10"));
}

#[test]
fn allof_and_not() {
    let base = r#"{"allOf": [{"type": "object"}, {"required": ["id"]}]}"#;
    assert!(check(r#"{"allOf": [{"type": "object"}]}"#, base).is_empty());
    assert_eq!(
        check(
            r#"{"anyOf": [{"type": "string"}]}"#,
            r#"{"oneOf": [{"type": "string"}]}"#
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check(
            r#"{"not": {"type": "number"}}"#,
            r#"{"not": {"type": "integer"}}"#
        ),
        vec!["NOT_TYPE_EXTENDED /not"]
    );
    assert!(
        check(
            r#"{"not": {"type": "integer"}}"#,
            r#"{"not": {"type": "number"}}"#
        )
        .is_empty()
    );
}

#[test]
fn policies_select_rules_and_grade_findings() {
    use accord_rules::config::{Policy, Section};
    use accord_rules::{Format, RuleKind, Severity};
    let w = r#"{"properties": {"s": {"type": "string", "maxLength": 9}, "n": {"type": "integer", "maximum": 9}}}"#;
    let r = r#"{"properties": {"s": {"type": "string", "maxLength": 5}, "n": {"type": "integer", "maximum": 5}}}"#;
    let (r, w) = (
        jsonschema::parse(r, "r.json").unwrap(),
        jsonschema::parse(w, "w.json").unwrap(),
    );
    let all = Policy::resolve(Format::Jsonschema, RuleKind::Breaking, None, "defaults").unwrap();
    assert_eq!(all.rules.len(), jsonschema::RULES.len());
    let mut section = Section {
        except: vec!["STRING".into()],
        ..Section::default()
    };
    section
        .severity
        .insert("MAXIMUM_DECREASED".into(), "warning".into());
    let policy = Policy::resolve(
        Format::Jsonschema,
        RuleKind::Breaking,
        Some(section),
        "accord.yaml",
    )
    .unwrap();
    let found = jsonschema::apply_policy(Schema::incompatibilities(&r, &w), &policy);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "MAXIMUM_DECREASED");
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn rule_ids_are_unique_and_documented() {
    let all = accord_rules::catalogue::all();
    for r in jsonschema::RULES {
        assert_eq!(all.iter().filter(|x| x.id == r.id).count(), 1, "{}", r.id);
        for text in [
            r.doc.summary,
            r.doc.why,
            r.doc.before,
            r.doc.after,
            r.doc.evolve,
        ] {
            assert!(!text.is_empty() && !text.contains("TODO"), "{}", r.id);
        }
        // The examples are real schemas, and the rule fires on them.
        let before = jsonschema::parse(r.doc.before, "before.json")
            .unwrap_or_else(|e| panic!("{}: {e}", r.id));
        let after = jsonschema::parse(r.doc.after, "after.json")
            .unwrap_or_else(|e| panic!("{}: {e}", r.id));
        let rules: Vec<String> = Schema::incompatibilities(&after, &before)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert!(
            rules.iter().any(|x| x == r.id),
            "{}: example gives {rules:?}",
            r.id
        );
    }
}

#[test]
fn ref_siblings_apply_from_2019_09_on() {
    let doc = |draft: &str, sibling: &str| {
        format!(
            r##"{{"$schema": "{draft}", "$defs": {{"s": {{"type": "string"}}}}, "properties": {{"a": {{"$ref": "#/$defs/s", "description": "x"{sibling}}}}}}}"##
        )
    };
    let d2020 = "https://json-schema.org/draft/2020-12/schema";
    let d7 = "http://json-schema.org/draft-07/schema#";
    assert_eq!(
        check(&doc(d2020, r#", "maxLength": 3"#), &doc(d2020, "")),
        vec!["MAX_LENGTH_ADDED /properties/a/maxLength"]
    );
    assert!(check(&doc(d2020, ""), &doc(d2020, r#", "maxLength": 3"#)).is_empty());
    // Draft 7 ignores keywords next to $ref.
    assert!(check(&doc(d7, r#", "maxLength": 3"#), &doc(d7, "")).is_empty());
}

#[test]
fn pattern_properties_with_the_same_pattern_are_compared() {
    let w = r#"{"type": "object", "patternProperties": {"^x_": {"type": "number"}}}"#;
    let r = r#"{"type": "object", "patternProperties": {"^x_": {"type": "integer"}}}"#;
    assert_eq!(
        check(r, w),
        vec!["TYPE_NARROWED /patternProperties/^x_/type"]
    );
    assert!(check(w, r).is_empty());
}

#[test]
fn large_schemas_compare_quickly() {
    // 400 definitions, each an object of 10 properties with a oneOf, all referenced from the
    // root and from one another.
    let build = |max: usize| {
        let mut defs = serde_json::Map::new();
        for i in 0..400 {
            let mut props = serde_json::Map::new();
            for j in 0..10 {
                props.insert(
                    format!("p{j}"),
                    serde_json::json!({"type": "string", "maxLength": max}),
                );
            }
            props.insert(
                "next".into(),
                serde_json::json!({"$ref": format!("#/$defs/d{}", (i + 1) % 400)}),
            );
            props.insert("alt".into(), serde_json::json!({"oneOf": [{"type": "integer"}, {"$ref": format!("#/$defs/d{}", (i + 7) % 400)}]}));
            defs.insert(
                format!("d{i}"),
                serde_json::json!({"type": "object", "properties": props}),
            );
        }
        serde_json::json!({"$defs": defs, "$ref": "#/$defs/d0"}).to_string()
    };
    let (w, r) = (build(10), build(9));
    let start = std::time::Instant::now();
    let found = check(&r, &w);
    let took = start.elapsed();
    eprintln!("large: {} findings in {took:?}", found.len());
    let lengths = found
        .iter()
        .filter(|f| f.starts_with("MAX_LENGTH_DECREASED "))
        .count();
    assert_eq!(lengths, 4000);
    // The `alt` oneOf branches that reference a changed definition no longer pair up.
    assert!(found.iter().all(|f| f.starts_with("MAX_LENGTH_DECREASED ")
        || f.starts_with("COMBINED_TYPE_SUBSCHEMAS_CHANGED /$defs/")));
}

#[test]
fn pointers_escape_odd_property_names() {
    let w = r#"{"properties": {"a/b": {"type": "string"}, "c~d": {"type": "string"}}}"#;
    let r =
        "{\"properties\": {\"a/b\": {\"type\": \"integer\"},\n \"c~d\": {\"type\": \"boolean\"}}}";
    assert_eq!(
        check(r, w),
        vec![
            "TYPE_CHANGED /properties/a~1b/type",
            "TYPE_CHANGED /properties/c~0d/type"
        ]
    );
    let r = jsonschema::parse(r, "r.json").unwrap();
    let w = jsonschema::parse(w, "w.json").unwrap();
    let lines: Vec<(u32, u32)> = Schema::incompatibilities(&r, &w)
        .iter()
        .map(|f| (f.location.span.line, f.location.span.column))
        .collect();
    assert_eq!(lines, vec![(1, 33), (2, 18)]);
}

#[test]
fn breaking_runs_modes_policies_and_json_policy() {
    use accord_rules::compat::Mode;
    use accord_rules::config::Policy;
    use accord_rules::jsonschema::JsonPolicy;
    use accord_rules::{Format, RuleKind};
    let v1 = jsonschema::parse(
        r#"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        "v1.json",
    )
    .unwrap();
    let v2 = jsonschema::parse(
        r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}}"#,
        "v2.json",
    )
    .unwrap();
    let v3 = jsonschema::parse(r#"{"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}, "b": {"type": "integer"}}}"#, "v3.json").unwrap();
    let policy = Policy::resolve(Format::Jsonschema, RuleKind::Breaking, None, "defaults").unwrap();
    let history = vec![("v1".to_string(), v1), ("v2".to_string(), v2)];
    let strict = JsonCompat::default();
    let lenient = JsonCompat {
        policy: JsonPolicy::Lenient,
    };
    // BACKWARD: v3 against v2 only; b was added to an open model.
    let got = jsonschema::breaking(&v3, &history, Mode::Backward, strict, &policy);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].rule.as_str(), got[0].against.as_deref()),
        ("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", Some("v2"))
    );
    assert!(jsonschema::breaking(&v3, &history, Mode::Backward, lenient, &policy).is_empty());
    // BACKWARD_TRANSITIVE also reaches v1, where maxLength was added.
    let got = jsonschema::breaking(&v3, &history, Mode::BackwardTransitive, lenient, &policy);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].rule.as_str(), got[0].against.as_deref()),
        ("MAX_LENGTH_ADDED", Some("v1"))
    );
    assert!(jsonschema::breaking(&v3, &history, Mode::None, strict, &policy).is_empty());
}

#[test]
fn not_of_another_type_reads_the_writer() {
    assert!(
        check(
            r#"{"not": {"type": "integer"}}"#,
            r#"{"type": "string", "maxLength": 3}"#
        )
        .is_empty()
    );
    assert_eq!(
        check(r#"{"not": {"type": "string"}}"#, r#"{"type": "string"}"#),
        vec!["TYPE_CHANGED /not"]
    );
    assert_eq!(
        check(r#"{"not": {"type": "number"}}"#, r#"{"type": "integer"}"#),
        vec!["TYPE_CHANGED /not"]
    );
}
