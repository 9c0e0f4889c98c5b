#!/usr/bin/env bash
# OpenAPI: accord against its peers, measured in one run (issue 4, acceptance 3 and 4).
#
#   bench/openapi-peers.sh [--fresh] [parity|optic|speed|all]...   (default: all)
#
# parity  Spectral 6 (`spectral:oas`, every rule; recommended ones are marked) and
#         `accord lint --format json` over every OpenAPI document under fixtures/openapi/ and
#         the newer spec of each corpus pair; agreement per rule on (rule, file, line, column).
# optic   `optic diff OLD NEW --check` beside `accord breaking` on every fixtures/openapi pair
#         and each corpus pair; what each finds that the other does not, per pair. optic's
#         rule names are mapped to accord's (oasdiff's) ids in bench/openapi_peers.py.
# speed   wall, CPU (user+sys) and peak RSS of accord breaking / changelog / lint against
#         optic and Spectral (`spectral:oas` recommended rules, its default) on each pair.
#
# The results go to docs/benchmarks.md between the `OpenAPI peers` markers. Peers are
# installed from npm into bench/.peers; their runs are slow (Spectral ~3 min and 2.3 GB on
# the GitHub spec, optic up to the timeout), so their outputs and timings are kept in
# bench/.cache/peers and reused; --fresh runs them again. accord is always run afresh.
# accord subcommands this build lacks (`lint` for OpenAPI, `changelog`) are reported as
# "not available in this build". Knobs: PEER_TIMEOUT (s, default 1200), RUNS (accord's
# best-of, default 3), OPTIC_LOOSE=0 (skip retrying a rejected spec with
# `--validation loose`), CORPUS, ACCORD (a built binary to measure instead of building one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpora/openapi}
peers=$root/bench/.peers
cache=$root/bench/.cache/peers
timeout_s=${PEER_TIMEOUT:-1200}
runs=${RUNS:-3}
helper=$root/bench/openapi_peers.py
spectral_version=6.16.3
optic_version=1.0.9

fresh=0
steps=()
for a in "$@"; do
  case $a in
    --fresh) fresh=1 ;;
    parity | optic | speed) steps+=("$a") ;;
    all) steps+=(parity optic speed) ;;
    *) echo "usage: bench/openapi-peers.sh [--fresh] [parity|optic|speed|all]..." >&2; exit 2 ;;
  esac
