//! `request-parameter-became-enum`: A request parameter that took any value is now restricted to an enum.

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
        "request-parameter-became-enum",
        Severity::Error,
        RuleDoc {
            summary: "A request parameter that took any value is now restricted to an enum.",
            why: "Values outside the new list, which clients could send before, are now rejected.",
            before: "schema: {type: string}",
            after: "schema: {type: string, enum: [asc, desc]}",
            evolve: "Validate leniently, or introduce the restricted parameter under a new name.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    let _ = o;
    for op in &d.ops {
        for p in &op.params {
            if let (Some(old), Some(new)) = (p.old, p.new)
                && let (Some(os), Some(ns)) = (param_schema(old), param_schema(new))
                && os.get("enum").is_none()
                && let Some(e) = ns.get("enum")
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let msg = format!("the {} request parameter '{}' was restricted to a list of enum values", p.location, p.name);
                out.hit(&CHECK.meta, e, path, msg);
            }
        }
    }
}
