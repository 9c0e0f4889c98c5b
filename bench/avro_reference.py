#!/usr/bin/env python3
"""Apache Avro's reference compatibility checker over a file of reader/writer pairs.

Usage: avro_reference.py PAIRS.json [--repeat N]
       avro_reference.py --chain NEW.avsc OLD.avsc...   (FULL_TRANSITIVE: both directions)
PAIRS.json is a JSON list of {"reader": <schema>, "writer": <schema>}. Prints a JSON list with,
for each pair, {"compatible", "incompatibilities", "locations"} (or {"error"} when the reference
cannot parse a schema) on stdout, and the time the checks took on stderr.
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
    with open(path, encoding="utf-8") as f:
        pairs = json.load(f)
    warnings.simplefilter("ignore")
    start, cpu = time.perf_counter(), time.process_time()
    out = []
    for _ in range(repeat):
        out = []
        for p in pairs:
            try:
                reader = parse(json.dumps(p["reader"]))
                writer = parse(json.dumps(p["writer"]))
            except Exception as e:  # noqa: BLE001 - report any parse failure per pair
                out.append({"error": f"{type(e).__name__}: {e}"})
                continue
            r = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
            out.append(
                {
                    "compatible": r.compatibility is SchemaCompatibilityType.compatible,
                    "incompatibilities": sorted({i.name.upper() for i in r.incompatibilities}),
                    "locations": sorted(r.locations),
                }
            )
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"reference: {len(pairs)} pairs x {repeat} in {elapsed:.3f} s (cpu {cpu:.3f} s)", file=sys.stderr)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
