//! accord's view of a compiled set of `.proto` files: flattened, with full names, source
//! paths and locations resolved once so that rules are plain lookups.

use crate::finding::Span;
use prost_types::{
    EnumOptions, EnumValueOptions, FieldOptions, FileDescriptorProto, FileOptions, MessageOptions,
    MethodOptions, OneofOptions, ServiceOptions, field_descriptor_proto,
};
use std::collections::HashMap;
use std::sync::Arc;

/// A source path as protobuf's `SourceCodeInfo` numbers it (e.g. `[4, 0, 2, 1]` = message 0, field 1).
pub type SrcPath = Vec<i32>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Syntax {
    Proto2,
    Proto3,
    /// `edition = "2023"` and later; the number is the edition year.
    Editions(u32),
}

impl Syntax {
    pub fn name(self) -> String {
        match self {
            Syntax::Proto2 => "proto2".into(),
            Syntax::Proto3 => "proto3".into(),
            Syntax::Editions(e) => format!("edition {e}"),
        }
    }
}

/// A comment-bearing source location.
#[derive(Debug, Clone, Default)]
pub struct SrcLoc {
    pub span: Span,
    pub leading: Option<String>,
    pub trailing: Option<String>,
    pub detached: Vec<String>,
}

/// One `features.x = y` setting written in an editions file (kept by the editions shim).
#[derive(Debug, Clone)]
pub struct FeatureSetting {
    /// `field_presence`, or `(pb.cpp).string_type` for a language feature.
    pub name: String,
    /// The value as written (an enum identifier such as `EXPLICIT`).
    pub value: String,
    pub span: Span,
}

/// The compiled set of files one input produced: the files the user named (targets) and
/// everything they import.
#[derive(Debug, Default)]
pub struct Image {
    pub files: Vec<File>,
    by_name: HashMap<String, usize>,
    /// The compiled descriptors with options kept whole (custom options such as
    /// `(buf.validate.field)` included), for the few rules that read extension options. Built
    /// on first use from the files' encoded descriptors: breaking never pays for it.
    pool: std::sync::OnceLock<Option<prost_reflect::DescriptorPool>>,
    /// The module directory of each file (import path -> directory relative to the input,
    /// `""` for the input itself), for inputs with several buf.yaml modules.
    pub modules: std::collections::BTreeMap<String, String>,
}

impl Image {
    pub fn new(files: Vec<File>) -> Image {
        let by_name = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        Image {
            files,
            by_name,
            pool: std::sync::OnceLock::new(),
            modules: Default::default(),
        }
    }

    /// Records which module directory each file came from.
    pub fn with_modules(mut self, modules: std::collections::BTreeMap<String, String>) -> Image {
        self.modules = modules;
        self
    }

    /// Attaches a descriptor pool built elsewhere (an image read whole).
    pub fn with_pool(self, pool: Option<prost_reflect::DescriptorPool>) -> Image {
        let _ = self.pool.set(pool);
        self
    }

    /// The descriptors as a reflection pool, custom options included; `None` when they do not
    /// form a consistent set.
    pub fn pool(&self) -> Option<&prost_reflect::DescriptorPool> {
        self.pool
            .get_or_init(|| {
                // prost-reflect panics on some inconsistent sets (duplicate or missing files);
                // such an image gets no pool rather than a crash.
                let names: std::collections::HashSet<&str> =
                    self.files.iter().map(|f| f.name.as_str()).collect();
                let consistent = names.len() == self.files.len()
                    && !names.contains("")
                    && self
                        .files
                        .iter()
                        .all(|f| f.imports.iter().all(|i| names.contains(i.name.as_str())));
                if !consistent {
                    return None;
                }
                // A FileDescriptorSet is its files, each as field 1, length-delimited.
                let mut set = Vec::new();
                for f in &self.files {
                    let Some(bytes) = &f.encoded else {
                        return None;
                    };
                    set.push(0x0a);
                    prost::encoding::encode_varint(bytes.len() as u64, &mut set);
                    set.extend_from_slice(bytes);
                }
                prost_reflect::DescriptorPool::decode(set.as_slice()).ok()
            })
            .as_ref()
    }

    pub fn file(&self, name: &str) -> Option<&File> {
        self.by_name.get(name).map(|&i| &self.files[i])
    }

    /// The files the input named, not their imports.
    pub fn targets(&self) -> impl Iterator<Item = &File> {
        self.files.iter().filter(|f| !f.is_import)
    }
}

#[derive(Debug, Clone)]
pub struct Import {
    pub name: String,
    pub public: bool,
    pub weak: bool,
    pub path: SrcPath,
}

