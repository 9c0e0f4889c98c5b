//! `request-parameter-became-required`: An optional request parameter became required.

#[allow(unused_imports)]
use super::*;
#[allow(unused_imports)]
use crate::openapi::node::fmt_num;
#[allow(unused_imports)]
use crate::openapi::schema::{flag, nullable, num};
#[allow(unused_imports)]
use crate::openapi::sunset::{Retirement, retirement};

pub static CHECK: Check = Check {
    meta: meta(
        "request-parameter-became-required",
        Severity::Error,
        RuleDoc {
            summary: "An optional request parameter became required.",
            why: "Clients that leave the parameter out, as they were allowed to, now get errors.",
            before: "{name: limit, in: query, required: false}",
            after: "{name: limit, in: query, required: true}",
            evolve: "Keep the parameter optional and give the server a default for it.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    let _ = o;
    for op in &d.ops {
        for p in &op.params {
            if let (Some(old), Some(new)) = (p.old, p.new)
                && !flag(old, "required")
                && flag(new, "required")
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let msg = format!("the {} request parameter '{}' became required", p.location, p.name);
                out.hit(&CHECK.meta, new.get("required").unwrap_or(new), path, msg);
            }
        }
    }
}
