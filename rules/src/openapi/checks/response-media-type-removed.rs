//! `response-media-type-removed`: A media type was removed from a response.

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
        "response-media-type-removed",
        Severity::Error,
        RuleDoc {
            summary: "A media type was removed from a response.",
            why: "Clients that ask for it (`Accept`) or parse it no longer get it.",
            before: "responses: {\"200\": {content: {application/json: {...}, text/csv: {...}}}}",
            after: "responses: {\"200\": {content: {application/json: {...}}}}",
            evolve: "Keep producing the media type while clients use it.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for op in &d.ops {
        for m in &op.media {
            // A media type replaced by a range covering it is `response-media-type-name-generalized`.
            if let (Some(status), Some(old), None) = (m.status, m.old, m.new)
                && ops::generalized_to(op, m.status, m.media).is_none()
            {
                let path = format!("{} response {status} {}", op.new.label(), m.media);
                let msg = format!("removed the media type '{}' from the response with the '{status}' status", m.media);
                out.hit(&CHECK.meta, old, path, msg);
            }
        }
    }
}
