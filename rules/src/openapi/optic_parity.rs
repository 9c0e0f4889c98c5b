//! How `accord breaking` compares with optic's `diff --check`, rendered at the end of
//! docs/rules.md. The figures are measured by `bench/openapi-peers.sh optic` (written into
//! docs/benchmarks.md); update them here when that run changes them.

pub const OPTIC_NOTES: &str = "## Differences from optic\n\n\
`bench/openapi-peers.sh optic` runs `optic diff OLD NEW --check` (optic 1.0.9, its default \
breaking-changes ruleset) beside `accord breaking NEW --against OLD` on every pair under \
`fixtures/openapi/` and on the corpus pairs, and lists what each reports that the other does \
not (docs/benchmarks.md). optic names its checks in prose (`prevent operation removal`, \
`prevent new required query parameters`, …): 14 kinds, some per parameter location; \
`bench/openapi_peers.py` maps each to the oasdiff ids accord uses for the same kind of change, \
and a finding agrees when both report that kind at the same file and line.\n\n\
On the 246 pairs under `fixtures/openapi/` (2026-11-22): optic 77 findings, accord 272; \
51 agree (42 at the same line, 9 on the same operation at another line: optic places a body's \
change at its media type, accord at the schema); 26 only optic; 221 only accord, 192 of them \
of a kind optic has no check for.\n\n\
What only optic reports (26), and why accord does not:\n\n\
- Removing an operation that was deprecated and whose `x-sunset` date has passed (4): optic \
ignores `deprecated` and `x-sunset`; accord follows oasdiff's deprecation policy, under \
which that removal is the planned end of a deprecation. Likewise a deprecated optional \
response property (1).\n\
- Each response status code of a removed operation, as a second finding under the removal \
(8); removing a non-success status code such as `409` or `404` (2), which oasdiff records as \
a changelog entry (INFO), not a breaking change.\n\
- Type changes accord does not count as breaking (6), mostly in the compatible direction: \
optic reports any type change of a request or response schema, so a request property \
widened from `integer` to `number` and a response property narrowed from `number` to \
`integer` are breaking for optic and not for oasdiff or accord, which report narrowing in \
requests and widening in responses.\n\
- A new required query parameter with a `default` (1) and a new required request property \
that is `readOnly` (1): accord, as oasdiff, does not count either (a client that omits the \
parameter gets its default; a read-only property is not sent).\n\
- Properties of a response body that was wrapped in a `oneOf` or whose media type was \
generalized (`application/json` to `application/*`) (3): optic sees the old body's \
properties removed; accord reports the one change (`response-body-wrapped-in-one-of`, \
`response-media-type-name-generalized`).\n\n\
What only accord reports: everything optic has no check for — deprecation and sunset \
policy, stability levels, constraints (`max`, `min`, `maxLength`, `pattern`, `minItems`, …), \
media types, request bodies becoming required, `allOf`/`anyOf`/`oneOf` members, nullability, \
`const`, headers, webhooks and security — plus the places listed above where one change is \
several findings for one tool and one for the other.\n\n\
On the real specs optic reports nothing to compare with (measured 2026-11-22, 2 cores under \
load, docs/benchmarks.md): it rejects GitHub's REST API description (21.0.0 to 23.0.2) as \
invalid (`schema with type \"array\" cannot also include keywords: required`, 4 places), although \
the OpenAPI 3.0 schema accepts both releases (openapi-spec-validator 0.9: 0 errors; \
Spectral's `oas3-schema`: none), and with `--validation loose` it had not finished after \
1,200 s; on both Stripe pairs it stops after 816 s and 892 s with `Set maximum size \
exceeded` and no report. accord reports 231, 0 and 14,557 findings on the three pairs.\n";
