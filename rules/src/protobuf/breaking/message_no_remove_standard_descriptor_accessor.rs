//! MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR: A message must not turn on `no_standard_descriptor_accessor`.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A message must not turn on `no_standard_descriptor_accessor`.",
            why: "Setting `no_standard_descriptor_accessor = true` stops generated code from emitting the standard `descriptor()` accessor; code that calls it no longer compiles.",
            before: "message Order {\n  string id = 1;\n}\n",
            after: "message Order {\n  option no_standard_descriptor_accessor = true;\n  string id = 1;\n}\n",
            evolve: "Leave the option unset (or false) on existing messages.",
        },
    },
    check,
};

/// `MessageOptions.no_standard_descriptor_accessor`.
const NO_STANDARD_DESCRIPTOR_ACCESSOR: i32 = 2;

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, prev), (file, cur)) in util::message_pairs(ctx) {
        let before = prev.options.no_standard_descriptor_accessor();
        let after = cur.options.no_standard_descriptor_accessor();
        if before || !after {
            continue;
        }
        let mut path = cur.path.clone();
        path.extend([tag::MESSAGE_OPTIONS, NO_STANDARD_DESCRIPTOR_ACCESSOR]);
        let span = util::exact_span(file, &path);
        sink.report_span(
            file,
            span,
            &path,
            cur.full_name.clone(),
            "Message option \"no_standard_descriptor_accessor\" changed from \"false\" to \"true\".",
        )
        .change("false", "true");
    }
}
