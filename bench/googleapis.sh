#!/usr/bin/env bash
# Times `accord breaking` / `accord lint` against `buf breaking` / `buf lint` over the two
# googleapis revisions in ../shared/corpora/googleapis, side by side in one run, and writes
# the table to docs/benchmarks.md (section "googleapis").
#
#   bench/googleapis.sh            # installs @bufbuild/buf from npm into bench/.peers if needed
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpora/googleapis}
peers=$root/bench/.peers
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ ! -x "$peers/node_modules/.bin/buf" ]; then
  mkdir -p "$peers"
  (cd "$peers" && npm install --silent --no-audit --no-fund @bufbuild/buf@1.75.0 >/dev/null)
fi
buf=$peers/node_modules/.bin/buf
(cd "$root" && cargo build --release -q -p accord)
accord=$root/target/release/accord

# run NAME DIR CMD...: runs CMD in DIR, records wall seconds, peak RSS and output.
run() {
  local name=$1 dir=$2; shift 2
  ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.out" 2> "$out/$name.err" ) || true
}

run buf-breaking "$corpus/new" "$buf" breaking . --against ../old --error-format=json
run accord-breaking "$corpus/new" "$accord" breaking . --against ../old --format json
run buf-lint "$corpus/new" "$buf" lint --error-format=json
run accord-lint "$corpus/new" "$accord" lint . --format json

row() {
  local cmd=$1 tool=$2 count=$3
  # GNU time prefixes "Command exited with non-zero status N" when findings make it exit 1.
  read -r secs kb < <(tail -n 1 "$out/$tool-$cmd.time")
  printf '| `%s %s` | %s s | %s MB | %s |' "$tool" "$cmd" "$secs" "$((kb / 1024))" "$count"
}
table=$(mktemp)
{
  echo "| command | wall | peak RSS | findings |"
  echo "|---|---|---|---|"
  for cmd in breaking lint; do
    python3 "$root/bench/compare.py" "$out/buf-$cmd.out" "$out/accord-$cmd.out" > "$out/$cmd.cmp"
    b=$(python3 -c "import json;print(json.load(open('$out/$cmd.cmp'))['buf'])")
    a=$(python3 -c "import json;print(json.load(open('$out/$cmd.cmp'))['accord'])")
    echo "$(row "$cmd" buf "$b")"
    echo "$(row "$cmd" accord "$a")"
  done
  echo
  for cmd in breaking lint; do
    python3 - "$out/$cmd.cmp" "$cmd" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print(f"- `{sys.argv[2]}`: {c['both']} findings at the same rule, file, line and column "
      f"({c['same_message']} with the same message text too); "
      f"{c['buf'] - c['both']} only from buf, {c['accord'] - c['both']} only from accord "
      f"(agreement {c['agreement']*100:.2f}%).")
for r, v in c["rules"].items():
    if v["buf_only"] or v["accord_only"]:
        print(f"  - {r}: {v['both']} same, {v['buf_only']} buf only, {v['accord_only']} accord only")
PY
  done
} > "$table"
cat "$table"

# Replace the googleapis section of docs/benchmarks.md.
python3 - "$root/docs/benchmarks.md" "$table" "$(nproc)" <<'PY'
import re, sys, datetime
path, table, cores = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
try:
    doc = open(path).read()
except FileNotFoundError:
    doc = "# Benchmarks\n"
section = (f"## googleapis\n\n<!-- written by bench/googleapis.sh -->\n"
           f"`bench/googleapis.sh` on {datetime.date.today()}, {cores} cores: buf 1.75.0 and accord "
           f"(release build) over ../shared/corpora/googleapis (`new/` against `old/`, "
           f"its buf.yaml: lint STANDARD, breaking FILE).\n\n{table}\n")
if "## googleapis" in doc:
    doc = re.sub(r"## googleapis\n.*?(?=\n## |\Z)", section, doc, flags=re.S)
else:
    doc = doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
PY
