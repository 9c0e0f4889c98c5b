//! PACKAGE_NO_IMPORT_CYCLE: packages do not import each other in a cycle.

use super::package_util::{exact_span, import_path};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::File;
use std::collections::{BTreeMap, BTreeSet};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "PACKAGE_NO_IMPORT_CYCLE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["MINIMAL", "BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Packages must not import each other in a cycle (file imports are \
                      grouped by package).",
            why: "protoc accepts a package cycle as long as the files do not form one, but \
                  languages that generate one unit per package (Go above all) cannot compile \
                  packages that depend on each other.",
            before: "// b/b.proto\npackage b;\nimport \"c/c.proto\";\n\n// c/c.proto\npackage c;\nimport \"b/b2.proto\";",
            after: "// b/b.proto\npackage b;\nimport \"c/c.proto\";\n\n// c/c.proto\npackage c;\n// no import of package b: move what c needs into c or a shared package",
            evolve: "Break the cycle by moving the shared types into a package both sides \
                     import, or into one of the two packages. Moving a type changes its full \
                     name, so add the new type before deleting the old one.",
        },
    },
    check,
};

/// package -> directly imported package -> the imports (file, index) that import it.
type Graph<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<(&'a File, usize)>>>;

fn check(ctx: &Ctx, sink: &mut Sink) {
    // Every file counts for the graph, imports too: a cycle may run through them.
    let mut graph: Graph = BTreeMap::new();
    for file in &ctx.image.files {
        let edges = graph.entry(file.package.as_str()).or_default();
        for (i, import) in file.imports.iter().enumerate() {
            let Some(target) = ctx.image.file(&import.name) else {
                continue;
            };
            if target.package != file.package {
                edges
                    .entry(target.package.as_str())
                    .or_default()
                    .push((file, i));
            }
        }
    }
    for (&package, edges) in &graph {
        if package.is_empty() {
            continue;
        }
        for (&next, imports) in edges {
            if next.is_empty() {
                continue;
            }
            let mut on_path = BTreeSet::from([package]);
            let mut trail = vec![package];
            let Some(cycle) = find_cycle(next, &graph, &mut on_path, &mut trail) else {
                continue;
            };
            let cycle = cycle.join(" -> ");
            for &(file, index) in imports {
                if file.is_import {
                    continue;
                }
                let path = import_path(index);
                let span = exact_span(file, &path);
                sink.report_span(
                    file,
                    span,
                    &path,
                    file.package.clone(),
                    format!("Package import cycle: {cycle}"),
                );
            }
        }
    }
}

/// A path from `package` back to the start of `trail`, if there is one.
fn find_cycle<'a>(
    package: &'a str,
    graph: &Graph<'a>,
    on_path: &mut BTreeSet<&'a str>,
    trail: &mut Vec<&'a str>,
) -> Option<Vec<&'a str>> {
    trail.push(package);
    if on_path.contains(package) {
        let found = (trail[0] == package).then(|| trail.clone());
        trail.pop();
        return found;
    }
    on_path.insert(package);
    if let Some(edges) = graph.get(package) {
        for &next in edges.keys() {
            if next.is_empty() {
                continue;
            }
            if let Some(c) = find_cycle(next, graph, on_path, trail) {
                return Some(c);
            }
        }
    }
    on_path.remove(package);
    trail.pop();
    None
}
