#!/usr/bin/env bash
# can-i-deploy latency on a seeded broker (issue 6 acceptance 4): APPS applications,
# INTEGRATIONS consumer→provider pacts, VERSIONS versions each with their pacts and
# verifications, one or two versions of each deployed to `production`
# (broker/examples/seed_matrix.rs). A release `accord serve` answers N sequential
# `GET /can-i-deploy?pacticipant=…&version=…&environment=production` requests (different
# applications and versions) from a separate Python process over one keep-alive connection;
# p50/p90/p99/max are printed per database and appended to docs/benchmarks.md.
#
#   bench/pact-matrix.sh [sqlite|postgres|both]     (default both; PostgreSQL via .ci/pg.sh)
#   APPS=200 INTEGRATIONS=300 VERSIONS=500 N=2000 bench/pact-matrix.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-both}
APPS=${APPS:-200}
INTEGRATIONS=${INTEGRATIONS:-300}
VERSIONS=${VERSIONS:-500}
N=${N:-2000}
(cd "$root" && cargo build --release -q -p accord && cargo build --release -q -p accord-broker --example seed_matrix)
accord=$root/target/release/accord
seeder=$root/target/release/examples/seed_matrix
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/measure.py" <<'PY'
import http.client, json, statistics, sys, time
addr, paths_file, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
paths = [l.strip() for l in open(paths_file) if l.strip()]
host, port = addr.rsplit(":", 1)
conn = http.client.HTTPConnection(host, int(port))
def get(path):
    conn.request("GET", path, headers={"Accept": "application/hal+json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        sys.exit(f"{path}: HTTP {r.status} {body[:300]!r}")
    return json.loads(body)
for p in paths[:300]:  # warm-up: every pooled connection's statements, page cache
    get(p)
lat, verdicts, rows = [], {}, 0
for i in range(n):
    p = paths[i % len(paths)]
    t = time.perf_counter()
    m = get(p)
    lat.append((time.perf_counter() - t) * 1000)
    d = str(m["summary"]["deployable"])
    verdicts[d] = verdicts.get(d, 0) + 1
    rows += len(m["matrix"])
lat.sort()
q = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))]
print(f"{n} {q(0.50):.2f} {q(0.90):.2f} {q(0.99):.2f} {lat[-1]:.2f} {rows / n:.1f} "
      + ",".join(f"{k}={v}" for k, v in sorted(verdicts.items())))
PY

start() { # $1 = database url; sets addr and pid
  : >"$work/serve.log"
  "$accord" serve --bind 127.0.0.1:0 --database-url "$1" 2>"$work/serve.log" &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 300); do
    addr=$(sed -n 's/^accord serve: listening on http:\/\/\([^ ]*\).*/\1/p' "$work/serve.log" || true)
    [ -n "$addr" ] && return; sleep 0.1
  done
  echo "accord serve did not start" >&2; cat "$work/serve.log" >&2; exit 1
}

results=()
run() { # $1 = label, $2 = database url
  local label=$1 url=$2 t0 seeded
  t0=$(date +%s)
  "$seeder" "$url" "$work/paths-$label.txt" "$APPS" "$INTEGRATIONS" "$VERSIONS" 2>"$work/seed.log" \
    || { cat "$work/seed.log" >&2; exit 1; }
  seeded=$(( $(date +%s) - t0 ))
  start "$url"
  local out
  out=$(python3 "$work/measure.py" "$addr" "$work/paths-$label.txt" "$N")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r n p50 p90 p99 max rows verdicts <<<"$out"
  results+=("| $label | $n | $p50 | $p90 | $p99 | $max | $rows | $verdicts | ${seeded} s |")
}

case $which in
  sqlite|both) run sqlite "sqlite://$work/matrix.db" ;;
esac
case $which in
  postgres|both)
    eval "$(bash "$root/.ci/pg.sh" $$)"
    run postgres "$DATABASE_URL" ;;
esac

load=$(cut -d' ' -f1-3 /proc/loadavg)
table="| database | requests | p50 ms | p90 ms | p99 ms | max ms | rows/answer | deployable | seeding |
|---|---:|---:|---:|---:|---:|---:|---|---:|"
for r in "${results[@]}"; do table+=$'\n'"$r"; done
echo "$table"
{
  echo
  echo "## can-i-deploy (pact matrix)"
  echo
  echo "\`bench/pact-matrix.sh $which\` ($(date -u +%Y-%m-%d), $(nproc) cores, load average $load"
  echo "while other work ran — figures taken under load): $APPS applications, $INTEGRATIONS"
  echo "integrations, $VERSIONS versions each with a pact per consumer version and each provider version's"
  echo "verifications (of its own-numbered consumer version's pact and of the pact in production); $N sequential \`GET /can-i-deploy?…&environment=production\` requests over"
  echo "one keep-alive connection from a separate Python process, release \`accord serve\`."
  echo
  echo "$table"
} >>"$root/docs/benchmarks.md"
