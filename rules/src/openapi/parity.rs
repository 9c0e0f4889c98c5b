//! How accord's OpenAPI checks compare with oasdiff's, rendered at the end of docs/rules.md.
//! The figures are measured by `rules/tests/oasdiff_conformance.rs` (it prints them); update
//! them here when a check is added.

pub const PARITY_NOTES: &str = "## Differences from oasdiff\n\n\
accord's OpenAPI breaking checks use oasdiff's rule ids and default levels. Every id of \
oasdiff's rule registry (509 of 509: 213 ERR, 30 WARN, 266 INFO, as listed in \
`../shared/conformance/oasdiff/rules.tsv`, oasdiff commit 4553c69) has a check. The INFO \
ones describe compatible changes (`endpoint-added`, `request-property-max-length-increased`, \
`response-optional-property-added`, …) for changelogs; `accord breaking` leaves them out, \
as `oasdiff breaking` does. Most checks are rows of two tables \
(`rules/src/openapi/checks/mod.rs` for ERR and WARN, `checks/info.rs` for INFO, run by \
`checks/family.rs`, `checks/ops.rs` and `checks/changes.rs`); the first 39 are one file \
each.\n\n\
oasdiff's own checker test pairs (`rules/tests/oasdiff_conformance.rs`): a case runs when \
every id it asserts has a check — **397 of 397 cases**; 395 report exactly what oasdiff's \
test asserts and 2 are waived (below). As in oasdiff's tests, the versioning-policy ids \
(`api-version-not-bumped`, `api-version-decreased`, `api-major-version-not-bumped`) are \
left out of the comparison.\n\n\
Stability levels: `--stability-level draft|alpha|beta|stable` (default beta, as oasdiff's \
flag of that name) leaves out operations and properties below the level. As in oasdiff, \
a removed operation counts at its old `x-stability-level`, an operation in both versions at \
its new one, and a change of level (`api-stability-*`, `*-property-stability-*`) is \
reported when the old level is tracked. One difference: when a whole path is removed, \
oasdiff never reports its draft and alpha operations, whatever the level asked for, while \
accord applies the level to each operation, as it does when one operation of a path goes.\n\n\
Known differences:\n\n\
- Parameters declared on a path item apply to every operation of the path, as the OpenAPI \
specification says; oasdiff sees them on the operations only after `--flatten-params`, and \
its test of the unflattened pair expects nothing where its flattened twin expects \
`request-parameter-max-items-decreased`, which accord reports (waived case \
`breaking-request-parameter-max-items-without-flatten`).\n\
- A property wrapped in `oneOf: [{type: 'null'}, $ref]` whose referenced enum also loses a \
value: oasdiff recognises the nullable wrapping only when the wrapped schema is unchanged, \
so it reports no `request-property-became-nullable` and compares the old enum with the bare \
wrapper; accord unwraps it either way and reports the value removed and the new \
nullability, both true (waived case `nullable-wrapping-narrowed-enum-still-reported`).\n\
- Deprecation periods of properties (`*-property-sunset-date-too-small`) use the stability \
level of the operation, which is where `x-stability-level` is read.\n\
- oasdiff reports one finding per schema for all the `allOf`/`oneOf`/`anyOf` entries added \
or removed there; accord reports one per entry.\n";
