"""Unit tests of bench/openapi_peers.py: the comparisons must hold without the peers installed.

Run with `python3 -m unittest discover -s bench -p 'test_*.py'` (rules/tests/bench_scripts.rs
does).
"""
import os
import tempfile
import unittest

import openapi_peers as op

# optic 1.0.9's output for fixtures/openapi/api-removed-without-deprecation, run in
# bench/.cache/peers/optic-fixtures.
OPTIC_TEXT = """\
x fixture /r/fixtures/openapi/api-removed-without-deprecation//before.yaml
Operations: 2 operations removed
x  Checks: 0/4 passed 

x POST /pets: removed
  
  x [prevent operation removal] cannot remove an operation. This is a breaking change.
  at ../../../fixtures/openapi/api-removed-without-deprecation/before.yaml:6:121
  
    x [prevent response status code removal] must not remove response status code 200. This is a breaking change.
    at ../../../fixtures/openapi/api-removed-without-deprecation/before.yaml:6:140
    
x DELETE /pets: removed
  
  x [prevent operation removal] cannot remove an operation. This is a breaking change.
  at ../../../fixtures/openapi/api-removed-without-deprecation/before.yaml:7:171
  
Rerun this command with the --web flag to view the detailed changes in your browser
"""
CWD = "/r/bench/.cache/peers"
BEFORE = "/r/fixtures/openapi/api-removed-without-deprecation/before.yaml"


def accord_finding(rule, file, line, column=5, message="m"):
    return {"rule": rule, "file": file, "line": line, "column": column, "message": message}


class OpticParse(unittest.TestCase):
    def test_rules_operations_and_places(self):
        found = op.parse_optic(OPTIC_TEXT, CWD)
        self.assertEqual(
            [(f["operation"], f["rule"], f["file"], f["line"]) for f in found],
            [("POST /pets", "prevent operation removal", BEFORE, 6),
             ("POST /pets", "prevent response status code removal", BEFORE, 6),
             ("DELETE /pets", "prevent operation removal", BEFORE, 7)])

    def test_passing_run_has_no_findings(self):
        text = "✔ fixture x\nOperations: 1 operation changed\n\n✔ GET /quiet: \n  - /deprecated added\n"
        self.assertEqual(op.parse_optic(text, CWD), [])


class OpticCompare(unittest.TestCase):
    def test_same_kind_same_line_agrees_and_the_rest_is_listed(self):
        optic = op.parse_optic(OPTIC_TEXT, CWD)
        accord = [
            accord_finding("api-removed-without-deprecation",
                           "fixtures/openapi/api-removed-without-deprecation/before.yaml", 6),
            accord_finding("request-parameter-pattern-added", "after.yaml", 3),
        ]
        c = op.compare_optic(optic, accord, "/r")
        self.assertEqual((c["optic"], c["accord"], c["both"]), (3, 2, 1))
        self.assertEqual(c["only_optic_by_rule"], {"prevent response status code removal": 1,
                                                   "prevent operation removal": 1})
        self.assertEqual(c["only_accord_by_rule"], {"request-parameter-pattern-added": 1})
        # optic has no check for patterns at all.
        self.assertEqual(c["only_accord_no_optic_check"], 1)

    def test_a_different_kind_at_the_same_line_does_not_agree(self):
        optic = op.parse_optic(OPTIC_TEXT, CWD)[:1]
        accord = [accord_finding("response-success-status-removed", BEFORE, 6)]
        c = op.compare_optic(optic, accord, "/")
        self.assertEqual((c["both"], c["only_optic"], c["only_accord"]), (0, 1, 1))

    def test_the_same_operation_at_another_line_agrees_separately(self):
        optic = op.parse_optic(OPTIC_TEXT, CWD)[:1]
        accord = [dict(accord_finding("api-removed-without-deprecation", BEFORE, 5),
                       path="POST /pets")]
        c = op.compare_optic(optic, accord, "/")
        self.assertEqual((c["both"], c["both_other_line"], c["only_optic"], c["only_accord"]),
                         (0, 1, 0, 0))
        accord[0]["path"] = "GET /pets"
        c = op.compare_optic(optic, accord, "/")
        self.assertEqual((c["both_other_line"], c["only_optic"]), (0, 1))

    def test_one_accord_finding_matches_one_optic_finding(self):
        optic = op.parse_optic(OPTIC_TEXT, CWD)[:1] * 2
        accord = [accord_finding("api-removed-without-deprecation", BEFORE, 6)]
        self.assertEqual(op.compare_optic(optic, accord, "/")["both"], 1)

    def test_every_kind_maps_to_real_ids(self):
        for name, ids in op.OPTIC_KINDS:
            self.assertTrue(ids, name)
        self.assertEqual(op.optic_kind("prevent new required query parameters"),
                         op.optic_kind("prevent new required header parameters"))
        self.assertIsNone(op.optic_kind("prevent slow pattern matching of large strings"))
        self.assertEqual(op.accord_kinds("request-parameter-pattern-added"), [])