#[derive(Debug, Clone)]
pub struct File {
    /// The import path (`acme/v1/order.proto`): the identity of the file.
    pub name: String,
    /// The path findings show (the import path under the input's directory as given).
    pub display: String,
    pub is_import: bool,
    /// The original text, for carets and comment suppressions; absent for images.
    pub source: Option<Arc<str>>,
    pub syntax: Syntax,
    /// Whether a `syntax`/`edition` statement was written.
    pub syntax_specified: bool,
    pub package: String,
    pub imports: Vec<Import>,
    pub options: FileOptions,
    /// Every message, nested ones included, in declaration order (parents before children).
    pub messages: Vec<Message>,
    /// Every enum, nested ones included.
    pub enums: Vec<Enum>,
    pub services: Vec<Service>,
    /// Every extension field, top-level and nested.
    pub extensions: Vec<Field>,
    locations: Locations,
    features: HashMap<SrcPath, Vec<FeatureSetting>>,
    /// The descriptor as compiled (imports need it for type lookups; images keep it as read).
    pub proto: Arc<FileDescriptorProto>,
    /// The descriptor encoded with its custom options (which `proto` drops) and without
    /// source info, for `Image::pool`.
    pub encoded: Option<Arc<[u8]>>,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub name: String,
    /// Name within the file: `Outer.Inner`.
    pub nested_name: String,
    /// Package-qualified: `acme.v1.Outer.Inner`.
    pub full_name: String,
    pub path: SrcPath,
    /// Index of the enclosing message in `File::messages`.
    pub parent: Option<usize>,
    pub fields: Vec<Field>,
    pub oneofs: Vec<Oneof>,
    pub reserved_ranges: Vec<Range>,
    pub reserved_names: Vec<Reserved>,
    pub extension_ranges: Vec<Range>,
    pub options: MessageOptions,
    pub is_map_entry: bool,
}

/// A closed range `start..=end` of field or enum numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: i32,
    pub end: i32,
    pub index: usize,
}

impl Range {
    pub fn contains(&self, n: i32) -> bool {
        self.start <= n && n <= self.end
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reserved {
    pub name: String,
    pub index: usize,
}

pub use field_descriptor_proto::Label;
pub use field_descriptor_proto::Type as FieldType;

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    /// `acme.v1.Order.total`, or the extension's full name.
    pub full_name: String,
    pub number: i32,
    pub label: Label,
    pub ty: FieldType,
    /// The referenced message or enum, fully qualified without a leading dot.
    pub type_name: String,
    pub json_name: String,
    pub default_value: Option<String>,
    /// Index into the parent message's oneofs (synthetic proto3-optional oneofs included).
    pub oneof_index: Option<usize>,
    pub proto3_optional: bool,
    /// For extensions: the extended message.
    pub extendee: Option<String>,
    pub options: FieldOptions,
    pub path: SrcPath,
}

impl Field {
    pub fn is_map(&self, file: &File) -> bool {
        self.ty == FieldType::Message
            && self.label == Label::Repeated
            && file
                .messages
                .iter()
                .any(|m| m.full_name == self.type_name && m.is_map_entry)
    }
}

#[derive(Debug, Clone)]
pub struct Oneof {
    pub name: String,
    pub path: SrcPath,
    pub options: OneofOptions,
    /// Generated for a proto3 `optional` field; not written by the user.
    pub synthetic: bool,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub nested_name: String,
    pub full_name: String,
    pub path: SrcPath,
    pub parent: Option<usize>,
    pub values: Vec<EnumValue>,
    pub reserved_ranges: Vec<Range>,
    pub reserved_names: Vec<Reserved>,
    pub options: EnumOptions,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub number: i32,
    pub path: SrcPath,
    pub options: EnumValueOptions,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub full_name: String,
    pub path: SrcPath,
    pub methods: Vec<Method>,
    pub options: ServiceOptions,
}

#[derive(Debug, Clone)]
pub struct Method {
    pub name: String,
    pub input_type: String,
    pub output_type: String,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub path: SrcPath,
    pub options: MethodOptions,
}

/// Field presence as editions define it; proto2 and proto3 map onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Explicit,
    Implicit,
    LegacyRequired,
}

impl File {
    /// The location of `path` with its comments.
    pub fn location(&self, path: &[i32]) -> Option<SrcLoc> {
        self.locations.location(path)
    }

    /// The leading comment of `path`, borrowed (no copy: it is asked for every finding).
    pub fn leading_comment(&self, path: &[i32]) -> Option<&str> {
        self.locations.leading(path)
    }

