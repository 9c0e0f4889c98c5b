//! buf-compatible lint rules over one image. One file per rule; `RULES` registers them.

pub mod package_util;
pub mod util;

use super::check::{Hit, Sink};
use super::model::Image;
use crate::catalogue::RuleMeta;

/// A lint rule: its catalogue entry and its check.
pub struct LintRule {
    pub meta: RuleMeta,
    pub check: fn(&Ctx, &mut Sink),
}

/// The options buf's lint rules take (buf.yaml `lint:` keys of the same names).
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub enum_zero_value_suffix: String,
    pub service_suffix: String,
    pub rpc_allow_same_request_response: bool,
    pub rpc_allow_google_protobuf_empty_requests: bool,
    pub rpc_allow_google_protobuf_empty_responses: bool,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            enum_zero_value_suffix: "_UNSPECIFIED".into(),
            service_suffix: "Service".into(),
            rpc_allow_same_request_response: false,
            rpc_allow_google_protobuf_empty_requests: false,
            rpc_allow_google_protobuf_empty_responses: false,
        }
    }
}

pub struct Ctx<'a> {
    pub image: &'a Image,
    pub options: LintOptions,
}

/// Every rule's hits, rule after rule in the order given (the rules run side by side).
pub fn run(ctx: &Ctx, rules: &[&'static LintRule]) -> Vec<Hit> {
    let parallel = ctx.image.files.len() >= crate::par::MIN_FILES;
    let per_rule = crate::par::map(rules.to_vec(), parallel, |rule| {
        let mut hits = Vec::new();
        (rule.check)(ctx, &mut Sink::new(&rule.meta, &mut hits));
        hits
    });
    per_rule.into_iter().flatten().collect()
}

mod comment_enum;
mod comment_enum_value;
mod comment_field;
mod comment_message;
mod comment_oneof;
mod comment_rpc;
mod comment_service;
mod directory_same_package;
mod enum_first_value_zero;
mod enum_no_allow_alias;
mod enum_pascal_case;
mod enum_value_prefix;
mod enum_value_upper_snake_case;
mod enum_zero_value_suffix;
mod field_lower_snake_case;
mod field_no_descriptor;
mod field_not_required;
mod file_lower_snake_case;
mod import_no_public;
mod import_used;
mod message_pascal_case;
mod oneof_lower_snake_case;
mod package_defined;
mod package_directory_match;
mod package_lower_snake_case;
mod package_no_import_cycle;
mod package_same_csharp_namespace;
mod package_same_directory;
mod package_same_go_package;
mod package_same_java_multiple_files;
mod package_same_java_package;
mod package_same_php_namespace;
mod package_same_ruby_package;
mod package_same_swift_prefix;
mod package_version_suffix;
mod protovalidate;
mod rpc_no_client_streaming;
mod rpc_no_server_streaming;
mod rpc_pascal_case;
mod rpc_request_response_unique;
mod rpc_request_standard_name;
mod rpc_response_standard_name;
mod service_pascal_case;
mod service_suffix;
mod stable_package_no_import_unstable;
mod syntax_specified;

/// Every lint rule, in catalogue order.
pub static RULES: &[&LintRule] = &[
    &directory_same_package::RULE,
    &package_defined::RULE,
    &package_directory_match::RULE,
    &package_no_import_cycle::RULE,
    &package_same_directory::RULE,
    &enum_first_value_zero::RULE,
    &enum_no_allow_alias::RULE,
    &enum_pascal_case::RULE,
    &enum_value_upper_snake_case::RULE,
    &field_lower_snake_case::RULE,
    &field_no_descriptor::RULE,
    &field_not_required::RULE,
    &import_no_public::RULE,
    &import_used::RULE,
    &message_pascal_case::RULE,
    &oneof_lower_snake_case::RULE,
    &package_lower_snake_case::RULE,
    &package_same_csharp_namespace::RULE,
    &package_same_go_package::RULE,
    &package_same_java_multiple_files::RULE,
    &package_same_java_package::RULE,
    &package_same_php_namespace::RULE,
    &package_same_ruby_package::RULE,
    &package_same_swift_prefix::RULE,
    &rpc_pascal_case::RULE,
    &service_pascal_case::RULE,
    &syntax_specified::RULE,
    &enum_value_prefix::RULE,
    &enum_zero_value_suffix::RULE,
    &file_lower_snake_case::RULE,
    &package_version_suffix::RULE,
    &protovalidate::RULE,
    &rpc_request_response_unique::RULE,
    &rpc_request_standard_name::RULE,
    &rpc_response_standard_name::RULE,
    &service_suffix::RULE,
    &comment_enum::RULE,
    &comment_enum_value::RULE,
    &comment_field::RULE,
    &comment_message::RULE,
    &comment_oneof::RULE,
    &comment_rpc::RULE,
    &comment_service::RULE,
    &rpc_no_client_streaming::RULE,
    &rpc_no_server_streaming::RULE,
    &stable_package_no_import_unstable::RULE,
];
