//! `api-path-removed-before-sunset`: A deprecated path was removed before its `x-sunset` date.

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
        "api-path-removed-before-sunset",
        Severity::Error,
        RuleDoc {
            summary: "A deprecated path was removed before its `x-sunset` date.",
            why: "The sunset date is a promise that the path keeps working until then; clients that planned their migration by it break early.",
            before: "paths:\n  /pets:\n    get: {deprecated: true, x-sunset: \"2999-01-01\", responses: {\"200\": {description: ok}}}",
            after: "paths: {}",
            evolve: "Keep the path until its sunset date has passed, then remove it.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    for (op, whole) in &d.removed_ops {
        if *whole && retirement(op.op, o.today) == Retirement::BeforeSunset {
            out.hit(&CHECK.meta, op.op, op.label(), format!("{} removed before its sunset date", op.label()));
        }
    }
}
