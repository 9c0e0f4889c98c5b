//! STABLE_PACKAGE_NO_IMPORT_UNSTABLE: stable packages do not import unstable ones.

use super::package_util::{Stability, exact_span, import_path, package_stability};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "STABLE_PACKAGE_NO_IMPORT_UNSTABLE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &[],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Files in a stable versioned package (`acme.v1`) must not import files \
                      from an unstable one (`acme.v1alpha1`, `acme.v1beta1`, `acme.v1test`).",
            why: "A stable package promises not to break; if it exposes types from an alpha or \
                  beta package, every change to those unstable types breaks the stable API \
                  too.",
            before: "package acme.v1;\n\nimport \"acme/v1alpha/bar.proto\";",
            after: "package acme.v1;\n\nimport \"acme/v1/bar.proto\"; // promoted to the stable package",
            evolve: "Promote the types you need into a stable package (copy them into `v1` \
                     and keep the unstable version for its own users), then import the stable \
                     file.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        if package_stability(&file.package) != Some(Stability::Stable) {
            continue;
        }
        for (i, import) in file.imports.iter().enumerate() {
            // buf only looks at imported files that are themselves linted.
            let Some(target) = ctx.image.file(&import.name).filter(|t| !t.is_import) else {
                continue;
            };
            match package_stability(&target.package) {
                None | Some(Stability::Stable) => continue,
                Some(_) => {}
            }
            let path = import_path(i);
            let span = exact_span(file, &path);
            sink.report_span(
                file,
                span,
                &path,
                file.package.clone(),
                format!(
                    "This file is in stable package {:?}, so it should not depend on {:?} from unstable package {:?}.",
                    file.package, import.name, target.package
                ),
            );
        }
    }
}