    /// The span of `path`, or of the nearest enclosing element that has one, or 1:1.
    pub fn span(&self, path: &[i32]) -> Span {
        let mut len = path.len();
        loop {
            if let Some(span) = self.locations.get(&path[..len]) {
                return span;
            }
            if len == 0 {
                return Span::FILE_START;
            }
            len -= 1;
        }
    }

    /// The span of the first of `paths` that has a location (buf's "backup location").
    pub fn span_of_first(&self, paths: &[&[i32]]) -> Span {
        for p in paths {
            if let Some(span) = self.locations.get(p) {
                return span;
            }
        }
        paths
            .last()
            .map(|p| self.span(p))
            .unwrap_or(Span::FILE_START)
    }

    /// The file's descriptor with its source info, as an image holds it.
    pub fn descriptor_with_source_info(&self) -> FileDescriptorProto {
        let mut proto = (*self.proto).clone();
        if !self.locations.entries.is_empty() {
            proto.source_code_info = Some(self.locations.to_info());
        }
        proto
    }

    /// The span of exactly `path`, without falling back to a parent.
    pub fn exact_span(&self, path: &[i32]) -> Option<Span> {
        self.locations.get(path)
    }

    pub fn has_location(&self, path: &[i32]) -> bool {
        self.locations.get(path).is_some()
    }

    /// Every location: its path and span (comments through `location`).
    pub fn locations(&self) -> impl Iterator<Item = (&[i32], Span)> {
        self.locations.iter()
    }

    pub fn message(&self, full_name: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.full_name == full_name)
    }

    pub fn enum_(&self, full_name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.full_name == full_name)
    }

    /// The editions features written on `path` itself.
    pub fn features_at(&self, path: &[i32]) -> &[FeatureSetting] {
        self.features.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every editions feature written anywhere in the file.
    pub fn all_features(&self) -> impl Iterator<Item = &FeatureSetting> {
        self.features.values().flatten()
    }

    /// Resolves an editions feature for the element at `path`: the nearest explicit setting
    /// on it or an enclosing element, then the file. `None` when nothing was written.
    pub fn explicit_feature(&self, path: &[i32], name: &str) -> Option<&FeatureSetting> {
        let mut len = path.len();
        loop {
            if let Some(found) = self
                .features
                .get(&path[..len])
                .and_then(|v| v.iter().rev().find(|s| s.name == name))
            {
                return Some(found);
            }
            if len == 0 {
                return None;
            }
            len -= 1;
        }
    }

    /// A standard feature's effective value: written, else the syntax's default.
    pub fn feature(&self, path: &[i32], name: &str) -> String {
        if let Syntax::Editions(_) = self.syntax
            && let Some(s) = self.explicit_feature(path, name)
        {
            return s.value.clone();
        }
        default_feature(self.syntax, name).to_string()
    }

    pub fn presence(&self, field: &Field) -> Presence {
        match self.syntax {
            Syntax::Proto2 | Syntax::Proto3 if field.label == Label::Required => {
                Presence::LegacyRequired
            }
            Syntax::Proto2 => Presence::Explicit,
            Syntax::Proto3 => {
                if field.proto3_optional
                    || field.oneof_index.is_some()
                    || field.ty == FieldType::Message
                    || field.extendee.is_some()
                {
                    Presence::Explicit
                } else {
                    Presence::Implicit
                }
            }
            Syntax::Editions(_) => {
                if field.oneof_index.is_some()
                    || field.ty == FieldType::Message
                    || field.ty == FieldType::Group
                    || field.extendee.is_some()
                {
                    return Presence::Explicit;
                }
                match self.feature(&field.path, "field_presence").as_str() {
                    "IMPLICIT" => Presence::Implicit,
                    "LEGACY_REQUIRED" => Presence::LegacyRequired,
                    _ => Presence::Explicit,
                }
            }
        }
    }

    /// `true` when a field's message is delimited-encoded (a proto2 group, or an editions
    /// field with `message_encoding = DELIMITED`).
    pub fn is_delimited(&self, field: &Field) -> bool {
        match self.syntax {
            Syntax::Editions(_) => {
                field.ty == FieldType::Group
                    || (field.ty == FieldType::Message
                        && self.feature(&field.path, "message_encoding") == "DELIMITED")
            }
            _ => field.ty == FieldType::Group,
        }
    }
}

