//! Bad input: exit 2 with a message naming the file (and line:col where there is one),
//! never a panic.

use super::*;

/// Lints `proto/` holding `x.proto` = `text`; expects exit 2 and `needle` in the message.
#[track_caller]
fn lint_fails(text: impl AsRef<[u8]>, needle: &str) -> Run {
    let t = temp();
    write(t.path(), "proto/x.proto", text);
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(r.stderr.starts_with("accord: error: "), "{}", r.stderr);
    assert!(
        r.stderr.contains(needle),
        "wanted {needle:?} in:\n{}",
        r.stderr
    );
    assert_eq!(r.stdout, "", "nothing on stdout for an input error");
    r
}

#[test]
fn syntax_error() {
    lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  string a = 1\n}\n",
        "proto/x.proto:4:1: expected ';'",
    );
}

#[test]
fn unknown_import() {
    let r = lint_fails(
        "syntax = \"proto3\";\nimport \"nope/missing.proto\";\nmessage M {}\n",
        "proto/x.proto:2:1:",
    );
    assert!(r.stderr.contains("nope/missing.proto"), "{}", r.stderr);
}

#[test]
fn unknown_type() {
    lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  Missing a = 1;\n}\n",
        "proto/x.proto:3:3:",
    );
}

#[test]
fn duplicate_field_number_points_at_the_second_use() {
    let r = lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  string a = 1;\n  string b = 1;\n}\n",
        "proto/x.proto:4:14:",
    );
    assert!(r.stderr.contains("field number '1'"), "{}", r.stderr);
}

#[test]
fn field_number_in_reserved_range_points_at_the_field() {
    let r = lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  reserved 5 to 10;\n  string a = 7;\n}\n",
        "proto/x.proto:4:14:",
    );
    assert!(r.stderr.contains("reserved"), "{}", r.stderr);
}

#[test]
fn enum_value_in_reserved_range_points_at_the_value() {
    let r = lint_fails(
        "syntax = \"proto3\";\nenum E {\n  reserved 5 to 10;\n  E_ZERO = 0;\n  E_SEVEN = 7;\n}\n",
        "proto/x.proto:5:13:",
    );
    assert!(r.stderr.contains("enum number '7'"), "{}", r.stderr);
}

/// protoc and buf refuse these in proto3; protox alone would let them through.
#[test]
fn proto3_extension_range_and_extension_of_a_message() {
    lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  extensions 100 to 200;\n}\n",
        "proto/x.proto:3:14: Extension ranges are not allowed in proto3.",
    );
    let t = temp();
    write(
        t.path(),
        "proto/base.proto",
        "syntax = \"proto2\";\nmessage Base {\n  extensions 100 to 200;\n}\n",
    );
    write(
        t.path(),
        "proto/x.proto",
        "syntax = \"proto3\";\nimport \"base.proto\";\nextend Base {\n  string tag = 100;\n}\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains(
            "proto/x.proto:3:8: Extensions in proto3 are only allowed for defining options."
        ),
        "{}",
        r.stderr
    );
}

/// Option values are checked where the pool is not given every source location: the batch
/// is compiled again with them, so the error still has its position.
#[test]
fn bad_option_value_points_at_the_value() {
    let r = lint_fails(
        "syntax = \"proto3\";\nimport \"google/protobuf/descriptor.proto\";\n\
         extend google.protobuf.FieldOptions { int32 size = 50001; }\n\
         message M {\n  string a = 1 [(size) = \"big\"];\n}\n",
        "proto/x.proto:5:17:",
    );
    assert!(r.stderr.contains("'(size)'"), "{}", r.stderr);
    lint_fails(
        "syntax = \"proto3\";\nmessage M {\n  option (nope) = 1;\n}\n",
        "proto/x.proto:3:3: name 'nope' is not defined",
    );
}

