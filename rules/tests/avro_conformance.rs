//! Every reader/writer pair of Apache Avro's own compatibility tests (as the Python
//! reference 1.12.2 answers them): accord must give the same verdict, the same
//! incompatibility types and the same location paths.

use accord_rules::avro;
use serde_json::Value;
use std::path::Path;

#[test]
fn avro_reference_pairs_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/conformance/avro/avro-py-1.12.2-compat-pairs.json");
    let text = std::fs::read_to_string(&path).expect("conformance data");
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 174);
    let mut failures = Vec::new();
    let mut compatible = 0;
    for (i, c) in cases.iter().enumerate() {
        let reader = avro::parse(&c["reader"].to_string(), "reader.avsc")
            .unwrap_or_else(|e| panic!("case {i}: reader: {e}"));
        let writer = avro::parse(&c["writer"].to_string(), "writer.avsc")
            .unwrap_or_else(|e| panic!("case {i}: writer: {e}"));
        let out = avro::check(&reader, &writer);
        let want_compat = c["compatible"].as_bool().unwrap();
        let mut want_kinds: Vec<String> = c["incompatibilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        want_kinds.sort();
        want_kinds.dedup();
        let mut want_locs: Vec<String> = c["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        want_locs.sort();
        let mut got_kinds: Vec<String> = out.kinds().iter().map(|k| k.id().to_string()).collect();
        got_kinds.sort();
        let got_locs = out.locations();
        if out.compatible != want_compat || got_kinds != want_kinds || got_locs != want_locs {
            failures.push(format!(
                "case {i}: want {want_compat} {want_kinds:?} {want_locs:?}, got {} {got_kinds:?} {got_locs:?}\n  reader {}\n  writer {}",
                out.compatible, c["reader"], c["writer"]
            ));
        }
        if want_compat {
            compatible += 1;
        }
    }
    assert_eq!(compatible, 87);
    assert!(
        failures.is_empty(),
        "{} of {} pairs disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
