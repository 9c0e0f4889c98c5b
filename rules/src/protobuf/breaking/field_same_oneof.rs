//! FIELD_SAME_ONEOF: A field stays in (or out of) the same oneof.

use super::pairs::{field_pairs, report_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_ONEOF",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field stays in (or out of) the same oneof."#,
            why: r#"Moving a field into or out of a oneof, or to another oneof, changes the generated API (oneof case accessors) and the semantics on the wire: setting one member of a oneof clears the others, so old and new readers disagree on which values are present."#,
            before: r#"message Payment {
  oneof method {
    string card = 1;
    string iban = 2;
  }
}
"#,
            after: r#"message Payment {
  string card = 1;
  oneof method {
    string iban = 2;
  }
}
"#,
            evolve: r#"Leave existing members where they are; add new fields (in or out of the oneof) under new numbers instead."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        // Extensions cannot be oneof members; proto3 `optional` oneofs are synthetic.
        if p.is_extension() {
            continue;
        }
        let message = match (p.real_oneof(), c.real_oneof()) {
            (None, None) => continue,
            (Some(po), Some(co)) if po.name == co.name => continue,
            (Some(po), Some(co)) => format!(
                "{} moved from oneof {:?} to oneof {:?}.",
                c.description(),
                po.name,
                co.name
            ),
            (Some(_), None) => format!("{} moved from inside to outside a oneof.", c.description()),
            (None, Some(_)) => format!("{} moved from outside to inside a oneof.", c.description()),
        };
        let before = p.real_oneof().map_or(String::new(), |o| o.name.clone());
        let after = c.real_oneof().map_or(String::new(), |o| o.name.clone());
        report_at(sink, c.file, c.span(), &c.field.path, c.logical(), message)
            .change(before, after);
    }
}
