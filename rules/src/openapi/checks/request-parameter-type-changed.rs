//! `request-parameter-type-changed`: The type or format of a request parameter changed in a way old values no longer fit.

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
        "request-parameter-type-changed",
        Severity::Error,
        RuleDoc {
            summary: "The type or format of a request parameter changed in a way old values no longer fit.",
            why: "Values clients send today (`abc` for a string) are rejected by the new type (`integer`).",
            before: "{name: id, in: query, schema: {type: string}}",
            after: "{name: id, in: query, schema: {type: integer}}",
            evolve: "Only widen a parameter (integer to number, any type to an unformatted string since values travel as text, adding a type, or a query scalar to an array of the same values, which form/explode sends as `?id=1&id=2`); add a new parameter for a different type.",
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
                && param_type_breaks(os, ns)
                && !form_explode::scalar_to_form_array_accepts(new, os, ns)
            {
                let path = format!("{} {} parameter '{}'", op.new.label(), p.location, p.name);
                let (a, b) = (type_text(os), type_text(ns));
                let msg = format!("the {} request parameter '{}' changed type from '{a}' to '{b}'", p.location, p.name);
                let at = new.get("schema").map_or(new, |s| s.deref_keep_off());
                out.change(&CHECK.meta, at, path, msg, a, b);
            }
        }
    }
}
