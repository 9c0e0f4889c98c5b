//! Stand-ins for the language feature files protoc and buf ship beside the well-known types
//! (`google/protobuf/go_features.proto`, `cpp_features.proto`, `java_features.proto`), which
//! protox does not bundle.
//!
//! Importing them is only useful in editions files, whose `features.(pb.go).…` options the
//! editions shim lifts out before protox sees them; so the stand-ins only need to exist and
//! declare the feature messages. They do not extend `google.protobuf.FeatureSet`, because
//! protox's bundled descriptor.proto has no extension range there. A module that ships its own
//! copy of one of these files uses that copy instead.

const GO: &str = r#"syntax = "proto2";

package pb;

import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/protobuf/types/gofeaturespb";

message GoFeatures {
  optional bool legacy_unmarshal_json_enum = 1;

  enum APILevel {
    API_LEVEL_UNSPECIFIED = 0;
    API_OPEN = 1;
    API_HYBRID = 2;
    API_OPAQUE = 3;
  }
  optional APILevel api_level = 2;

  enum StripEnumPrefix {
    STRIP_ENUM_PREFIX_UNSPECIFIED = 0;
    STRIP_ENUM_PREFIX_KEEP = 1;
    STRIP_ENUM_PREFIX_GENERATE_BOTH = 2;
    STRIP_ENUM_PREFIX_STRIP = 3;
  }
  optional StripEnumPrefix strip_enum_prefix = 3;
}
"#;

const CPP: &str = r#"syntax = "proto2";

package pb;

import "google/protobuf/descriptor.proto";

message CppFeatures {
  optional bool legacy_closed_enum = 1;

  enum StringType {
    STRING_TYPE_UNKNOWN = 0;
    VIEW = 1;
    CORD = 2;
    STRING = 3;
  }
  optional StringType string_type = 2;

  optional bool enum_name_uses_string_view = 3;
}
"#;

const JAVA: &str = r#"syntax = "proto2";

package pb;

import "google/protobuf/descriptor.proto";

message JavaFeatures {
  optional bool legacy_closed_enum = 1;

  enum Utf8Validation {
    UTF8_VALIDATION_UNKNOWN = 0;
    DEFAULT = 1;
    VERIFY = 2;
  }
  optional Utf8Validation utf8_validation = 2;

  optional bool large_enum = 3;
  optional bool use_old_outer_classname_default = 4;

  message NestInFileClassFeature {
    enum NestInFileClass {
      NEST_IN_FILE_CLASS_UNKNOWN = 0;
      NO = 1;
      YES = 2;
      LEGACY = 3;
    }
  }
  optional NestInFileClassFeature.NestInFileClass nest_in_file_class = 5;
}
"#;

/// The stand-in text for a bundled language feature file, if `name` is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    match name {
        "google/protobuf/go_features.proto" => Some(GO),
        "google/protobuf/cpp_features.proto" => Some(CPP),
        "google/protobuf/java_features.proto" => Some(JAVA),
        _ => None,
    }
}
