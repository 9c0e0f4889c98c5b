//! `response-optional-property-removed`: An optional property was removed from a response body.

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
        "response-optional-property-removed",
        Severity::Warning,
        RuleDoc {
            summary: "An optional property was removed from a response body.",
            why: "Clients that use it when present lose the data with no warning.",
            before: "properties: {id: {...}, nickname: {...}}",
            after: "properties: {id: {...}}",
            evolve: "Deprecate the property and keep returning it until clients have moved.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(old), None) = (s.old, s.new)
            && !s.required_old
            && !hidden(s, old)
            && !flag(old, "deprecated")
        {
            let msg = format!("removed the optional property '{}' from the response", s.path);
            out.hit(&CHECK.meta, old, path_of(d, s), msg);
        }
    }
}
