//! `new-required-request-property`: A request body gained a required property.

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
        "new-required-request-property",
        Severity::Error,
        RuleDoc {
            summary: "A request body gained a required property.",
            why: "Bodies existing clients send lack it and fail validation.",
            before: "properties: {name: {type: string}}\nrequired: [name]",
            after: "properties: {name: {type: string}, email: {type: string}}\nrequired: [name, email]",
            evolve: "Add the property as optional (with a server-side default); require it only in a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (None, Some(new)) = (s.old, s.new)
            && s.required_new
            && !hidden(s, new)
            && new.get("default").is_none()
        {
            let msg = format!("added the new required request property '{}'", s.path);
            out.hit(&CHECK.meta, new, path_of(d, s), msg);
        }
    }
}
