//! PACKAGE_DIRECTORY_MATCH: a file's directory spells its package.

use super::package_util::{dir_of, exact_span, package_path};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_DIRECTORY_MATCH",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["MINIMAL", "BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file's directory, relative to the module root, must match its package \
                      (`acme.v1` lives in `acme/v1/`).",
            why: "When the path mirrors the package, an import path tells readers and tools \
                  which package a file defines, generated code lands in predictable places, and \
                  two packages cannot collide in one directory.",
            before: "// a/b/a_c.proto\npackage a.c;",
            after: "// a/c/a_c.proto\npackage a.c;",
            evolve: "Move the file to the directory its package names (or rename the package \
                     before the file is published). Moving changes the import path, so update \
                     importers together with the move.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        if file.package.is_empty() {
            continue;
        }
        let expected = file.package.replace('.', "/");
        let dir = dir_of(&file.name);
        if dir == expected {
            continue;
        }
        let path = package_path();
        let span = exact_span(file, &path);
        sink.report_span(
            file,
            span,
            &path,
            file.package.clone(),
            format!(
                "Files with package {:?} must be within a directory \"{expected}\" relative to root but were in directory \"{dir}\".",
                file.package
            ),
        );
    }
}
