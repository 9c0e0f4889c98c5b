//! `request-body-became-required`: An optional request body became required.

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
        "request-body-became-required",
        Severity::Error,
        RuleDoc {
            summary: "An optional request body became required.",
            why: "Clients that send no body, as they were allowed to, are now rejected.",
            before: "requestBody: {required: false, content: {...}}",
            after: "requestBody: {required: true, content: {...}}",
            evolve: "Keep the body optional and handle its absence on the server.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for op in &d.ops {
        if let (Some(old), Some(new)) = (op.body.old, op.body.new)
            && !flag(old, "required")
            && flag(new, "required")
        {
            let at = new.get("required").unwrap_or(new);
            let path = format!("{} request body", op.new.label());
            out.hit(&CHECK.meta, at, path, "the request body became required".into());
        }
    }
}
