//! FileDescriptorSet images, as `buf build -o` and `protoc -o` write them.

use super::descriptor::build_file;
use super::error::ProtoError;
use super::model::Image;
use prost::Message;
use prost_types::FileDescriptorSet;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

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
    let pool = prost_reflect::DescriptorPool::decode(bytes.as_slice()).ok();
    let files = set
        .file
        .into_iter()
        .map(|proto| {
            let mut f = build_file(Arc::new(proto), None, HashMap::new());
            f.is_import = f.name.starts_with("google/protobuf/");
            f
        })
        .collect();
    Ok(Image::new(files).with_pool(pool))
}
