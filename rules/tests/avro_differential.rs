//! Differential test against Apache Avro's reference checker: a seeded generator makes
//! random schemas and random evolutions of them (fields added and removed with and without
//! defaults, types promoted and changed, enum symbols added and removed, unions widened and
//! narrowed, aliases, renames, nesting, recursion), `bench/avro_reference.py` asks the Python
//! reference for each pair's verdict, and accord must give the same verdict every time.
//!
//! Needs `pip install avro`; without it the test is skipped, except under `CI=true`, where it
//! fails. `ACCORD_AVRO_PAIRS=N` changes the number of pairs (default 2,000);
//! `ACCORD_AVRO_PAIRS_OUT=FILE` also writes the pairs to FILE (bench/avro.sh uses it).

use accord_rules::avro;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// splitmix64: tiny, seeded, good enough to drive a generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const PRIMS: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];
const SYMBOLS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
const FIELDS: [&str; 10] = [
    "id",
    "name",
    "total",
    "kind",
    "tags",
    "next",
    "extra",
    "createdAt",
    "count",
    "payload",
];

struct Gen {
    rng: Rng,
    counter: usize,
    /// Named types defined so far in the schema being generated.
    defined: Vec<String>,
}

impl Gen {
    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    fn primitive(&mut self) -> Value {
        let p = *self.rng.pick(&PRIMS);
        if self.rng.chance(10) {
            match p {
                "int" => json!({"type": "int", "logicalType": "date"}),
                "long" => json!({"type": "long", "logicalType": "timestamp-millis"}),
                "string" => json!({"type": "string", "logicalType": "uuid"}),
                "bytes" => {
                    json!({"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2})
                }
                _ => json!({ "type": p }),
            }
        } else {
            json!(p)
        }
    }

    fn enumeration(&mut self) -> Value {
        let name = self.fresh("E");
        let n = 1 + self.rng.below(4);
        let start = self.rng.below(2);
        let symbols: Vec<&str> = SYMBOLS[start..start + n].to_vec();
        let mut o = json!({"type": "enum", "name": name, "symbols": symbols});
        if self.rng.chance(25) {
            o["default"] = json!(symbols[self.rng.below(symbols.len())]);
        }
        self.defined.push(name);
        o
    }

    fn fixed(&mut self) -> Value {
        let name = self.fresh("F");
        self.defined.push(name.clone());
        json!({"type": "fixed", "name": name, "size": 2 + self.rng.below(3)})
    }

    fn union(&mut self, depth: usize) -> Value {
        let mut branches: Vec<Value> = Vec::new();
        let mut kinds: Vec<String> = Vec::new();
        if self.rng.chance(60) {
            branches.push(json!("null"));
            kinds.push("null".into());
        }
        for _ in 0..1 + self.rng.below(3) {
            let t = if self.rng.chance(70) {
                self.primitive()
            } else {
                self.ty(depth + 1, false)
            };
            let k = kind_key(&t);
            if k == "union" || kinds.contains(&k) {
                continue;
            }
            kinds.push(k);
            branches.push(t);
        }
        Value::Array(branches)
    }

    /// A random type; `allow_union` is false inside unions.
    fn ty(&mut self, depth: usize, allow_union: bool) -> Value {
        let roll = self.rng.below(100);
        if depth >= 3 || roll < 40 {
            return self.primitive();
        }
        match roll {
            40..=49 => self.enumeration(),
            50..=56 => self.fixed(),
            57..=64 => json!({"type": "array", "items": self.ty(depth + 1, true)}),
            65..=70 => json!({"type": "map", "values": self.ty(depth + 1, true)}),
            71..=84 if allow_union => self.union(depth),
            85..=92 => {
                let name = self.fresh("R");
                self.record(&name, depth + 1)
            }
            _ if !self.defined.is_empty() => {
                let d = self.defined.clone();
                json!(self.rng.pick(&d))
            }
            _ => self.primitive(),
        }
    }

    fn record(&mut self, name: &str, depth: usize) -> Value {
        self.defined.push(name.to_string());
        let n = 1 + self.rng.below(5);
        let mut fields = Vec::new();
        let mut used: Vec<&str> = Vec::new();
        for _ in 0..n {
            let f = *self.rng.pick(&FIELDS);
            if used.contains(&f) {
                continue;
            }
            used.push(f);
            let t = if f == "next" && self.rng.chance(50) {
                json!(["null", name])
            } else {
                self.ty(depth, true)
            };
            fields.push(self.field(f, t));
        }
        json!({"type": "record", "name": name, "fields": fields})
    }

    fn field(&mut self, name: &str, t: Value) -> Value {
        let mut f = json!({"name": name, "type": t});
        if self.rng.chance(45) {
            f["default"] = Value::Null; // filled in by `fill_defaults`
        }
        f
    }

    fn schema(&mut self) -> Value {
        self.defined.clear();
        let name = self.fresh("Top");
        let mut s = self.record(&name, 0);
        if self.rng.chance(40) {
            s["namespace"] = json!("acme.v1");
        }
        s
    }
}

/// What a union branch counts as for uniqueness: its type, or its name.
fn kind_key(t: &Value) -> String {
    match t {
        Value::String(s) => s.clone(),
        Value::Array(_) => "union".into(),
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("record" | "enum" | "fixed") => o["name"].as_str().unwrap_or("").to_string(),
            Some(t) => t.to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
}

/// Named type definitions by name, anywhere in `v`.
fn definitions(v: &Value, out: &mut HashMap<String, Value>) {
    match v {
        Value::Object(o) => {
            if let (Some(Value::String(t)), Some(Value::String(n))) = (o.get("type"), o.get("name"))
                && matches!(t.as_str(), "record" | "enum" | "fixed")
            {
                out.insert(n.clone(), v.clone());
            }
            for x in o.values() {
                definitions(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| definitions(x, out)),
        _ => {}
    }
}

/// A valid default value for type `t`.
fn default_for(t: &Value, defs: &HashMap<String, Value>, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    match t {
        Value::String(s) => match s.as_str() {
            "null" => Value::Null,
            "boolean" => json!(true),
            "int" | "long" => json!(7),
            "float" | "double" => json!(1.5),
            "bytes" | "string" => json!("x"),
            other => match defs.get(other) {
                Some(d) => default_for(d, defs, depth + 1),
                None => Value::Null,
            },
        },
        Value::Array(b) => b
            .first()
            .map(|f| default_for(f, defs, depth + 1))
            .unwrap_or(Value::Null),
        Value::Object(o) => match o.get("type").and_then(Value::as_str).unwrap_or("") {
            "record" => {
                let mut m = Map::new();
                for f in o["fields"].as_array().into_iter().flatten() {
                    let name = f["name"].as_str().unwrap_or("").to_string();
                    m.insert(name, default_for(&f["type"], defs, depth + 1));
                }
                Value::Object(m)
            }
            "enum" => o["symbols"][0].clone(),
            "fixed" => json!("z".repeat(o["size"].as_u64().unwrap_or(0) as usize)),
            "array" => json!([]),
            "map" => json!({}),
            p => default_for(&json!(p), defs, depth + 1),
        },
        _ => Value::Null,
    }
}

/// Replaces every field default with a valid one for the field's current type.
fn fill_defaults(v: &mut Value, defs: &HashMap<String, Value>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(fields)) = o.get_mut("fields") {
                for f in fields.iter_mut() {
                    if f.get("default").is_some() {
                        let d = default_for(&f["type"], defs, 0);
                        f["default"] = d;
                    }
                }
            }
            for x in o.values_mut() {
                fill_defaults(x, defs);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| fill_defaults(x, defs)),
        _ => {}
    }
}

fn finish(mut v: Value) -> Value {
    let mut defs = HashMap::new();
    definitions(&v, &mut defs);
    fill_defaults(&mut v, &defs);
    v
}

/// JSON pointers of every object in `v` whose `type` is one of `types`.
fn objects_of(v: &Value, types: &[&str], at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if o.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| types.contains(&t))
            {
                out.push(at.clone());
            }
            for (k, x) in o {
                objects_of(x, types, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                objects_of(x, types, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn promote(t: &Value, g: &mut Gen) -> Value {
    let s = t.as_str().unwrap_or("");
    let options: &[&str] = match s {
        "int" => &["long", "float", "double"],
        "long" => &["float", "double", "int"],
        "float" => &["double", "long"],
        "double" => &["float"],
        "string" => &["bytes"],
        "bytes" => &["string"],
        _ => &[],
    };
    if options.is_empty() || g.rng.chance(20) {
        g.ty(1, true)
    } else {
        json!(g.rng.pick(options))
    }
}

/// One random change somewhere in `s`.
fn mutate(s: &mut Value, g: &mut Gen) {
    let mut records = Vec::new();
    objects_of(s, &["record"], String::new(), &mut records);
    let mut enums = Vec::new();
    objects_of(s, &["enum"], String::new(), &mut enums);
    let mut fixeds = Vec::new();
    objects_of(s, &["fixed"], String::new(), &mut fixeds);
    let rp = g.rng.pick(&records).clone();
    let op = g.rng.below(14);
    match op {
        0..=7 => {
            let rec = s.pointer_mut(&rp).unwrap();
            let fields = rec["fields"].as_array_mut().unwrap();
            let n = fields.len();
            match op {
                0 => {
                    // add a field
                    let free: Vec<&str> = FIELDS
                        .iter()
                        .copied()
                        .filter(|f| !fields.iter().any(|x| x["name"] == *f))
                        .collect();
                    if let Some(&name) = free.first() {
                        let t = g.primitive();
                        let f = g.field(name, t);
                        let at = g.rng.below(n + 1);
                        rec["fields"].as_array_mut().unwrap().insert(at, f);
                    }
                }
                1 if n > 1 => {
                    fields.remove(g.rng.below(n));
                }
                2 | 3 if n > 0 => {
                    let i = g.rng.below(n);
                    let t = fields[i]["type"].clone();
                    let nt = promote(&t, g);
                    let fields = s.pointer_mut(&rp).unwrap()["fields"]
                        .as_array_mut()
                        .unwrap();
                    fields[i]["type"] = nt;
                }
                4 if n > 0 => {
                    // rename a field, maybe keeping the old name as an alias
                    let i = g.rng.below(n);
                    let old = fields[i]["name"].as_str().unwrap().to_string();
                    let new = g.fresh("renamed");
                    fields[i]["name"] = json!(new);
                    if g.rng.chance(60) {
                        fields[i]["aliases"] = json!([old]);
                    }
                }
                5 if n > 0 => {
                    // toggle the default
                    let i = g.rng.below(n);
                    let f = fields[i].as_object_mut().unwrap();
                    if f.remove("default").is_none() {
                        f.insert("default".into(), Value::Null);
                    }
                }
                6 if n > 0 => {
                    // make a field optional, or widen / narrow its union
                    let i = g.rng.below(n);
                    let t = fields[i]["type"].clone();
                    match t {
                        Value::Array(mut b) if b.len() > 1 && g.rng.chance(50) => {
                            let k = g.rng.below(b.len());
                            b.remove(k);
                            fields[i]["type"] = Value::Array(b);
                        }
                        Value::Array(mut b) => {
                            let extra = g.primitive();
                            let k = kind_key(&extra);
                            if !b.iter().any(|x| kind_key(x) == k) {
                                b.push(extra);
                            }
                            fields[i]["type"] = Value::Array(b);
                        }
                        other if kind_key(&other) != "null" => {
                            fields[i]["type"] = if g.rng.chance(70) {
                                json!(["null", other])
                            } else {
                                json!([other, "null"])
                            };
                        }
                        _ => {}
                    }
                }
                7 => {
                    // rename the record, maybe with an alias (full or short name)
                    let old = rec["name"].as_str().unwrap().to_string();
                    let referenced = s.to_string().matches(&format!("\"{old}\"")).count() > 1;
                    if !referenced {
                        let rec = s.pointer_mut(&rp).unwrap();
                        rec["name"] = json!(g.fresh("Renamed"));
                        if g.rng.chance(50) {
                            rec["aliases"] = json!([old.clone()]);
                        } else if g.rng.chance(50) {
                            rec["aliases"] = json!([format!("acme.v1.{old}")]);
                        }
                    }
                }
                _ => {}
            }
        }
        8..=10 if !enums.is_empty() => {
            let ep = g.rng.pick(&enums).clone();
            let e = s.pointer_mut(&ep).unwrap();
            let symbols = e["symbols"].as_array().unwrap().clone();
            match op {
                8 => {
                    let free: Vec<&str> = SYMBOLS
                        .iter()
                        .copied()
                        .filter(|x| !symbols.iter().any(|y| y == x))
                        .collect();
                    if !free.is_empty() {
                        let mut sy = symbols.clone();
                        sy.push(json!(g.rng.pick(&free)));
                        e["symbols"] = Value::Array(sy);
                    }
                }
                9 if symbols.len() > 1 => {
                    let mut sy = symbols.clone();
                    let k = g.rng.below(sy.len());
                    let gone = sy.remove(k);
                    if e.get("default") == Some(&gone) {
                        e.as_object_mut().unwrap().remove("default");
                    }
                    e["symbols"] = Value::Array(sy);
                }
                _ => {
                    if e.get("default").is_some() {
                        e.as_object_mut().unwrap().remove("default");
                    } else {
                        e["default"] = symbols[g.rng.below(symbols.len())].clone();
                    }
                }
            }
        }
        11 if !fixeds.is_empty() => {
            let fp = g.rng.pick(&fixeds).clone();
            let f = s.pointer_mut(&fp).unwrap();
            f["size"] = json!(2 + g.rng.below(3));
        }
        12 => {
            if s.get("namespace").is_some() {
                s.as_object_mut().unwrap().remove("namespace");
            } else {
                s["namespace"] = json!("acme.v2");
            }
        }
        _ => {
            // swap a nested type for a brand-new one
            let rec = s.pointer_mut(&rp).unwrap();
            let n = rec["fields"].as_array().unwrap().len();
            if n > 0 {
                let i = g.rng.below(n);
                let t = g.ty(1, true);
                let rec = s.pointer_mut(&rp).unwrap();
                rec["fields"][i]["type"] = t;
            }
        }
    }
}

/// `n` valid pairs (both sides parse in accord), deterministic for a seed.
fn pairs(seed: u64, n: usize) -> Vec<(Value, Value)> {
    let mut g = Gen {
        rng: Rng(seed),
        counter: 0,
        defined: Vec::new(),
    };
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let base = finish(g.schema());
        let mut evolved = base.clone();
        for _ in 0..1 + g.rng.below(3) {
            mutate(&mut evolved, &mut g);
        }
        let evolved = finish(evolved);
        let ok = |v: &Value| avro::parse(&v.to_string(), "x.avsc").is_ok();
        if !ok(&base) || !ok(&evolved) {
            continue;
        }
        if g.rng.chance(50) {
            out.push((evolved, base));
        } else {
            out.push((base, evolved));
        }
    }
    out
}

fn reference_available() -> bool {
    Command::new("python3")
        .args(["-c", "import avro"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn generator_is_seeded() {
    assert_eq!(pairs(7, 20), pairs(7, 20));
}

#[test]
fn avro_differential_against_reference() {
    if !reference_available() {
        let msg = "avro_differential: the Python reference is missing: `pip install avro` is needed to run this test";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("SKIPPED: {msg}");
        return;
    }
    let n: usize = std::env::var("ACCORD_AVRO_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let set = pairs(0x00AC_C04D, n);
    let doc: Vec<Value> = set
        .iter()
        .map(|(r, w)| json!({"reader": r, "writer": w}))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pairs.json");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    if let Ok(out) = std::env::var("ACCORD_AVRO_PAIRS_OUT") {
        std::fs::copy(&file, out).unwrap();
    }

    // accord: parse both sides and check, timed.
    let start = Instant::now();
    let texts: Vec<(String, String)> = set
        .iter()
        .map(|(r, w)| (r.to_string(), w.to_string()))
        .collect();
    let mut verdicts = Vec::with_capacity(n);
    for (r, w) in &texts {
        let reader = avro::parse(r, "reader.avsc").unwrap();
        let writer = avro::parse(w, "writer.avsc").unwrap();
        verdicts.push(avro::check(&reader, &writer));
    }
    let elapsed = start.elapsed();
    eprintln!("accord: {n} pairs in {:.3} s", elapsed.as_secs_f64());

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/avro_reference.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&file)
        .output()
        .expect("run bench/avro_reference.py");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "reference script failed");
    let reference: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reference.len(), n);

    let mut disagree = Vec::new();
    let mut detail_disagree = 0;
    let mut incompatible = 0;
    for (i, (got, want)) in verdicts.iter().zip(&reference).enumerate() {
        if let Some(e) = want.get("error") {
            disagree.push(format!(
                "pair {i}: the reference cannot parse it ({e}) but accord can\n  reader {}\n  writer {}",
                set[i].0, set[i].1
            ));
            continue;
        }
        let want_compat = want["compatible"].as_bool().unwrap();
        if !want_compat {
            incompatible += 1;
        }
        if got.compatible != want_compat {
            disagree.push(format!(
                "pair {i}: reference says compatible={want_compat}, accord {}\n  reader {}\n  writer {}",
                got.compatible, set[i].0, set[i].1
            ));
            continue;
        }
        let mut kinds: Vec<String> = got.kinds().iter().map(|k| k.id().to_string()).collect();
        kinds.sort();
        let want_kinds: Vec<String> = want["incompatibilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let want_locs: Vec<String> = want["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        if kinds != want_kinds || got.locations() != want_locs {
            detail_disagree += 1;
            eprintln!(
                "pair {i}: types/locations differ: reference {want_kinds:?} {want_locs:?}, accord {kinds:?} {:?}",
                got.locations()
            );
        }
    }
    eprintln!(
        "avro_differential: {n} pairs, {incompatible} incompatible, {} verdicts agree, {detail_disagree} differ in types or locations",
        n - disagree.len()
    );
    assert!(
        disagree.is_empty(),
        "{} of {n} verdicts disagree:\n{}",
        disagree.len(),
        disagree
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        detail_disagree, 0,
        "incompatibility types or locations differ"
    );
}
