//! The text of an event for the full-text index and its snippets: the words the conversation
//! shows (see `content::shown_words`), so a hit is always a word the reader can find.

use serde_json::Value;

/// Appends the shown words of `value` to `out`, separated by newlines.
pub fn readable_text(value: &Value, out: &mut String) {
    crate::content::shown_words(value, out);
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
        assert_eq!(text, "get_weather\nLisbon\n3");
    }

    #[test]
    fn skips_inline_data_urls() {
        let text = text_of(json!({"role": "user", "content": [
            {"type": "text", "text": "look at this"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo"}}
        ]}));
        assert!(!text.contains("base64"), "{text}");
        assert!(text.starts_with("look at this"), "{text}");
    }
}
