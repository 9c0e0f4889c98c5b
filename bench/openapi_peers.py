#!/usr/bin/env python3
"""Compares accord's OpenAPI findings with Spectral's and optic's, for bench/openapi-peers.sh.

usage:
  openapi_peers.py lint SPECTRAL.json ACCORD.json RULES.json RECOMMENDED.json [BASE]
      Spectral's `-f json` array against accord's `lint --format json`, as a multiset of
      (rule, file, line, column). Spectral's ranges are 0-based, accord's 1-based. RULES.json
      is `accord rules list --format openapi --kind lint --json` (which ids accord has);
      RECOMMENDED.json maps each spectral:oas rule id to whether it is recommended. Relative
      file names are taken from BASE (default: the working directory). Prints JSON.
  openapi_peers.py optic OPTIC.txt OPTIC_CWD ACCORD.json [BASE]
      optic's `diff --check` text against accord's `breaking --format json` for one pair.
      Prints JSON: matched, only optic, only accord (split by whether optic has a check of
      that kind at all).
  openapi_peers.py optic-status OPTIC.txt OPTIC.err RC TIMEOUT
      One line saying how an optic or Spectral run ended: "ok", "timed out after N s",
      "rejected the spec: ..." or "crashed: <first line>".
  openapi_peers.py report STEP WORK CACHE NOTE
      The markdown of one step (parity, optic, speed) of bench/openapi-peers.sh from the files
      it left in WORK and CACHE; NOTE says when and where it ran.
  openapi_peers.py splice DOC.md SECTION CONTENT.md
      Replaces the text between `<!-- begin SECTION -->` and `<!-- end SECTION -->` in DOC.md
      (appending a new "## SECTION" heading with the markers when they are missing).
"""
import collections
import json
import os
import re
import sys

# optic's breaking-changes ruleset (the rule names of @useoptic/standard-rulesets, which optic
# prints in brackets) against the oasdiff ids accord uses for the same kind of change. A
# finding agrees when both tools report that kind of change at the same file and line (optic's
# column is an offset into the file, not a column, so it is not compared).
OPTIC_KINDS = [
    ("prevent operation removal",
     r"api(-path)?-removed-(without-deprecation|before-sunset)"),
    ("prevent response status code removal",
     r"response-(success|non-success)-status-removed"),
    (r"prevent new required \w+ parameters",
     r"new-required-request-(parameter|default-parameter-to-existing-path|header-property)"
     r"|new-request-path-parameter"),
    (r"prevent requiring existing \w+ parameters",
     r"request-(parameter|header-property)-became-required"),
    (r"prevent \w+ parameters type changes",
     r"request-parameter-(property-)?"
     r"(type-changed|type-specialized|list-of-types-narrowed|became-not-nullable)"),
    (r"prevent \w+ parameters enum breaking changes",
     r"request-(parameter|header-property)-(property-)?"
     r"(became-enum|enum-value-removed|x-extensible-enum-value-removed)"),
    ("request and response property enums",
     r"request-(body|property)-(became-enum|enum-value-removed|x-extensible-enum-value-removed"
     r"|const-added|const-changed)|response-(body|property)-(enum-value-added|const-removed"
     r"|const-changed)"),
    ("prevent changing request property to required",
     r"new-required-request-property(-with-default)?|request-property-became-required"
     r"(-with-default)?"),
    ("prevent making response property optional", r"response-property-became-optional"),
    ("prevent removing response property|prevent required response property removals",
     r"response-(required|optional)-property-removed"),
    ("prevent request property type changes",
     r"request-(body|property)-(type-changed|list-of-types-narrowed|became-not-nullable)"),
    ("prevent response property type changes",
     r"response-(body|property)-(type-changed|type-generalized|list-of-types-widened"
     r"|became-nullable)"),
    ("prevent expanded in request union types",
     r"request-(body|property)-(type-changed|one-of-removed|any-of-removed|list-of-types-narrowed)"),
    ("prevent narrowing in response union types",
     r"response-(body|property)-(type-changed|one-of-added|list-of-types-widened)"),
]