/// An empty .proto is valid protobuf (buf lints it: PACKAGE_DEFINED, SYNTAX_SPECIFIED); it is
/// not an input error.
#[test]
fn empty_file_is_valid() {
    let t = temp();
    write(t.path(), "proto/x.proto", "");
    let r = run_in(t.path(), &["lint", "proto"]);
    assert!(r.code == 0 || r.code == 1, "{r:?}");
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [FIELD_LOWER_SNAKE_CASE]\n",
    );
    run_in(t.path(), &["lint", "proto"]).expect_code(0);
}

/// An empty directory is an input error, as in buf ("had no .proto files").
#[test]
fn empty_directory() {
    let t = temp();
    std::fs::create_dir_all(t.path().join("proto/sub")).unwrap();
    write(t.path(), "proto/README.md", "not a schema");
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("proto: no .proto files found"),
        "{}",
        r.stderr
    );
    let r = run_in(t.path(), &["breaking", "proto", "--against", "proto"]);
    r.expect_code(2);
}

/// Bytes that are not UTF-8.
fn garbage(len: usize) -> Vec<u8> {
    // A fixed pseudo-random sequence (xorshift), so failures reproduce.
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8 | 0x80
        })
        .collect()
}

#[test]
fn binary_garbage_proto() {
    lint_fails(garbage(4096), "proto/x.proto: not a text file");
    // Valid UTF-8 but not protobuf: a parse error with a position.
    lint_fails("\u{1}\u{2}\u{7f} ☃ {{{ ;;", "proto/x.proto:1:");
}

