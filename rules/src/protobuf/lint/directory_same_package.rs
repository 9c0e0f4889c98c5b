//! DIRECTORY_SAME_PACKAGE: all files in one directory declare the same package.

use super::package_util::{dir_of, exact_span, package_path, targets_by};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use std::collections::BTreeSet;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "DIRECTORY_SAME_PACKAGE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["MINIMAL", "BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "All files in a directory must declare the same package.",
            why: "Code generators for most languages map a directory to one output package or \
                  namespace; mixing packages in one directory produces colliding or scattered \
                  generated code and makes the layout impossible to predict from a path.",
            before: "// one/c.proto\npackage c;\n\n// one/d.proto\npackage d;",
            after: "// c/c.proto\npackage c;\n\n// d/d.proto\npackage d;",
            evolve: "Move files so each directory holds exactly one package (and give files \
                     without a package one). Moving a file changes its import path, so update \
                     the importers in the same change.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (dir, files) in targets_by(ctx.image, |f| dir_of(&f.name).to_string()) {
        let mut packages: BTreeSet<&str> = files.iter().map(|f| f.package.as_str()).collect();
        if packages.len() < 2 {
            continue;
        }
        let unpackaged = packages.remove("");
        let names = packages.iter().copied().collect::<Vec<_>>().join(",");
        let prefix = match (unpackaged, packages.len()) {
            (true, 1) => format!("Package {names:?} and file with no package"),
            (true, _) => format!("Multiple packages {names:?} and file with no package"),
            (false, _) => format!("Multiple packages {names:?}"),
        };
        for file in files {
            let path = package_path();
            let span = exact_span(file, &path);
            sink.report_span(
                file,
                span,
                &path,
                file.package.clone(),
                format!("{prefix} detected within directory {dir:?}."),
            );
        }
    }
}
