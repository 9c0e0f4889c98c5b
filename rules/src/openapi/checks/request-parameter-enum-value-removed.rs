//! `request-parameter-enum-value-removed`: A value was removed from the enum of a request parameter.

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
        "request-parameter-enum-value-removed",
        Severity::Error,
        RuleDoc {
            summary: "A value was removed from the enum of a request parameter.",
            why: "Clients sending that value are now rejected.",
            before: "schema: {type: string, enum: [asc, desc]}",
            after: "schema: {type: string, enum: [asc]}",
            evolve: "Keep accepting the old value (map it to a new one on the server); deprecate it in the description.",
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
            {
                for v in enum_missing(os, ns) {
                    let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                    let msg = format!("removed the enum value '{v}' from the {} request parameter '{}'", p.location, p.name);
                    let at = ns.get("enum").unwrap_or(ns);
                    out.hit(&CHECK.meta, at, path, msg);
                }
            }
        }
    }
}
