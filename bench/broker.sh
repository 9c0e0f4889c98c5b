#!/usr/bin/env bash
# Broker benchmark: load from a separate process (wrk) against a release `accord serve` on
# SQLite, and on PostgreSQL when .ci/pg.sh can start one. Measures
#   - GET /schemas/ids/{id} throughput and latency,
#   - POST /subjects/{s}/versions (new registrations) throughput and latency,
#   - one FULL_TRANSITIVE registration against a subject with 1,000 versions,
#   - idle RSS.
# Every load is bounded in time (DURATION seconds) and aimed at 127.0.0.1 only.
#
#   bench/broker.sh [sqlite|postgres|both]    (default both; needs wrk: apt-get install wrk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-both}
DURATION=${DURATION:-10}
# Reads: many connections, as a fleet of consumers would hold. Registrations: a few
# concurrent writers; with a closed loop of C connections the mean latency is C/throughput,
# so 32 writers would measure queueing (32 / 1,400 per s = 23 ms) rather than the server.
READ_CONNS=${READ_CONNS:-32}
REG_CONNS=${REG_CONNS:-4}
LONG=${LONG:-1000}
command -v wrk >/dev/null || { echo "broker.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
(cd "$root" && cargo build --release -q -p accord)
accord=$root/target/release/accord
work=$(mktemp -d)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # The server's log tells why a run stopped early.
  if [ "$rc" -ne 0 ] && [ -s "$work/serve.log" ]; then tail -n 5 "$work/serve.log" >&2; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/register.lua" <<'LUA'
local n = 0
local tid = 0
setup = function(thread) thread:set("tid", tid); tid = tid + 1 end
request = function()
  n = n + 1
  local body = '{"schemaType":"PROTOBUF","schema":"syntax = \\"proto3\\";\\npackage bench;\\nmessage Order { string id = 1; int64 total = 2; }\\n// '
    .. tid .. '-' .. n .. '\\n"}'
  return wrk.format("POST", "/subjects/bench-" .. tid .. "-" .. n .. "/versions",
    {["Content-Type"] = "application/vnd.schemaregistry.v1+json"}, body)
end
LUA

start() { # $1 = database url; sets addr and pid
  "$accord" serve --bind 127.0.0.1:0 --database-url "$1" 2>"$work/serve.log" &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 100); do
    addr=$(sed -n 's/^accord serve: listening on http:\/\/\([^ ]*\).*/\1/p' "$work/serve.log")
    [ -n "$addr" ] && return; sleep 0.1
  done
  echo "accord serve did not start" >&2; cat "$work/serve.log" >&2; exit 1
}

post() { curl -s -X "$1" -H 'Content-Type: application/vnd.schemaregistry.v1+json' "http://$addr$2" ${3:+-d "$3"}; }

summary() { # wrk output → req/s p50 p99
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
       END {printf "%10s req/s   p50 %8s   p99 %8s   non-2xx %s\n", rps, p50, p99, (bad==""?0:bad)}'
}

# The server's own latency histogram for a route (from /metrics, cumulative since start):
# the share of requests it answered within 5 and 10 ms, without the load generator's and
# the kernel's queueing on the shared cores.
server_share() { # $1 = route template
  curl -s "http://$addr/metrics" | awk -v r="route=\"$1\"" '
    index($0, "accord_http_request_duration_seconds_bucket{" r ",") == 1 {
      split($0, a, "le=\""); split(a[2], b, "\""); le[b[1]] = $NF }
    END { if (le["+Inf"] > 0) printf "   server-side: %.2f%% <= 5 ms, %.2f%% <= 10 ms of %d\n",
            100 * le["0.005"] / le["+Inf"], 100 * le["0.01"] / le["+Inf"], le["+Inf"] }'
}

run() { # $1 = label, $2 = database url
  local label=$1 url=$2
  start "$url"
  sleep 1
  echo "== $label"
  echo "idle RSS: $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"
  post POST /subjects/seed/versions '{"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";\nmessage Seed { string a = 1; }\n"}' >/dev/null
  id=$(post GET /subjects/seed/versions/1 | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
  printf 'GET /schemas/ids/{id}        '
  wrk -t2 -c"$READ_CONNS" -d"${DURATION}s" --latency "http://$addr/schemas/ids/$id" | summary
  server_share '/schemas/ids/{id}'
  printf 'POST /subjects/{s}/versions  '
  wrk -t1 -c"$REG_CONNS" -d"${DURATION}s" --latency -s "$work/register.lua" "http://$addr" | summary
  server_share '/subjects/{subject}/versions'
  # A subject with 1,000 versions, then one FULL_TRANSITIVE registration against all.
  post PUT /config/long '{"compatibility":"NONE"}' >/dev/null
  [ "$LONG" -gt 0 ] || { kill "$pid"; wait "$pid" 2>/dev/null || true; return; }
  for i in $(seq 1 "$LONG"); do
    post POST /subjects/long/versions "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\\nmessage Long { string a = 1; int64 b = 2; }\\n// v$i\\n\"}" >/dev/null
  done
  post PUT /config/long '{"compatibility":"FULL_TRANSITIVE"}' >/dev/null
  t=$(curl -s -o "$work/ft.json" -w '%{time_total}' -X POST -H 'Content-Type: application/json' \
      "http://$addr/subjects/long/versions" \
      -d '{"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";\nmessage Long { string a = 1; int64 b = 2; bool c = 3; }\n"}')
  echo "FULL_TRANSITIVE registration vs $LONG versions: ${t}s ($(cat "$work/ft.json"))"
  echo "RSS after load: $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [ "$which" != postgres ]; then run sqlite "sqlite://$work/bench.db"; fi
if [ "$which" != sqlite ]; then
  if eval "$(bash "$root/.ci/pg.sh" $$)"; then run postgres "$DATABASE_URL"
  else echo "PostgreSQL unavailable; skipped" >&2; fi
fi
