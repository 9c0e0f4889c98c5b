//! `request-property-min-items-increased`: The `minItems` of a request property increased.

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
        "request-property-min-items-increased",
        Severity::Error,
        RuleDoc {
            summary: "The `minItems` of a request property increased.",
            why: "Values clients send today that met the old `minItems` are now rejected.",
            before: "tags: {type: array, minItems: 0}",
            after: "tags: {type: array, minItems: 1}",
            evolve: "Never tighten a request limit; enforce the new one only for new fields or a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && let (Some(a), Some(b)) = (num(old, "minItems"), num(new, "minItems"))
            && b > a
        {
            let (a, b) = (fmt_num(a), fmt_num(b));
            let msg = format!("the minItems of the request property '{}' increased from {a} to {b}", s.path);
            let at = new.get("minItems").unwrap_or(new);
            out.change(&CHECK.meta, at, path_of(d, s), msg, a, b);
        }
    }
}
