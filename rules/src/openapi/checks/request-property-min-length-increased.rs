//! `request-property-min-length-increased`: The `minLength` of a request property increased.

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
        "request-property-min-length-increased",
        Severity::Error,
        RuleDoc {
            summary: "The `minLength` of a request property increased.",
            why: "Values clients send today that met the old `minLength` are now rejected.",
            before: "name: {type: string, minLength: 1}",
            after: "name: {type: string, minLength: 3}",
            evolve: "Never tighten a request limit; enforce the new one only for new fields or a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && let (Some(a), Some(b)) = (num(old, "minLength"), num(new, "minLength"))
            && b > a
        {
            let (a, b) = (fmt_num(a), fmt_num(b));
            let msg = format!("the minLength of the request property '{}' increased from {a} to {b}", s.path);
            let at = new.get("minLength").unwrap_or(new);
            out.change(&CHECK.meta, at, path_of(d, s), msg, a, b);
        }
    }
}
