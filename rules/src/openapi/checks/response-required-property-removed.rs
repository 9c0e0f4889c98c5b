//! `response-required-property-removed`: A required property was removed from a response body.

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
        "response-required-property-removed",
        Severity::Error,
        RuleDoc {
            summary: "A required property was removed from a response body.",
            why: "Clients read it unconditionally (it was guaranteed) and now fail on its absence.",
            before: "required: [id, name]",
            after: "(name removed)",
            evolve: "Keep returning the property (deprecate it), or return it from a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(old), None) = (s.old, s.new)
            && s.required_old
            && !hidden(s, old)
        {
            let msg = format!("removed the required property '{}' from the response", s.path);
            out.hit(&CHECK.meta, old, path_of(d, s), msg);
        }
    }
}
