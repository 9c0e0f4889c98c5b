//! `request-parameter-became-not-nullable`: A request parameter that accepted `null` no longer does.

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
        "request-parameter-became-not-nullable",
        Severity::Error,
        RuleDoc {
            summary: "A request parameter that accepted `null` no longer does.",
            why: "Clients sending null (allowed before) are rejected.",
            before: "{name: since, in: query, schema: {type: string, nullable: true}}",
            after: "{name: since, in: query, schema: {type: string}}",
            evolve: "Keep accepting null and treat it as absent.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    let _ = o;
    for op in &d.ops {
        for p in &op.params {
            if let (Some(old), Some(new)) = (p.old, p.new)
                && let (Some(os), Some(ns)) = (raw_param_schema(old), raw_param_schema(new))
                && nullable(os)
                && !nullable(ns)
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let msg = format!("the {} request parameter '{}' became not nullable", p.location, p.name);
                out.hit(&CHECK.meta, new.get("schema").map_or(new, |s| s.deref_keep_off()), path, msg);
            }
        }
    }
}
