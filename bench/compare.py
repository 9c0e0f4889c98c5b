#!/usr/bin/env python3
"""Compares buf's JSON-lines findings with accord's JSON findings.

usage: compare.py BUF.jsonl ACCORD.json [PREFIX]
Prints one JSON object: counts, agreement, and per-rule agreement. Findings are compared as
a multiset of (rule, file, line, column) — several findings may share a place, e.g. every
deleted field of one message — and separately with their message text too. PREFIX is
stripped from accord's file paths.
"""
import collections
import json
import sys


def buf_keys(path):
    keys = collections.Counter()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            v = json.loads(line)
            keys[(v.get("type", ""), v.get("path", ""), v.get("start_line", 1), v.get("start_column", 1),
                  v.get("message", ""))] += 1
    return keys


def accord_keys(path, prefix):
    with open(path) as f:
        doc = json.load(f)
    keys = collections.Counter()
    for x in doc["findings"]:
        file = x["file"]
        if prefix and file.startswith(prefix):
            file = file[len(prefix):]
        keys[(x["rule"], file, x["line"], x["column"], x["message"])] += 1
    return keys


def place_only(c):
    out = collections.Counter()
    for k, n in c.items():
        out[k[:4]] += n
    return out


def main():
    buf_full = buf_keys(sys.argv[1])
    acc_full = accord_keys(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    same_message = sum((buf_full & acc_full).values())
    buf, acc = place_only(buf_full), place_only(acc_full)
    rules = collections.defaultdict(lambda: [0, 0, 0])  # both, buf only, accord only
    for k, n in (buf & acc).items():
        rules[k[0]][0] += n
    for k, n in (buf - acc).items():
        rules[k[0]][1] += n
    for k, n in (acc - buf).items():
        rules[k[0]][2] += n
    both = sum((buf & acc).values())
    union = sum((buf | acc).values())
    print(json.dumps({
        "buf": sum(buf.values()),
        "accord": sum(acc.values()),
        "both": both,
        "same_message": same_message,
        "agreement": (both / union) if union else 1.0,
        "rules": {r: {"both": v[0], "buf_only": v[1], "accord_only": v[2]} for r, v in sorted(rules.items())},
        "buf_only_sample": sorted((buf - acc).elements())[:10],
        "accord_only_sample": sorted((acc - buf).elements())[:10],
        "message_differs_sample": sorted((buf_full - acc_full).elements())[:5],
    }))


if __name__ == "__main__":
    main()
