//! IMPORT_USED: every import is used by the file that writes it.

use super::package_util::{exact_span, import_path};
use super::{Ctx, LintRule};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::model::{File, Image};
use prost_reflect::{DynamicMessage, FileDescriptor, Value};
use std::collections::{HashMap, HashSet};

pub static RULE: LintRule = LintRule {
    meta: RuleMeta {
        id: "IMPORT_USED",
        kind: RuleKind::Lint,
        formats: &[Format::Protobuf],
        categories: &["BASIC", "STANDARD"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: "Every (non-public) import must be used: by a field, extension, RPC, \
                      custom option or editions feature of the importing file.",
            why: "Unused imports make generated code import packages it never uses (a compile \
                  error in Go), slow builds, and create false dependencies that block moving \
                  or deleting the imported file.",
            before: "import \"sub/sub1.proto\";\nimport \"sub/sub2.proto\";\n\nmessage A {\n  sub.Sub2 sub2 = 1;\n}",
            after: "import \"sub/sub2.proto\";\n\nmessage A {\n  sub.Sub2 sub2 = 1;\n}",
            evolve: "Delete the import. Removing an import never changes the wire format; only \
                     importers of this file that relied on it transitively (which protoc \
                     forbids unless the import is public) could be affected.",
        },
    },
    check,
};

fn check(ctx: &Ctx, sink: &mut Sink) {
    let defined_in = definitions(ctx.image);
    // Built once, not per file: over googleapis' 7,200 files it walked every file's
    // extensions 7,200 times.
    let by_number = extensions_by_number(ctx.image);
    for file in ctx.image.targets() {
        let used = used_files(ctx.image, file, &defined_in, &by_number);
        for (i, import) in file.imports.iter().enumerate() {
            if import.public || provides(ctx.image, &import.name, &used) {
                continue;
            }
            let path = import_path(i);
            let span = exact_span(file, &path);
            sink.report_span(
                file,
                span,
                &path,
                file.package.clone(),
                format!("Import {:?} is unused.", import.name),
            );
        }
    }
}

/// Full name of every message, enum and extension -> the file defining it.
fn definitions(image: &Image) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    for f in &image.files {
        for m in &f.messages {
            out.insert(m.full_name.as_str(), f.name.as_str());
        }
        for e in &f.enums {
            out.insert(e.full_name.as_str(), f.name.as_str());
        }
        for x in &f.extensions {
            out.insert(x.full_name.as_str(), f.name.as_str());
        }
    }
    out
}

/// Whether `import` (or a file it re-exports with `import public`) defines something used.
fn provides(image: &Image, import: &str, used: &HashSet<String>) -> bool {
    let mut seen = HashSet::new();
    let mut todo = vec![import.to_string()];
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if used.contains(&name) {
            return true;
        }
        if let Some(f) = image.file(&name) {
            todo.extend(
                f.imports
                    .iter()
                    .filter(|i| i.public)
                    .map(|i| i.name.clone()),
            );
        }
    }
    false
}

