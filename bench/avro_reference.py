#!/usr/bin/env python3
"""Apache Avro's reference compatibility checker over a file of reader/writer pairs.

Usage: avro_reference.py PAIRS.json [--repeat N] [--check-only | --parse-only | --json-only]
       avro_reference.py --chain NEW.avsc OLD.avsc...   (FULL_TRANSITIVE: both directions)
PAIRS.json is a JSON list of {"reader": <schema>, "writer": <schema>}. Prints a JSON list with,
for each pair, {"compatible", "incompatibilities", "locations"} (or {"error"} when the reference
cannot parse a schema) on stdout, and on stderr, of N passes over the pairs, each parsing both texts
and checking, the fastest pass's wall time and the mean CPU time per pass; with --check-only every schema is parsed
before the timer starts and only the checks are timed (nothing on stdout).
Needs the `avro` package (pip install avro).
"""
import json
import sys
import time
import warnings

from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType
from avro.schema import parse


def chain(new_path: str, old_paths: list) -> None:
    """FULL_TRANSITIVE as a registry runs it: parse every version, check both directions."""
    warnings.simplefilter("ignore")
    start, cpu = time.perf_counter(), time.process_time()
    with open(new_path, encoding="utf-8") as f:
        new = parse(f.read())
    bad = 0
    for p in old_paths:
        with open(p, encoding="utf-8") as f:
            old = parse(f.read())
        for reader, writer in ((new, old), (old, new)):
            r = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
            if r.compatibility is not SchemaCompatibilityType.compatible:
                bad += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"reference: FULL_TRANSITIVE against {len(old_paths)} versions, {bad} incompatible, in {elapsed:.3f} s (cpu {cpu:.3f} s)", file=sys.stderr)


def main() -> None:
    if sys.argv[1] == "--chain":
        chain(sys.argv[2], sys.argv[3:])
        return
    path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    check_only = "--check-only" in sys.argv
    # Two breakdowns of the pair loop: parsing both texts without checking, and decoding
    # them with the json module alone (the C decoder `parse` starts with), which bounds
    # from below what any reader of the texts costs in this process.
    parse_only = "--parse-only" in sys.argv
    json_only = "--json-only" in sys.argv
    with open(path, encoding="utf-8") as f:
        pairs = json.load(f)
    # The schema texts are made before any timer, as rules/examples/avro_bench.rs makes its
    # own: both sides time parsing text and checking, not serializing the pairs file.
    texts = [(json.dumps(p["reader"]), json.dumps(p["writer"])) for p in pairs]
    warnings.simplefilter("ignore")
    best_wall, total_cpu = float("inf"), 0.0
    out = []
    for _ in range(repeat):
        if check_only:
            parsed = [(parse(r), parse(w)) for r, w in texts]
            start, cpu = time.perf_counter(), time.process_time()
            for reader, writer in parsed:
                ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
        elif parse_only:
            start, cpu = time.perf_counter(), time.process_time()
            for r, w in texts:
                parse(r)
                parse(w)
        elif json_only:
            start, cpu = time.perf_counter(), time.process_time()
            for r, w in texts:
                json.loads(r)
                json.loads(w)
        else:
            start, cpu = time.perf_counter(), time.process_time()
            out = [one(r, w) for r, w in texts]
        best_wall = min(best_wall, time.perf_counter() - start)
        total_cpu += time.process_time() - cpu
    what = "checks only" if check_only else "parse only" if parse_only else "json.loads only" if json_only else "parse + check"
    print(f"reference: {len(pairs)} pairs, {what}, {repeat} passes: fastest in {best_wall:.4f} s (cpu {total_cpu / repeat:.4f} s per pass)", file=sys.stderr)
    if not (check_only or parse_only or json_only):
        json.dump(out, sys.stdout)


def one(reader_text: str, writer_text: str) -> dict:
    """Parses and checks one pair; a parse failure is reported for the pair."""
    try:
        reader = parse(reader_text)
        writer = parse(writer_text)
    except Exception as e:  # noqa: BLE001 - report any parse failure per pair
        return {"error": f"{type(e).__name__}: {e}"}
    r = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
    return {
        "compatible": r.compatibility is SchemaCompatibilityType.compatible,
        "incompatibilities": sorted({i.name.upper() for i in r.incompatibilities}),
        "locations": sorted(r.locations),
    }


if __name__ == "__main__":
    main()
