//! PACKAGE_SERVICE_NO_DELETE: A service must not be removed from its package.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::Span;
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::File;
use std::collections::BTreeMap;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "PACKAGE_SERVICE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A service must not be removed from its package.",
            why: "Clients address services by package-qualified name (`/acme.v1.OrderService/Get`). Deleting a service from the package makes every call fail with `UNIMPLEMENTED` and removes the generated client and server types; moving it between files of the package is allowed by this rule.",
            before: "package acme.v1;\nservice OrderService {}\nservice LegacyService {}\n",
            after: "package acme.v1;\nservice OrderService {}\n",
            evolve: "Deprecate the service, migrate its callers, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let prev_files: Vec<&File> = ctx.previous.files.values().copied().collect();
    let cur_files: Vec<&File> = ctx.current.files.values().copied().collect();
    let previous = util::by_package(&prev_files, |f| {
        f.services.iter().map(|s| (s.name.clone(), s)).collect()
    });
    let current = util::by_package(&cur_files, |f| {
        f.services.iter().map(|s| (s.name.clone(), s)).collect()
    });
    for (package, prev_items) in &previous {
        // Unlike the other package rules, buf compares services of every package that still
        // has a file, even one without services.
        if !ctx.current.packages.contains_key(package) {
            continue;
        }
        let none = BTreeMap::new();
        let cur_items = current.get(package).unwrap_or(&none);
        for (name, (prev_file, old)) in prev_items {
            if cur_items.contains_key(name) {
                continue;
            }
            let message = format!(
                "Previously present service \"{name}\" was deleted from package \"{package}\"."
            );
            match ctx.current.files.get(prev_file.name.as_str()) {
                Some(file) => {
                    sink.report_span(file, Span::FILE_START, &[], old.full_name.clone(), message);
                }
                None => {
                    sink.report_unlocated(Some(&prev_file.name), old.full_name.clone(), message);
                }
            }
        }
    }
}