/// A default as `FieldDescriptorProto.default_value` holds it: strings unescaped, bytes
/// C-escaped as written, everything else as written.
fn default_text(written: &str, ty: FieldType) -> String {
    let quoted = written.len() >= 2
        && (written.starts_with('"') && written.ends_with('"')
            || written.starts_with('\'') && written.ends_with('\''));
    if !quoted {
        return written.to_string();
    }
    let inner = &written[1..written.len() - 1];
    if ty == FieldType::Bytes {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The defaults of the standard features per syntax (editions 2023 and 2024 agree on these).
pub fn default_feature(syntax: Syntax, name: &str) -> &'static str {
    let proto2 = matches!(syntax, Syntax::Proto2);
    match name {
        "field_presence" => match syntax {
            Syntax::Proto3 => "IMPLICIT",
            _ => "EXPLICIT",
        },
        "enum_type" if proto2 => "CLOSED",
        "enum_type" => "OPEN",
        "repeated_field_encoding" if proto2 => "EXPANDED",
        "repeated_field_encoding" => "PACKED",
        "utf8_validation" if proto2 => "NONE",
        "utf8_validation" => "VERIFY",
        "message_encoding" => "LENGTH_PREFIXED",
        "json_format" if proto2 => "LEGACY_BEST_EFFORT",
        "json_format" => "ALLOW",
        _ => "",
    }
}

pub(crate) struct FileParts {
    pub locations: Locations,
    pub features: HashMap<SrcPath, Vec<FeatureSetting>>,
}

impl File {
    pub(crate) fn set_parts(&mut self, parts: FileParts) {
        self.locations = parts.locations;
        self.features = parts.features;
        self.apply_lifted_defaults();
    }

    /// Moves `default = …` options the editions shim lifted out (proto3 forbids them) onto
    /// their fields, with the location protoc would have given them.
    fn apply_lifted_defaults(&mut self) {
        use super::editions::DEFAULT_OPTION;
        if !self
            .features
            .values()
            .flatten()
            .any(|f| f.name == DEFAULT_OPTION)
        {
            return;
        }
        let mut found: Vec<(SrcPath, FeatureSetting)> = Vec::new();
        for (path, settings) in &mut self.features {
            settings.retain(|f| {
                if f.name == DEFAULT_OPTION {
                    found.push((path.clone(), f.clone()));
                    false
                } else {
                    true
                }
            });
        }
        self.features.retain(|_, v| !v.is_empty());
        let fields = self
            .messages
            .iter_mut()
            .flat_map(|m| m.fields.iter_mut())
            .chain(self.extensions.iter_mut());
        let mut extra = Vec::new();
        for field in fields {
            if let Some((_, setting)) = found.iter().find(|(p, _)| *p == field.path) {
                field.default_value = Some(default_text(&setting.value, field.ty));
                let mut path = field.path.clone();
                path.push(super::descriptor::tag::FIELD_DEFAULT);
                extra.push((path, setting.span));
            }
        }
        self.locations.insert(extra);
    }

    pub(crate) fn empty(name: String, proto: Arc<FileDescriptorProto>) -> File {
        File {
            display: name.clone(),
            name,
            is_import: false,
            source: None,
            syntax: Syntax::Proto2,
            syntax_specified: false,
            package: String::new(),
            imports: Vec::new(),
            options: FileOptions::default(),
            messages: Vec::new(),
            enums: Vec::new(),
            services: Vec::new(),
            extensions: Vec::new(),
            locations: Locations::default(),
            features: HashMap::new(),
            proto,
            encoded: None,
        }
    }
}

/// The source locations of one file, stored compactly: googleapis has millions of them, and a
/// map of `Vec<i32>` keys to owned comments cost a third of accord's memory there.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// Every path's integers, back to back.
    arena: Vec<i32>,
    /// Sorted by path.
    entries: Vec<LocEntry>,
    comments: Vec<Comments>,
}

#[derive(Debug, Clone, Copy)]
struct LocEntry {
    start: u32,
    len: u32,
    span: Span,
    /// Index into `comments`, or `u32::MAX` for none.
    comments: u32,
}

#[derive(Debug, Clone)]
struct Comments {
    leading: Option<Box<str>>,
    trailing: Option<Box<str>>,
    detached: Box<[String]>,
}

