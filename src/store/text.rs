//! The readable text of an event, for the full-text index: the words people and tools
//! wrote, not JSON keys, ids or encoded blobs.

use serde_json::Value;

/// Keys whose values are bookkeeping (identifiers, kinds, timestamps, opaque blobs).
const SKIPPED_KEYS: &[&str] = &[
    "type",
    "role",
    "status",
    "signature",
    "encrypted_content",
    "timestamp",
    "created_at",
    "updated_at",
    "created",
    "index",
    "data",
    "annotations",
    "logprobs",
    "version",
    "object",
    "finish_reason",
    "stop_reason",
    "usage",
    "userType",
    "isSidechain",
    "isMeta",
];

/// Appends the readable strings of `value` to `out`, separated by newlines.
pub fn readable_text(value: &Value, out: &mut String) {
    match value {
        Value::String(text) => push_string(text, out),
        Value::Array(items) => items.iter().for_each(|item| readable_text(item, out)),
        Value::Object(map) => {
            for (key, value) in map {
                if !is_skipped_key(key) {
                    readable_text(value, out);
                }
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn is_skipped_key(key: &str) -> bool {
    SKIPPED_KEYS.contains(&key)
        || key == "id"
        || key.ends_with("_id")
        || key.ends_with("Id")
        || key.ends_with("uuid")
        || key.ends_with("Uuid")
}

fn push_string(text: &str, out: &mut String) {
    let trimmed = text.trim_start();
    if trimmed.starts_with("data:") && !trimmed.contains(char::is_whitespace) {
        return; // an inline image or file: base64, not words
    }
    // Tool arguments and outputs are often JSON inside a string.
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(inner @ (Value::Object(_) | Value::Array(_))) = crate::json::parse_value(trimmed)
    {
        readable_text(&inner, out);
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text_of(value: Value) -> String {
        let mut out = String::new();
        readable_text(&value, &mut out);
        out
    }

    #[test]
    fn keeps_words_and_drops_keys_and_ids() {
        let text = text_of(json!({
            "id": "msg_123", "type": "function_call", "call_id": "call_9", "name": "get_weather",
            "arguments": "{\"city\": \"Lisbon\", \"days\": 3}"
        }));
        assert_eq!(text, "get_weather\nLisbon");
    }

    #[test]
    fn skips_inline_data_urls() {
        let text = text_of(json!({"content": [
            {"type": "text", "text": "look at this"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo"}}
        ]}));
        assert_eq!(text, "look at this");
    }
}
