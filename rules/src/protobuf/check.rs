//! The finding sink protobuf rules report into, and the rule types.

use super::model::{File, SrcPath};
use crate::catalogue::RuleMeta;
use crate::finding::{Finding, Format, Location, Span};

/// A finding plus what the config needs to filter it: the file's import path (for `ignore`
/// paths relative to the module) and the element it is about (for comment ignores).
#[derive(Debug, Clone)]
pub struct Hit {
    pub finding: Finding,
    pub file_name: Option<String>,
    pub element: Option<SrcPath>,
}

impl Hit {
    /// Records the old and new values of a change.
    pub fn change(&mut self, before: impl Into<String>, after: impl Into<String>) -> &mut Hit {
        self.finding.before = Some(before.into());
        self.finding.after = Some(after.into());
        self
    }
}

/// Collects the hits of one rule run.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    hits: &'a mut Vec<Hit>,
}

impl<'a> Sink<'a> {
    pub fn new(meta: &'static RuleMeta, hits: &'a mut Vec<Hit>) -> Sink<'a> {
        Sink { meta, hits }
    }

    /// Reports at the location of `path` in `file` (falling back to its nearest parent).
    pub fn report(
        &mut self,
        file: &File,
        path: &[i32],
        logical: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Hit {
        let span = file.span(path);
        self.report_span(file, span, path, logical, message)
    }

    /// Reports at an explicit span, attributing the finding to the element at `path`.
    pub fn report_span(
        &mut self,
        file: &File,
        span: Span,
        path: &[i32],
        logical: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Hit {
        self.push(
            Location {
                file: file.display.clone(),
                span,
                path: logical.into(),
            },
            Some(file.name.clone()),
            Some(path.to_vec()),
            message.into(),
        )
    }

    /// Reports something with no place in any current file (a deleted file).
    pub fn report_unlocated(
        &mut self,
        file_name: Option<&str>,
        logical: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Hit {
        self.push(
            Location {
                file: String::new(),
                span: Span::FILE_START,
                path: logical.into(),
            },
            file_name.map(str::to_string),
            None,
            message.into(),
        )
    }

    fn push(
        &mut self,
        location: Location,
        file_name: Option<String>,
        element: Option<SrcPath>,
        message: String,
    ) -> &mut Hit {
        self.hits.push(Hit {
            finding: Finding {
                rule: self.meta.id.to_string(),
                severity: self.meta.default_severity,
                kind: self.meta.kind,
                format: Format::Protobuf,
                message,
                location,
                before: None,
                after: None,
                against: None,
            },
            file_name,
            element,
        });
        self.hits.last_mut().expect("just pushed")
    }
}
