//! FIELD_SAME_DEFAULT: A singular scalar field keeps its default value.

use super::Index;
use super::pairs::{FieldRef, field_pairs, report_at, widen_to_option_name};
use super::{BreakingRule, Ctx};
use crate::catalogue::{RuleDoc, RuleMeta};
use crate::finding::{Format, RuleKind, Severity};
use crate::protobuf::check::Sink;
use crate::protobuf::descriptor::tag;
use crate::protobuf::model::{FieldType, Label};

pub static RULE: BreakingRule = BreakingRule {
    meta: RuleMeta {
        id: "FIELD_SAME_DEFAULT",
        kind: RuleKind::Breaking,
        formats: &[Format::Protobuf],
        categories: &["CSR", "FILE", "PACKAGE", "WIRE_JSON", "WIRE"],
        default_severity: Severity::Error,
        aliases: &[],
        doc: RuleDoc {
            summary: r#"A singular scalar field keeps its default value."#,
            why: r#"Readers substitute the default for an unset field. If the default changes, old and new code read the same unset field as different values, silently. Values are compared numerically across numeric types (e.g. 1 and 1.0 are the same default)."#,
            before: r#"syntax = "proto2";
message Page {
  optional int32 size = 1 [default = 20];
}
"#,
            after: r#"syntax = "proto2";
message Page {
  optional int32 size = 1 [default = 50];
}
"#,
            evolve: r#"Keep the default; if another default is needed, add a new field and deprecate the old one."#,
        },
    },
    check,
};

/// A default value as readers see it: text for string and bytes, a number otherwise.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(Vec<u8>),
    Int(i128),
    Float(f32),
    Double(f64),
}

struct Default {
    value: Value,
    printable: String,
}

impl Default {
    fn is_zero(&self) -> bool {
        match &self.value {
            Value::Text(t) => t.is_empty(),
            Value::Int(i) => *i == 0,
            Value::Float(f) => f.to_bits() == 0,
            Value::Double(d) => d.to_bits() == 0,
        }
    }
}

/// Whether a field can declare a default: singular and not a message.
fn can_have_default(f: &FieldRef) -> bool {
    f.field.label != Label::Repeated && !matches!(f.field.ty, FieldType::Message | FieldType::Group)
}

fn default_of(f: &FieldRef, enums: &Index) -> Default {
    let written = f.field.default_value.as_deref();
    match f.field.ty {
        FieldType::String => {
            let s = written.unwrap_or_default();
            Default {
                value: Value::Text(s.as_bytes().to_vec()),
                printable: format!("{s:?}"),
            }
        }
        FieldType::Bytes => {
            let b = unescape_c(written.unwrap_or_default());
            let hex: Vec<String> = b.iter().map(|x| format!("0x{x:X}")).collect();
            Default {
                value: Value::Text(b),
                printable: format!("[{}]", hex.join(",")),
            }
        }
        FieldType::Enum => {
            let e = enums.any_enum(&f.field.type_name).map(|(_, e)| e);
            let value = match (written, e) {
                (Some(name), Some(e)) => e.values.iter().find(|v| v.name == name),
                (None, Some(e)) => e.values.first(),
                _ => None,
            };
            let ename = e.map(|e| e.name.as_str()).unwrap_or_default();
            match value {
                Some(v) => Default {
                    value: Value::Int(v.number as i128),
                    printable: format!("{ename}.{}", v.name),
                },
                None => Default {
                    value: Value::Int(0),
                    printable: format!("{ename}.0(?)"),
                },
            }
        }
        FieldType::Bool => {
            let b = written == Some("true");
            Default {
                value: Value::Int(b as i128),
                printable: b.to_string(),
            }
        }
        FieldType::Float => {
            let v = parse_float(written.unwrap_or("0")) as f32;
            Default {
                value: Value::Float(v),
                printable: go_float(v as f64, true),
            }
        }
        FieldType::Double => {
            let v = parse_float(written.unwrap_or("0"));
            Default {
                value: Value::Double(v),
                printable: go_float(v, false),
            }
        }
        _ => {
            let v: i128 = written.and_then(|w| w.parse().ok()).unwrap_or(0);
            Default {
                value: Value::Int(v),
                printable: v.to_string(),
            }
        }
    }
}

fn parse_float(s: &str) -> f64 {
    match s {
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "-nan" => f64::NAN,
        _ => s.parse().unwrap_or(0.0),
    }
}

/// Go's `%v` for a float: shortest digits, exponent form below 1e-4 or from 1e6 on.
fn go_float(v: f64, single: bool) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let sci = if single {
        format!("{:e}", v as f32)
    } else {
        format!("{v:e}")
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    if single {
        format!("{}", v as f32)
    } else {
        format!("{v}")
    }
}

/// Undoes protoc's C escaping of a bytes default.
fn unescape_c(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 == b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        match b[i] {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'x' | b'X' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && i + 1 < b.len() && b[i + 1].is_ascii_hexdigit() {
                    i += 1;
                    n += 1;
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                }
                out.push(v as u8);
            }
            c @ b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i + 1 < b.len() && (b'0'..=b'7').contains(&b[i + 1]) {
                    i += 1;
                    n += 1;
                    v = v * 8 + (b[i] - b'0') as u32;
                }
                out.push(v as u8);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Equal defaults, leniently across numeric types (FIELD_SAME_TYPE reports type changes).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => x == y,
        (Value::Text(_), _) | (_, Value::Text(_)) => false,
        (Value::Float(x), Value::Double(y)) | (Value::Double(y), Value::Float(x)) => {
            (x.is_nan() && y.is_nan()) || *x == *y as f32
        }
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => {
            let as_f64 = |v: &Value| match v {
                Value::Int(i) => *i as f64,
                Value::Float(f) => *f as f64,
                Value::Double(d) => *d,
                Value::Text(_) => f64::NAN,
            };
            let (x, y) = (as_f64(a), as_f64(b));
            (x.is_nan() && y.is_nan()) || x == y
        }
    }
}

fn check(ctx: &Ctx, sink: &mut Sink) {
    for (p, c) in field_pairs(ctx) {
        if !can_have_default(&p) || !can_have_default(&c) {
            continue;
        }
        let before = default_of(&p, &ctx.previous);
        let after = default_of(&c, &ctx.current);
        if before.is_zero() && after.is_zero() {
            continue;
        }
        if same(&before.value, &after.value) {
            continue;
        }
        let span = c
            .span_of(&[tag::FIELD_DEFAULT])
            .map(|s| widen_to_option_name(c.file, s, "default"))
            .or_else(|| c.span());
        report_at(
            sink,
            c.file,
            span,
            &c.field.path,
            c.logical(),
            format!(
                "{} changed default value from {} to {}.",
                c.description(),
                before.printable,
                after.printable
            ),
        )
        .change(before.printable, after.printable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_go() {
        assert_eq!(go_float(123.123, false), "123.123");
        assert_eq!(go_float(1e21, false), "1e+21");
        assert_eq!(go_float(1e6, false), "1e+06");
        assert_eq!(go_float(123456.0, false), "123456");
        assert_eq!(go_float(0.00001, false), "1e-05");
        assert_eq!(go_float(123.0, true), "123");
    }

    #[test]
    fn bytes_unescape() {
        assert_eq!(unescape_c("a\\001\\x41\\n"), b"a\x01A\n");
    }
}
