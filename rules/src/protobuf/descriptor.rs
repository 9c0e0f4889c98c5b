//! Builds the model of one file from its `FileDescriptorProto` (as protox compiles it, or as an
//! image stores it): full names, flattened nesting, source paths and locations.

use super::model::*;
use crate::finding::Span;
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto, SourceCodeInfo,
};
use std::collections::HashMap;
use std::sync::Arc;

// Field numbers of descriptor.proto, which source paths are made of.
pub mod tag {
    pub const FILE_PACKAGE: i32 = 2;
    pub const FILE_DEPENDENCY: i32 = 3;
    pub const FILE_MESSAGE: i32 = 4;
    pub const FILE_ENUM: i32 = 5;
    pub const FILE_SERVICE: i32 = 6;
    pub const FILE_EXTENSION: i32 = 7;
    pub const FILE_OPTIONS: i32 = 8;
    pub const FILE_SYNTAX: i32 = 12;
    pub const FILE_EDITION: i32 = 14;
    pub const MESSAGE_FIELD: i32 = 2;
    pub const MESSAGE_NESTED: i32 = 3;
    pub const MESSAGE_ENUM: i32 = 4;
    pub const MESSAGE_EXTENSION_RANGE: i32 = 5;
    pub const MESSAGE_EXTENSION: i32 = 6;
    pub const MESSAGE_OPTIONS: i32 = 7;
    pub const MESSAGE_ONEOF: i32 = 8;
    pub const MESSAGE_RESERVED_RANGE: i32 = 9;
    pub const MESSAGE_RESERVED_NAME: i32 = 10;
    pub const FIELD_NAME: i32 = 1;
    pub const FIELD_EXTENDEE: i32 = 2;
    pub const FIELD_NUMBER: i32 = 3;
    pub const FIELD_LABEL: i32 = 4;
    pub const FIELD_TYPE: i32 = 5;
    pub const FIELD_TYPE_NAME: i32 = 6;
    pub const FIELD_DEFAULT: i32 = 7;
    pub const FIELD_OPTIONS: i32 = 8;
    pub const FIELD_JSON_NAME: i32 = 10;
    pub const ENUM_VALUE: i32 = 2;
    pub const ENUM_OPTIONS: i32 = 3;
    pub const ENUM_RESERVED_RANGE: i32 = 4;
    pub const ENUM_RESERVED_NAME: i32 = 5;
    pub const ENUM_VALUE_NAME: i32 = 1;
    pub const ENUM_VALUE_NUMBER: i32 = 2;
    pub const ENUM_VALUE_OPTIONS: i32 = 3;
    pub const SERVICE_METHOD: i32 = 2;
    pub const SERVICE_OPTIONS: i32 = 3;
    pub const METHOD_NAME: i32 = 1;
    pub const METHOD_INPUT: i32 = 2;
    pub const METHOD_OUTPUT: i32 = 3;
    pub const METHOD_OPTIONS: i32 = 4;
    pub const METHOD_CLIENT_STREAMING: i32 = 5;
    pub const METHOD_SERVER_STREAMING: i32 = 6;
    pub const ONEOF_NAME: i32 = 1;
}

fn child(path: &[i32], a: i32, b: usize) -> SrcPath {
    let mut p = Vec::with_capacity(path.len() + 2);
    p.extend_from_slice(path);
    p.push(a);
    p.push(b as i32);
    p
}

