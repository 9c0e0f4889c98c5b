//! Small readers for the Pact Broker's HAL answers.

use serde_json::Value;

/// `_embedded.<key>` as a list (empty when absent).
pub fn embedded<'a>(body: &'a Value, key: &str) -> &'a [Value] {
    body.get("_embedded")
        .and_then(|e| e.get(key))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A resource's uuid: its `uuid` field, else the last segment of its self link.
pub fn uuid(resource: &Value) -> Option<String> {
    if let Some(u) = resource.get("uuid").and_then(Value::as_str) {
        return Some(u.to_string());
    }
    let href = resource.get("_links")?.get("self")?.get("href")?.as_str()?;
    href.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A string field, or "" when absent.
pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Prints the `notices` a Pact Broker sends back (to stdout, one a line), and says whether
/// any was an error.
pub fn print_notices(body: &Value) -> bool {
    let mut error = false;
    if let Some(list) = body.get("notices").and_then(Value::as_array) {
        for n in list {
            let kind = str_of(n, "type");
            error |= kind == "error";
            let text = str_of(n, "text");
            match kind {
                "" | "success" | "info" | "debug" | "prompt" => println!("{text}"),
                other => println!("{other}: {text}"),
            }
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn uuid_from_field_or_link() {
        assert_eq!(uuid(&json!({"uuid": "u1"})).as_deref(), Some("u1"));
        assert_eq!(
            uuid(&json!({"_links": {"self": {"href": "http://b/environments/u2"}}})).as_deref(),
            Some("u2")
        );
        assert_eq!(uuid(&json!({})), None);
    }
}
