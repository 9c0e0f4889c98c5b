//! `request-property-enum-value-removed`: A value was removed from the enum of a request property.

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
        "request-property-enum-value-removed",
        Severity::Error,
        RuleDoc {
            summary: "A value was removed from the enum of a request property.",
            why: "Clients sending that value are rejected.",
            before: "status: {type: string, enum: [open, closed]}",
            after: "status: {type: string, enum: [open]}",
            evolve: "Keep accepting the value; document it as deprecated.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new) {
            for v in enum_missing(old, new) {
                let msg = format!("removed the enum value '{v}' from the request property '{}'", s.path);
                let at = new.get("enum").unwrap_or(new);
                out.hit(&CHECK.meta, at, path_of(d, s), msg);
            }
        }
    }
}
