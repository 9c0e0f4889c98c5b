//! `no-script-tags-in-markdown` (Spectral `spectral:oas`): No `description` or `title` contains a `<script` tag.

use super::{Ctx, LintRule, Sink, meta};
use crate::catalogue::RuleDoc;
use crate::finding::Severity;

pub static RULE: LintRule = LintRule {
    meta: meta(
        "no-script-tags-in-markdown",
        Severity::Warning,
        true,
        RuleDoc {
            summary: "No `description` or `title` contains a `<script` tag.",
            why: "Descriptions are rendered as Markdown in documentation portals; script in them is a cross-site scripting risk for everyone who reads the docs.",
            before: "description: 'Click <script>alert(1)</script>'",
            after: "description: Click the button.",
            evolve: "Remove the script; link to interactive content instead.",
        },
    ),
    check,
};

fn check(cx: &Ctx, sink: &mut Sink) {
    super::walk::walk_all(cx.spec, &mut |v| {
        if matches!(v.key(), Some("description" | "title"))
            && v.node.as_str().is_some_and(|s| s.contains("<script"))
        {
            sink.report(&v.here(), "Markdown descriptions must not have \"<script>\" tags.");
        }
    });
}
