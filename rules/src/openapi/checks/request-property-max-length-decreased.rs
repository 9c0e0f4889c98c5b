//! `request-property-max-length-decreased`: The `maxLength` of a request property decreased.

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
        "request-property-max-length-decreased",
        Severity::Error,
        RuleDoc {
            summary: "The `maxLength` of a request property decreased.",
            why: "Strings clients send that were short enough before are now too long.",
            before: "name: {type: string, maxLength: 100}",
            after: "name: {type: string, maxLength: 50}",
            evolve: "Never lower a request limit; truncate or reject on the server only for new clients.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && let (Some(a), Some(b)) = (num(old, "maxLength"), num(new, "maxLength"))
            && b < a
        {
            let (a, b) = (fmt_num(a), fmt_num(b));
            let msg = format!("the maxLength of the request property '{}' decreased from {a} to {b}", s.path);
            let at = new.get("maxLength").unwrap_or(new);
            out.change(&CHECK.meta, at, path_of(d, s), msg, a, b);
        }
    }
}