def optic_kind(rule):
    """The index in OPTIC_KINDS of optic's rule name, or None."""
    for i, (name, _) in enumerate(OPTIC_KINDS):
        if re.fullmatch(name, rule):
            return i
    return None


def accord_kinds(rule):
    """Indices in OPTIC_KINDS whose accord ids include this accord rule id."""
    return [i for i, (_, ids) in enumerate(OPTIC_KINDS) if re.fullmatch(ids, rule)]


OPERATION = re.compile(r"^[x✔!] ([A-Z]+ \S+):")
CHECK = re.compile(r"^\s*[x!] \[([^\]]+)\] (.*)$")
AT = re.compile(r"^\s*at (.+):(\d+):(\d+)\s*$")


def parse_optic(text, cwd):
    """optic's `diff --check` text: [{rule, message, operation, file, line}]."""
    out, operation, pending = [], None, None
    for raw in text.splitlines():
        m = OPERATION.match(raw)
        if m:
            operation = m.group(1)
            continue
        m = CHECK.match(raw)
        if m:
            pending = {"rule": m.group(1), "message": m.group(2), "operation": operation,
                       "file": None, "line": None}
            out.append(pending)
            continue
        m = AT.match(raw)
        if m and pending is not None:
            pending["file"] = os.path.normpath(os.path.join(cwd, m.group(1)))
            pending["line"] = int(m.group(2))
            pending = None
    return out


def load_accord(path):
    with open(path) as f:
        return json.load(f)["findings"]


def absolute(file, base):
    return os.path.normpath(os.path.join(base, file))


def operation_of(finding):
    """accord's finding path starts with the operation: "POST /pets request body (…)"."""
    return " ".join(finding.get("path", "").split(" ")[:2])


def compare_optic(optic, accord, base):
    """Matches optic's findings with accord's: same kind of change, file and line."""
    open_accord = collections.defaultdict(list)
    for a in accord:
        for k in accord_kinds(a["rule"]):
            open_accord[(k, absolute(a["file"], base), a["line"])].append(a)
    used = set()
    matched, only_optic = [], []
    for o in optic:
        k = optic_kind(o["rule"])
        hit = None
        for a in open_accord.get((k, o["file"], o["line"]), []):
            if id(a) not in used:
                hit = a
                break
        if hit is None:
            only_optic.append(o)
        else:
            used.add(id(hit))
            matched.append((o, hit))
    # The same change of the same operation reported at another line: optic puts a request
    # or response body's change at its media type, accord at the schema.
    by_operation = collections.defaultdict(list)
    for a in accord:
        if id(a) not in used:
            for k in accord_kinds(a["rule"]):
                by_operation[(k, absolute(a["file"], base), operation_of(a))].append(a)
    elsewhere, unmatched = [], []
    for o in only_optic:
        hit = next((a for a in by_operation.get((optic_kind(o["rule"]), o["file"], o["operation"]), [])
                    if id(a) not in used), None)
        if hit is None:
            unmatched.append(o)
        else:
            used.add(id(hit))
            elsewhere.append((o, hit))
    only_optic = unmatched
    only_accord = [a for a in accord if id(a) not in used]
    no_optic_check = [a for a in only_accord if not accord_kinds(a["rule"])]
    return {
        "optic": len(optic),
        "accord": len(accord),
        "both": len(matched),
        "both_other_line": len(elsewhere),
        "only_optic": len(only_optic),
        "only_accord": len(only_accord),
        "only_accord_no_optic_check": len(no_optic_check),
        "only_optic_by_rule": dict(collections.Counter(o["rule"] for o in only_optic)),
        "only_accord_by_rule": dict(collections.Counter(a["rule"] for a in only_accord)),
        "both_by_rule": dict(collections.Counter(o["rule"] for o, _ in matched + elsewhere)),
        "unmapped_optic_rules": sorted({o["rule"] for o in optic if optic_kind(o["rule"]) is None}),
        "only_optic_sample": [f'{o["operation"]}: [{o["rule"]}] {o["message"]}'
                              for o in only_optic[:5]],
        "only_accord_sample": [f'{a["rule"]}: {a["message"]}' for a in only_accord[:5]],
    }


