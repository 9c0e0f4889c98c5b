//! FIELD_NAME_NO_REUSE: A field or enum value name deleted in an earlier release is not reused with another number.

use super::pairs::{last_seen_before_gap, report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NAME_NO_REUSE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE", "WIRE_JSON", "WIRE", "HISTORY"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field or enum value name deleted in an earlier release is not reused with another number."#,
            why: r#"JSON and text-format clients identify fields and enum values by name. If a later release brings a deleted name back under another number, old JSON payloads and old clients map onto the new field or value. buf only compares two versions, so a deletion and a reuse in different releases go unnoticed; this rule checks every version given with `--against`."#,
            before: r#"// v1
message Order {
  string note = 3;
}
// v2: note deleted, name not reserved
message Order {
}
"#,
            after: r#"message Order {
  string note = 7;
}
"#,
            evolve: r#"When deleting a field or enum value, reserve its name and number; pick a new name for the new field."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let mut messages: Vec<_> = ctx.current.messages.values().collect();
    messages.sort_by(|a, b| (&a.0.name, &a.1.path).cmp(&(&b.0.name, &b.1.path)));
    for &(cf, cm) in messages {
        if cm.is_map_entry {
            continue;
        }
        for f in &cm.fields {
            let Some(seen) = last_seen_before_gap(ctx, |ix| {
                let (_, om) = ix.messages.get(cm.full_name.as_str())?;
                om.fields
                    .iter()
                    .find(|o| o.name == f.name)
                    .map(|o| o.number)
            }) else {
                continue;
            };
            let old_number = seen.value;
            if old_number == f.number {
                continue;
            }
            report_at(
                sink,
                cf,
                span_at(cf, &f.path),
                &f.path,
                &f.full_name,
                format!(
                    "Field \"{}\" with name {:?} on message {:?} reuses the name of field \"{}\", which was deleted in {:?} (last present in {:?}); JSON and text clients would confuse the two.",
                    f.number, f.name, cm.name, old_number, seen.deleted_in, seen.last
                ),
            )
            .change(
                format!("{} = {old_number}", f.name),
                format!("{} = {}", f.name, f.number),
            ).finding.against = Some(seen.last.clone());
        }
    }
    let mut enums: Vec<_> = ctx.current.enums.values().collect();
    enums.sort_by(|a, b| (&a.0.name, &a.1.path).cmp(&(&b.0.name, &b.1.path)));
    for &(cf, ce) in enums {
        for v in &ce.values {
            let Some(seen) = last_seen_before_gap(ctx, |ix| {
                let (_, oe) = ix.enums.get(ce.full_name.as_str())?;
                oe.values
                    .iter()
                    .find(|o| o.name == v.name)
                    .map(|o| o.number)
            }) else {
                continue;
            };
            let old_number = seen.value;
            if old_number == v.number {
                continue;
            }
            report_at(
                sink,
                cf,
                span_at(cf, &v.path),
                &v.path,
                format!("{}.{}", ce.full_name, v.name),
                format!(
                    "Enum value \"{}\" with name {:?} on enum {:?} reuses the name of value \"{}\", which was deleted in {:?} (last present in {:?}); JSON and text clients would confuse the two.",
                    v.number, v.name, ce.name, old_number, seen.deleted_in, seen.last
                ),
            )
            .change(
                format!("{} = {old_number}", v.name),
                format!("{} = {}", v.name, v.number),
            ).finding.against = Some(seen.last.clone());
        }
    }
}
