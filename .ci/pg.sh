#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (initdb + pg_ctl, PostgreSQL 15 as installed on the
# machine) in a temp dir on a free loopback port, and prints
#   export DATABASE_URL=postgres://accord@127.0.0.1:PORT/postgres
# for `eval`. The cluster stops and its directory is removed when process OWNER_PID exits:
#   eval "$(bash .ci/pg.sh $$)"
# initdb refuses to run as root, so as root the cluster runs as the `postgres` user (created
# if missing). Exits non-zero, saying why, when PostgreSQL cannot be started.
set -euo pipefail
owner=${1:-$PPID}

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local c
  for c in /usr/lib/postgresql/*/bin/"$1" /usr/local/pgsql/bin/"$1"; do
    [ -x "$c" ] && { echo "$c"; return; }
  done
  echo "pg.sh: $1 not found (install PostgreSQL 15)" >&2
  exit 1
}
initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)

dir=$(mktemp -d /tmp/accord-pg.XXXXXX)
chmod 755 "$dir"
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_owner() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi

port=""
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "pg.sh: no free port" >&2; exit 1; }

as_owner "$initdb" -D "$dir/data" -U accord --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

# The watcher holds no inherited descriptors, so `$(...)` returns at once.
nohup bash -c "
  while kill -0 $owner 2>/dev/null; do sleep 1; done
  $(declare -f as_owner)
  as_owner '$pg_ctl' -D '$dir/data' -m immediate stop
  rm -rf '$dir'
" </dev/null >/dev/null 2>&1 &

echo "export DATABASE_URL=postgres://accord@127.0.0.1:$port/postgres"
