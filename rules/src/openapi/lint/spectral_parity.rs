//! How `accord lint` compares with Spectral's `spectral:oas`, rendered at the end of
//! docs/rules.md. The figures come from `bench/openapi-peers.sh parity` (its table is in
//! docs/benchmarks.md); update them here when that run changes them.

pub const SPECTRAL_NOTES: &str = "## Differences from Spectral\n\n\
accord's OpenAPI lint rules are the 42 rules of Spectral's `spectral:oas` ruleset that apply \
to OpenAPI 3.0/3.1 (the `oas2-*` rules are for Swagger 2.0, which accord refuses), with \
Spectral's ids, default severities and default on/off. `bench/openapi-peers.sh parity` runs \
Spectral 6.16.3 with every rule on (`extends: [[spectral:oas, all]]`) and `accord lint` with \
the same ruleset file (`--ruleset`), and compares (rule, file, line, column). On 2026-11-22: \
1,064 documents under `fixtures/openapi/`: Spectral 14,918 findings, accord 14,912, 14,908 at \
the same place (99.91%); Stripe's `spec3-2022-03-29.json` 766 = 766 and \
`stripe-opensdks-0.0.2.json` 930 = 930 (100%); GitHub's `api.github.com-23.0.2.json` 877 \
vs 767, 755 at the same place (85%).\n\n\
Where they differ, and why:\n\n\
- `oas3-valid-media-example` (118 only Spectral, 12 only accord, nearly all on GitHub's \
description) and `oas3-valid-schema-example` (4 only Spectral): both validate an example \
against its schema and report its first error, but Spectral's validator (Ajv) and the \
`jsonschema` crate meet a multi-error example's errors in a different order, so the \
finding lands on another member of the same example; a few `null` example values that \
Spectral reports on GitHub's description are not yet explained.\n\
- `oas3-schema` (6 only Spectral): Spectral validates against edited copies of the OpenAPI \
schemas with custom messages and extra constraints; accord uses the OpenAPI Initiative's \
official schemas, so a document that breaks only one of Spectral's additions is not reported.\n\
- `oas3-api-servers`, `openapi-tags` (2 each way): each rule reports the same documents but \
at a different line and column in two fixture documents; not yet investigated.\n\
- `hint` severity does not exist in accord: a ruleset's `hint` becomes `info`.\n";
