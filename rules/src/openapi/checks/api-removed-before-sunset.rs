//! `api-removed-before-sunset`: A deprecated operation was removed before its `x-sunset` date.

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
        "api-removed-before-sunset",
        Severity::Error,
        RuleDoc {
            summary: "A deprecated operation was removed before its `x-sunset` date.",
            why: "Clients were told the operation would work until the sunset date.",
            before: "post: {deprecated: true, x-sunset: \"2999-01-01\", ...}",
            after: "(post removed)",
            evolve: "Wait for the sunset date to pass before removing the operation.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    for (op, whole) in &d.removed_ops {
        if !*whole && retirement(op.op, o.today) == Retirement::BeforeSunset {
            out.hit(&CHECK.meta, op.op, op.label(), format!("{} removed before its sunset date", op.label()));
        }
    }
}
