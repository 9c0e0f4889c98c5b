//! `response-property-became-optional`: A required response property became optional.

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
        "response-property-became-optional",
        Severity::Error,
        RuleDoc {
            summary: "A required response property became optional.",
            why: "Clients rely on it always being there; now the server may leave it out.",
            before: "required: [id, name]",
            after: "required: [id]",
            evolve: "Keep the property required in responses; make an optional variant in a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(_), Some(new)) = (s.old, s.new)
            && s.required_old
            && !s.required_new
            && !hidden(s, new)
        {
            let msg = format!("the response property '{}' became optional", s.path);
            out.hit(&CHECK.meta, new, path_of(d, s), msg);
        }
    }
}
