//! buf-compatible breaking-change rules over a previous and a current image, plus accord's
//! whole-history reuse rules. One file per rule; `RULES` registers them.

pub mod index;
pub mod pairs;
pub mod util;

use super::check::{Hit, Sink};
use super::model::Image;
use crate::catalogue::RuleMeta;
pub use index::Index;

/// A breaking rule: its catalogue entry and its check over the paired versions.
pub struct BreakingRule {
    pub meta: RuleMeta,
    pub check: fn(&Ctx, &mut Sink),
}

/// What a breaking check sees: both versions, indexed, and every earlier version (oldest
/// first) for the history rules.
pub struct Ctx<'a> {
    pub previous: Index<'a>,
    pub current: Index<'a>,
    /// All versions given with `--against`, oldest first; the last is `previous`.
    pub history: Vec<Index<'a>>,
    /// The label of each `history` entry (what the user called that version), same order.
    pub labels: Vec<String>,
    /// Pairings several rules share, computed once per run.
    pub cache: Cache<'a>,
}

/// Pairings of previous and current elements that many rules walk (every FIELD_SAME_* rule
/// walks all field pairs): computed on first use, then copied out cheaply.
#[derive(Default)]
pub struct Cache<'a> {
    pub(crate) messages: std::sync::OnceLock<Vec<util::Pair<'a, super::model::Message>>>,
    pub(crate) fields: std::sync::OnceLock<Vec<(pairs::FieldRef<'a>, pairs::FieldRef<'a>)>>,
}

impl<'a> Ctx<'a> {
    pub fn new(previous: &'a Image, current: &'a Image) -> Ctx<'a> {
        Ctx {
            previous: Index::new(previous),
            current: Index::new(current),
            history: vec![Index::new(previous)],
            cache: Cache::default(),
            labels: vec!["previous".into()],
        }
    }
}

/// Runs the given rules and returns their hits.
pub fn run(ctx: &Ctx, rules: &[&'static BreakingRule]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for rule in rules {
        let mut sink = Sink::new(&rule.meta, &mut hits);
        (rule.check)(ctx, &mut sink);
    }
    hits
}

mod enum_no_delete;
mod enum_same_json_format;
mod enum_same_type;
mod enum_value_no_delete;
mod enum_value_no_delete_unless_name_reserved;
mod enum_value_no_delete_unless_number_reserved;
mod enum_value_same_name;
mod extension_message_no_delete;
mod extension_no_delete;
mod field_name_no_reuse;
mod field_no_delete;
mod field_no_delete_unless_name_reserved;
mod field_no_delete_unless_number_reserved;
mod field_number_no_reuse;
mod field_same_cardinality;
mod field_same_cpp_string_type;
mod field_same_default;
mod field_same_java_utf8_validation;
mod field_same_json_name;
mod field_same_jstype;
mod field_same_name;
mod field_same_oneof;
mod field_same_type;
mod field_same_utf8_validation;
mod field_wire_compatible_cardinality;
mod field_wire_compatible_type;
mod field_wire_json_compatible_cardinality;
mod field_wire_json_compatible_type;
mod file_no_delete;
mod file_same_cc_enable_arenas;
mod file_same_cc_generic_services;
mod file_same_csharp_namespace;
mod file_same_go_package;
mod file_same_java_generic_services;
mod file_same_java_multiple_files;
mod file_same_java_outer_classname;
mod file_same_java_package;
mod file_same_objc_class_prefix;
mod file_same_optimize_for;
mod file_same_package;
mod file_same_php_class_prefix;
mod file_same_php_metadata_namespace;
mod file_same_php_namespace;
mod file_same_py_generic_services;
mod file_same_ruby_package;
mod file_same_swift_prefix;
mod file_same_syntax;
mod message_no_delete;
mod message_no_remove_standard_descriptor_accessor;
mod message_same_json_format;
mod message_same_required_fields;
mod oneof_no_delete;
mod package_enum_no_delete;
mod package_extension_no_delete;
mod package_message_no_delete;
mod package_no_delete;
mod package_service_no_delete;
mod reserved_enum_no_delete;
mod reserved_message_no_delete;
mod rpc_no_delete;
mod rpc_same_client_streaming;
mod rpc_same_idempotency_level;
mod rpc_same_request_type;
mod rpc_same_response_type;
mod rpc_same_server_streaming;
mod service_no_delete;

/// Every breaking rule, in catalogue order.
pub static RULES: &[&BreakingRule] = &[
    &extension_no_delete::RULE,
    &service_no_delete::RULE,
    &enum_no_delete::RULE,
    &file_no_delete::RULE,
    &message_no_delete::RULE,
    &enum_same_type::RULE,
    &field_same_cardinality::RULE,
    &field_same_cpp_string_type::RULE,
    &field_same_java_utf8_validation::RULE,
    &field_same_jstype::RULE,
    &field_same_utf8_validation::RULE,
    &file_same_cc_enable_arenas::RULE,
    &file_same_cc_generic_services::RULE,
    &file_same_csharp_namespace::RULE,
    &file_same_go_package::RULE,
    &file_same_java_generic_services::RULE,
    &file_same_java_multiple_files::RULE,
    &file_same_java_outer_classname::RULE,
    &file_same_java_package::RULE,
    &file_same_objc_class_prefix::RULE,
    &file_same_optimize_for::RULE,
    &file_same_php_class_prefix::RULE,
    &file_same_php_metadata_namespace::RULE,
    &file_same_php_namespace::RULE,
    &file_same_py_generic_services::RULE,
    &file_same_ruby_package::RULE,
    &file_same_swift_prefix::RULE,
    &rpc_no_delete::RULE,
    &enum_value_no_delete::RULE,
    &extension_message_no_delete::RULE,
    &field_no_delete::RULE,
    &field_same_type::RULE,
    &file_same_syntax::RULE,
    &message_no_remove_standard_descriptor_accessor::RULE,
    &oneof_no_delete::RULE,
    &enum_same_json_format::RULE,
    &enum_value_same_name::RULE,
    &field_same_json_name::RULE,
    &field_same_name::RULE,
    &message_same_json_format::RULE,
    &field_same_default::RULE,
    &field_same_oneof::RULE,
    &file_same_package::RULE,
    &message_same_required_fields::RULE,
    &reserved_enum_no_delete::RULE,
    &reserved_message_no_delete::RULE,
    &rpc_same_client_streaming::RULE,
    &rpc_same_idempotency_level::RULE,
    &rpc_same_request_type::RULE,
    &rpc_same_response_type::RULE,
    &rpc_same_server_streaming::RULE,
    &package_enum_no_delete::RULE,
    &package_extension_no_delete::RULE,
    &package_message_no_delete::RULE,
    &package_no_delete::RULE,
    &package_service_no_delete::RULE,
    &enum_value_no_delete_unless_name_reserved::RULE,
    &field_no_delete_unless_name_reserved::RULE,
    &field_wire_json_compatible_cardinality::RULE,
    &field_wire_json_compatible_type::RULE,
    &enum_value_no_delete_unless_number_reserved::RULE,
    &field_no_delete_unless_number_reserved::RULE,
    &field_wire_compatible_cardinality::RULE,
    &field_wire_compatible_type::RULE,
    &field_number_no_reuse::RULE,
    &field_name_no_reuse::RULE,
];
