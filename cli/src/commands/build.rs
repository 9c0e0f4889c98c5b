//! `accord build`: writes the compiled input as a FileDescriptorSet image.

use crate::args::BuildArgs;
use crate::input;
use anyhow::{Context, Result};

pub fn run(a: BuildArgs) -> Result<u8> {
    let loaded = input::load_paths(&a.paths, &a.proto_path)?;
    let bytes = accord_rules::protobuf::image::encode_image(&loaded.image, !a.exclude_imports);
    std::fs::write(&a.output, bytes)
        .with_context(|| format!("{}: cannot write", a.output.display()))?;
    Ok(0)
}
