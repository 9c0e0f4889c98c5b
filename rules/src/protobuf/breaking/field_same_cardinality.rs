//! FIELD_SAME_CARDINALITY: A field keeps its cardinality (explicit or implicit presence, required, repeated, map).

use super::pairs::check_cardinality;
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_CARDINALITY",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["FILE", "PACKAGE"],
        default_severity: Severity::Error,
        aliases: &["FIELD_SAME_LABEL"],
        doc: RuleDoc {
            summary: r#"A field keeps its cardinality (explicit or implicit presence, required, repeated, map)."#,
            why: r#"Cardinality decides the generated API: a repeated field becomes a list, a map a dictionary, an explicit-presence field gets a has-accessor. Changing it breaks source code that uses the field, and moving between presence kinds silently changes whether an unset value can be told from a zero."#,
            before: r#"message Order {
  int32 quantity = 1;
  repeated string tags = 2;
}
"#,
            after: r#"message Order {
  optional int32 quantity = 1; // implicit -> explicit presence
  string tags = 2;             // repeated -> singular
}
"#,
            evolve: r#"Add a new field with the cardinality you need under a new number and name, deprecate the old one, and reserve its number and name once no client reads it."#,
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    check_cardinality(ctx, sink, |c| c as u8);
}
