//! `request-body-type-changed`: The type or format of a request body changed so that bodies clients send no longer fit.

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
        "request-body-type-changed",
        Severity::Error,
        RuleDoc {
            summary: "The type or format of a request body changed so that bodies clients send no longer fit.",
            why: "A client sending an object where an array is now expected is rejected.",
            before: "schema: {type: object}",
            after: "schema: {type: array}",
            evolve: "Only widen the body schema; put a different shape in a new operation or media type.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, false) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && pair_type_breaks(s, old, new)
            && !matches!(
                family::type_change(s, old, new),
                Some(family::TypeChange::ListNarrowed)
            )
        {
            let (a, b) = (type_text(old), type_text(new));
            let msg = format!("the request body type changed from '{a}' to '{b}'");
            out.change(&CHECK.meta, new, path_of(d, s), msg, a, b);
        }
    }
}
