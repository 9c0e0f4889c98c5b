//! PACKAGE_SAME_DIRECTORY: all files of one package live in one directory.

use super::package_util::{dir_of, exact_span, package_path, targets_by};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::BTreeSet;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_SAME_DIRECTORY",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["MINIMAL", "BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "All files declaring a package must be in the same directory.",
            why: "Generators such as protoc-gen-go emit one output package per directory; a \
                  package spread over several directories generates several incompatible \
                  copies of the same package, and readers cannot find a package's files.",
            before: "// a.proto\npackage a;\n\n// one/a.proto\npackage a;",
            after: "// a/x.proto\npackage a;\n\n// a/y.proto\npackage a;",
            evolve: "Gather the package's files in one directory. Moving a file changes its \
                     import path: update every import in the same change.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (package, files) in targets_by(ctx.image, |f| f.package.clone()) {
        let dirs: BTreeSet<&str> = files.iter().map(|f| dir_of(&f.name)).collect();
        if dirs.len() < 2 {
            continue;
        }
        let dirs = dirs.into_iter().collect::<Vec<_>>().join(",");
        for file in files {
            let path = package_path();
            let span = exact_span(file, &path);
            sink.report_span(
                file,
                span,
                &path,
                package.clone(),
                format!("Multiple directories {dirs:?} contain files with package {package:?}."),
            );
        }
    }
}
