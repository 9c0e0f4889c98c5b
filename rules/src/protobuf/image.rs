//! FileDescriptorSet images, as `buf build -o` and `protoc -o` write them.

use super::descriptor::build_file;
use super::error::ProtoError;
use super::model::{File, Image};
use prost::Message;
use prost_types::FileDescriptorSet;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// `FileDescriptorProto.source_code_info`.
pub(crate) const SOURCE_CODE_INFO: u32 = 9;

/// Reads an image. Every file in it is a target except the well-known types, which an image
/// built with `--include-imports` carries along.
pub fn read_image(path: &Path) -> Result<Image, ProtoError> {
    let shown = path.to_string_lossy().to_string();
    let bytes = std::fs::read(path).map_err(|e| ProtoError::io(&shown, e))?;
    let set = FileDescriptorSet::decode(bytes.as_slice()).map_err(|e| ProtoError::BadImage {
        file: shown.clone(),
        message: e.to_string(),
    })?;
    if set.file.is_empty() {
        return Err(ProtoError::BadImage {
            file: shown,
            message: "it holds no files".into(),
        });
    }
    // The raw bytes of each file keep the custom options prost drops; the pool is built from
    // them without source info (prost-reflect panics on some malformed spans).
    let raw = super::wire::fields(&bytes, 1);
    let files = set
        .file
        .into_iter()
        .enumerate()
        .map(|(i, proto)| {
            let mut f = build_file(Arc::new(proto), None, None, HashMap::new());
            f.is_import = f.name.starts_with("google/protobuf/");
            f.encoded = raw
                .get(i)
                .map(|b| Arc::from(super::wire::without_field(b, SOURCE_CODE_INFO)));
            f
        })
        .collect();
    Ok(Image::new(files))
}

/// Encodes an image as a FileDescriptorSet (dependencies before dependents, as compiled),
/// with source info; `include_imports` keeps the files that are not targets.
pub fn encode_image(image: &Image, include_imports: bool) -> Vec<u8> {
    let set = FileDescriptorSet {
        file: image
            .files
            .iter()
            .filter(|f| include_imports || !f.is_import)
            .map(File::descriptor_with_source_info)
            .collect(),
    };
    set.encode_to_vec()
}
