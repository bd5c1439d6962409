//! The session's messages as events, each tool result once.
//!
//! The CLI keeps a tool's result in the `toolCalls[].result` of the `gemini` record that called
//! it, and sends it back to the model as a `user` record of `functionResponse` parts, which it
//! also writes. A resume replays the history re-encoded for the API: the calls become
//! `functionCall` parts, the results a synthetic `<gemini id>_response` record, and the
//! original `functionResponse` record is kept too. A `user` record made only of results that
//! an earlier message already gave (same call ids) is therefore a repetition, and is not an
//! event: each call and each result is shown and counted once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Record;
use crate::content::{self, Block, Role};
use crate::import::{chat, time};
use crate::store::NewEvent;

pub(super) struct Built {
    pub events: Vec<NewEvent>,
    pub model: Option<String>,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    /// Whether anything was said besides the CLI's preamble and notices.
    pub has_conversation: bool,
}

/// Events for `records`, each dated when its message was first written (`first_seen`): a
/// resume rewrites them all with its own time. A synthetic `<id>_response` record has the time
/// of the reply whose results it carries.
pub(super) fn build(records: &[Record], first_seen: &HashMap<String, DateTime<Utc>>) -> Built {
    let mut built = Built { events: Vec::new(), model: None, first: None, last: None, has_conversation: false };
    let mut answered: HashSet<String> = HashSet::new();
    let mut invocation: Option<String> = None;
    for record in records {
        let value = &record.value;
        let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
        let parts = parts(value.get("content"));
        match kind {
            "gemini" => {
                if let Some(model) = value.get("model").and_then(Value::as_str).filter(|m| !m.is_empty()) {
                    built.model = Some(model.to_string());
                }
                for call in value.get("toolCalls").and_then(Value::as_array).into_iter().flatten() {
                    // The content parser gives a failed or cancelled call a result even without one.
                    let ended = matches!(call.get("status").and_then(Value::as_str), Some("error" | "cancelled"));
                    let answered_here = ended || call.get("result").is_some_and(|result| !is_empty(result));
                    if let Some(id) = call.get("id").and_then(Value::as_str).filter(|_| answered_here) {
                        answered.insert(id.to_string());
                    }
                }
            }
            "user" => {
                let responses: Vec<&Value> = parts.iter().filter_map(|part| part.get("functionResponse")).collect();
                let ids: Vec<&str> = responses.iter().filter_map(|r| r.get("id").and_then(Value::as_str)).collect();
                let only_results = !responses.is_empty() && responses.len() == parts.len() && ids.len() == parts.len();
                if only_results && ids.iter().all(|id| answered.contains(*id)) {
                    continue;
                }
                answered.extend(ids.iter().map(|id| id.to_string()));
                if responses.is_empty() {
                    invocation = Some(record.id.clone());
                }
            }
            _ => {}
        }
        let blocks = content::parse(value);
        built.has_conversation |= blocks.iter().any(|block| !matches!(block, Block::Text { role: Role::Context, .. }));
        let failed = blocks.iter().any(|block| matches!(block, Block::ToolResult { is_error: true, .. }));
        let reply_id = record.id.strip_suffix("_response").unwrap_or(&record.id);
        let written = value.get("timestamp").and_then(Value::as_str).and_then(time::parse);
        let at = first_seen.get(reply_id).or_else(|| first_seen.get(&record.id)).copied().or(written);
        if let Some(at) = at {
            built.first = Some(built.first.map_or(at, |first| first.min(at)));
            built.last = Some(built.last.map_or(at, |last| last.max(at)));
        }
        built.events.push(NewEvent {
            content: record.text.clone(),
            created_at: at,
            invocation_id: invocation.clone(),
            metadata: chat::error_flag(failed),
        });
    }
    built
}

/// A message's parts: its `content` list, or nothing when it is text (or absent).
fn parts(content: Option<&Value>) -> &[Value] {
    content.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(list) => list.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    }
}
