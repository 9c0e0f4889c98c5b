//! `request-parameter-removed`: A request parameter was removed without being deprecated first.

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
        "request-parameter-removed",
        Severity::Warning,
        RuleDoc {
            summary: "A request parameter was removed without being deprecated first.",
            why: "Clients keep sending it; the server now ignores it (or rejects the request if it validates strictly), so behaviour they relied on silently changes.",
            before: "parameters: [{name: limit, in: query, schema: {type: integer}}]",
            after: "parameters: []",
            evolve: "Deprecate the parameter (`deprecated: true`, `x-sunset`) and remove it after the sunset date.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    let _ = o;
    for op in &d.ops {
        for p in &op.params {
            if let (Some(old), None) = (p.old, p.new)
                && retirement(old, o.today) == Retirement::NotDeprecated
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let msg = format!("removed the {} request parameter '{}'", p.location, p.name);
                out.hit(&CHECK.meta, old, path, msg);
            }
        }
    }
}
