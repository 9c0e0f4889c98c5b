//! `response-body-became-nullable`: A response body may now be `null`.

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
        "response-body-became-nullable",
        Severity::Error,
        RuleDoc {
            summary: "A response body may now be `null`.",
            why: "Clients parse the body as the documented value and do not expect `null`.",
            before: "schema: {type: object}",
            after: "schema: {type: object, nullable: true}",
            evolve: "Return an empty object or a 404 instead of a null body.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, false) {
        if let (Some(_), Some(new)) = (s.old, s.new)
            && !s.null_old
            && s.null_new
        {
            out.hit(&CHECK.meta, new, path_of(d, s), "the response body became nullable".into());
        }
    }
}
