#!/usr/bin/env python3
"""Compares buf's JSON-lines findings with accord's JSON findings.

usage: compare.py BUF.jsonl ACCORD.json [PREFIX]
Prints one JSON object: counts, agreement, and per-rule agreement. Findings are compared as
(rule, file, line, column); PREFIX is stripped from accord's file paths.
"""
import collections
import json
import sys


def buf_keys(path):
    keys = set()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            v = json.loads(line)
            keys.add((v.get("type", ""), v.get("path", ""), v.get("start_line", 1), v.get("start_column", 1)))
    return keys


def accord_keys(path, prefix):
    with open(path) as f:
        doc = json.load(f)
    keys = set()
    for x in doc["findings"]:
        file = x["file"]
        if prefix and file.startswith(prefix):
            file = file[len(prefix):]
        keys.add((x["rule"], file, x["line"], x["column"]))
    return keys


def main():
    buf = buf_keys(sys.argv[1])
    acc = accord_keys(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    rules = collections.defaultdict(lambda: [0, 0, 0])  # both, buf only, accord only
    for k in buf & acc:
        rules[k[0]][0] += 1
    for k in buf - acc:
        rules[k[0]][1] += 1
    for k in acc - buf:
        rules[k[0]][2] += 1
    union = len(buf | acc)
    print(json.dumps({
        "buf": len(buf),
        "accord": len(acc),
        "both": len(buf & acc),
        "agreement": (len(buf & acc) / union) if union else 1.0,
        "rules": {r: {"both": v[0], "buf_only": v[1], "accord_only": v[2]} for r, v in sorted(rules.items())},
        "buf_only_sample": sorted(buf - acc)[:10],
        "accord_only_sample": sorted(acc - buf)[:10],
    }))


if __name__ == "__main__":
    main()
