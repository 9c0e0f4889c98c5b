//! FIELD_LOWER_SNAKE_CASE: TODO.

use super::LintRule;
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "FIELD_LOWER_SNAKE_CASE",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "TODO",
            why: "TODO",
            before: "TODO",
            after: "TODO",
            evolve: "TODO",
        },
    },
    check,
};

// Minimal check written in the CLI branch so end-to-end tests have a lint rule that fires;
// the lint helper's full version replaces it on merge.
fn check(ctx: &super::Ctx, sink: &mut crate::protobuf::check::Sink) {
    use crate::protobuf::descriptor::tag;
    for file in ctx.image.targets() {
        for message in file.messages.iter().filter(|m| !m.is_map_entry) {
            for field in &message.fields {
                let want = lower_snake(&field.name);
                if field.name != want {
                    let path = [field.path.as_slice(), &[tag::FIELD_NAME]].concat();
                    sink.report(
                        file,
                        &path,
                        field.full_name.clone(),
                        format!(
                            "Field name {:?} should be lower_snake_case, such as {:?}.",
                            field.name, want
                        ),
                    );
                }
            }
        }
    }
}

fn lower_snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            if prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
