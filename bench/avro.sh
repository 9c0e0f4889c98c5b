#!/usr/bin/env bash
# Avro compatibility benchmark: accord (release build) against Apache Avro's Python reference
# checker (`pip install avro`), in one run. Prints a table; docs/benchmarks.md records it.
#
# 1. FULL_TRANSITIVE: a 300-field record checked both ways against 1,000 previous versions
#    (`accord breaking NEW --against V0 … --against V999 --mode FULL_TRANSITIVE`, end to end:
#    process start, reading and parsing 1,001 files, 2,000 checks), versus the reference
#    parsing and checking the same files.
# 2. The differential set: the 2,000 seeded random reader/writer pairs of
#    rules/tests/avro_differential.rs, in-process on both sides (accord:
#    rules/examples/avro_bench.rs, under the binary's allocator), many passes: parsing
#    both schema texts of each pair and checking it; and, separately, the checks alone over
#    schemas parsed before the timer; and parsing alone. Neither side's timer covers process
#    start, reading the pairs file or turning the pairs into schema text. A last row times
#    Python's json.loads alone on the same texts: the C decoder the reference's parse starts
#    with, a floor for reading them in that process.
# Wall time and CPU time (user + sys) are both shown: on a shared machine CPU time is the
# fairer measure. Speed-up = reference time / accord time.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import avro" 2>/dev/null || { echo "bench/avro.sh needs the reference: pip install avro" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Two invocations: with --example, cargo builds only that example, not the accord binary.
cargo build --release -q -p accord --bin accord
cargo build --release -q -p accord-rules --example avro_bench
accord=target/release/accord

# 1,000 versions of a 300-field record: later versions add fields (optional, default null)
# and grow enums that have a default — every version FULL-compatible with every other.
python3 - "$work" <<'PY'
import json, sys
out = sys.argv[1]
def version(v):
    fields = []
    for i in range(300):
        if i % 50 == 49 and v < i:            # added later, optional
            continue
        f = {"name": f"field{i}", "doc": f"Field {i}."}
        if i % 50 == 49:
            f["type"] = ["null", "string"]; f["default"] = None
        elif i % 7 == 0:
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
set +e
/usr/bin/time -f "%e %U %S" -o "$work/time" "$accord" breaking "$work/new.avsc" "${args[@]}" \
  --mode FULL_TRANSITIVE --format json > "$work/chain.json"
code=$?
set -e
[ "$code" -le 1 ] || { echo "accord failed (exit $code)" >&2; exit 2; }
read -r chain_wall chain_user chain_sys < "$work/time"
chain_cpu=$(python3 -c "print(f'{$chain_user + $chain_sys:.2f}')")
chain_findings=$(python3 -c "import json; print(len(json.load(open('$work/chain.json'))['findings']))")
ref_line=$(python3 bench/avro_reference.py --chain "$work/new.avsc" "${olds[@]}" 2>&1 >/dev/null)
ref_chain_wall=$(echo "$ref_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
ref_chain_cpu=$(echo "$ref_line" | sed -E 's/.*cpu ([0-9.]+) s.*/\1/')

# The differential pairs (written by the test; the test also checks the verdicts).
diff_log=$(ACCORD_AVRO_PAIRS_OUT="$work/pairs.json" cargo test -q -p accord-rules \
  --test avro_differential avro_differential_against_reference -- --nocapture 2>&1)
agree=$(echo "$diff_log" | sed -nE 's/^avro_differential: (.*)/\1/p')
# Both sides time the same loop in-process (the pair texts made before the timer) and report
# their fastest pass, wall and CPU: bench/avro_reference.py, rules/examples/avro_bench.rs.
# Wall: the fastest pass. CPU: the mean per pass, as accord's CPU clock (/proc) is only as fine
# as a scheduler tick; accord runs more passes since each is ~30x shorter.
passes=10 acc_passes=50
field() { sed -E "s/.* in ([0-9.]+) s \(cpu ([0-9.]+) s per pass\).*/\\$1/"; }
acc=$(target/release/examples/avro_bench "$work/pairs.json" --repeat $acc_passes 2>&1)
acc_check=$(target/release/examples/avro_bench "$work/pairs.json" --repeat $acc_passes --check-only 2>&1)
acc_parse=$(target/release/examples/avro_bench "$work/pairs.json" --repeat $acc_passes --parse-only 2>&1)
ref=$(python3 bench/avro_reference.py "$work/pairs.json" --repeat $passes 2>&1 >/dev/null)
ref_check=$(python3 bench/avro_reference.py "$work/pairs.json" --repeat $passes --check-only 2>&1)
ref_parse=$(python3 bench/avro_reference.py "$work/pairs.json" --repeat $passes --parse-only 2>&1)
ref_json=$(python3 bench/avro_reference.py "$work/pairs.json" --repeat $passes --json-only 2>&1)
acc_wall=$(echo "$acc" | field 1); acc_cpu=$(echo "$acc" | field 2)
accc_wall=$(echo "$acc_check" | field 1); accc_cpu=$(echo "$acc_check" | field 2)
ref_wall=$(echo "$ref" | field 1); ref_cpu=$(echo "$ref" | field 2)
refc_wall=$(echo "$ref_check" | field 1); refc_cpu=$(echo "$ref_check" | field 2)
accp_wall=$(echo "$acc_parse" | field 1); accp_cpu=$(echo "$acc_parse" | field 2)
refp_wall=$(echo "$ref_parse" | field 1); refp_cpu=$(echo "$ref_parse" | field 2)
refj_wall=$(echo "$ref_json" | field 1); refj_cpu=$(echo "$ref_json" | field 2)

ratio() { python3 -c "a=$1; r=$2; print(f'{r/a:.0f}x' if a > 0 else 'n/a')"; }
echo
echo "| workload | accord wall (s) | accord CPU (s) | reference wall (s) | reference CPU (s) | speed-up wall | speed-up CPU |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| FULL_TRANSITIVE: 300-field record vs 1,000 versions (2,000 checks, end to end) | $chain_wall | $chain_cpu | $ref_chain_wall | $ref_chain_cpu | $(ratio "$chain_wall" "$ref_chain_wall") | $(ratio "$chain_cpu" "$ref_chain_cpu") |"
echo "| 2,000 random pairs, parse + check (wall: fastest pass; CPU: mean per pass) | $acc_wall | $acc_cpu | $ref_wall | $ref_cpu | $(ratio "$acc_wall" "$ref_wall") | $(ratio "$acc_cpu" "$ref_cpu") |"
echo "| 2,000 random pairs, checks only, schemas parsed before the timer (same) | $accc_wall | $accc_cpu | $refc_wall | $refc_cpu | $(ratio "$accc_wall" "$refc_wall") | $(ratio "$accc_cpu" "$refc_cpu") |"
echo "| 2,000 random pairs, parse only: both texts, no check (same) | $accp_wall | $accp_cpu | $refp_wall | $refp_cpu | $(ratio "$accp_wall" "$refp_wall") | $(ratio "$accp_cpu" "$refp_cpu") |"
echo "| the same 4,000 texts through Python's json.loads alone (reference side only: the C decoder its parse starts with) | | | $refj_wall | $refj_cpu | | |"
echo
echo "FULL_TRANSITIVE findings: $chain_findings (expected 0); differential: $agree"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