/// The files that define a type, extendee or option `file` refers to.
fn used_files(
    image: &Image,
    file: &File,
    defined_in: &HashMap<&str, &str>,
    by_number: &HashMap<(&'static str, i32), &str>,
) -> HashSet<String> {
    let mut used = HashSet::new();
    let mut refer = |name: &str| {
        if let Some(f) = defined_in.get(name.trim_start_matches('.')) {
            used.insert(f.to_string());
        }
    };
    let fields = file
        .messages
        .iter()
        .flat_map(|m| m.fields.iter())
        .chain(file.extensions.iter());
    for field in fields {
        if !field.type_name.is_empty() {
            refer(&field.type_name);
        }
        if let Some(e) = &field.extendee {
            refer(e);
        }
    }
    for s in &file.services {
        for m in &s.methods {
            refer(&m.input_type);
            refer(&m.output_type);
        }
    }
    // Editions features of other files, such as `features.(pb.cpp).string_type`.
    for feature in file.all_features() {
        if let Some(ext) = feature
            .name
            .strip_prefix('(')
            .and_then(|r| r.split_once(')'))
            .map(|(n, _)| n)
            && let Some(f) = resolve_extension(image, &file.package, ext)
        {
            used.insert(f);
        }
    }
    // Custom options: the extensions set in any options message of the file. Source info
    // names each one by its options message and number, which is all that is needed; only an
    // image without source info needs the reflection pool (and its cost).
    if file.locations().next().is_some() {
        for (path, _) in file.locations() {
            if let Some(key) = option_extension(path)
                && let Some(defining) = by_number.get(&key)
            {
                used.insert(defining.to_string());
            }
        }
    } else if let Some(fd) = image.pool().and_then(|p| p.get_file_by_name(&file.name)) {
        for options in all_options(&fd) {
            option_extensions(&options, &mut used);
        }
    }
    used
}

/// (options message, field number) of every extension in the image -> its defining file.
fn extensions_by_number(image: &Image) -> HashMap<(&'static str, i32), &str> {
    let mut out = HashMap::new();
    for f in &image.files {
        for x in &f.extensions {
            if let Some(options) = x
                .extendee
                .as_deref()
                .and_then(|e| OPTIONS_MESSAGES.iter().find(|m| **m == e))
            {
                out.insert((*options, x.number), f.name.as_str());
            }
        }
    }
    out
}

const OPTIONS_MESSAGES: [&str; 9] = [
    "google.protobuf.FileOptions",
    "google.protobuf.MessageOptions",
    "google.protobuf.FieldOptions",
    "google.protobuf.EnumOptions",
    "google.protobuf.EnumValueOptions",
    "google.protobuf.ServiceOptions",
    "google.protobuf.MethodOptions",
    "google.protobuf.OneofOptions",
    "google.protobuf.ExtensionRangeOptions",
];

/// For a source path that sets an extension on an options message, that message and the
/// extension's number: `[6, 0, 2, 1, 4, 72295728]` is `(google.api.http)` on a method.
fn option_extension(path: &[i32]) -> Option<(&'static str, i32)> {
    use crate::protobuf::descriptor::tag;
    #[derive(Clone, Copy)]
    enum At {
        File,
        Message,
        Field,
        Enum,
        Value,
        Service,
        Method,
        Oneof,
        Range,
    }
    let mut at = At::File;
    let mut i = 0;
    while i < path.len() {
        let t = path[i];
        let options = match (at, t) {
            (At::File, tag::FILE_OPTIONS) => Some(0),
            (At::Message, tag::MESSAGE_OPTIONS) => Some(1),
            (At::Field, tag::FIELD_OPTIONS) => Some(2),
            (At::Enum, tag::ENUM_OPTIONS) => Some(3),
            (At::Value, tag::ENUM_VALUE_OPTIONS) => Some(4),
            (At::Service, tag::SERVICE_OPTIONS) => Some(5),
            (At::Method, tag::METHOD_OPTIONS) => Some(6),
            (At::Oneof, 2) => Some(7),
            (At::Range, 3) => Some(8),
            _ => None,
        };
        if let Some(o) = options {
            // Extensions of the options messages are numbered from 1000.
            return path
                .get(i + 1)
                .filter(|n| **n >= 1000)
                .map(|n| (OPTIONS_MESSAGES[o], *n));
        }
        at = match (at, t) {
            (At::File, tag::FILE_MESSAGE) | (At::Message, tag::MESSAGE_NESTED) => At::Message,
            (At::File, tag::FILE_ENUM) | (At::Message, tag::MESSAGE_ENUM) => At::Enum,
            (At::File, tag::FILE_SERVICE) => At::Service,
            (At::File, tag::FILE_EXTENSION)
            | (At::Message, tag::MESSAGE_FIELD)
            | (At::Message, tag::MESSAGE_EXTENSION) => At::Field,
            (At::Message, tag::MESSAGE_ONEOF) => At::Oneof,
            (At::Message, tag::MESSAGE_EXTENSION_RANGE) => At::Range,
            (At::Enum, tag::ENUM_VALUE) => At::Value,
            (At::Service, tag::SERVICE_METHOD) => At::Method,
            _ => return None,
        };
        i += 2;
    }
    None
}

/// Resolves a (possibly partly qualified) extension name as protobuf scoping does, from the
/// file's package outwards; returns the defining file.
fn resolve_extension(image: &Image, package: &str, name: &str) -> Option<String> {
    let pool = image.pool()?;
    if let Some(abs) = name.strip_prefix('.') {
        return pool
            .get_extension_by_name(abs)
            .map(|e| e.parent_file().name().to_string());
    }
    let mut scope: Vec<&str> = if package.is_empty() {
        Vec::new()
    } else {
        package.split('.').collect()
    };
    loop {
        let candidate = if scope.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", scope.join("."))
        };
        if let Some(e) = pool.get_extension_by_name(&candidate) {
            return Some(e.parent_file().name().to_string());
        }
        scope.pop()?;
    }
}

fn all_options(fd: &FileDescriptor) -> Vec<DynamicMessage> {
    let mut out = vec![fd.options()];
    let mut messages: Vec<_> = fd.messages().collect();
    while let Some(m) = messages.pop() {
        out.push(m.options());
        out.extend(m.fields().map(|f| f.options()));
        out.extend(m.oneofs().map(|o| o.options()));
        out.extend(m.child_extensions().map(|x| x.options()));
        for e in m.child_enums() {
            out.push(e.options());
            out.extend(e.values().map(|v| v.options()));
        }
        messages.extend(m.child_messages());
    }
    for e in fd.enums() {
        out.push(e.options());
        out.extend(e.values().map(|v| v.options()));
    }
    out.extend(fd.extensions().map(|x| x.options()));
    for s in fd.services() {
        out.push(s.options());
        out.extend(s.methods().map(|m| m.options()));
    }
    out
}

fn option_extensions(msg: &DynamicMessage, used: &mut HashSet<String>) {
    for (ext, value) in msg.extensions() {
        used.insert(ext.parent_file().name().to_string());
        value_extensions(value, used);
    }
    for (_, value) in msg.fields() {
        value_extensions(value, used);
    }
}

fn value_extensions(value: &Value, used: &mut HashSet<String>) {
    match value {
        Value::Message(m) => option_extensions(m, used),
        Value::List(items) => items.iter().for_each(|v| value_extensions(v, used)),
        Value::Map(map) => map.values().for_each(|v| value_extensions(v, used)),
        _ => {}
    }
}