class LintCompare(unittest.TestCase):
    def spectral(self, code, line, character, source="/r/a.yaml"):
        return {"code": code, "source": source,
                "range": {"start": {"line": line, "character": character}}}

    def test_zero_based_ranges_meet_one_based_places(self):
        spectral = [self.spectral("operation-tags", 9, 4), self.spectral("info-contact", 1, 0),
                    self.spectral("openapi-tags", 0, 0)]
        accord = [accord_finding("operation-tags", "a.yaml", 10, 5),
                  accord_finding("info-contact", "a.yaml", 2, 3)]
        c = op.compare_lint(spectral, accord, {"operation-tags", "info-contact"},
                            {"operation-tags": True, "info-contact": True, "openapi-tags": False},
                            "/r")
        self.assertEqual(c["rules"]["operation-tags"]["both"], 1)
        self.assertEqual(c["rules"]["info-contact"],
                         {"both": 0, "only_spectral": 1, "only_accord": 1, "in_accord": True,
                          "recommended": True})
        self.assertFalse(c["rules"]["openapi-tags"]["in_accord"])
        # openapi-tags is not in accord: it does not count against the agreement.
        self.assertAlmostEqual(c["agreement_on_accord_rules"], 1 / 3)


class Status(unittest.TestCase):
    def test_outcomes(self):
        self.assertEqual(op.run_status("", "", 124, "1200"), "timed out after 1200 s")
        self.assertEqual(op.run_status("x", "Command exited with non-zero status 1\n", 1, "9"), "ok")
        rejected = op.run_status("", "invalid openapi: paths > /a schema bad\n1 | x\n"
                                     "invalid openapi: paths > /b\n", 1, "9")
        self.assertTrue(rejected.startswith("rejected the spec (2 errors), first: invalid "
                                            "openapi: paths > /a"), rejected)
        crashed = op.run_status("", "\n<--- Last few GCs --->\nFATAL ERROR: heap\n", 134, "9")
        self.assertEqual(crashed, "crashed (exit 134): <--- Last few GCs --->")
        # optic 1.0.9 on the Stripe pair: exit 1 as for findings, but no report.
        crashed = op.run_status("", "Set maximum size exceeded\n\n", 1, "9")
        self.assertEqual(crashed, "crashed (exit 1): Set maximum size exceeded")


class Splice(unittest.TestCase):
    def test_replaces_between_markers_and_keeps_the_rest(self):
        doc = "# B\n\n## OpenAPI\n\nkept\n<!-- begin S -->\nold\n<!-- end S -->\nafter\n"
        self.assertEqual(op.splice(doc, "S", "new\n"),
                         "# B\n\n## OpenAPI\n\nkept\n<!-- begin S -->\nnew\n<!-- end S -->\nafter\n")

    def test_appends_a_section_when_missing(self):
        self.assertEqual(op.splice("# B\n", "S", "x"),
                         "# B\n\n## S\n\n<!-- begin S -->\nx\n<!-- end S -->\n")


class Report(unittest.TestCase):
    def test_missing_accord_commands_are_named(self):
        with tempfile.TemporaryDirectory() as work:
            with open(os.path.join(work, "caps"), "w") as f:
                f.write("0 0\n")
            with open(os.path.join(work, "speed.tsv"), "w") as f:
                f.write("github\taccord breaking\t0.25\t0.27\t89\t220 findings\n"
                        "github\taccord lint\t\t\t\tnot available in this build\n")
            text = op.report("speed", work, work, "today")
            self.assertIn("| github | `accord breaking` | 0.25 s | 0.27 s | 89 MB | 220 findings |", text)
            self.assertIn("| github | `accord lint` | | | | not available in this build |", text)
            self.assertNotIn("spectral lint` time", text)
            with open(os.path.join(work, "speed.tsv"), "a") as f:
                f.write("stripe\taccord lint\t0.50\t0.20\t40\t3 findings\n"
                        "stripe\tspectral lint\t40.00\t7.00\t289\t421 findings\n")
            text = op.report("speed", work, work, "today")
            self.assertIn("`spectral lint` time / `accord lint` time: stripe 80x wall, 35x CPU.", text)


if __name__ == "__main__":
    unittest.main()
