//! RPC_NO_CLIENT_STREAMING: RPCs do not stream requests from the client.

use super::util::report_exact;
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "RPC_NO_CLIENT_STREAMING",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["UNARY_RPC"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "RPCs do not stream requests from the client.",
            why: "Client streaming is not supported by every transport and client (browsers over gRPC-Web and HTTP/JSON gateways among them), complicates retries and load balancing, and is often better modelled as several unary calls.",
            before: r#"service UploadService {
  rpc Upload(stream UploadRequest) returns (UploadResponse);
}"#,
            after: r#"service UploadService {
  rpc UploadChunk(UploadChunkRequest) returns (UploadChunkResponse);
}"#,
            evolve: "Turning a streaming RPC into a unary one (or back) changes its wire contract; add a new unary RPC beside the streaming one and migrate callers.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    for file in ctx.image.targets() {
        for s in &file.services {
            for m in s.methods.iter().filter(|m| m.client_streaming) {
                report_exact(
                    sink,
                    file,
                    &m.path,
                    format!("{}.{}", s.full_name, m.name),
                    format!("RPC \"{}\" is client streaming.", m.name),
                );
            }
        }
    }
}
