//! Usage an importer noted beside the events, for sources that record it outside the events
//! recall keeps (Copilot CLI's usage records, Codex's token counts): recall's own shape,
//! `{"input", "output", "cache_read", "cache_write"}`, already counted as [`Usage`] counts.
//!
//! - A session's metadata holds the session's total under [`TOTAL`], and, when the source
//!   names the model of calls, what each model used under [`BY_MODEL`] (the rest of the
//!   total is of calls that named none);
//!   [`super::SessionUsage::add_metadata`] reads them.
//! - An event's metadata holds its own call's usage under [`TOTAL`] (with `model` and `key`
//!   when known), for the reply's header: the session's sum never reads it, since the session's
//!   metadata already counts it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::usage::{MessageUsage, Usage};

/// The key of a total (of a session, or of the call an event is).
pub const TOTAL: &str = "usage";
/// The key of a session's totals by model.
pub const BY_MODEL: &str = "usage_by_model";

/// The figures of a noted usage; missing ones are 0.
pub fn read(noted: &Value) -> Usage {
    let count = |key: &str| noted.get(key).and_then(Value::as_u64).unwrap_or(0);
    Usage {
        input: count("input"),
        output: count("output"),
        cache_read: count("cache_read"),
        cache_write: count("cache_write"),
    }
}

/// `usage` as noted.
pub fn write(usage: &Usage) -> Value {
    json!({
        "input": usage.input,
        "output": usage.output,
        "cache_read": usage.cache_read,
        "cache_write": usage.cache_write,
    })
}

/// The call an event's metadata notes, if it notes one.
pub fn event_usage(metadata: &Map<String, Value>) -> Option<MessageUsage> {
    let noted = metadata.get(TOTAL)?;
    if !noted.is_object() {
        return None;
    }
    let text = |key: &str| noted.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(MessageUsage { key: text("key"), usage: read(noted), model: text("model") })
}

/// Notes `found` in an event's metadata (made when there is none).
pub fn note_event_usage(metadata: &mut Option<Map<String, Value>>, found: &MessageUsage) {
    let mut noted = write(&found.usage);
    if let Some(object) = noted.as_object_mut() {
        if let Some(model) = &found.model {
            object.insert("model".into(), Value::String(model.clone()));
        }
        if let Some(key) = &found.key {
            object.insert("key".into(), Value::String(key.clone()));
        }
    }
    metadata.get_or_insert_with(Map::new).insert(TOTAL.into(), noted);
}

/// A session's total for its metadata, and the part of it each named model used (what no
/// model is named for is the total's remainder).
pub fn note_session_usage(metadata: &mut Map<String, Value>, total: &Usage, by_model: &BTreeMap<String, Usage>) {
    metadata.insert(TOTAL.into(), write(total));
    if !by_model.is_empty() {
        let split = by_model.iter().map(|(model, usage)| (model.clone(), write(usage))).collect();
        metadata.insert(BY_MODEL.into(), Value::Object(split));
    }
}
