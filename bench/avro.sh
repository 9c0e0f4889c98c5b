#!/usr/bin/env bash
# Avro compatibility benchmark: accord (release build) against Apache Avro's Python reference
# checker (`pip install avro`), in one run. Prints a table; docs/benchmarks.md records it.
#
# 1. FULL_TRANSITIVE: a 300-field record checked both ways against 1,000 previous versions
#    (`accord breaking NEW --against V0 … --against V999 --mode FULL_TRANSITIVE`, end to end,
#    parsing included), versus the reference parsing and checking the same files.
# 2. The differential set: 2,000 random reader/writer pairs (rules/tests/avro_differential.rs),
#    parse + check of each pair in-process for both.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import avro" 2>/dev/null || { echo "bench/avro.sh needs the reference: pip install avro" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p accord
accord=target/release/accord

# 1,000 versions of a 300-field record: each version adds fields with defaults, promotes an
# int to a long now and then, and grows an enum that has a default — all FULL-compatible.
python3 - "$work" <<'PY'
import json, sys
out = sys.argv[1]
def version(v):
    fields = []
    for i in range(300):
        if i % 50 == 49 and v < i:            # added later, with a default
            continue
        f = {"name": f"field{i}", "doc": f"Field {i}."}
        if i % 7 == 0:
            f["type"] = "long"
        elif i % 7 == 1:
            f["type"] = ["null", "string"]; f["default"] = None
        elif i % 7 == 2:
            f["type"] = {"type": "enum", "name": f"Kind{i}", "symbols": ["UNKNOWN"] + [f"S{k}" for k in range(3 + v % 3)], "default": "UNKNOWN"}
        elif i % 7 == 3:
            f["type"] = {"type": "array", "items": "double"}; f["default"] = []
        elif i % 7 == 4:
            f["type"] = {"type": "map", "values": "string"}; f["default"] = {}
        elif i % 7 == 5:
            f["type"] = {"type": "record", "name": f"Nested{i}", "fields": [{"name": "a", "type": "string", "default": ""}, {"name": "b", "type": "double", "default": 0}]}
        else:
            f["type"] = "string"; f["default"] = ""
        if i % 50 == 49:
            f["default"] = f.get("default", "") if f["type"] == "string" else f.get("default")
            if "default" not in f or f["default"] is None and f["type"] != ["null", "string"]:
                f["type"] = ["null", "string"]; f["default"] = None
        fields.append(f)
    return {"type": "record", "name": "Wide", "namespace": "bench.avro", "doc": "A wide record.", "fields": fields}
for v in range(1000):
    with open(f"{out}/v{v:04d}.avsc", "w") as fh:
        json.dump(version(v), fh, indent=1)
with open(f"{out}/new.avsc", "w") as fh:
    json.dump(version(1000), fh, indent=1)
PY

olds=("$work"/v*.avsc)
args=()
for o in "${olds[@]}"; do args+=(--against "$o"); done
start=$(date +%s.%N)
set +e
"$accord" breaking "$work/new.avsc" "${args[@]}" --mode FULL_TRANSITIVE --format json > "$work/chain.json"
code=$?
set -e
end=$(date +%s.%N)
[ "$code" -le 1 ] || { echo "accord failed (exit $code)" >&2; exit 2; }
chain_accord=$(python3 -c "print(f'{$end - $start:.3f}')")
chain_findings=$(python3 -c "import json; print(len(json.load(open('$work/chain.json'))['findings']))")
chain_ref=$(python3 bench/avro_reference.py --chain "$work/new.avsc" "${olds[@]}" 2>&1 | sed -E 's/.* in ([0-9.]+) s/\1/')

# The differential set, timed in-process on both sides.
diff_log=$(ACCORD_AVRO_PAIRS_OUT="$work/pairs.json" cargo test --release -q -p accord-rules \
  --test avro_differential avro_differential_against_reference -- --nocapture 2>&1)
diff_accord=$(echo "$diff_log" | sed -nE 's/^accord: [0-9]+ pairs in ([0-9.]+) s/\1/p')
diff_ref=$(echo "$diff_log" | sed -nE 's/^reference: [0-9]+ pairs x 1 in ([0-9.]+) s/\1/p')
agree=$(echo "$diff_log" | sed -nE 's/^avro_differential: (.*)/\1/p')

ratio() { python3 -c "a=$1; r=$2; print(f'{r/a:.0f}x' if a > 0 else 'n/a')"; }
echo
echo "| workload | accord (s) | reference avro-py (s) | speed-up |"
echo "|---|---:|---:|---:|"
echo "| FULL_TRANSITIVE, 300-field record vs 1,000 versions (2,000 checks, end to end) | $chain_accord | $chain_ref | $(ratio "$chain_accord" "$chain_ref") |"
echo "| 2,000 random pairs (parse + check) | $diff_accord | $diff_ref | $(ratio "$diff_accord" "$diff_ref") |"
echo
echo "FULL_TRANSITIVE findings: $chain_findings; differential: $agree"
