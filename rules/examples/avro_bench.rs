//! Times accord's Avro engine on a pairs file (`[{"reader": …, "writer": …}, …]`, as
//! `rules/tests/avro_differential.rs` writes with ACCORD_AVRO_PAIRS_OUT): parse both sides and
//! check, `--repeat N` times. Used by bench/avro.sh.
//!
//! cargo run --release -p accord-rules --example avro_bench -- PAIRS.json [--repeat N]

use accord_rules::avro;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("pairs file");
    let pairs: Vec<serde_json::Value> = serde_json::from_str(&text).expect("pairs JSON");
    let texts: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p["reader"].to_string(), p["writer"].to_string()))
        .collect();
    let mut incompatible = 0;
    let (mut parse_t, mut check_t) = (0.0, 0.0);
    let start = Instant::now();
    for _ in 0..repeat {
        incompatible = 0;
        for (r, w) in &texts {
            let t0 = Instant::now();
            let reader = avro::parse(r, "reader.avsc").expect("reader");
            let writer = avro::parse(w, "writer.avsc").expect("writer");
            let t1 = Instant::now();
            if !avro::check(&reader, &writer).compatible {
                incompatible += 1;
            }
            parse_t += (t1 - t0).as_secs_f64();
            check_t += t1.elapsed().as_secs_f64();
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!(
        "accord: {} pairs x {repeat} in {elapsed:.4} s (parse {parse_t:.4} s, check {check_t:.4} s), {incompatible} incompatible per pass",
        texts.len()
    );
}
