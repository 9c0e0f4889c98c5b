//! `response-body-type-changed`: The type or format of a response body changed to values clients may not expect.

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
        "response-body-type-changed",
        Severity::Error,
        RuleDoc {
            summary: "The type or format of a response body changed to values clients may not expect.",
            why: "A client that parses an object now receives an array (or a string where it expected a number).",
            before: "schema: {type: object}",
            after: "schema: {type: array}",
            evolve: "Return a new shape from a new operation or media type; only narrow a response type.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, false) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && pair_type_breaks(s, old, new)
            && !matches!(
                family::type_change(s, old, new),
                Some(family::TypeChange::Generalized | family::TypeChange::ListWidened)
            )
        {
            let (a, b) = (type_text(old), type_text(new));
            let msg = format!("the response body type changed from '{a}' to '{b}'");
            out.change(&CHECK.meta, new, path_of(d, s), msg, a, b);
        }
    }
}
