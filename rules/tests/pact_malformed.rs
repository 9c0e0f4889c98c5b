//! Broken and hostile input: a pact that is not one gives a typed error with a place (line
//! and column for JSON syntax, a JSON path for structure), never a panic; comparisons of
//! every fixture pact with every fixture document, and of truncated pacts, end without
//! panicking; a schema that composes itself does not hang.

use accord_rules::openapi;
use accord_rules::pact::{self, PactError};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/pact");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("pact.json").is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn broken_pacts_are_typed_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "line 1, column 0"),
        ("[]", "pact $: must be a JSON object"),
        ("{\"consumer\": {\"name\": \"a\"}}", "missing `provider`"),
        (
            "{\"consumer\": {\"name\": \"\"}, \"provider\": {\"name\": \"b\"}, \"interactions\": []}",
            "pact $.consumer.name: must not be empty",
        ),
        (
            "{\"consumer\": {\"name\": \"a\"}, \"provider\": {\"name\": \"b\"}}",
            "neither `interactions` nor `messages`",
        ),
        (
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{"method":"GET","path":"/"},"response":{"status":"ok"}}]}"#,
            "pact $.interactions[0].response.status: must be an HTTP status",
        ),
        (
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{"method":"GET","path":"/","headers":{"A":{"b":1}}},"response":{}}]}"#,
            "pact $.interactions[0].request.headers.A: must be a string or an array of strings",
        ),
        (
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{"method":"GET","path":"/"},"response":{"matchingRules":{"body":{"$.a":{"matchers":[{"min":"x","match":"regex"}]}}}}}],"metadata":{"pactSpecification":{"version":"3.0.0"}}}"#,
            "regex matcher without `regex`",
        ),
        (
            r#"{"consumer":{"name":"a"},"provider":{"name":"b"},"interactions":[{"description":"x","request":{"method":"GET","path":"/"},"response":{"matchingRules":{"$.body.a[":{"match":"type"}}}}],"metadata":{"pactSpecification":{"version":"2.0.0"}}}"#,
            "cannot read the path expression `$.body.a[`",
        ),
    ];
    for (text, want) in cases {
        let e = pact::parse_pact(text).expect_err(text);
        assert!(
            e.to_string().contains(want),
            "{text}\n  got: {e}\n want: {want}"
        );
    }
    match pact::parse_pact("{\n  \"consumer\": {\"name\": \"a\"},\n  \"provider\": 3,\n}") {
        Err(PactError::Syntax { line, .. }) => assert_eq!(line, 4),
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_pacts_never_panic() {
    for dir in fixtures() {
        let text = std::fs::read_to_string(dir.join("pact.json")).unwrap();
        let spec = openapi::load(&dir.join("openapi.yaml")).unwrap();
        let mut cut = 0;
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                // Whatever parses is compared; the rest is an error.
                if let Ok(p) = pact::parse_pact(&text[..cut]) {
                    let _ = pact::compare(&p, &spec);
                }
            }
            cut += 97;
        }
    }
}

#[test]
fn every_pact_against_every_document() {
    let dirs = fixtures();
    let specs: Vec<_> = dirs
        .iter()
        .map(|d| openapi::load(&d.join("openapi.yaml")).unwrap())
        .collect();
    let mut compared = 0;
    for d in &dirs {
        let p = pact::parse_pact(&std::fs::read_to_string(d.join("pact.json")).unwrap()).unwrap();
        for s in &specs {
            let r = pact::compare(&p, s);
            compared += r.interactions;
        }
    }
    assert!(compared > 100);
}

#[test]
fn self_composing_schema_ends() {
    let dir = tempfile::tempdir().unwrap();
    let doc = r##"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/A"}
components:
  schemas:
    A:
      oneOf:
        - $ref: "#/components/schemas/A"
        - $ref: "#/components/schemas/B"
        - allOf:
            - $ref: "#/components/schemas/A"
            - $ref: "#/components/schemas/A"
    B:
      type: object
      properties:
        next: {$ref: "#/components/schemas/A"}
"##;
    std::fs::write(dir.path().join("openapi.yaml"), doc).unwrap();
    let spec = openapi::load(&dir.path().join("openapi.yaml")).unwrap();
    let mut body = String::from("1");
    for _ in 0..40 {
        body = format!("{{\"next\": {body}}}");
    }
    let pact_text = format!(
        r#"{{"consumer":{{"name":"a"}},"provider":{{"name":"b"}},"interactions":[{{"description":"deep","request":{{"method":"GET","path":"/a"}},"response":{{"status":200,"headers":{{"Content-Type":"application/json"}},"body":{body}}}}}],"metadata":{{"pactSpecification":{{"version":"2.0.0"}}}}}}"#
    );
    let p = pact::parse_pact(&pact_text).unwrap();
    let start = std::time::Instant::now();
    let r = pact::compare(&p, &spec);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    assert_eq!(r.interactions, 1);
}
