//! `response-property-enum-value-added`: A response property may return a new enum value.

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
        "response-property-enum-value-added",
        Severity::Warning,
        RuleDoc {
            summary: "A response property may return a new enum value.",
            why: "Clients that switch over the known values (generated enums, exhaustive matches) cannot handle the new one.",
            before: "status: {enum: [open, closed]}",
            after: "status: {enum: [open, closed, archived]}",
            evolve: "Tell clients to expect unknown values (x-extensible-enum) before adding one, or add it in a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Response, true) {
        if let (Some(old), Some(new)) = (s.old, s.new) {
            for v in enum_missing(new, old) {
                let msg = format!("added the enum value '{v}' to the response property '{}'", s.path);
                let at = new.get("enum").unwrap_or(new);
                out.hit(&CHECK.meta, at, path_of(d, s), msg);
            }
        }
    }
}
