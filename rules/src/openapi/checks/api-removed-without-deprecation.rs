//! `api-removed-without-deprecation`: An operation was removed (its path remains) without being deprecated first.

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
        "api-removed-without-deprecation",
        Severity::Error,
        RuleDoc {
            summary: "An operation was removed (its path remains) without being deprecated first.",
            why: "Clients calling the method get 405 or 404 with no warning from the previous version.",
            before: "paths:\n  /pets:\n    get: {...}\n    post: {...}",
            after: "paths:\n  /pets:\n    get: {...}",
            evolve: "Deprecate the operation with `deprecated: true` and an `x-sunset` date first; remove it after the date.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    for (op, whole) in &d.removed_ops {
        if !*whole && retirement(op.op, o.today) == Retirement::NotDeprecated {
            out.hit(&CHECK.meta, op.op, op.label(), format!("{} removed without deprecation", op.label()));
        }
    }
}
