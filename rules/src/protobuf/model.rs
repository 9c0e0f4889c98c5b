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
    /// `(buf.validate.field)` included), for rules that read extension options.
    pub pool: Option<prost_reflect::DescriptorPool>,
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
            pool: None,
            modules: Default::default(),
        }
    }

    /// Records which module directory each file came from.
    pub fn with_modules(mut self, modules: std::collections::BTreeMap<String, String>) -> Image {
        self.modules = modules;
        self
    }

    /// Attaches the descriptor pool the files were compiled into.
    pub fn with_pool(mut self, pool: Option<prost_reflect::DescriptorPool>) -> Image {
        self.pool = pool;
        self
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
    locations: HashMap<SrcPath, SrcLoc>,
    features: HashMap<SrcPath, Vec<FeatureSetting>>,
    /// The descriptor as compiled (imports need it for type lookups; images keep it as read).
    pub proto: Arc<FileDescriptorProto>,
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
    pub fn location(&self, path: &[i32]) -> Option<&SrcLoc> {
        self.locations.get(path)
    }

    /// The span of `path`, or of the nearest enclosing element that has one, or 1:1.
    pub fn span(&self, path: &[i32]) -> Span {
        let mut len = path.len();
        loop {
            if let Some(loc) = self.locations.get(&path[..len]) {
                return loc.span;
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
            if let Some(loc) = self.locations.get(*p) {
                return loc.span;
            }
        }
        paths
            .last()
            .map(|p| self.span(p))
            .unwrap_or(Span::FILE_START)
    }

    pub fn has_location(&self, path: &[i32]) -> bool {
        self.locations.contains_key(path)
    }

    pub fn locations(&self) -> impl Iterator<Item = (&SrcPath, &SrcLoc)> {
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
    pub locations: HashMap<SrcPath, SrcLoc>,
    pub features: HashMap<SrcPath, Vec<FeatureSetting>>,
}

impl File {
    pub(crate) fn set_parts(&mut self, parts: FileParts) {
        self.locations = parts.locations;
        self.features = parts.features;
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
            locations: HashMap::new(),
            features: HashMap::new(),
            proto,
        }
    }
}
