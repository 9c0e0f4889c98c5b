//! FIELD_NUMBER_NO_REUSE: A field or enum value number deleted in an earlier release is not reused for something else.

use super::pairs::{last_seen_before_gap, report_at, same_type, span_at, type_description};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_NUMBER_NO_REUSE",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE", "WIRE_JSON", "WIRE", "HISTORY"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A field or enum value number deleted in an earlier release is not reused for something else."#,
            why: r#"Old data and old clients still carry the deleted field under its number. If a later release gives that number to a field with another name or type, new readers decode old values as the new field - silently wrong data or parse errors. buf only compares two versions, so when the deletion and the reuse happen in different releases (v1 has `foo = 3`, v2 deletes it, v3 adds `bar = 3`), nothing flags it; this rule checks every version given with `--against`. A number that was reserved in between and released again counts as reused too."#,
            before: r#"// v1
message Order {
  string note = 3;
}
// v2: note deleted, number not reserved
message Order {
}
"#,
            after: r#"message Order {
  int64 priority = 3;
}
"#,
            evolve: r#"When deleting a field or enum value, reserve its number and name (`reserved 3; reserved "note";`) so they can never come back; give new fields fresh numbers."#,
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
                let (of, om) = ix.messages.get(cm.full_name.as_str())?;
                let old = om.fields.iter().find(|o| o.number == f.number)?;
                Some((*of, old))
            }) else {
                continue;
            };
            let (of, old) = seen.value;
            if old.name == f.name && same_type(old, f) {
                continue;
            }
            let before = format!("{} {}", type_description(of, old), old.name);
            let after = format!("{} {}", type_description(cf, f), f.name);
            report_at(
                sink,
                cf,
                span_at(cf, &f.path),
                &f.path,
                &f.full_name,
                format!(
                    "Field \"{}\" with name {:?} on message {:?} reuses the number of field {:?} ({}), which was deleted in {:?} (last present in {:?}); data written with the old field would be read as the new one.",
                    f.number,
                    f.name,
                    cm.name,
                    old.name,
                    type_description(of, old),
                    seen.deleted_in,
                    seen.last
                ),
            )
            .change(before, after).finding.against = Some(seen.last.clone());
        }
    }
    let mut enums: Vec<_> = ctx.current.enums.values().collect();
    enums.sort_by(|a, b| (&a.0.name, &a.1.path).cmp(&(&b.0.name, &b.1.path)));
    for &(cf, ce) in enums {
        for v in &ce.values {
            let Some(seen) = last_seen_before_gap(ctx, |ix| {
                let (_, oe) = ix.enums.get(ce.full_name.as_str())?;
                let names: Vec<String> = oe
                    .values
                    .iter()
                    .filter(|o| o.number == v.number)
                    .map(|o| o.name.clone())
                    .collect();
                (!names.is_empty()).then_some(names)
            }) else {
                continue;
            };
            if seen.value.contains(&v.name) {
                continue;
            }
            let old = seen.value.join(", ");
            report_at(
                sink,
                cf,
                span_at(cf, &v.path),
                &v.path,
                format!("{}.{}", ce.full_name, v.name),
                format!(
                    "Enum value \"{}\" with name {:?} on enum {:?} reuses the number of value {:?}, which was deleted in {:?} (last present in {:?}); data written with the old value would be read as the new one.",
                    v.number, v.name, ce.name, old, seen.deleted_in, seen.last
                ),
            )
            .change(format!("{old} = {}", v.number), format!("{} = {}", v.name, v.number)).finding.against = Some(seen.last.clone());
        }
    }
}
