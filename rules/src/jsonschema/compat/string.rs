//! Strings: `maxLength`, `minLength`, `pattern`, `format`.

use super::{BoundKinds, Ctx, Diffs, bound, push, show};
use crate::jsonschema::model::Node;
use serde_json::{Map, Value};

rule!(
    MAX_LENGTH_ADDED,
    ["STRING"],
    "The reader limits the length of a string that the writer left unbounded.",
    "The writer may have produced strings of any length; those longer than the new `maxLength` fail the reader's validation.",
    r#"{"type": "string"}"#,
    r#"{"type": "string", "maxLength": 64}"#,
    "Leave the reader unbounded, or pick a limit that no writer has exceeded and enforce it in writers first."
);

rule!(
    MAX_LENGTH_DECREASED,
    ["STRING"],
    "The reader lowers a string's `maxLength`.",
    "Strings whose length lies between the new and the old limit were valid for the writer and are rejected by the reader.",
    r#"{"type": "string", "maxLength": 128}"#,
    r#"{"type": "string", "maxLength": 64}"#,
    "Keep the old limit in the reader; lower it only after no stored or in-flight data exceeds the new one."
);

rule!(
    MIN_LENGTH_ADDED,
    ["STRING"],
    "The reader requires a minimum string length the writer did not.",
    "Writers may have produced shorter strings, including the empty string, which the reader now rejects.",
    r#"{"type": "string"}"#,
    r#"{"type": "string", "minLength": 1}"#,
    "Enforce the minimum in writers first and add it to the reader once old data is gone."
);

rule!(
    MIN_LENGTH_INCREASED,
    ["STRING"],
    "The reader raises a string's `minLength`.",
    "Strings between the old and the new minimum were valid for the writer and fail the reader.",
    r#"{"type": "string", "minLength": 2}"#,
    r#"{"type": "string", "minLength": 5}"#,
    "Keep the old minimum in the reader."
);

rule!(
    PATTERN_ADDED,
    ["STRING"],
    "The reader adds a `pattern` to a string the writer left free.",
    "Any string was valid for the writer; those that do not match the new pattern fail the reader.",
    r#"{"type": "string"}"#,
    r#"{"type": "string", "pattern": "^[A-Z]{3}$"}"#,
    "Validate the pattern in writers first; add it to the reader only when all data matches."
);

rule!(
    PATTERN_CHANGED,
    ["STRING"],
    "The reader replaces a string's `pattern` with another one.",
    "accord, like the Confluent registry, does not decide whether one regular expression contains another, so any change may reject strings that matched the old pattern.",
    r#"{"type": "string", "pattern": "^[a-z]+$"}"#,
    r#"{"type": "string", "pattern": "^[a-z0-9]+$"}"#,
    "Keep the old pattern; to widen it, use an `anyOf` of the old and the new pattern."
);

rule!(
    FORMAT_ADDED,
    ["STRING"],
    "The reader adds a `format` (email, date-time, uuid…) to a string the writer left free.",
    "Validators that assert formats reject writer strings that do not have the new format.",
    r#"{"type": "string"}"#,
    r#"{"type": "string", "format": "email"}"#,
    "Check the format in writers first; add it to the reader once all data conforms."
);

rule!(
    FORMAT_CHANGED,
    ["STRING"],
    "The reader changes a string's `format`.",
    "Strings in the writer's format are in general not in the reader's (a date is not a date-time), so format-asserting readers reject them.",
    r#"{"type": "string", "format": "date"}"#,
    r#"{"type": "string", "format": "date-time"}"#,
    "Add a new property with the new format and deprecate the old one."
);

pub(super) fn compare(
    ctx: &mut Ctx<'_>,
    wm: &Map<String, Value>,
    rm: &Map<String, Value>,
    r: &Node,
    out: &mut Diffs,
) {
    bound(
        ctx,
        out,
        r,
        "maxLength",
        true,
        wm.get("maxLength"),
        rm.get("maxLength"),
        &BoundKinds {
            added: "MAX_LENGTH_ADDED",
            removed: "MAX_LENGTH_REMOVED",
            increased: "MAX_LENGTH_INCREASED",
            decreased: "MAX_LENGTH_DECREASED",
        },
    );
    bound(
        ctx,
        out,
        r,
        "minLength",
        false,
        wm.get("minLength"),
        rm.get("minLength"),
        &BoundKinds {
            added: "MIN_LENGTH_ADDED",
            removed: "MIN_LENGTH_REMOVED",
            increased: "MIN_LENGTH_INCREASED",
            decreased: "MIN_LENGTH_DECREASED",
        },
    );
    for (keyword, added, removed, changed, what) in [
        (
            "pattern",
            "PATTERN_ADDED",
            "PATTERN_REMOVED",
            "PATTERN_CHANGED",
            "match",
        ),
        (
            "format",
            "FORMAT_ADDED",
            "FORMAT_REMOVED",
            "FORMAT_CHANGED",
            "have",
        ),
    ] {
        let p = ctx.at(r, keyword);
        match (wm.get(keyword), rm.get(keyword)) {
            (None, Some(rv)) => push(
                out,
                added,
                p,
                format!(
                    "`{keyword}` {} added: strings the writer produced that do not {what} it are rejected",
                    show(rv)
                ),
                None,
                Some(show(rv)),
            ),
            (Some(wv), None) => push(
                out,
                removed,
                p,
                format!("`{keyword}` {} removed", show(wv)),
                Some(show(wv)),
                None,
            ),
            (Some(wv), Some(rv)) if wv != rv => push(
                out,
                changed,
                p,
                format!(
                    "`{keyword}` changed from {} to {}: strings that {what} the writer's but not the reader's are rejected",
                    show(wv),
                    show(rv)
                ),
                Some(show(wv)),
                Some(show(rv)),
            ),
            _ => {}
        }
    }
}
