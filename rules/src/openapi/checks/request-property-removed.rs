//! `request-property-removed`: A property was removed from a request body.

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
        "request-property-removed",
        Severity::Warning,
        RuleDoc {
            summary: "A property was removed from a request body.",
            why: "Clients keep sending it; the server ignores it now (or rejects it when additional properties are closed), so what they meant by it is lost.",
            before: "properties: {name: {...}, nickname: {...}}",
            after: "properties: {name: {...}}",
            evolve: "Deprecate the property first and stop reading it only after clients have moved.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), None) = (s.old, s.new)
            && !hidden(s, old)
            && !flag(old, "deprecated")
        {
            let msg = format!("removed the request property '{}'", s.path);
            out.hit(&CHECK.meta, old, path_of(d, s), msg);
        }
    }
}
