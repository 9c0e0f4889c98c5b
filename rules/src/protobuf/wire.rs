//! Just enough of the protobuf wire format to cut encoded descriptors apart without decoding
//! them (decoding into prost types would drop custom options).

use prost::encoding::decode_varint;

/// One top-level field: its number, its whole encoding, and its payload when length-delimited.
type Field<'a> = (u32, &'a [u8], &'a [u8]);

/// Splits a message into its top-level fields; `None` when the bytes are not a message.
fn split(bytes: &[u8]) -> Option<Vec<Field<'_>>> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let start = rest;
        let tag = decode_varint(&mut rest).ok()?;
        let (skip, delimited) = match tag & 7 {
            0 => {
                decode_varint(&mut rest).ok()?;
                (0, false)
            }
            1 => (8, false),
            2 => (usize::try_from(decode_varint(&mut rest).ok()?).ok()?, true),
            5 => (4, false),
            _ => return None,
        };
        if skip > rest.len() {
            return None;
        }
        let payload = &rest[..skip];
        rest = &rest[skip..];
        let whole = &start[..start.len() - rest.len()];
        out.push((
            (tag >> 3) as u32,
            whole,
            if delimited { payload } else { &[][..] },
        ));
    }
    Some(out)
}

/// The payloads of every occurrence of length-delimited field `number`.
pub(crate) fn fields(bytes: &[u8], number: u32) -> Vec<&[u8]> {
    split(bytes)
        .unwrap_or_default()
        .into_iter()
        .filter(|(n, _, _)| *n == number)
        .map(|(_, _, payload)| payload)
        .collect()
}

/// The message without field `number` (unchanged when it cannot be read).
pub(crate) fn without_field(bytes: &[u8], number: u32) -> Vec<u8> {
    match split(bytes) {
        Some(parts) => parts
            .into_iter()
            .filter(|(n, _, _)| *n != number)
            .flat_map(|(_, whole, _)| whole.iter().copied())
            .collect(),
        None => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn drops_one_field_and_keeps_the_rest() {
        let fd = prost_types::FileDescriptorProto {
            name: Some("a.proto".into()),
            package: Some("p".into()),
            source_code_info: Some(Default::default()),
            ..Default::default()
        };
        let bytes = without_field(&fd.encode_to_vec(), 9);
        let back = prost_types::FileDescriptorProto::decode(bytes.as_slice()).unwrap();
        assert_eq!(back.name(), "a.proto");
        assert_eq!(back.package(), "p");
        assert!(back.source_code_info.is_none());
        let set = prost_types::FileDescriptorSet {
            file: vec![fd.clone(), fd],
        };
        assert_eq!(fields(&set.encode_to_vec(), 1).len(), 2);
    }
}
