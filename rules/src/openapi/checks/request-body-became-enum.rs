//! `request-body-became-enum`: A request body that took any value is now restricted to an enum.

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
        "request-body-became-enum",
        Severity::Error,
        RuleDoc {
            summary: "A request body that took any value is now restricted to an enum.",
            why: "Values outside the new list, which clients could send before, are rejected.",
            before: "schema: {type: string}",
            after: "schema: {type: string, enum: [a, b]}",
            evolve: "Validate the new list leniently, or take restricted values in a new field.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, false) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && old.get("enum").is_none()
            && let Some(e) = new.get("enum")
        {
            let msg = "the request body was restricted to a list of enum values".to_string();
            out.hit(&CHECK.meta, e, path_of(d, s), msg);
        }
    }
}
