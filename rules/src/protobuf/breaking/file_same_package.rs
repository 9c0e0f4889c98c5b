//! FILE_SAME_PACKAGE: A file must keep its package.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::File;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_PACKAGE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its package.",
            why: "The package is part of every type's full name and of the generated code's location. Changing it renames every message, enum and service in the file, breaking generated code, `Any` type URLs, and RPC paths.",
            before: "syntax = \"proto3\";\npackage acme.v1;\n",
            after: "syntax = \"proto3\";\npackage acme.orders.v1;\n",
            evolve: "Create the new package in new files, copy the types over, migrate callers, and delete the old files in a planned major change.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_file_value(ctx, sink, &[tag::FILE_PACKAGE], "package", |f: &File| {
        f.package.clone()
    });
}
