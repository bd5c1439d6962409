//! The words of an event as the conversation shows them, for search: what [`parse`] turns
//! it into (message text, tool names, arguments, results, reasoning, handoffs), never the
//! ids, keys, models or bookkeeping fields around it. A search hit is then always a word
//! the reader can find on screen, and its snippet is cut from this same text.
//!
//! [`parse`]: super::parse

use serde_json::Value;

use super::{Block, parse};

/// Appends the shown words of `event` to `out`, one block's text per line.
///
/// ```
/// use recall::content::shown_words;
///
/// let event = serde_json::json!({"type": "function_call", "call_id": "call_9", "name": "get_weather",
///     "arguments": "{\"city\": \"Lisbon\", \"days\": 3}"});
/// let mut words = String::new();
/// shown_words(&event, &mut words);
/// assert_eq!(words, "get_weather\nLisbon\n3");
/// ```
pub fn shown_words(event: &Value, out: &mut String) {
    for block in parse(event) {
        match &block {
            Block::Text { text, .. } | Block::Reasoning { text } => push_line(text, out),
            Block::ToolCall { name, arguments, .. } => {
                push_line(name, out);
                push_structured(arguments, out);
            }
            Block::ToolResult { name, output, .. } => {
                if let Some(name) = name {
                    push_line(name, out);
                }
                push_structured(output, out);
            }
            Block::Handoff { from, to } => {
                from.iter().chain(to).for_each(|name| push_line(name, out));
            }
            Block::Raw { json } => match serde_json::from_str::<Value>(json) {
                Ok(value) => values_of(&value, &Keys::SkipBookkeeping, out),
                Err(_) => push_line(json, out),
            },
        }
    }
}

/// Tool arguments and outputs are often JSON: their values are what a person looks for, not
/// the keys that hold them.
fn push_structured(text: &str, out: &mut String) {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(trimmed)
    {
        values_of(&value, &Keys::All, out);
        return;
    }
    push_line(text, out);
}

/// Which values of an object count as words.
enum Keys {
    /// A tool's arguments or output: every value was written for the reader.
    All,
    /// An event not understood: skip the ids, kinds, times and blobs that keep its books.
    SkipBookkeeping,
}

fn values_of(value: &Value, keys: &Keys, out: &mut String) {
    match value {
        Value::String(text) if !is_inline_data(text) => push_structured_in(text, keys, out),
        Value::Number(number) => push_line(&number.to_string(), out),
        Value::Array(items) => items.iter().for_each(|item| values_of(item, keys, out)),
        Value::Object(map) => {
            for (key, value) in map {
                if matches!(keys, Keys::All) || !is_bookkeeping_key(key) {
                    values_of(value, keys, out);
                }
            }
        }
        Value::String(_) | Value::Null | Value::Bool(_) => {}
    }
}

fn push_structured_in(text: &str, keys: &Keys, out: &mut String) {
    match keys {
        Keys::All => push_structured(text, out),
        Keys::SkipBookkeeping => push_line(text, out),
    }
}

/// An inline image or file: base64, not words.
fn is_inline_data(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with("data:") && !trimmed.contains(char::is_whitespace)
}

/// Keys whose values are bookkeeping (identifiers, kinds, timestamps, opaque blobs).
const BOOKKEEPING_KEYS: &[&str] = &[
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
    "model",
    "metadata",
];

fn is_bookkeeping_key(key: &str) -> bool {
    BOOKKEEPING_KEYS.contains(&key)
        || key == "id"
        || key.ends_with("_id")
        || key.ends_with("Id")
        || key.ends_with("uuid")
        || key.ends_with("Uuid")
}

fn push_line(text: &str, out: &mut String) {
    if text.trim().is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(text);
}
