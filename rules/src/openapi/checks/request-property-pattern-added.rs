//! `request-property-pattern-added`: A request property without a pattern now has one.

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
        "request-property-pattern-added",
        Severity::Error,
        RuleDoc {
            summary: "A request property without a pattern now has one.",
            why: "Strings clients send that do not match the new pattern are rejected.",
            before: "code: {type: string}",
            after: "code: {type: string, pattern: \"^[A-Z]{3}$\"}",
            evolve: "Validate new formats only for new properties or in a new version.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for s in body_pairs(d, Dir::Request, true) {
        if let (Some(old), Some(new)) = (s.old, s.new)
            && old.get("pattern").and_then(|p| p.str()).is_none_or(str::is_empty)
            && let Some(p) = new.get("pattern")
            && p.str().is_some_and(|p| !p.is_empty())
        {
            let msg = format!("added the pattern '{}' to the request property '{}'", p.str().unwrap_or(""), s.path);
            out.hit(&CHECK.meta, p, path_of(d, s), msg);
        }
    }
}
