//! `new-required-request-parameter`: An existing operation gained a required query, header or cookie parameter.

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
        "new-required-request-parameter",
        Severity::Error,
        RuleDoc {
            summary: "An existing operation gained a required query, header or cookie parameter.",
            why: "Requests of every existing client lack it and are rejected.",
            before: "parameters: []",
            after: "parameters: [{name: tenant, in: header, required: true}]",
            evolve: "Add the parameter as optional with a server-side default; make it required only in a new operation or version.",
        },
    ),
    run,
};

fn run(d: &Diff, o: &Options, out: &mut Sink) {
    let _ = o;
    for op in &d.ops {
        for p in &op.params {
            if let (None, Some(new)) = (p.old, p.new)
                && p.location != "path"
                && !ops::on_path_item(&op.new, new)
                && flag(new, "required")
                && param_schema(new).is_none_or(|s| s.get("default").is_none())
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let msg = format!("added the new required {} request parameter '{}'", p.location, p.name);
                out.hit(&CHECK.meta, new, path, msg);
            }
        }
    }
}
