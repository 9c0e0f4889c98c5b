//! Differential check of the engine against a real validator (the `jsonschema` crate): for
//! every Karapace pair, a corpus of instances built from both schemas is validated with the
//! writer and the reader. When accord says "compatible", no instance the writer accepts may
//! be rejected by the reader (soundness, asserted). When accord says "incompatible", the test
//! counts how often the corpus holds a witness (an instance the writer accepts and the reader
//! rejects); that figure is reported, not asserted, as the corpus is small and Confluent's
//! strict rules also flag what a writer merely *may* produce.

use accord_rules::compat::ReaderWriter;
use accord_rules::jsonschema::{self, Schema};
use serde_json::{Value, json};
use std::path::Path;

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if (k == "properties" || k == "patternProperties")
                    && let Value::Object(p) = x
                {
                    for n in p.keys() {
                        if !out.contains(n) {
                            out.push(n.clone());
                        }
                    }
                }
                names(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        _ => {}
    }
}

fn enums(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(e)) = m.get("enum") {
                out.extend(e.iter().cloned());
            }
            if let Some(c) = m.get("const") {
                out.push(c.clone());
            }
            m.values().for_each(|x| enums(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| enums(x, out)),
        _ => {}
    }
}

fn corpus(reader: &Value, writer: &Value) -> Vec<Value> {
    let mut scalars = vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(2.5),
        json!(12),
        json!(14),
        json!(100),
        json!(""),
        json!("a"),
        json!("aaaaaaaa"),
        json!("b"),
    ];
    enums(reader, &mut scalars);
    enums(writer, &mut scalars);
    let mut out = scalars.clone();
    let small = [json!(1), json!(2.5), json!("a"), json!(null), json!(true)];
    for a in &small {
        out.push(json!([a]));
        for b in &small {
            out.push(json!([a, b]));
        }
    }
    out.push(json!([]));
    out.push(json!([1, 1]));
    out.push(json!([1, 2, 3]));
    out.push(json!({}));
    let mut props = Vec::new();
    names(reader, &mut props);
    names(writer, &mut props);
    props.push("zzz".into());
    for p in &props {
        for v in &scalars {
            out.push(json!({ p.as_str(): v }));
        }
        out.push(json!({ p.as_str(): [{"a": 1, "b": 1.5, "c": 0}] }));
        out.push(json!({ p.as_str(): [{"b": 1.5}] }));
    }
    for v in &small {
        let mut all = serde_json::Map::new();
        for p in &props {
            all.insert(p.clone(), v.clone());
        }
        out.push(Value::Object(all));
    }
    out
}

#[test]
fn karapace_pairs_against_a_validator() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/conformance/jsonschema/karapace-jsonschema-compat-pairs.json");
    let data: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut sound, mut compatible, mut incompatible, mut witnessed) = (0, 0, 0, 0);
    let mut unsound = Vec::new();
    for (i, case) in data.iter().enumerate() {
        let (rv, wv) = (&case["reader"], &case["writer"]);
        let reader = jsonschema::parse(&rv.to_string(), "reader.json").unwrap();
        let writer = jsonschema::parse(&wv.to_string(), "writer.json").unwrap();
        let findings = Schema::incompatibilities(&reader, &writer);
        let build = |v: &Value| {
            ::jsonschema::options()
                .with_draft(::jsonschema::Draft::Draft7)
                .build(v)
                .unwrap()
        };
        let (rval, wval) = (build(rv), build(wv));
        let witness = corpus(rv, wv)
            .into_iter()
            .find(|x| wval.is_valid(x) && !rval.is_valid(x));
        if findings.is_empty() {
            compatible += 1;
            match witness {
                None => sound += 1,
                Some(x) => unsound.push(format!(
                    "#{i} {}: writer {wv} accepts {x}, reader {rv} rejects it",
                    case["test"]
                )),
            }
        } else {
            incompatible += 1;
            if witness.is_some() {
                witnessed += 1;
            } else if std::env::var_os("ACCORD_SHOW").is_some() {
                eprintln!(
                    "no witness #{i}: reader {rv} writer {wv}: {}",
                    findings
                        .iter()
                        .map(|f| f.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                );
            }
        }
    }
    eprintln!(
        "differential: {compatible} compatible verdicts, {sound} without a counter-example; {incompatible} incompatible verdicts, {witnessed} with a witness instance"
    );
    assert!(unsound.is_empty(), "{}", unsound.join("\n"));
}