#[test]
fn binary_garbage_image() {
    let t = temp();
    write(t.path(), "x.binpb", garbage(4096));
    let r = run_in(t.path(), &["lint", "x.binpb"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("x.binpb: not a FileDescriptorSet image"),
        "{}",
        r.stderr
    );
    write(t.path(), "empty.binpb", b"");
    let r = run_in(t.path(), &["lint", "empty.binpb"]);
    r.expect_code(2);
    assert!(r.stderr.contains("empty.binpb"), "{}", r.stderr);
    write(t.path(), "new/acme/v1/order.proto", CLEAN);
    let r = run_in(t.path(), &["breaking", "new", "--against", "x.binpb"]);
    r.expect_code(2);
    assert!(r.stderr.contains("x.binpb"), "{}", r.stderr);
}

const FIFTY_MB: usize = 50 * 1024 * 1024;

/// A 50 MB schema (valid-looking protobuf) is refused before parsing with a clear message,
/// quickly and without the gigabytes compiling it would take.
#[test]
fn fifty_megabyte_proto() {
    let t = temp();
    let mut text = String::with_capacity(FIFTY_MB + 100);
    text.push_str("syntax = \"proto3\";\npackage big.v1;\n");
    let mut i = 0;
    while text.len() < FIFTY_MB {
        text.push_str(&format!(
            "message M{i} {{\n  string field_one = 1;\n  int32 field_two = 2;\n}}\n"
        ));
        i += 1;
    }
    write(t.path(), "proto/big.proto", &text);
    drop(text);
    let start = std::time::Instant::now();
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("proto/big.proto: file is"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("limit"), "{}", r.stderr);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn fifty_megabyte_garbage_image() {
    let t = temp();
    write(t.path(), "big.binpb", garbage(FIFTY_MB));
    let r = run_in(t.path(), &["lint", "big.binpb"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("big.binpb: not a FileDescriptorSet image"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_config_names_file_and_position() {
    let t = project(CLEAN);
    write(t.path(), "accord.yaml", "protobuf:\n  lint:\n    use: [\n");
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(r.stderr.contains("accord.yaml:"), "{}", r.stderr);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [NOT_A_RULE]\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(r.stderr.contains("NOT_A_RULE"), "{}", r.stderr);
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    severity: {FIELD_LOWER_SNAKE_CASE: loud}\n",
    );
    let r = run_in(t.path(), &["lint", "proto"]);
    r.expect_code(2);
    assert!(r.stderr.contains("loud"), "{}", r.stderr);
}

/// A FileDescriptorSet that decodes but makes little sense (as a buggy or hostile producer
/// could write): bad spans, dangling indexes and type names, empty names. accord must not
/// panic on it, whichever rules run.
#[test]
fn nonsense_image() {
    use prost::Message;
    use prost_types::source_code_info::Location;
    use prost_types::{
        DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto,
        FileDescriptorSet, MessageOptions, MethodDescriptorProto, ServiceDescriptorProto,
        SourceCodeInfo, descriptor_proto,
    };
    let loc = |path: Vec<i32>, span: Vec<i32>| Location {
        path,
        span,
        leading_comments: Some("// buf:lint:ignore X".into()),
        ..Default::default()
    };
    let field = |name: &str, number: i32, oneof: Option<i32>| FieldDescriptorProto {
        name: Some(name.into()),
        number: Some(number),
        label: Some(1),
        r#type: Some(11),
        type_name: Some(".nowhere.Missing".into()),
        oneof_index: oneof,
        json_name: Some(String::new()),
        ..Default::default()
    };
    let message = DescriptorProto {
        name: Some("weird_Message".into()),
        field: vec![
            field("fooBar", 1, Some(7)),
            field("", -5, None),
            field("x", 1, None),
        ],
        nested_type: vec![DescriptorProto {
            name: Some(String::new()),
            options: Some(MessageOptions {
                map_entry: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        }],
        reserved_range: vec![descriptor_proto::ReservedRange {
            start: Some(10),
            end: Some(1),
        }],
        ..Default::default()
    };
    let file = |name: &str, package: &str| FileDescriptorProto {
        name: Some(name.into()),
        package: Some(package.into()),
        dependency: vec!["missing.proto".into(), "a.proto".into()],
        public_dependency: vec![9],
        weak_dependency: vec![-1],
        message_type: vec![message.clone()],
        enum_type: vec![EnumDescriptorProto {
            name: Some("e".into()),
            value: vec![],
            ..Default::default()
        }],
        service: vec![ServiceDescriptorProto {
            name: Some("s".into()),
            method: vec![MethodDescriptorProto {
                name: Some("m".into()),
                input_type: Some(".gone.In".into()),
                output_type: Some(String::new()),
                ..Default::default()
            }],
            ..Default::default()
        }],
        syntax: Some("proto4".into()),
        source_code_info: Some(SourceCodeInfo {
            location: vec![
                loc(vec![], vec![-1, -1, -1]),
                loc(vec![4, 0], vec![5]),
                loc(
                    vec![4, 0, 2, 0, 1],
                    vec![i32::MAX, i32::MAX, i32::MAX, i32::MAX],
                ),
                loc(vec![4, 0, 2, 2], vec![-7, 3, -2, 0]),
                loc(vec![4, 99, 2, 5], vec![1, 1, 1]),
                loc(vec![-3], vec![0, 0, 0]),
            ],
        }),
        ..Default::default()
    };
    let set = FileDescriptorSet {
        file: vec![file("a.proto", "a"), file("a.proto", ""), file("", "b.v1")],
    };
    let t = temp();
    write(t.path(), "x.binpb", set.encode_to_vec());
    let mut other = set.clone();
    other.file[0].message_type.clear();
    write(t.path(), "y.binpb", other.encode_to_vec());
    write(
        t.path(),
        "accord.yaml",
        "protobuf:\n  lint:\n    use: [ALL]\n  breaking:\n    use: [ALL]\n",
    );
    for args in [
        &["lint", "x.binpb"][..],
        &["breaking", "x.binpb", "--against", "y.binpb"],
        &["breaking", "y.binpb", "--against", "x.binpb"],
        &["breaking", "x.binpb", "--against", "x.binpb"],
    ] {
        for format in ["text", "json", "github", "sarif", "markdown"] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let r = run_in(t.path(), &a);
            assert!(
                (0..=2).contains(&r.code) && !r.stderr.contains("panicked"),
                "accord {a:?}: exit {}\n{}",
                r.code,
                r.stderr
            );
        }
    }
}
