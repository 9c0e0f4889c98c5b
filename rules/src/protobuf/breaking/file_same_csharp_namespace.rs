//! FILE_SAME_CSHARP_NAMESPACE: A file must keep its `csharp_namespace` option (the C# namespace).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_CSHARP_NAMESPACE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its `csharp_namespace` option (the C# namespace).",
            why: "Generated C# types move to another namespace, breaking every `using` and reference. An unset option counts as its default value, so adding or removing the line changes it too when the value differs from the default.",
            before: "syntax = \"proto3\";\npackage acme.v1;\noption csharp_namespace = \"Acme.V1\";\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\noption csharp_namespace = \"Acme.Orders.V1\";\n",
            evolve: "Keep `csharp_namespace` as it is for existing files; put types that need another value in new files.",
        },
    },
    check,
};

/// `FileOptions.csharp_namespace`.
const FIELD: i32 = 37;

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_option(ctx, sink, FIELD, "csharp_namespace", |o| {
        o.csharp_namespace().to_string()
    });
}