impl Locations {
    pub(crate) fn from_info(info: Option<&prost_types::SourceCodeInfo>) -> Locations {
        let mut out = Locations::default();
        let Some(info) = info else {
            return out;
        };
        out.entries.reserve(info.location.len());
        for loc in &info.location {
            let s = &loc.span;
            // 0-based in the descriptor; an image from elsewhere may hold anything, so clamp.
            let pos = |v: i32| (v.max(0) as u32).saturating_add(1);
            let span = match s.len() {
                3 => Span {
                    line: pos(s[0]),
                    column: pos(s[1]),
                    end_line: pos(s[0]),
                    end_column: pos(s[2]),
                },
                4 => Span {
                    line: pos(s[0]),
                    column: pos(s[1]),
                    end_line: pos(s[2]),
                    end_column: pos(s[3]),
                },
                _ => continue,
            };
            let comments = if loc.leading_comments.is_some()
                || loc.trailing_comments.is_some()
                || !loc.leading_detached_comments.is_empty()
            {
                out.comments.push(Comments {
                    leading: loc.leading_comments.as_deref().map(Box::from),
                    trailing: loc.trailing_comments.as_deref().map(Box::from),
                    detached: loc.leading_detached_comments.clone().into_boxed_slice(),
                });
                (out.comments.len() - 1) as u32
            } else {
                u32::MAX
            };
            out.entries.push(LocEntry {
                start: out.arena.len() as u32,
                len: loc.path.len() as u32,
                span,
                comments,
            });
            out.arena.extend_from_slice(&loc.path);
        }
        // Stable: the first location of a path is its declaration; later ones are repeated
        // option statements for the same path.
        let arena = &out.arena;
        out.entries.sort_by(|a, b| {
            arena[a.start as usize..(a.start + a.len) as usize]
                .cmp(&arena[b.start as usize..(b.start + b.len) as usize])
        });
        out.entries.dedup_by(|later, first| {
            arena[later.start as usize..(later.start + later.len) as usize]
                == arena[first.start as usize..(first.start + first.len) as usize]
        });
        out.arena.shrink_to_fit();
        out.entries.shrink_to_fit();
        out
    }

    /// Adds locations (the editions shim's lifted options), keeping the order.
    pub(crate) fn insert(&mut self, extra: Vec<(SrcPath, Span)>) {
        if extra.is_empty() {
            return;
        }
        for (path, span) in extra {
            self.entries.push(LocEntry {
                start: self.arena.len() as u32,
                len: path.len() as u32,
                span,
                comments: u32::MAX,
            });
            self.arena.extend_from_slice(&path);
        }
        let arena = &self.arena;
        self.entries.sort_by(|a, b| {
            arena[a.start as usize..(a.start + a.len) as usize]
                .cmp(&arena[b.start as usize..(b.start + b.len) as usize])
        });
    }

    fn path_of(&self, e: &LocEntry) -> &[i32] {
        &self.arena[e.start as usize..(e.start + e.len) as usize]
    }

    fn find(&self, path: &[i32]) -> Option<&LocEntry> {
        self.entries
            .binary_search_by(|e| self.path_of(e).cmp(path))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// The span of exactly `path`.
    pub fn get(&self, path: &[i32]) -> Option<Span> {
        self.find(path).map(|e| e.span)
    }

    pub fn leading(&self, path: &[i32]) -> Option<&str> {
        let e = self.find(path)?;
        self.comments.get(e.comments as usize)?.leading.as_deref()
    }

    pub fn location(&self, path: &[i32]) -> Option<SrcLoc> {
        let e = self.find(path)?;
        let mut loc = SrcLoc {
            span: e.span,
            ..SrcLoc::default()
        };
        if let Some(c) = self.comments.get(e.comments as usize) {
            loc.leading = c.leading.as_deref().map(str::to_string);
            loc.trailing = c.trailing.as_deref().map(str::to_string);
            loc.detached = c.detached.to_vec();
        }
        Some(loc)
    }

    /// Back to protobuf's form, for writing images.
    pub fn to_info(&self) -> prost_types::SourceCodeInfo {
        let location = self
            .entries
            .iter()
            .map(|e| {
                let s = e.span;
                let zero = |v: u32| v.saturating_sub(1) as i32;
                let span = if s.line == s.end_line {
                    vec![zero(s.line), zero(s.column), zero(s.end_column)]
                } else {
                    vec![
                        zero(s.line),
                        zero(s.column),
                        zero(s.end_line),
                        zero(s.end_column),
                    ]
                };
                let c = self.comments.get(e.comments as usize);
                prost_types::source_code_info::Location {
                    path: self.path_of(e).to_vec(),
                    span,
                    leading_comments: c.and_then(|c| c.leading.as_deref().map(str::to_string)),
                    trailing_comments: c.and_then(|c| c.trailing.as_deref().map(str::to_string)),
                    leading_detached_comments: c.map(|c| c.detached.to_vec()).unwrap_or_default(),
                }
            })
            .collect();
        prost_types::SourceCodeInfo { location }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[i32], Span)> {
        self.entries.iter().map(|e| (self.path_of(e), e.span))
    }
}
