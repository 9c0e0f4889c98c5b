//! The reference checker's incompatibility types, each a breaking rule (one file per type).
//! The checks themselves are one resolution walk in `../compat.rs`; these files hold each
//! type's catalogue entry.

use crate::catalogue::RuleMeta;

mod fixed_size_mismatch;
mod missing_enum_symbols;
mod missing_union_branch;
mod name_mismatch;
mod reader_field_missing_default_value;
mod type_mismatch;

/// Every Avro compatibility rule, in catalogue order.
pub static RULES: [&RuleMeta; 6] = [
    &name_mismatch::META,
    &fixed_size_mismatch::META,
    &missing_enum_symbols::META,
    &reader_field_missing_default_value::META,
    &type_mismatch::META,
    &missing_union_branch::META,
];
