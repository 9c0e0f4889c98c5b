//! `request-property-type-changed`: The type or format of a request property changed so that values clients send no longer fit.

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
        "request-property-type-changed",
        Severity::Error,
        RuleDoc {
            summary: "The type or format of a request property changed so that values clients send no longer fit.",
            why: "A client sending `\"42\"` for a property that became `integer` is rejected.",
            before: "age: {type: string}",
            after: "age: {type: integer}",
            evolve: "Only widen types in requests (integer to number, add a type to a type list).",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && pair_type_breaks(s, old, new)
            && !matches!(
                family::type_change(s, old, new),
                Some(family::TypeChange::ListNarrowed)
            )
        {
            let (a, b) = (type_text(old), type_text(new));
            let msg = format!("the request property '{}' changed type from '{a}' to '{b}'", s.path);
            out.change(&CHECK.meta, new, path_of(d, s), msg, a, b);
        }
    }
}
