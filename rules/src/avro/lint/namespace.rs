//! AVRO_NAMESPACE: Named types have a namespace.

use super::{Ctx, LintRule, Sink};
#[allow(unused_imports)]
use super::{fullname, name_ptr};
#[allow(unused_imports)]
use crate::avro::model::Kind;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "AVRO_NAMESPACE",
        kind: RuleKind::Lint,
        formats: &[Format::Avro],
        categories: &["NAMING"],
        default_severity: Severity::Warning,
        aliases: &[],
        doc: RuleDoc {
            summary: "Named types have a namespace.",
            why: "Without a namespace a record's full name is just `Order`, which collides with every other team's `Order` in the same registry, union or code generator; resolution by name then picks the wrong type.",
            before: r#"{"type": "record", "name": "Order", "fields": []}"#,
            after: r#"{"type": "record", "name": "Order", "namespace": "com.acme.sales", "fields": []}"#,
            evolve: "Adding a namespace changes the full name, which readers match by unqualified name (so it stays compatible with Avro's checker) but code generators and aliases see as new: add the old full name to `aliases` when you introduce it.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (_, n) in ctx.named() {
        if n.name().is_some_and(|x| x.namespace().is_none()) {
            sink.report(
                &name_ptr(n),
                format!("{} `{}` has no namespace", n.kind.type_name(), fullname(n)),
            );
        }
    }
}
