#!/usr/bin/env bash
# Times `accord breaking` on the real OpenAPI descriptions in ../shared/corpora/openapi:
# GitHub's REST API at two releases (~12 MB JSON each) and the Stripe pairs. Prints wall
# time (s), CPU time (s) and peak RSS (MB) per pair, best of N runs (default 3).
#
#   bench/openapi.sh [RUNS]
#
# Exit codes of accord are 0 (no breaking change) or 1 (findings); anything else fails.
# (GNU time prints "Command exited with non-zero status 1" first when accord exits 1; the
# figures are read from the last line.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpora/openapi}
runs=${1:-3}
(cd "$root" && cargo build --release -q -p accord)
accord=$root/target/release/accord

pairs=(
  "github 21.0.0 -> 23.0.2|$corpus/github/api.github.com-21.0.0.json|$corpus/github/api.github.com-23.0.2.json"
  "stripe 2022-03-28 -> 2022-03-29|$corpus/stripe/spec3-2022-03-28.json|$corpus/stripe/spec3-2022-03-29.json"
  "stripe 2022-03-29 -> opensdks 0.0.2|$corpus/stripe/spec3-2022-03-29.json|$corpus/stripe/stripe-opensdks-0.0.2.json"
)

printf '%-38s %8s %8s %8s %9s\n' PAIR WALL_S CPU_S RSS_MB FINDINGS
for p in "${pairs[@]}"; do
  IFS='|' read -r name old new <<<"$p"
  best=""
  for _ in $(seq "$runs"); do
    set +e
    line=$(/usr/bin/time -f "%e %U %S %M" "$accord" breaking "$new" --against "$old" --format json \
      2>&1 >/tmp/accord-openapi-bench.json | tail -n1)
    code=$?
    set -e
    read -r wall user sys rss <<<"$line"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then
      best="$wall $(awk "BEGIN{print $user+$sys}") $((rss / 1024))"
    fi
  done
  n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]) if isinstance(d,dict) else len(d))' /tmp/accord-openapi-bench.json)
  read -r wall cpu mb <<<"$best"
  printf '%-38s %8s %8s %8s %9s\n' "$name" "$wall" "$cpu" "$mb" "$n"
done
rm -f /tmp/accord-openapi-bench.json
