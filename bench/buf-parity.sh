#!/usr/bin/env bash
# Parity with buf, tested rather than assumed: runs buf 1.75 (installed from npm into
# bench/.peers) and accord over every fixture in fixtures/protobuf/ and prints agreement per
# rule, comparing (rule, file, line, column). Exit 1 when a buf rule's agreement is below 100%.
#
#   bench/buf-parity.sh [RULE_ID...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
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

if [ $# -gt 0 ]; then rules=("$@"); else
  mapfile -t rules < <(cd "$root/fixtures/protobuf" && ls -d */ | tr -d /)
fi

printf '%-48s %6s %6s %6s %8s\n' RULE BUF ACCORD SAME AGREE
fail=0
for id in "${rules[@]}"; do
  dir=$root/fixtures/protobuf/$id
  if [ -d "$dir/history" ]; then
    printf '%-48s %s\n' "$id" "(accord only: no buf equivalent)"
    continue
  fi
  if [ -d "$dir/current" ]; then
    (cd "$dir/current" && "$buf" breaking . --against ../previous --error-format=json > "$out/buf.json" 2>/dev/null) || true
    (cd "$dir" && "$accord" breaking current --against previous --format json --fail-on none > "$out/accord.json") || true
    prefix=current/
  else
    (cd "$dir/input" && "$buf" lint --error-format=json > "$out/buf.json" 2>/dev/null) || true
    (cd "$dir" && "$accord" lint input --format json --fail-on none > "$out/accord.json") || true
    prefix=input/
  fi
  python3 "$root/bench/compare.py" "$out/buf.json" "$out/accord.json" "$prefix" > "$out/cmp.json"
  read -r b a s ag < <(python3 -c "import json;c=json.load(open('$out/cmp.json'));print(c['buf'],c['accord'],c['both'],'%.0f%%'%(c['agreement']*100))")
  printf '%-48s %6s %6s %6s %8s\n' "$id" "$b" "$a" "$s" "$ag"
  if [ "$ag" != "100%" ]; then
    fail=1
    python3 -c "import json;c=json.load(open('$out/cmp.json'));[print('    buf only   ',k) for k in c['buf_only_sample']];[print('    accord only',k) for k in c['accord_only_sample']]"
  fi
done
exit $fail
