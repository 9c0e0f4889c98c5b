#!/usr/bin/env bash
# can-i-deploy over an environment where every kind of contract is deployed (issue 7
# acceptance 4): APPS applications, each consuming from the next one through one of three
# kinds — a pact verified by a provider run, a pact compared with the provider's published
# OpenAPI document (bi-directional), or an Avro event schema (reader against the deployed
# writer). Everything is seeded through the real HTTP API of a release `accord serve`
# (pacts, verification results, provider contracts, schema links, environments,
# deployments), version 1.0.0 of every application is deployed to `production`, and each
# application's 1.1.0 is asked `GET /can-i-deploy?…&environment=production` N times in all,
# from a separate Python process over one keep-alive connection. Prints p50/p90/p99/max
# per database and appends them to docs/benchmarks.md.
#
#   bench/can-i-deploy-mixed.sh [sqlite|postgres|both]   (default both; PostgreSQL via .ci/pg.sh)
#   APPS=200 N=2000 bench/can-i-deploy-mixed.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-both}
APPS=${APPS:-200}
N=${N:-2000}
(cd "$root" && cargo build --release -q -p accord)
accord=$root/target/release/accord
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/mixed.py" <<'PY'
import base64, http.client, json, statistics, sys, time
addr, apps, n, fixtures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
host, port = addr.rsplit(":", 1)
conn = http.client.HTTPConnection(host, int(port))

def call(method, path, body=None, ok=(200, 201)):
    data = None if body is None else (body if isinstance(body, str) else json.dumps(body))
    conn.request(method, path, body=data, headers={
        "Accept": "application/hal+json", "Content-Type": "application/json"})
    r = conn.getresponse()
    raw = r.read()
    if r.status not in ok:
        sys.exit(f"{method} {path}: HTTP {r.status} {raw[:400]!r}")
    return json.loads(raw) if raw else None

pact_text = open(f"{fixtures}/compatible-v3/pact.json").read()
openapi = open(f"{fixtures}/compatible-v3/openapi.yaml").read()
def schema(v):  # the reader of 1.1.0 reads a field with a default the writer lacks: compatible
    fields = [{"name": "id", "type": "long"}, {"name": "total", "type": "double"}]
    if v == "1.1.0":
        fields.append({"name": "note", "type": "string", "default": ""})
    return json.dumps({"type": "record", "name": "Order", "fields": fields})

app = lambda i: f"app-{i % apps:03d}"
kind = lambda i: ("pact", "bidi", "schema")[i % 3]
env = call("POST", "/environments", {"name": "production", "production": True})["uuid"]

def publish_pact(c, p, v):
    text = pact_text.replace('"name": "compatible-v3"', f'"name": "{c}"', 1)
    text = text.replace('"provider": {\n    "name": "orders"', f'"provider": {{\n    "name": "{p}"', 1)
    doc = json.loads(text)
    doc["consumer"]["name"], doc["provider"]["name"] = c, p
    call("PUT", f"/pacts/provider/{p}/consumer/{c}/version/{v}", json.dumps(doc))
    return call("GET", f"/pacts/provider/{p}/consumer/{c}/version/{v}")

def verify(pact, p, v):
    href = pact["_links"]["pb:publish-verification-results"]["href"]
    path = "/" + href.split("/", 3)[3]
    call("POST", path, {"success": True, "providerApplicationVersion": v})

t0 = time.time()
for v in ("1.0.0", "1.1.0"):
    for i in range(apps):
        c, p = app(i), app(i + 1)
        k = kind(i)
        if k == "pact":
            pact = publish_pact(c, p, v)
            for pv in ("1.0.0", "1.1.0") if v == "1.0.0" else ("1.1.0",):
                verify(pact, p, pv)
        elif k == "bidi":
            publish_pact(c, p, v)
        else:
            sub = f"orders-{i + 1}-value"
            call("PUT", f"/pacticipants/{c}/versions/{v}/schemas/reader/{sub}", {"schema": schema(v)})
            call("PUT", f"/pacticipants/{p}/versions/{v}/schemas/writer/{sub}", {"schema": schema("1.0.0")})
    # providers publish their OpenAPI documents after the pacts of this round
    for i in range(apps):
        if kind(i) == "bidi":
            p = app(i + 1)
            call("POST", f"/provider-contracts/provider/{p}/publish", {
                "pacticipantVersionNumber": v, "branch": "main",
                "contract": {"content": base64.b64encode(openapi.encode()).decode(),
                             "contentType": "application/yaml", "specification": "oas",
                             "selfVerificationResults": {"success": True, "verifier": "bench"}}})
    if v == "1.0.0":
        for i in range(apps):
            call("POST", f"/pacticipants/{app(i)}/versions/1.0.0/deployed-versions/environment/{env}", {})
seeded = time.time() - t0

paths = [f"/can-i-deploy?pacticipant={app(i)}&version=1.1.0&environment=production" for i in range(apps)]
for p in paths:  # warm-up (fills the reader/writer verdict cache as the first real run does)
    call("GET", p)
lat, verdicts, rows, kinds = [], {}, 0, {}
for j in range(n):
    p = paths[j % len(paths)]
    t = time.perf_counter()
    m = call("GET", p)
    lat.append((time.perf_counter() - t) * 1000)
    d = str(m["summary"]["deployable"])
    verdicts[d] = verdicts.get(d, 0) + 1
    rows += len(m["matrix"])
    for r in m["matrix"]:
        k = (r.get("contract") or {}).get("kind", "?")
        kinds[k] = kinds.get(k, 0) + 1
lat.sort()
q = lambda f: lat[min(len(lat) - 1, int(f * len(lat)))]
print(f"{n} {q(0.50):.2f} {q(0.90):.2f} {q(0.99):.2f} {lat[-1]:.2f} {rows / n:.1f} "
      + ",".join(f"{k}={v}" for k, v in sorted(verdicts.items())) + " "
      + ",".join(f"{k}={v / n:.2f}" for k, v in sorted(kinds.items())) + f" {seeded:.0f}")
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
  local label=$1 url=$2 out
  start "$url"
  out=$(python3 "$work/mixed.py" "$addr" "$APPS" "$N" "$root/fixtures/pact")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  read -r n p50 p90 p99 max rows verdicts kinds seeded <<<"$out"
  results+=("| $label | $n | $p50 | $p90 | $p99 | $max | $rows | $verdicts | $kinds | ${seeded} s |")
}

case $which in
  sqlite|both) run SQLite "sqlite://$work/mixed.db" ;;
esac
case $which in
  postgres|both)
    eval "$(bash "$root/.ci/pg.sh" $$)"
    run PostgreSQL "$DATABASE_URL" ;;
esac

table="| database | requests | p50 ms | p90 ms | p99 ms | max ms | rows/answer | deployable | rows per kind (per answer) | seeding |
|---|---|---|---|---|---|---|---|---|---|"
for r in "${results[@]}"; do table+=$'\n'"$r"; done
echo "$table"
{
  echo
  echo "### can-i-deploy across contract kinds ($(date -u +%Y-%m-%d), APPS=$APPS N=$N)"
  echo
  echo "Command: \`bench/can-i-deploy-mixed.sh $which\` (load average at start: $(cut -d' ' -f1 /proc/loadavg))."
  echo
  echo "$table"
} >>"$root/docs/benchmarks.md"
