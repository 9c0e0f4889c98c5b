//! `request-parameter-max-items-decreased`: The `maxItems` of an array request parameter decreased.

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
        "request-parameter-max-items-decreased",
        Severity::Error,
        RuleDoc {
            summary: "The `maxItems` of an array request parameter decreased.",
            why: "Clients sending as many items as the old limit allowed are rejected.",
            before: "{name: ids, in: query, schema: {type: array, maxItems: 100}}",
            after: "{name: ids, in: query, schema: {type: array, maxItems: 10}}",
            evolve: "Keep request limits; paginate or batch on the server instead.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    // Any array in the parameter's schema, as oasdiff reports (its test sets `maxItems` on
    // the items of an array parameter).
    for s in d.schemas.iter().filter(|s| !s.is_body()) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && let (Some(a), Some(b)) = (num(old, "maxItems"), num(new, "maxItems"))
            && b < a
        {
            let (a, b) = (fmt_num(a), fmt_num(b));
            let msg = format!("the maxItems of the {} decreased from {a} to {b}", describe(s));
            let at = new.get("maxItems").unwrap_or(new);
            out.change(&CHECK.meta, at, path_of(d, s), msg, a, b);
        }
    }
}
