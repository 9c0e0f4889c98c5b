//! How accord's OpenAPI checks compare with oasdiff's, rendered at the end of docs/rules.md.
//! The figures are measured by `rules/tests/oasdiff_conformance.rs` (it prints them); update
//! them here when a check is added.

pub const PARITY_NOTES: &str = "## Differences from oasdiff\n\n\
accord's OpenAPI breaking checks use oasdiff's rule ids and default levels. Every ERR and \
WARN id of oasdiff's rule registry (243 of 243: 213 ERR, 30 WARN, as listed in \
`../shared/conformance/oasdiff/rules.tsv`, oasdiff commit 4553c69) has a check, plus one \
INFO id (`new-optional-request-default-parameter-to-existing-path`). Most of them are rows \
of one table (`rules/src/openapi/checks/mod.rs`, run by `checks/family.rs` and \
`checks/ops.rs`); the first 39 are one file each.\n\n\
oasdiff's own checker test pairs (`rules/tests/oasdiff_conformance.rs`): a case runs when \
every id it asserts has a check — **264 of 397 cases**; 262 report exactly what oasdiff's \
test asserts and 2 are waived (below). The other 133 cases assert INFO ids.\n\n\
Left out:\n\n\
- oasdiff's INFO checks (265 of its 266 INFO ids): they describe compatible changes for \
changelogs (`request-property-max-length-increased`, `response-property-enum-value-removed`, \
`api-deprecated`, …), not breaking ones.\n\
- oasdiff's `stability_level` option (report only operations at or above a level) is not \
offered: like oasdiff's default, accord makes no promise for `draft` and `alpha` \
operations and checks the others.\n\n\
Known differences:\n\n\
- Parameters declared on a path item apply to every operation of the path, as the OpenAPI \
specification says; oasdiff sees them on the operations only after `--flatten-params` \
(waived case `breaking-request-parameter-max-items-without-flatten`).\n\
- A response body whose `application/xml` schema changes from `string` to `object` is \
`response-body-type-changed` for accord; oasdiff's test for that pair lists no such finding \
(waived case `breaking-deleted-tag`).\n\
- Deprecation periods of properties (`*-property-sunset-date-too-small`) use the stability \
level of the operation, which is where `x-stability-level` is read.\n";
