//! FILE_NO_DELETE: A .proto file must not be deleted.

use super::BreakingRule;
use super::Ctx;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A .proto file must not be deleted.",
            why: "Every file generates its own unit of code (a Go file, a Python module, a C++ header, a Java outer class). Deleting or renaming a file removes that unit: imports of it, in .proto files and in generated code, stop resolving, even when all its types moved elsewhere.",
            before: "// acme/v1/order.proto\nsyntax = \"proto3\";\npackage acme.v1;\nmessage Order {}\n\n// acme/v1/legacy.proto\nsyntax = \"proto3\";\npackage acme.v1;\nmessage Legacy {}\n",
            after: "// acme/v1/order.proto (acme/v1/legacy.proto deleted, Legacy moved here)\nsyntax = \"proto3\";\npackage acme.v1;\nmessage Order {}\nmessage Legacy {}\n",
            evolve: "Keep the file (it may become empty apart from its package and options, or keep deprecated elements); delete it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for name in ctx.previous.files.keys() {
        if !ctx.current.files.contains_key(name) {
            sink.report_unlocated(
                Some(name),
                name.to_string(),
                format!("Previously present file \"{name}\" was deleted."),
            );
        }
    }
}
