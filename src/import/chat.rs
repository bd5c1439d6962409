//! Building OpenAI chat messages for sources that keep plain columns rather than JSON.
//!
//! The content parser reads `{"role", "content", "tool_calls", "tool_call_id"}` and ignores
//! other keys, so a source's own fields ride along as extra keys.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::store::NewEvent;

/// `{"role": role, "content": content}`, ready for extra keys.
pub(crate) fn message(role: &str, content: impl Into<Value>) -> Map<String, Value> {
    let mut message = Map::new();
    message.insert("role".into(), Value::String(role.to_string()));
    message.insert("content".into(), content.into());
    message
}

/// One entry of `tool_calls`. OpenAI wants `arguments` as a JSON string: objects are encoded,
/// strings (already encoded by the source) are kept as they are.
pub(crate) fn tool_call(id: &str, name: &str, arguments: &Value) -> Value {
    let arguments = match arguments {
        Value::String(text) => text.clone(),
        Value::Null => "{}".to_string(),
        other => other.to_string(),
    };
    json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments}})
}

/// `{"role": "tool", "tool_call_id": id, "content": output}` (+ `name` when known).
pub(crate) fn tool_result(call_id: &str, name: Option<&str>, output: impl Into<Value>) -> Map<String, Value> {
    let mut message = message("tool", output);
    message.insert("tool_call_id".into(), Value::String(call_id.to_string()));
    if let Some(name) = name {
        message.insert("name".into(), Value::String(name.to_string()));
    }
    message
}

/// Sets `key` only when there is a value, so absent source fields stay absent.
pub(crate) fn put(message: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        message.insert(key.to_string(), value.into());
    }
}

/// The event for a built message.
pub(crate) fn event(message: Map<String, Value>, created_at: Option<DateTime<Utc>>) -> NewEvent {
    NewEvent { content: Value::Object(message).to_string(), created_at, invocation_id: None, metadata: None }
}

/// Event metadata `{"error": true}` when the source says the event is a failure.
pub(crate) fn error_flag(is_error: bool) -> Option<Map<String, Value>> {
    is_error.then(|| {
        let mut flag = Map::new();
        flag.insert("error".into(), Value::Bool(true));
        flag
    })
}

/// Parses text that should be JSON into a value, keeping the text as a string when it is not.
pub(crate) fn json_or_text(text: &str) -> Value {
    crate::json::parse_value(text).unwrap_or_else(|_| Value::String(text.to_string()))
}