def spectral_keys(findings, base):
    keys = collections.Counter()
    for x in findings:
        start = x["range"]["start"]
        keys[(x["code"], absolute(x["source"], base), start["line"] + 1,
              start["character"] + 1)] += 1
    return keys


def accord_keys(findings, base):
    keys = collections.Counter()
    for x in findings:
        keys[(x["rule"], absolute(x["file"], base), x["line"], x["column"])] += 1
    return keys


def compare_lint(spectral, accord, accord_ids, recommended, base):
    """Per rule: findings at the same place from both, only Spectral, only accord."""
    s, a = spectral_keys(spectral, base), accord_keys(accord, base)
    rules = collections.defaultdict(lambda: {"both": 0, "only_spectral": 0, "only_accord": 0})
    for k, n in (s & a).items():
        rules[k[0]]["both"] += n
    for k, n in (s - a).items():
        rules[k[0]]["only_spectral"] += n
    for k, n in (a - s).items():
        rules[k[0]]["only_accord"] += n
    for r, v in rules.items():
        v["in_accord"] = r in accord_ids
        v["recommended"] = recommended.get(r)
    # Agreement over the rules accord has, so a rule not written yet does not hide the others.
    shared = [v for v in rules.values() if v["in_accord"]]
    both = sum(v["both"] for v in shared)
    union = sum(v["both"] + v["only_spectral"] + v["only_accord"] for v in shared)
    return {
        "spectral": sum(s.values()),
        "accord": sum(a.values()),
        "both": sum((s & a).values()),
        "agreement_on_accord_rules": (both / union) if union else 1.0,
        "rules": dict(sorted(rules.items())),
        "only_spectral_sample": sorted((s - a).elements())[:10],
        "only_accord_sample": sorted((a - s).elements())[:10],
    }


def run_status(out_text, err_text, rc, timeout):
    """How a peer's run ended, in a few words."""
    if rc == 124:
        return f"timed out after {timeout} s"
    lines = [ln.strip() for ln in err_text.splitlines() if ln.strip()]
    invalid = [ln for ln in lines if ln.startswith("invalid openapi")]
    if invalid:
        return f"rejected the spec ({len(invalid)} errors), first: {invalid[0][:160]}"
    # Exit 1 is also how both peers say "findings"; a crash leaves no report behind.
    if rc in (0, 1) and out_text.strip():
        return "ok"
    first = next((ln for ln in lines if not ln.startswith("Command ")), f"exit status {rc}")
    return f"crashed (exit {rc}): {first[:160]}"


