//! Codex's token counts, each put on the reply it counts. A `token_count` event (`event_msg`)
//! follows the model call it counts, after the tools that call started have answered, so its
//! `last_token_usage` belongs to the first item the model wrote since the previous count
//! (reasoning, a message, a tool call), not to the tool output just before it. A count Codex
//! repeats unchanged (the same running total) counts nothing new.
//!
//! A rollout synced while a call is under way may get the call's count in a later read than
//! its reply, which is stored already: that reply then shows none (the session's total, kept
//! in its metadata, is still whole).

use serde_json::Value;

use crate::content::usage_notes;
use crate::store::NewEvent;

/// Items a model call writes.
const MODEL_ITEMS: [&str; 5] =
    ["reasoning", "function_call", "custom_tool_call", "local_shell_call", "web_search_call"];

#[derive(Default)]
pub(super) struct Replies {
    /// The first event the model wrote since the last count.
    call_start: Option<usize>,
    /// The running total of the last count, which names the call it counted.
    last_key: Option<String>,
}

impl Replies {
    /// Notes the item about to be kept at `index`.
    pub(super) fn item(&mut self, item: &Value, index: usize) {
        let kind = item.get("type").and_then(Value::as_str).unwrap_or_default();
        let by_model = MODEL_ITEMS.contains(&kind)
            || (kind == "message" && item.get("role").and_then(Value::as_str) == Some("assistant"));
        if by_model && self.call_start.is_none() {
            self.call_start = Some(index);
        }
    }

    /// A `token_count` line: its last call's usage goes on the call's first item.
    pub(super) fn token_count(&mut self, line: &Value, model: Option<&str>, events: &mut [NewEvent]) {
        let Some(mut found) = crate::content::usage(line) else { return };
        if found.key.is_some() && found.key == self.last_key {
            return;
        }
        self.last_key = found.key.clone();
        let Some(event) = self.call_start.take().and_then(|index| events.get_mut(index)) else { return };
        found.model = model.map(str::to_owned);
        usage_notes::note_event_usage(&mut event.metadata, &found);
    }
}
