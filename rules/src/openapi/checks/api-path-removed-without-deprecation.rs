//! `api-path-removed-without-deprecation`: A path was removed without being deprecated first.

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
        "api-path-removed-without-deprecation",
        Severity::Error,
        RuleDoc {
            summary: "A path was removed without being deprecated first.",
            why: "Clients still calling any operation of the path get 404s; nothing in the previous version warned them.",
            before: "paths:\n  /pets:\n    get: {responses: {\"200\": {description: ok}}}",
            after: "paths: {}",
            evolve: "Mark the operations `deprecated: true` with an `x-sunset` date, publish that, and remove the path after the date.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    for (op, whole) in &d.removed_ops {
        if *whole && retirement(op.op, o.today) == Retirement::NotDeprecated {
            out.hit(&CHECK.meta, op.op, op.label(), format!("{} removed: the whole path is gone and it was not deprecated", op.label()));
        }
    }
}
