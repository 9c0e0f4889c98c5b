//! MESSAGE_SAME_REQUIRED_FIELDS: A message neither gains nor loses proto2 `required` fields.

use super::index::paired;
use super::pairs::{message_span, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{Label, Message};
use std::collections::BTreeMap;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "MESSAGE_SAME_REQUIRED_FIELDS",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A message neither gains nor loses proto2 `required` fields."#,
            why: r#"A required field must be present for a message to parse. Adding one makes old writers' messages invalid for new readers; removing one makes new writers' messages invalid for old readers."#,
            before: r#"syntax = "proto2";
message Order {
  required string id = 1;
}
"#,
            after: r#"syntax = "proto2";
message Order {
  required string id = 1;
  required string customer = 2;
}
"#,
            evolve: r#"Never add or remove required fields; add new fields as optional and validate presence in application code."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    const WHY: &str = "Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.";
    for ((_, pm), (cf, cm)) in paired(&ctx.previous.messages, &ctx.current.messages) {
        let required = |m: &'_ Message| -> BTreeMap<i32, String> {
            m.fields
                .iter()
                .filter(|f| f.label == Label::Required)
                .map(|f| (f.number, f.name.clone()))
                .collect()
        };
        let (before, after) = (required(pm), required(cm));
        for (number, name) in &before {
            if !after.contains_key(number) {
                report_at(
                    sink,
                    cf,
                    message_span(cf, cm),
                    &cm.path,
                    &cm.full_name,
                    format!(
                        "Message {:?} had required field \"{number}\" deleted. {WHY}",
                        pm.name
                    ),
                )
                .change(format!("required {name} = {number}"), "");
            }
        }
        for f in cm.fields.iter().filter(|f| f.label == Label::Required) {
            if !before.contains_key(&f.number) {
                report_at(
                    sink,
                    cf,
                    span_at(cf, &f.path),
                    &f.path,
                    &f.full_name,
                    format!(
                        "Message {:?} had required field \"{}\" added. {WHY}",
                        cm.name, f.number
                    ),
                )
                .change("", format!("required {} = {}", f.name, f.number));
            }
        }
    }
}
