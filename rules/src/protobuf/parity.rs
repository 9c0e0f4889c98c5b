//! Where accord deliberately differs from buf, rendered at the end of docs/rules.md.

pub const PARITY_NOTES: &str = "## Differences from buf\n\n\
accord reports the same protobuf findings as buf 1.75 (rule, file, line, column) on buf's own \
test cases and on googleapis; `bench/buf-parity.sh` measures agreement per rule. Known \
differences:\n\n\
- accord adds `FIELD_NUMBER_NO_REUSE` and `FIELD_NAME_NO_REUSE`, which look at every earlier \
version, not only the last.\n\
- `PROTOVALIDATE` type-checks CEL with accord's own checker (cel-go's standard library, \
the strings extension and protovalidate's functions): an expression calling a function it \
does not know is not reported, and `example` values are not run through the field's own CEL \
rules, patterns or well-known formats.\n\
- `FIELD_NO_DESCRIPTOR` (in buf's v1beta1 categories only) can also be named in v1 and v2 \
configurations, where buf refuses it as unknown.\n\
- Editions files are read through a proto3 shim (docs/architecture.md): closed enums whose \
first value is not zero and bare-identifier reserved names in editions files are refused.\n";
