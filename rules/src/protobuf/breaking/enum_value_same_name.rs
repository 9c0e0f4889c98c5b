//! ENUM_VALUE_SAME_NAME: An enum number keeps its name(s).

use super::index::paired;
use super::pairs::{report_at, span_at};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{Enum, EnumValue};
use std::collections::BTreeMap;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "ENUM_VALUE_SAME_NAME",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"An enum number keeps its name(s)."#,
            why: r#"JSON and text formats write enum values by name, and generated code refers to them by name: renaming the value for a number breaks both, even though the binary encoding is the number. Adding an alias is fine; every name a number had before must still be one of its names."#,
            before: r#"enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_DONE = 1;
}
"#,
            after: r#"enum Status {
  STATUS_UNSPECIFIED = 0;
  STATUS_FINISHED = 1;
}
"#,
            evolve: r#"Add the new name as an alias (`option allow_alias = true`), move clients over, then deprecate the old name rather than deleting it."#,
        },
    },
    check,
};

fn by_number(e: &Enum) -> BTreeMap<i32, Vec<&EnumValue>> {
    let mut map: BTreeMap<i32, Vec<&EnumValue>> = BTreeMap::new();
    for v in &e.values {
        map.entry(v.number).or_default().push(v);
    }
    map
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    for ((_, pe), (cf, ce)) in paired(&ctx.previous.enums, &ctx.current.enums) {
        let (previous, current) = (by_number(pe), by_number(ce));
        for (number, values) in &current {
            let Some(old) = previous.get(number) else {
                continue;
            };
            let mut before: Vec<&str> = old.iter().map(|v| v.name.as_str()).collect();
            let mut after: Vec<&str> = values.iter().map(|v| v.name.as_str()).collect();
            before.sort();
            before.dedup();
            after.sort();
            after.dedup();
            if before.iter().all(|n| after.contains(n)) {
                continue;
            }
            let quote = |names: &[&str]| {
                names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let suffix = if before.len() > 1 && after.len() > 1 {
                "s"
            } else {
                ""
            };
            let message = format!(
                "Enum value \"{number}\" on enum {:?} changed name{suffix} from {} to {}.",
                ce.name,
                quote(&before),
                quote(&after)
            );
            for v in values {
                let mut path = v.path.clone();
                path.push(tag::ENUM_VALUE_NUMBER);
                report_at(
                    sink,
                    cf,
                    span_at(cf, &path),
                    &v.path,
                    format!("{}.{}", ce.full_name, v.name),
                    message.clone(),
                )
                .change(quote(&before), quote(&after));
            }
        }
    }
}
