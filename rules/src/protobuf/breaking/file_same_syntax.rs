//! FILE_SAME_SYNTAX: A file must keep its syntax (proto2, proto3 or editions).

use super::BreakingRule;
use super::Ctx;
use super::util;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::Span;
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{File, Syntax};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FILE_SAME_SYNTAX",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "A file must keep its syntax (proto2, proto3 or editions).",
            why: "The syntax decides field presence, default values, enum openness and UTF-8 checking. Changing it alters generated APIs (e.g. `has_` methods) and the meaning of data on the wire and in JSON.",
            before: "syntax = \"proto2\";\npackage acme.v1;\n",
            after: "syntax = \"proto3\";\npackage acme.v1;\n",
            evolve: "Keep the syntax. To move to editions, use `edition = \"2023\";` with features that preserve the old behaviour (buf's breaking rules for presence and enum type then guard the rest).",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (prev, cur) in util::file_pairs(ctx) {
        let before = syntax_name(prev);
        let after = syntax_name(cur);
        if before == after {
            continue;
        }
        let path = [tag::FILE_SYNTAX];
        // An editions file has an `edition` statement, not a `syntax` one.
        let span = match cur.syntax {
            Syntax::Editions(_) => Span::FILE_START,
            _ => util::exact_span(cur, &path),
        };
        sink.report_span(
            cur,
            span,
            &path,
            cur.name.clone(),
            format!("File syntax changed from \"{before}\" to \"{after}\"."),
        )
        .change(before, after);
    }
}

/// buf's names: a file without a syntax statement is proto2; editions files are "editions".
fn syntax_name(file: &File) -> &'static str {
    match file.syntax {
        Syntax::Proto2 => "proto2",
        Syntax::Proto3 => "proto3",
        Syntax::Editions(_) => "editions",
    }
}