done
[ ${#steps[@]} -gt 0 ] || steps=(parity optic speed)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/optic-fixtures"

if [ ! -x "$peers/node_modules/.bin/spectral" ] || [ ! -x "$peers/node_modules/.bin/optic" ]; then
  npm install --prefix "$peers" --silent --no-audit --no-fund \
    "@stoplight/spectral-cli@$spectral_version" "@useoptic/optic@$optic_version" >/dev/null
fi
spectral=$peers/node_modules/.bin/spectral
optic=$peers/node_modules/.bin/optic
# ACCORD=path/to/accord measures that binary instead of building the release one.
if [ -z "${ACCORD:-}" ]; then
  (cd "$root" && cargo build --release -q -p accord)
fi
accord=${ACCORD:-$root/target/release/accord}

# name|old|new: the corpus pairs of bench/openapi.sh.
pairs=(
  "github|$corpus/github/api.github.com-21.0.0.json|$corpus/github/api.github.com-23.0.2.json"
  "stripe-0329|$corpus/stripe/spec3-2022-03-28.json|$corpus/stripe/spec3-2022-03-29.json"
  "stripe-opensdks|$corpus/stripe/spec3-2022-03-29.json|$corpus/stripe/stripe-opensdks-0.0.2.json"
)

# What this accord build can do: OpenAPI lint rules in its catalogue; a changelog command.
"$accord" rules list --format openapi --kind lint --json > "$work/lint-rules.json"
has_lint=$(python3 -c 'import json,sys; print(1 if json.load(open(sys.argv[1])) else 0)' "$work/lint-rules.json")
has_changelog=0
"$accord" changelog --help > /dev/null 2>&1 && has_changelog=1
echo "$has_lint $has_changelog" > "$work/caps"
lint_type=()
"$accord" lint --help 2>/dev/null | grep -qE 'possible values:[^]]*openapi' && lint_type=(--schema-type openapi)

# spectral:oas as Spectral ships it, every rule and only the recommended ones.
printf 'extends: [["spectral:oas", "all"]]\n' > "$cache/spectral-all.yaml"
printf 'extends: [["spectral:oas", "recommended"]]\n' > "$cache/spectral-recommended.yaml"
(cd "$peers" && node -e '
  const oas = require("@stoplight/spectral-rulesets").oas;
  const out = {};
  for (const [id, r] of Object.entries(oas.rules)) out[id] = r.recommended !== false;
  console.log(JSON.stringify(out));') > "$work/recommended.json"

# peer KEY CMD...: runs a peer once under `timeout` and GNU time into $cache/KEY.*, unless an
# earlier run is cached there (and --fresh was not given). It runs in $cache: optic prints
# locations relative to its working directory.
peer() {
  local key=$1; shift
  if [ "$fresh" = 1 ] || [ ! -f "$cache/$key.rc" ]; then
    echo "running: ${*:1:3} ..." >&2
    local rc=0
    (cd "$cache" && /usr/bin/time -f "%e %U %S %M" -o "$key.time" \
      timeout "$timeout_s" "$@" > "$key.out" 2> "$key.err") || rc=$?
    echo "$rc" > "$cache/$key.rc"
    echo "$(date -u +%F) $*" > "$cache/$key.cmd"
  fi
}

# timing FILE: "wall cpu rss_mb" from GNU time's last line (it first prints "Command exited
# with non-zero status N" when the command fails).
timing() {
  awk 'END { printf "%s %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$1"
}

# status KEY: how the cached peer run ended.
status() {
  python3 "$helper" optic-status "$cache/$1.out" "$cache/$1.err" "$(cat "$cache/$1.rc")" "$timeout_s"
}

# accord_best KEY CMD...: best wall of $runs runs of accord into $work/KEY.{json,time}.
accord_best() {
  local key=$1; shift
  local best="" rc
  for _ in $(seq "$runs"); do
    rc=0
    /usr/bin/time -f "%e %U %S %M" -o "$work/$key.try" "$@" > "$work/$key.json" 2> "$work/$key.err" || rc=$?
    if [ "$rc" != 0 ]; then
      echo "accord failed ($rc): $*" >&2
      cat "$work/$key.err" >&2
      return 1
    fi
    read -r wall _ <<<"$(timing "$work/$key.try")"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then
      best=$wall
      cp "$work/$key.try" "$work/$key.time"
    fi
  done
}

# row PAIR COMMAND RESULT TIMEFILE: one line of the speed table.
row() {
  local wall cpu mb
  read -r wall cpu mb <<<"$(timing "$4")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$wall" "$cpu" "$mb" "$3" >> "$work/speed.tsv"
}

findings() {
  python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"
}

spectral_count() {
  python3 -c 'import json,sys
try: print(len(json.load(open(sys.argv[1]))), "findings")
except ValueError: print("no JSON output")' "$1"
}

parity() {
  # Every OpenAPI root document of the fixtures (a referenced fragment has no `openapi` key).
  mapfile -t files < <(cd "$root" && grep -rlE '^(openapi|swagger):|^\s*"(openapi|swagger)"\s*:' \
    --include='*.yaml' --include='*.yml' --include='*.json' fixtures/openapi | sort)
  local sum
  sum=$(cd "$root" && cat "${files[@]}" | sha256sum | cut -c1-12)
  files=("${files[@]/#/$root/}")
  peer "spectral-all-fixtures-$sum" "$spectral" lint "${files[@]}" -r "$cache/spectral-all.yaml" -f json --fail-severity=hint
  echo "fixtures|${#files[@]} documents under fixtures/openapi|spectral-all-fixtures-$sum|${files[*]}" > "$work/parity.list"
  for p in "${pairs[@]}"; do
    IFS='|' read -r name _ new <<<"$p"
    peer "spectral-all-$name" "$spectral" lint "$new" -r "$cache/spectral-all.yaml" -f json --fail-severity=hint
    echo "$name|$(basename "$new")|spectral-all-$name|$new" >> "$work/parity.list"
  done
  while IFS='|' read -r name label key inputs; do
    read -r -a in <<<"$inputs"
    local st
    st=$(status "$key")
    # One document per accord run, with Spectral's own ruleset (every rule on), so both
    # sides run the same rules; the runs' findings are merged into one report.
    if [ "$has_lint" = 1 ] && ! accord_lint_each "$name" "${in[@]}"; then
      st="$st; accord lint failed: $(head -n 1 "$work/accord-lint-$name.err")"
    elif [ "$has_lint" = 1 ]; then
      python3 "$helper" lint "$cache/$key.out" "$work/accord-lint-$name.json" "$work/lint-rules.json" \
        "$work/recommended.json" "$root" > "$work/parity-$name.json" || true
    fi
    printf '%s\t%s\t%s\n' "$name" "$label" "$st" >> "$work/parity.tsv"
  done < "$work/parity.list"
}

# accord_lint_each NAME FILE...: `accord lint` per file into $work/accord-lint-NAME.json.
accord_lint_each() {
  local name=$1 i=0 f; shift
  local dir=$work/accord-lint-$name.d
  mkdir -p "$dir"
  : > "$work/accord-lint-$name.err"
  for f in "$@"; do
    i=$((i + 1))
    "$accord" lint "${lint_type[@]}" "$f" --ruleset "$cache/spectral-all.yaml" --format json \
      --fail-on none > "$dir/$i.json" 2>> "$work/accord-lint-$name.err" < /dev/null || return 1
  done
  python3 -c 'import json, sys
print(json.dumps({"findings": [f for p in sys.argv[1:] for f in json.load(open(p))["findings"]]}))' \
    "$dir"/*.json > "$work/accord-lint-$name.json"
}

optic_step() {
  local c d sum rc
  for d in "$root"/fixtures/openapi/*/; do
    c=$(basename "$d")
    if [ ! -f "$d/before.yaml" ] || [ ! -f "$d/after.yaml" ]; then continue; fi
    sum=$(find "$d" -type f ! -name expected.txt | sort | xargs cat | sha256sum | cut -c1-12)
    # optic prints locations relative to its working directory: run it in one fixed place.
    if [ "$fresh" = 1 ] || [ "$(cat "$cache/optic-fixtures/$c.sum" 2>/dev/null)" != "$sum" ]; then
      echo "running: optic diff on fixture $c" >&2
      rc=0
      (cd "$cache/optic-fixtures" && timeout 300 "$optic" diff "$d/before.yaml" "$d/after.yaml" --check \
        > "$c.out" 2> "$c.err") || rc=$?
      echo "$rc" > "$cache/optic-fixtures/$c.rc"
      echo "$sum" > "$cache/optic-fixtures/$c.sum"
    fi
    if ! (cd "$root" && "$accord" breaking "fixtures/openapi/$c/after.yaml" \
      --against "fixtures/openapi/$c/before.yaml" --format json --fail-on none > "$work/fx-$c.json"); then
      echo "accord breaking failed on fixture $c" >&2
      continue
    fi
    python3 "$helper" optic "$cache/optic-fixtures/$c.out" "$cache/optic-fixtures" "$work/fx-$c.json" "$root" \
      > "$work/optic-fx-$c.json"
  done
  for p in "${pairs[@]}"; do
    IFS='|' read -r name old new <<<"$p"
    peer "optic-$name" "$optic" diff "$old" "$new" --check
    local st
    st=$(status "optic-$name")
    if [[ $st == rejected* ]] && [ "${OPTIC_LOOSE:-1}" = 1 ]; then
      peer "optic-loose-$name" "$optic" diff "$old" "$new" --check --validation loose
      st="$st; with --validation loose: $(status "optic-loose-$name")"
    fi
    accord_best "breaking-$name" "$accord" breaking "$new" --against "$old" --format json --fail-on none
    printf '%s\t%s\t%s\n' "$name" "$(findings "$work/breaking-$name.json")" "$st" >> "$work/optic.tsv"
    for key in "optic-$name" "optic-loose-$name"; do
      if [ -f "$cache/$key.rc" ] && [ "$(status "$key")" = ok ]; then
        python3 "$helper" optic "$cache/$key.out" "$cache" "$work/breaking-$name.json" "$root" > "$work/optic-$name.json"
      fi
    done
  done
}

speed() {
  for p in "${pairs[@]}"; do
    IFS='|' read -r name old new <<<"$p"
    [ -f "$work/breaking-$name.time" ] ||
      accord_best "breaking-$name" "$accord" breaking "$new" --against "$old" --format json --fail-on none
    row "$name" "accord breaking" "$(findings "$work/breaking-$name.json") findings" "$work/breaking-$name.time"
    if [ "$has_changelog" = 1 ]; then
      # The pair as `breaking` takes it, else as two positional files, old first.
      if accord_best "changelog-$name" "$accord" changelog "$new" --against "$old" ||
        accord_best "changelog-$name" "$accord" changelog "$old" "$new"; then
        row "$name" "accord changelog" "$(wc -l < "$work/changelog-$name.json") lines" "$work/changelog-$name.time"
      else
        printf '%s\taccord changelog\t\t\t\tfailed: %s\n' "$name" "$(head -n1 "$work/changelog-$name.err")" >> "$work/speed.tsv"
      fi
    else
      printf '%s\taccord changelog\t\t\t\tnot available in this build\n' "$name" >> "$work/speed.tsv"
    fi
    peer "optic-$name" "$optic" diff "$old" "$new" --check
    row "$name" "optic diff --check" "$(status "optic-$name")" "$cache/optic-$name.time"
    if [ -f "$cache/optic-loose-$name.rc" ]; then
      row "$name" "optic diff --check --validation loose" "$(status "optic-loose-$name")" "$cache/optic-loose-$name.time"
    fi
    if [ "$has_lint" = 1 ]; then
      accord_best "lint-$name" "$accord" lint "${lint_type[@]}" "$new" --format json --fail-on none
      row "$name" "accord lint" "$(findings "$work/lint-$name.json") findings" "$work/lint-$name.time"
    else
      printf '%s\taccord lint\t\t\t\tnot available in this build\n' "$name" >> "$work/speed.tsv"
    fi
    peer "spectral-rec-$name" "$spectral" lint "$new" -r "$cache/spectral-recommended.yaml" -f json --fail-severity=hint
    local st
    st=$(status "spectral-rec-$name")
    [ "$st" = ok ] && st=$(spectral_count "$cache/spectral-rec-$name.out")
    row "$name" "spectral lint" "$st" "$cache/spectral-rec-$name.time"
  done
}

for s in "${steps[@]}"; do
  case $s in
    parity) parity ;;
    optic) optic_step ;;
    speed) speed ;;
  esac
done

# Each step rewrites its own part of docs/benchmarks.md; the others keep their last figures.
for s in "${steps[@]}"; do
  python3 "$helper" report "$s" "$work" "$cache" \
    "$(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; Spectral $spectral_version, optic $optic_version" \
    > "$work/report-$s.md"
  cat "$work/report-$s.md"
  python3 "$helper" splice "$root/docs/benchmarks.md" "OpenAPI peers: $s" "$work/report-$s.md"
done