fn qualify(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn strip_dot(s: &str) -> String {
    s.strip_prefix('.').unwrap_or(s).to_string()
}

/// Builds a file's model. `syntax_override` is set by the editions shim, which compiled the
/// file as proto3.
pub(crate) fn build_file(
    proto: Arc<FileDescriptorProto>,
    syntax_override: Option<Syntax>,
    features: HashMap<SrcPath, Vec<FeatureSetting>>,
) -> File {
    let name = proto.name().to_string();
    let mut file = File::empty(name, proto.clone());
    let p = &*proto;
    file.syntax = syntax_override.unwrap_or_else(|| match p.syntax() {
        "proto3" => Syntax::Proto3,
        // prost-types predates the `edition` field; images of editions files read as 2023.
        "editions" => Syntax::Editions(2023),
        _ => Syntax::Proto2,
    });
    file.package = p.package().to_string();
    file.options = p.options.clone().unwrap_or_default();
    for (i, dep) in p.dependency.iter().enumerate() {
        file.imports.push(Import {
            name: dep.clone(),
            public: p.public_dependency.contains(&(i as i32)),
            weak: p.weak_dependency.contains(&(i as i32)),
            path: vec![tag::FILE_DEPENDENCY, i as i32],
        });
    }
    let pkg = file.package.clone();
    for (i, m) in p.message_type.iter().enumerate() {
        add_message(
            &mut file,
            m,
            &pkg,
            "",
            vec![tag::FILE_MESSAGE, i as i32],
            None,
        );
    }
    for (i, e) in p.enum_type.iter().enumerate() {
        add_enum(&mut file, e, &pkg, "", vec![tag::FILE_ENUM, i as i32], None);
    }
    for (i, ext) in p.extension.iter().enumerate() {
        let f = field(ext, &pkg, child(&[], tag::FILE_EXTENSION, i));
        file.extensions.push(f);
    }
    for (i, s) in p.service.iter().enumerate() {
        let path = vec![tag::FILE_SERVICE, i as i32];
        let methods = s
            .method
            .iter()
            .enumerate()
            .map(|(j, m)| Method {
                name: m.name().to_string(),
                input_type: strip_dot(m.input_type()),
                output_type: strip_dot(m.output_type()),
                client_streaming: m.client_streaming(),
                server_streaming: m.server_streaming(),
                path: child(&path, tag::SERVICE_METHOD, j),
                options: m.options.clone().unwrap_or_default(),
            })
            .collect();
        file.services.push(Service {
            name: s.name().to_string(),
            full_name: qualify(&pkg, s.name()),
            path,
            methods,
            options: s.options.clone().unwrap_or_default(),
        });
    }
    let locations = p
        .source_code_info
        .as_ref()
        .map(locations_of)
        .unwrap_or_default();
    file.syntax_specified = locations.contains_key(&vec![tag::FILE_SYNTAX])
        || locations.contains_key(&vec![tag::FILE_EDITION])
        || (p.source_code_info.is_none() && !p.syntax().is_empty());
    file.set_parts(FileParts {
        locations,
        features,
    });
    file
}

fn add_message(
    file: &mut File,
    m: &DescriptorProto,
    pkg: &str,
    outer: &str,
    path: SrcPath,
    parent: Option<usize>,
) {
    let nested_name = qualify(outer, m.name());
    let full_name = qualify(pkg, &nested_name);
    let fields = m
        .field
        .iter()
        .enumerate()
        .map(|(i, f)| field(f, &full_name, child(&path, tag::MESSAGE_FIELD, i)))
        .collect();
    let oneofs = m
        .oneof_decl
        .iter()
        .enumerate()
        .map(|(i, o)| Oneof {
            name: o.name().to_string(),
            path: child(&path, tag::MESSAGE_ONEOF, i),
            options: o.options.clone().unwrap_or_default(),
            synthetic: m
                .field
                .iter()
                .filter(|f| f.oneof_index == Some(i as i32))
                .all(|f| f.proto3_optional()),
        })
        .collect();
    let reserved_ranges = m
        .reserved_range
        .iter()
        .enumerate()
        .map(|(i, r)| Range {
            start: r.start(),
            end: r.end() - 1,
            index: i,
        })
        .collect();
    let extension_ranges = m
        .extension_range
        .iter()
        .enumerate()
        .map(|(i, r)| Range {
            start: r.start(),
            end: r.end() - 1,
            index: i,
        })
        .collect();
    let reserved_names = m
        .reserved_name
        .iter()
        .enumerate()
        .map(|(i, n)| Reserved {
            name: n.clone(),
            index: i,
        })
        .collect();
    let options = m.options.clone().unwrap_or_default();
    let idx = file.messages.len();
    file.messages.push(Message {
        name: m.name().to_string(),
        nested_name: nested_name.clone(),
        full_name: full_name.clone(),
        path: path.clone(),
        parent,
        fields,
        oneofs,
        reserved_ranges,
        reserved_names,
        extension_ranges,
        is_map_entry: options.map_entry(),
        options,
    });
    for (i, ext) in m.extension.iter().enumerate() {
        let f = field(ext, &full_name, child(&path, tag::MESSAGE_EXTENSION, i));
        file.extensions.push(f);
    }
    for (i, n) in m.nested_type.iter().enumerate() {
        add_message(
            file,
            n,
            pkg,
            &nested_name,
            child(&path, tag::MESSAGE_NESTED, i),
            Some(idx),
        );
    }
    for (i, e) in m.enum_type.iter().enumerate() {
        add_enum(
            file,
            e,
            pkg,
            &nested_name,
            child(&path, tag::MESSAGE_ENUM, i),
            Some(idx),
        );
    }
}

fn add_enum(
    file: &mut File,
    e: &EnumDescriptorProto,
    pkg: &str,
    outer: &str,
    path: SrcPath,
    parent: Option<usize>,
) {
    let nested_name = qualify(outer, e.name());
    let values = e
        .value
        .iter()
        .enumerate()
        .map(|(i, v)| EnumValue {
            name: v.name().to_string(),
            number: v.number(),
            path: child(&path, tag::ENUM_VALUE, i),
            options: v.options.clone().unwrap_or_default(),
        })
        .collect();
    file.enums.push(Enum {
        name: e.name().to_string(),
        full_name: qualify(pkg, &nested_name),
        nested_name,
        path,
        parent,
        values,
        reserved_ranges: e
            .reserved_range
            .iter()
            .enumerate()
            .map(|(i, r)| Range {
                start: r.start(),
                end: r.end(),
                index: i,
            })
            .collect(),
        reserved_names: e
            .reserved_name
            .iter()
            .enumerate()
            .map(|(i, n)| Reserved {
                name: n.clone(),
                index: i,
            })
            .collect(),
        options: e.options.clone().unwrap_or_default(),
    });
}

fn field(f: &FieldDescriptorProto, scope: &str, path: SrcPath) -> Field {
    Field {
        name: f.name().to_string(),
        full_name: qualify(scope, f.name()),
        number: f.number(),
        label: f.label(),
        ty: f.r#type(),
        type_name: strip_dot(f.type_name()),
        json_name: f
            .json_name
            .clone()
            .unwrap_or_else(|| default_json_name(f.name())),
        default_value: f.default_value.clone(),
        oneof_index: f.oneof_index.map(|i| i as usize),
        proto3_optional: f.proto3_optional(),
        extendee: f.extendee.as_deref().map(strip_dot),
        options: f.options.clone().unwrap_or_default(),
        path,
    }
}

/// protoc's default JSON name: underscores dropped, the next letter upper-cased.
pub fn default_json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn locations_of(info: &SourceCodeInfo) -> HashMap<SrcPath, SrcLoc> {
    let mut map = HashMap::with_capacity(info.location.len());
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
        // The first location of a path is the declaration; later ones are repeated option
        // statements for the same path.
        map.entry(loc.path.clone()).or_insert_with(|| SrcLoc {
            span,
            leading: loc.leading_comments.clone(),
            trailing: loc.trailing_comments.clone(),
            detached: loc.leading_detached_comments.clone(),
        });
    }
    map
}
