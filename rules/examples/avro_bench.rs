//! Times accord's Avro engine on a pairs file (`[{"reader": …, "writer": …}, …]`, as
//! `rules/tests/avro_differential.rs` writes with ACCORD_AVRO_PAIRS_OUT), measured the way
//! bench/avro_reference.py measures the reference: the schema texts are made before the
//! timer, each pass parses both texts of every pair and checks them (`--check-only`: every
//! schema is parsed before the timer and only the checks are timed; `--parse-only`: both texts
//! are parsed and nothing is checked). Of `--repeat N` passes it
//! reports the fastest pass's wall time and the mean CPU time per pass (this thread's, from
//! /proc, which is only as fine as a scheduler tick: a mean over many passes, not one pass).
//! Used by bench/avro.sh.
//!
//! cargo run --release -p accord-rules --example avro_bench -- PAIRS.json [--repeat N] [--check-only | --parse-only]

use accord_rules::avro;
use std::time::Instant;

/// The allocator the `accord` binary uses (cli/src/main.rs), so the engine is timed as shipped.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let check_only = args.iter().any(|a| a == "--check-only");
    let parse_only = args.iter().any(|a| a == "--parse-only");
    let text = std::fs::read_to_string(path).expect("pairs file");
    let pairs: Vec<serde_json::Value> = serde_json::from_str(&text).expect("pairs JSON");
    let texts: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (p["reader"].to_string(), p["writer"].to_string()))
        .collect();
    let parse = |(r, w): &(String, String)| {
        (
            avro::parse(r, "reader.avsc").expect("reader"),
            avro::parse(w, "writer.avsc").expect("writer"),
        )
    };
    let mut best_wall = f64::INFINITY;
    let mut total_cpu = 0.0;
    let mut incompatible = 0;
    for _ in 0..repeat {
        incompatible = 0;
        let parsed: Vec<_> = if check_only {
            texts.iter().map(parse).collect()
        } else {
            Vec::new()
        };
        let (start, cpu) = (Instant::now(), thread_cpu());
        if check_only {
            for (reader, writer) in &parsed {
                if !avro::check(reader, writer).compatible {
                    incompatible += 1;
                }
            }
        } else if parse_only {
            for pair in &texts {
                std::hint::black_box(parse(pair));
            }
        } else {
            for pair in &texts {
                let (reader, writer) = parse(pair);
                if !avro::check(&reader, &writer).compatible {
                    incompatible += 1;
                }
            }
        }
        best_wall = best_wall.min(start.elapsed().as_secs_f64());
        total_cpu += thread_cpu() - cpu;
    }
    let what = if check_only {
        "checks only"
    } else if parse_only {
        "parse only"
    } else {
        "parse + check"
    };
    eprintln!(
        "accord: {} pairs, {what}, {repeat} passes: fastest in {best_wall:.6} s (cpu {:.6} s per pass), {incompatible} incompatible per pass",
        texts.len(),
        total_cpu / repeat.max(1) as f64
    );
}

/// CPU time this thread has run, in seconds: the scheduler's nanosecond count
/// (/proc/thread-self/schedstat), since std has no CPU clock and the crate forbids unsafe.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(f64::NAN, |ns| ns as f64 / 1e9)
}