def read_tsv(path):
    try:
        with open(path) as f:
            return [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except FileNotFoundError:
        return []


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (FileNotFoundError, ValueError):
        return None


def caps(work):
    with open(os.path.join(work, "caps")) as f:
        lint, changelog = f.read().split()
    return lint == "1", changelog == "1"


def report_parity(work, cache):
    has_lint, _ = caps(work)
    out = ["`bench/openapi-peers.sh parity`: Spectral with every `spectral:oas` rule against "
           "`accord lint --format json`, compared on (rule, file, line, column).", ""]
    if not has_lint:
        out += ["`accord lint` for OpenAPI: **not available in this build** (no OpenAPI lint "
                "rule in `accord rules list`); Spectral's side:", ""]
    out += ["| input | Spectral | accord | same place | agreement (accord's rules) |",
            "|---|---|---|---|---|"]
    totals = collections.defaultdict(lambda: collections.Counter())
    spectral_rules = collections.Counter()
    for name, label, status in read_tsv(os.path.join(work, "parity.tsv")):
        key = [ln for ln in open(os.path.join(work, "parity.list")) if ln.startswith(name + "|")]
        cache_key = key[0].split("|")[2]
        spectral = read_json(os.path.join(cache, cache_key + ".out"))
        if status != "ok" or not isinstance(spectral, list):
            out.append(f"| {label} | {status} | | | |")
            continue
        spectral_rules.update(x["code"] for x in spectral)
        c = read_json(os.path.join(work, f"parity-{name}.json"))
        if c is None:
            out.append(f"| {label} | {len(spectral)} | not available in this build | | |")
            continue
        for r, v in c["rules"].items():
            totals[r].update(v)
        out.append(f"| {label} | {c['spectral']} | {c['accord']} | {c['both']} | "
                   f"{c['agreement_on_accord_rules'] * 100:.2f}% |")
    out.append("")
    if has_lint:
        out += ["Per rule, all inputs together (recommended: in Spectral's default "
                "`spectral:oas`):", "",
                "| rule | recommended | in accord | both | only Spectral | only accord |",
                "|---|---|---|---|---|---|"]
        rec = read_json(os.path.join(work, "recommended.json")) or {}
        for r, v in sorted(totals.items()):
            out.append(f"| `{r}` | {'yes' if rec.get(r, False) else 'no'} | "
                       f"{'yes' if v['in_accord'] else 'no'} | {v['both']} | "
                       f"{v['only_spectral']} | {v['only_accord']} |")
    else:
        out += ["Spectral's findings per rule, all inputs together: " +
                ", ".join(f"`{r}` {n}" for r, n in spectral_rules.most_common()) + "."]
    return "\n".join(out)


def report_optic(work, cache):
    out = ["`bench/openapi-peers.sh optic`: `optic diff OLD NEW --check` (its default "
           "breaking-changes ruleset) beside `accord breaking NEW --against OLD`. A finding "
           "agrees when both report the same kind of change at the same file and line, or "
           "failing that on the same operation (optic's rule names are mapped to accord's ids in `bench/openapi_peers.py`).", ""]
    fx = [read_json(os.path.join(work, n)) for n in sorted(os.listdir(work))
          if n.startswith("optic-fx-")]
    fx = [c for c in fx if c is not None]
    if fx:
        sums = collections.Counter()
        only_optic, only_accord, both = (collections.Counter() for _ in range(3))
        unmapped = set()
        for c in fx:
            for k in ("optic", "accord", "both", "both_other_line", "only_optic", "only_accord",
                      "only_accord_no_optic_check"):
                sums[k] += c[k]
            only_optic.update(c["only_optic_by_rule"])
            only_accord.update(c["only_accord_by_rule"])
            both.update(c["both_by_rule"])
            unmapped.update(c["unmapped_optic_rules"])
        failed = sum(1 for n in os.listdir(os.path.join(cache, "optic-fixtures"))
                     if n.endswith(".rc") and open(os.path.join(cache, "optic-fixtures", n))
                     .read().strip() not in ("0", "1"))
        out += [f"**Fixtures** ({len(fx)} pairs under fixtures/openapi; optic failed on "
                f"{failed}): optic {sums['optic']} findings, accord {sums['accord']}; "
                f"{sums['both']} agree at the same line and {sums['both_other_line']} more on "
                f"the same operation at another line; {sums['only_optic']} only optic; "
                f"{sums['only_accord']} only accord, of which "
                f"{sums['only_accord_no_optic_check']} are of a kind optic has no check for.", "",
                "- agree: " + (", ".join(f"[{r}] {n}" for r, n in both.most_common()) or "none"),
                "- only optic: " + (", ".join(f"[{r}] {n}" for r, n in only_optic.most_common())
                                    or "none"),
                "- only accord (top 15 ids): " +
                (", ".join(f"`{r}` {n}" for r, n in only_accord.most_common(15)) or "none")]
        if unmapped:
            out.append("- optic rules with no accord counterpart: " + ", ".join(sorted(unmapped)))
        out.append("")
    out += ["| corpus pair | optic | accord findings | agree | only optic | only accord |",
            "|---|---|---|---|---|---|"]
    for name, n, status in read_tsv(os.path.join(work, "optic.tsv")):
        c = read_json(os.path.join(work, f"optic-{name}.json"))
        if c is None:
            out.append(f"| {name} | {status} | {n} | | | |")
        else:
            out.append(f"| {name} | {status}: {c['optic']} findings | {n} | "
                       f"{c['both'] + c['both_other_line']} | "
                       f"{c['only_optic']} | {c['only_accord']} |")
    return "\n".join(out)


def report_speed(work, cache):
    out = ["`bench/openapi-peers.sh speed`: one run per peer (cached in bench/.cache/peers), "
           "best of RUNS for accord; wall and CPU (user+sys) seconds, peak RSS.", "",
           "| pair | command | wall | CPU | peak RSS | result |", "|---|---|---|---|---|---|"]
    rows = read_tsv(os.path.join(work, "speed.tsv"))
    for name, cmd, wall, cpu, mb, result in rows:
        if wall:
            out.append(f"| {name} | `{cmd}` | {wall} s | {cpu} s | {mb} MB | {result} |")
        else:
            out.append(f"| {name} | `{cmd}` | | | | {result} |")
    # The target: accord lint at least 50x faster than Spectral.
    times = {(r[0], r[1]): r for r in rows if r[2]}
    ratios = []
    for name in dict.fromkeys(r[0] for r in rows):
        a, b = times.get((name, "accord lint")), times.get((name, "spectral lint"))
        if a and b and float(a[2]) > 0 and float(a[3]) > 0:
            ratios.append(f"{name} {float(b[2]) / float(a[2]):.0f}x wall, "
                          f"{float(b[3]) / float(a[3]):.0f}x CPU")
    if ratios:
        out += ["", "`spectral lint` time / `accord lint` time: " + "; ".join(ratios) + "."]
    return "\n".join(out)


def report(step, work, cache, note):
    body = {"parity": report_parity, "optic": report_optic, "speed": report_speed}[step]
    return f"{body(work, cache)}\n\n({note}.)\n"


def splice(doc, section, content):
    begin, end = f"<!-- begin {section} -->", f"<!-- end {section} -->"
    block = f"{begin}\n{content.rstrip()}\n{end}"
    if begin in doc and end in doc:
        head, rest = doc.split(begin, 1)
        return head + block + rest.split(end, 1)[1]
    return doc.rstrip("\n") + f"\n\n## {section}\n\n{block}\n"


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "lint":
        with open(argv[2]) as f:
            spectral = json.load(f)
        with open(argv[4]) as f:
            ids = {r["id"] for r in json.load(f)}
        with open(argv[5]) as f:
            recommended = json.load(f)
        base = argv[6] if len(argv) > 6 else os.getcwd()
        print(json.dumps(compare_lint(spectral, load_accord(argv[3]), ids, recommended, base)))
    elif cmd == "optic":
        with open(argv[2]) as f:
            optic = parse_optic(f.read(), argv[3])
        base = argv[5] if len(argv) > 5 else os.getcwd()
        print(json.dumps(compare_optic(optic, load_accord(argv[4]), base)))
    elif cmd == "optic-status":
        with open(argv[2]) as f:
            out_text = f.read()
        with open(argv[3]) as f:
            err_text = f.read()
        print(run_status(out_text, err_text, int(argv[4]), argv[5]))
    elif cmd == "report":
        sys.stdout.write(report(argv[2], argv[3], argv[4], argv[5]))
    elif cmd == "splice":
        with open(argv[2]) as f:
            doc = f.read()
        with open(argv[4]) as f:
            content = f.read()
        with open(argv[2], "w") as f:
            f.write(splice(doc, argv[3], content))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
