//! `response-property-type-changed`: The type or format of a response property changed to values clients may not expect.

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
        "response-property-type-changed",
        Severity::Error,
        RuleDoc {
            summary: "The type or format of a response property changed to values clients may not expect.",
            why: "A client parsing an `integer` now receives a `string`.",
            before: "id: {type: integer}",
            after: "id: {type: string}",
            evolve: "Only narrow types in responses (number to integer); add a new property for a new type.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && pair_type_breaks(s, old, new)
            && !matches!(
                family::type_change(s, old, new),
                Some(family::TypeChange::Generalized | family::TypeChange::ListWidened)
            )
        {
            let (a, b) = (type_text(old), type_text(new));
            let msg = format!("the response property '{}' changed type from '{a}' to '{b}'", s.path);
            out.change(&CHECK.meta, new, path_of(d, s), msg, a, b);
        }
    }
}
