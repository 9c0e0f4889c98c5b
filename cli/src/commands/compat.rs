//! `accord compat --reader R --writer W`: one reader/writer check. Exit 0 when R reads W's
//! data, 1 when it cannot (each incompatibility a finding named by its type), 2 on bad input.

use crate::args::{CompatArgs, SchemaType};
use crate::input;
use crate::render::{self, Report};
use accord_rules::avro;
use anyhow::{Result, bail};

pub fn run(a: CompatArgs) -> Result<u8> {
    match input::schema_type(&a.reader, a.schema_type)? {
        SchemaType::Avro => {
            let reader = input::load_avro(&a.reader)?;
            let writer = input::load_avro(&a.writer)?;
            let outcome = avro::check(&reader, &writer);
            let findings = avro::findings(&reader, &outcome);
            let report = Report::from_sources(
                findings,
                [
                    (reader.file.to_string(), reader.source.clone()),
                    (writer.file.to_string(), writer.source.clone()),
                ],
            );
            render::emit(&report, a.format)?;
            Ok(u8::from(!outcome.compatible))
        }
        SchemaType::Jsonschema => {
            let reader = input::load_jsonschema(&a.reader)?;
            let writer = input::load_jsonschema(&a.writer)?;
            let findings = a.json_policy.compat().check(&reader, &writer);
            let compatible = findings.is_empty();
            let report = Report::from_sources(
                findings,
                [
                    (reader.file.clone(), reader.source.as_str().into()),
                    (writer.file.clone(), writer.source.as_str().into()),
                ],
            );
            render::emit(&report, a.format)?;
            Ok(u8::from(!compatible))
        }
        SchemaType::Protobuf => {
            bail!(
                "`accord compat` supports Avro and JSON Schema; for protobuf use `accord breaking`"
            )
        }
    }
}
