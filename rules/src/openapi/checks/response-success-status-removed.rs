//! `response-success-status-removed`: A success (2xx) response status was removed from an operation.

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
        "response-success-status-removed",
        Severity::Error,
        RuleDoc {
            summary: "A success (2xx) response status was removed from an operation.",
            why: "Clients that handle that status (201 after a create, say) now get a different one and may treat it as a failure.",
            before: "responses: {\"200\": {...}, \"201\": {...}}",
            after: "responses: {\"200\": {...}}",
            evolve: "Keep returning the documented success status; add new ones beside it.",
        },
    ),
    run,
};

fn run(d: &Diff, _: &Options, out: &mut Sink) {
    for op in &d.ops {
        for (status, r) in &op.responses {
            let success = status.len() == 3 && status.starts_with('2');
            if let (true, Some(old), None) = (success, r.old, r.new) {
                let path = format!("{} response {status}", op.new.label());
                let msg = format!("removed the success response with the status '{status}'");
                out.hit(&CHECK.meta, old, path, msg);
            }
        }
    }
}
