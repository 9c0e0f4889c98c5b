//! Protobuf: loading `.proto` sources (files, directories, git revisions, images) into a
//! model with source locations, and the buf-compatible breaking and lint rules over it.
//!
//! - `source.rs` reads inputs into a `SourceTree`; `compile.rs` compiles it with protox;
//!   `editions.rs` lets protox read editions files; `option_locations.rs` keeps most source
//!   locations away from its option resolution; `image.rs` reads descriptor sets.
//! - `model.rs` is the flattened view rules use; `descriptor.rs` builds it.
//! - `check.rs` is the finding sink and the rule types; `breaking/` and `lint/` hold one
//!   file per rule, registered in their `mod.rs` lists.
//! - `bufyaml.rs` reads buf.yaml so buf users keep their configuration.

pub mod breaking;
pub mod bufyaml;
pub mod cel;
pub mod check;
pub mod compile;
pub mod descriptor;
pub mod editions;
pub mod error;
mod feature_protos;
pub mod image;
pub mod lint;
pub mod model;
mod option_locations;
pub mod parity;
mod proto3;
pub mod run;
pub mod source;
mod wire;

pub use error::ProtoError;
pub use model::Image;

use bufyaml::BufYaml;
use source::SourceTree;
use std::path::{Path, PathBuf};

/// One protobuf input as the user named it.
#[derive(Debug, Clone)]
pub enum ProtoInput {
    /// A `.proto` file, a directory, or a `.binpb`/`.pb` image.
    Path(PathBuf),
    /// A git revision of the repository at `repo`, optionally a subdirectory of it.
    Git {
        repo: PathBuf,
        rev: String,
        subdir: String,
    },
}

impl ProtoInput {
    /// How findings and messages name this input.
    pub fn label(&self) -> String {
        match self {
            ProtoInput::Path(p) => p.to_string_lossy().into_owned(),
            ProtoInput::Git { rev, subdir, .. } if subdir.is_empty() => rev.clone(),
            ProtoInput::Git { rev, subdir, .. } => format!("{rev}:{subdir}"),
        }
    }
}

/// A compiled input and the buf.yaml found at its root.
#[derive(Debug)]
pub struct Loaded {
    pub image: Image,
    pub buf_yaml: Option<BufYaml>,
    /// Import path → the path `ignore` patterns match, where they differ (v2 buf.yaml
    /// modules: workspace-relative, module directory included).
    pub ignore_paths: std::collections::BTreeMap<String, String>,
}

pub fn is_image_path(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("binpb" | "pb" | "bin")
    )
}

/// Reads and compiles one input. `includes` are extra import roots (`-I`).
pub fn load(input: &ProtoInput, includes: &[PathBuf]) -> Result<Loaded, ProtoError> {
    let tree = match input {
        ProtoInput::Path(p) if is_image_path(p) => {
            return Ok(Loaded {
                image: image::read_image(p)?,
                buf_yaml: None,
                ignore_paths: Default::default(),
            });
        }
        ProtoInput::Path(p) if p.is_dir() => SourceTree::from_dir(p, includes)?,
        ProtoInput::Path(p) if p.is_file() => SourceTree::from_file(p, includes)?,
        ProtoInput::Path(p) => {
            return Err(ProtoError::NotFound {
                path: p.to_string_lossy().into_owned(),
            });
        }
        ProtoInput::Git { repo, rev, subdir } => SourceTree::from_git(repo, rev, subdir)?,
    };
    let buf_yaml = tree.buf_yaml.clone();
    let ignore_paths = tree.ignore_paths.clone();
    Ok(Loaded {
        image: compile::compile(tree)?,
        buf_yaml,
        ignore_paths,
    })
}

/// Compiles one schema held in memory: `text` under the import path `name`, with the files it
/// imports given as (import path, text) pairs (a schema registry's references). Only `name` is
/// a target, so rules look at it alone; the well-known types resolve as usual.
pub fn load_text(
    name: &str,
    text: &str,
    references: &[(String, String)],
) -> Result<Loaded, ProtoError> {
    if text.len() as u64 > source::MAX_FILE_BYTES {
        return Err(ProtoError::TooLarge {
            file: name.to_string(),
            bytes: text.len() as u64,
        });
    }
    let mut tree = SourceTree::default();
    for (path, body) in references {
        tree.files
            .insert(path.clone(), std::sync::Arc::from(body.as_str()));
    }
    tree.files
        .insert(name.to_string(), std::sync::Arc::from(text));
    tree.targets.push(name.to_string());
    Ok(Loaded {
        image: compile::compile(tree)?,
        buf_yaml: None,
        ignore_paths: Default::default(),
    })
}

#[cfg(test)]
mod load_text_tests {
    use super::load_text;

    #[test]
    fn compiles_in_memory_schema_with_a_reference() {
        let dep = "syntax = \"proto3\";\npackage dep;\nmessage Money { int64 units = 1; }\n";
        let main = "syntax = \"proto3\";\npackage shop;\nimport \"dep.proto\";\nmessage Order { dep.Money total = 1; }\n";
        let loaded =
            load_text("order.proto", main, &[("dep.proto".into(), dep.into())]).expect("compiles");
        assert!(loaded.image.file("order.proto").is_some());
    }

    /// protoc accepts (warning) a proto2 default JSON name colliding with another field's,
    /// and refuses two custom ones and any collision in proto3; the real names are kept.
    #[test]
    fn json_name_collisions_follow_protoc() {
        let accepted = "syntax = \"proto2\";\nmessage M {\n  optional string a_b = 1;\n  optional string aB = 2;\n  optional string c = 3 [json_name = \"aB\"];\n}\nmessage N {\n  optional int32 x_y = 1;\n  optional int32 xY = 2;\n}\n";
        let loaded = load_text("a.proto", accepted, &[]).expect("protoc accepts it");
        let file = loaded.image.file("a.proto").expect("compiled");
        let json: Vec<&str> = file.messages[0]
            .fields
            .iter()
            .map(|f| f.json_name.as_str())
            .collect();
        assert_eq!(json, ["aB", "aB", "aB"]);
        assert!(loaded.image.pool().is_some());
        let custom = "syntax = \"proto2\";\nmessage M {\n  optional string a = 1 [json_name = \"x\"];\n  optional string b = 2 [json_name = \"x\"];\n}\n";
        assert!(load_text("b.proto", custom, &[]).is_err());
        let proto3 = "syntax = \"proto3\";\nmessage M {\n  string a_b = 1;\n  string aB = 2;\n}\n";
        assert!(load_text("c.proto", proto3, &[]).is_err());
    }

    /// protoc reads `inf` and `nan` as float option values.
    #[test]
    fn float_options_take_inf_and_nan() {
        let src = "syntax = \"proto2\";\nimport \"google/protobuf/descriptor.proto\";\nextend google.protobuf.FieldOptions { optional double bound = 50000; optional float low = 50001; }\nmessage M { optional double x = 1 [(bound) = nan, (low) = inf]; }\n";
        assert!(load_text("f.proto", src, &[]).is_ok());
        let wrong = src.replace("(low) = inf", "(low) = infinite");
        assert!(load_text("g.proto", &wrong, &[]).is_err());
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let err =
            load_text("bad.proto", "syntax = \"proto3\";\nmessage {", &[]).expect_err("invalid");
        let text = err.to_string();
        assert!(text.starts_with("bad.proto:2:"), "{text}");
    }
}
