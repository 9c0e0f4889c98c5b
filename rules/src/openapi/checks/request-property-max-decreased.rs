//! `request-property-max-decreased`: The `maximum` of a request property decreased.

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
        "request-property-max-decreased",
        Severity::Error,
        RuleDoc {
            summary: "The `maximum` of a request property decreased.",
            why: "Values clients send today that met the old `maximum` are now rejected.",
            before: "qty: {type: integer, maximum: 100}",
            after: "qty: {type: integer, maximum: 10}",
            evolve: "Never tighten a request limit; enforce the new one only for new fields or a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && let (Some(a), Some(b)) = (num(old, "maximum"), num(new, "maximum"))
            && b < a
        {
            let (a, b) = (fmt_num(a), fmt_num(b));
            let msg = format!("the maximum of the request property '{}' decreased from {a} to {b}", s.path);
            let at = new.get("maximum").unwrap_or(new);
            out.change(&CHECK.meta, at, path_of(d, s), msg, a, b);
        }
    }
}
