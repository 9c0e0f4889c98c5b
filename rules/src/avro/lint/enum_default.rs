//! AVRO_ENUM_DEFAULT: Enums declare a `default` symbol, so new symbols can be added later.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_ENUM_DEFAULT",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["EVOLUTION"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Enums declare a `default` symbol, so new symbols can be added later.",
            why: "A reader that meets a symbol it does not know fails, unless its enum has a `default` to fall back to; enums without one cannot grow without breaking every existing reader.",
            before: r#"{"type": "enum", "name": "Status", "symbols": ["OPEN", "CLOSED"]}"#,
            after: r#"{"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "OPEN", "CLOSED"], "default": "UNKNOWN"}"#,
            evolve: "The default helps only readers that have it: add it (with a catch-all symbol such as UNKNOWN) in the very first version, or before any writer adds symbols.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (_, n) in ctx.named() {
        if let Kind::Enum { default: None, .. } = &n.kind {
            sink.report(
                &name_ptr(n),
                format!("enum `{}` has no default symbol", fullname(n)),
            );
        }
    }
}
