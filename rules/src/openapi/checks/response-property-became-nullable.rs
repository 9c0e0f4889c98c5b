//! `response-property-became-nullable`: A response property may now be `null`.

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
        "response-property-became-nullable",
        Severity::Error,
        RuleDoc {
            summary: "A response property may now be `null`.",
            why: "Clients dereference it without a null check, as the old contract allowed.",
            before: "name: {type: string}",
            after: "name: {type: string, nullable: true}",
            evolve: "Leave the property out instead of returning null, or add a nullable property beside it.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(_), Some(new)) = (s.old, s.new)
            && !s.null_old
            && s.null_new
        {
            let msg = format!("the response property '{}' became nullable", s.path);
            out.hit(&CHECK.meta, new, path_of(d, s), msg);
        }
    }
}
