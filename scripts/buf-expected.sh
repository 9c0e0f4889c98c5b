#!/bin/sh
# Prints what real buf reports for a fixture, in expected.txt form
# (`<file>:<line>:<col> <RULE_ID> <message>`, sorted), to compare with accord's expected.txt:
#
#   scripts/buf-expected.sh fixtures/protobuf/FIELD_NO_DELETE | diff - fixtures/protobuf/FIELD_NO_DELETE/expected.txt
#
# BUF names the buf binary (default: buf on PATH). Needs python3.
set -eu
dir=${1:?usage: buf-expected.sh fixtures/protobuf/RULE_ID}
buf=${BUF:-buf}
if [ -d "$dir/input" ]; then
  out=$(cd "$dir/input" && "$buf" lint --error-format=json || true)
elif [ -d "$dir/history" ]; then
  echo "history fixtures: run buf against each history/N separately" >&2
  exit 2
else
  out=$(cd "$dir/current" && "$buf" breaking . --against ../previous --error-format=json || true)
fi
printf '%s\n' "$out" | python3 -c '
import json, sys
rows = []
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    v = json.loads(line)
    rows.append((v.get("path", ""), v.get("start_line", 1), v.get("start_column", 1), v["type"], v["message"]))
for r in sorted(rows):
    print("%s:%d:%d %s %s" % r)
'
