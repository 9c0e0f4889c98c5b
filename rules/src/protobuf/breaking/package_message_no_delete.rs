//! PACKAGE_MESSAGE_NO_DELETE: A message must not be removed from its package.

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{File, Message};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "PACKAGE_MESSAGE_NO_DELETE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A message must not be removed from its package.",
            why: "Code refers to messages by package-qualified name, and other packages import them. Deleting a message from the package removes the type from generated code, breaking every user; moving it to another file of the same package is allowed by this rule.",
            before: "package acme.v1;\nmessage Order {}\nmessage Draft {}\n",
            after: "package acme.v1;\nmessage Order {}\n",
            evolve: "Keep the message (it may move between files of the package), mark it `option deprecated = true;`, and remove it only in a new major package version.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    util::check_package_deletions(ctx, sink, "message", true, |f: &File| {
        f.messages
            .iter()
            .map(|m| (m.nested_name.clone(), m))
            .collect::<Vec<(String, &Message)>>()
    });
}
