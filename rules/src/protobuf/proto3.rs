//! What protoc refuses in proto3 files and protox lets through: extension ranges, and
//! extensions of anything but the descriptor options messages (custom options). Without
//! this, accord would lint and compare files that `protoc` and `buf build` reject.

use super::error::ProtoError;
use prost_types::source_code_info::Location;
use prost_types::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

/// The messages a proto3 file may extend: the options of every descriptor kind.
const OPTIONS: [&str; 9] = [
    ".google.protobuf.FileOptions",
    ".google.protobuf.MessageOptions",
    ".google.protobuf.FieldOptions",
    ".google.protobuf.OneofOptions",
    ".google.protobuf.ExtensionRangeOptions",
    ".google.protobuf.EnumOptions",
    ".google.protobuf.EnumValueOptions",
    ".google.protobuf.ServiceOptions",
    ".google.protobuf.MethodOptions",
];

// Field numbers in descriptor.proto, which source-info paths are made of.
const FILE_MESSAGE: i32 = 4;
const FILE_EXTENSION: i32 = 7;
const MESSAGE_NESTED: i32 = 3;
const MESSAGE_EXTENSION_RANGE: i32 = 5;
const MESSAGE_EXTENSION: i32 = 6;
const FIELD_EXTENDEE: i32 = 2;

/// The first thing protoc would refuse in `file` (when it is proto3), with its location;
/// `shown` is how messages name the file.
pub fn check(file: &FileDescriptorProto, shown: &str) -> Result<(), ProtoError> {
    if file.syntax.as_deref() != Some("proto3") {
        return Ok(());
    }
    let locations = file
        .source_code_info
        .as_ref()
        .map(|i| i.location.as_slice())
        .unwrap_or_default();
    let error =
        |path: Vec<i32>, message: &str| match locations.iter().find(|l: &&Location| l.path == path)
        {
            Some(l) if l.span.len() >= 2 => ProtoError::Syntax {
                file: shown.to_string(),
                line: l.span[0] as u32 + 1,
                column: l.span[1] as u32 + 1,
                message: message.to_string(),
            },
            _ => ProtoError::Invalid {
                file: shown.to_string(),
                message: message.to_string(),
            },
        };
    if let Some(path) = extensions(&file.extension, vec![FILE_EXTENSION]) {
        return Err(error(path, EXTENSION));
    }
    for (i, m) in file.message_type.iter().enumerate() {
        if let Some((path, message)) = in_message(m, vec![FILE_MESSAGE, i as i32]) {
            return Err(error(path, message));
        }
    }
    Ok(())
}

const RANGE: &str = "Extension ranges are not allowed in proto3.";
const EXTENSION: &str = "Extensions in proto3 are only allowed for defining options.";

fn in_message(m: &DescriptorProto, path: Vec<i32>) -> Option<(Vec<i32>, &'static str)> {
    if !m.extension_range.is_empty() {
        return Some((
            [path.as_slice(), &[MESSAGE_EXTENSION_RANGE, 0]].concat(),
            RANGE,
        ));
    }
    if let Some(p) = extensions(
        &m.extension,
        [path.as_slice(), &[MESSAGE_EXTENSION]].concat(),
    ) {
        return Some((p, EXTENSION));
    }
    m.nested_type
        .iter()
        .enumerate()
        .find_map(|(i, n)| in_message(n, [path.as_slice(), &[MESSAGE_NESTED, i as i32]].concat()))
}

/// The extendee's path of the first extension (under `path`) that is not a custom option.
fn extensions(fields: &[FieldDescriptorProto], path: Vec<i32>) -> Option<Vec<i32>> {
    let i = fields
        .iter()
        .position(|f| !OPTIONS.contains(&f.extendee.as_deref().unwrap_or("")))?;
    Some([path.as_slice(), &[i as i32, FIELD_EXTENDEE]].concat())
}

#[cfg(test)]
mod tests {
    use crate::protobuf::load_text;

    fn error(src: &str) -> String {
        load_text("a.proto", src, &[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn proto3_refuses_extension_ranges_and_extending_messages() {
        let range = "syntax = \"proto3\";\nmessage Foo {\n  int32 a = 1;\n  message In {\n    extensions 100 to 200;\n  }\n}\n";
        assert_eq!(
            error(range),
            "a.proto:5:16: Extension ranges are not allowed in proto3."
        );
        // A proto2 message with an extension range, extended from proto3.
        let dep = "syntax = \"proto2\";\nmessage Foo {\n  extensions 100 to 200;\n}\n";
        let extend = "syntax = \"proto3\";\nimport \"google/protobuf/descriptor.proto\";\nimport \"dep.proto\";\nextend google.protobuf.FieldOptions { string tag = 50000; }\nmessage Bar {\n  extend Foo { string b = 100; }\n}\n";
        let refused = load_text("a.proto", extend, &[("dep.proto".into(), dep.into())]);
        assert_eq!(
            refused.err().map(|e| e.to_string()).unwrap_or_default(),
            "a.proto:6:10: Extensions in proto3 are only allowed for defining options."
        );
        // Custom options are fine, and proto2 may do both.
        let options = "syntax = \"proto3\";\nimport \"google/protobuf/descriptor.proto\";\nextend google.protobuf.MessageOptions { string tag = 50000; }\nmessage Foo { option (tag) = \"x\"; string a = 1; }\n";
        assert!(load_text("a.proto", options, &[]).is_ok());
        let proto2 = "syntax = \"proto2\";\nmessage Foo {\n  extensions 100 to 200;\n}\nextend Foo { optional string b = 100; }\n";
        assert!(load_text("a.proto", proto2, &[]).is_ok());
    }
}
