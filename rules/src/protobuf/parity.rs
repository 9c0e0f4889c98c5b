//! Where accord deliberately differs from buf, rendered at the end of docs/rules.md.

pub const PARITY_NOTES: &str = "## Differences from buf\n\n\
accord reports the same protobuf findings as buf 1.75 (rule, file, line, column) on buf's own \
test cases and on googleapis; `bench/buf-parity.sh` measures agreement per rule. Known \
differences:\n\n\
- accord adds `FIELD_NUMBER_NO_REUSE` and `FIELD_NAME_NO_REUSE`, which look at every earlier \
version, not only the last.\n\
- `PROTOVALIDATE` checks only what can be checked without a CEL compiler (see its doc).\n";
