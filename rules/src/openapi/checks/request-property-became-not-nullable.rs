//! `request-property-became-not-nullable`: A request property that accepted `null` no longer does.

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
        "request-property-became-not-nullable",
        Severity::Error,
        RuleDoc {
            summary: "A request property that accepted `null` no longer does.",
            why: "Clients sending `null` (allowed before) are rejected.",
            before: "note: {type: string, nullable: true}",
            after: "note: {type: string}",
            evolve: "Keep accepting null; treat it as absent on the server.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(_), Some(new)) = (s.old, s.new)
            && s.null_old
            && !s.null_new
        {
            let msg = format!("the request property '{}' became not nullable", s.path);
            out.hit(&CHECK.meta, new, path_of(d, s), msg);
        }
    }
}
