//! `request-property-became-required`: An optional request property became required.

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
        "request-property-became-required",
        Severity::Error,
        RuleDoc {
            summary: "An optional request property became required.",
            why: "Clients that leave it out, as they could, now send invalid bodies.",
            before: "required: [name]",
            after: "required: [name, email]",
            evolve: "Keep the property optional and default it on the server.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(_), Some(new)) = (s.old, s.new)
            && !s.required_old
            && s.required_new
            && !hidden(s, new)
            && new.get("default").is_none()
        {
            let msg = format!("the request property '{}' became required", s.path);
            out.hit(&CHECK.meta, new, path_of(d, s), msg);
        }
    }
}
