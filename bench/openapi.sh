#!/usr/bin/env bash
# Times `accord breaking` and `accord changelog` on the real OpenAPI descriptions in
# ../shared/corpora/openapi: GitHub's REST API at two releases (~12 MB JSON each) and the
# Stripe pairs. Prints wall time (s), CPU time (s) and peak RSS (MB) per pair and command,
# best of N runs (default 3). The changelog is timed in markdown, the rendering that
# serializes and diffs the fragment of every change; its count is of changes.
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

# Best of $runs runs of accord ARGS (stdout to $out): "wall cpu rss_mb".
out=/tmp/accord-openapi-bench.out
measure() {
  local best="" line wall user sys rss
  for _ in $(seq "$runs"); do
    set +e
    line=$(/usr/bin/time -f "%e %U %S %M" "$accord" "$@" 2>&1 >"$out" | tail -n1)
    set -e
    read -r wall user sys rss <<<"$line"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then
      best="$wall $(awk "BEGIN{print $user+$sys}") $((rss / 1024))"
    fi
  done
  echo "$best"
}

count='import json,sys; d=json.load(open(sys.argv[1])); print(len(d.get("findings", d.get("changes", []))))'
printf '%-38s %-9s %8s %8s %8s %9s\n' PAIR COMMAND WALL_S CPU_S RSS_MB FINDINGS
for p in "${pairs[@]}"; do
  IFS='|' read -r name old new <<<"$p"
  read -r wall cpu mb <<<"$(measure breaking "$new" --against "$old" --format json)"
  n=$(python3 -c "$count" "$out")
  printf '%-38s %-9s %8s %8s %8s %9s\n' "$name" breaking "$wall" "$cpu" "$mb" "$n"
  read -r wall cpu mb <<<"$(measure changelog "$new" --against "$old" --format markdown)"
  "$accord" changelog "$new" --against "$old" --format json >"$out"
  n=$(python3 -c "$count" "$out")
  printf '%-38s %-9s %8s %8s %8s %9s\n' "$name" changelog "$wall" "$cpu" "$mb" "$n"
done
rm -f "$out"
