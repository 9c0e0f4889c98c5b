//! `request-body-media-type-removed`: A media type was removed from a request body.

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
        "request-body-media-type-removed",
        Severity::Error,
        RuleDoc {
            summary: "A media type was removed from a request body.",
            why: "Clients sending the body in that format (`application/xml`, say) are now refused with 415.",
            before: "content: {application/json: {...}, application/xml: {...}}",
            after: "content: {application/json: {...}}",
            evolve: "Keep accepting the media type until clients have moved; deprecate it in the description.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for op in &d.ops {
        for m in op.media.iter().filter(|m| m.status.is_none()) {
            if let (Some(old), None) = (m.old, m.new) {
                let path = format!("{} request body {}", op.new.label(), m.media);
                let msg = format!("removed the media type '{}' from the request body", m.media);
                out.hit(&CHECK.meta, old, path, msg);
            }
        }
    }
}
