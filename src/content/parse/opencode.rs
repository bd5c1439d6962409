//! OpenCode messages as the importer stores them: `{"opencode_message": "<id>", "message":
//! {role, modelID, error?, ...}, "parts": [...]}`, the message's JSON and its parts' JSON as
//! OpenCode wrote them (see `import::opencode`).
//!
//! Parts, in order, by `type`:
//! - `text`: the person's words in a user message, the model's in an assistant one. Text
//!   OpenCode adds itself (`synthetic`, e.g. a file's contents read on the user's behalf),
//!   text it keeps but does not send (`ignored`) and a compaction summary (an assistant
//!   message with `summary: true`) are `Role::Context`.
//! - `reasoning`: `Reasoning`.
//! - `tool`: the call and, once it has run, its result: `state.status` `completed` (its
//!   `output`) or `error` (its `error`, the only failure: a command exiting non-zero is a
//!   completed call). A call still `pending` or `running` has no result yet.
//! - `file`, `agent`, `subtask`, `retry`, `compaction`: a short line saying what happened.
//! - `step-start`, `step-finish` (token counts), `snapshot`, `patch` (file hashes): OpenCode's
//!   books, nothing to read.
//!
//! A message's `error` (an API failure, an aborted reply) is added as context. A message with
//! nothing else to show is bookkeeping; a part of an unknown type is shown `Raw`.

use serde_json::Value;

use super::common::{Object, display_arguments, raw, str_field, string_field};
use crate::content::{Block, Role};

const QUIET_PARTS: [&str; 4] = ["step-start", "step-finish", "snapshot", "patch"];

/// Whether `obj` is an OpenCode message event.
pub(super) fn is_message(obj: &Object) -> bool {
    obj.get("opencode_message").is_some_and(Value::is_string)
        && obj.get("message").is_some_and(Value::is_object)
        && obj.get("parts").is_some_and(Value::is_array)
}

pub(super) fn is_bookkeeping(obj: &Object) -> bool {
    is_message(obj) && message_blocks(obj).is_some_and(|blocks| blocks.is_empty())
}

/// The blocks of a message event, or None when it is not one or its role is unknown.
pub(super) fn message_blocks(obj: &Object) -> Option<Vec<Block>> {
    if !is_message(obj) {
        return None;
    }
    let message = obj.get("message")?.as_object()?;
    let role = match str_field(message, "role")? {
        "user" => Role::User,
        "assistant" if message.get("summary") == Some(&Value::Bool(true)) => Role::Context,
        "assistant" => Role::Assistant,
        _ => return None,
    };
    let parts = obj.get("parts")?.as_array()?;
    let mut blocks = Vec::new();
    for part in parts {
        match part.as_object() {
            Some(part) => part_blocks(part, role, &mut blocks),
            None => blocks.push(raw(part)),
        }
    }
    if let Some(error) = message.get("error").filter(|e| !e.is_null()) {
        blocks.push(Block::Text { role: Role::Context, text: format!("[error] {}", error_text(error)) });
    }
    Some(blocks)
}

fn part_blocks(part: &Object, role: Role, blocks: &mut Vec<Block>) {
    let kind = str_field(part, "type").unwrap_or_default();
    let note = |text: String| Block::Text { role: Role::Context, text };
    match kind {
        "text" => {
            let text = str_field(part, "text").unwrap_or_default();
            if !text.trim().is_empty() {
                let added = flag(part, "synthetic") || flag(part, "ignored");
                blocks.push(Block::Text { role: if added { Role::Context } else { role }, text: text.to_owned() });
            }
        }
        "reasoning" => {
            let text = str_field(part, "text").filter(|t| !t.trim().is_empty()).unwrap_or("[reasoning not recorded]");
            blocks.push(Block::Reasoning { text: text.to_owned() });
        }
        "tool" => tool_blocks(part, blocks),
        "file" => {
            let name =
                str_field(part, "filename").or_else(|| str_field(part, "url").filter(|u| !u.starts_with("data:")));
            blocks.push(Block::Text { role, text: format!("[file: {}]", name.unwrap_or("inline data")) });
        }
        "agent" => blocks.push(note(format!("[agent: {}]", str_field(part, "name").unwrap_or_default()))),
        "subtask" => {
            let agent = str_field(part, "agent").unwrap_or_default();
            let task = str_field(part, "description").or_else(|| str_field(part, "prompt")).unwrap_or_default();
            blocks.push(note(format!("[subtask for {agent}] {task}")));
        }
        "retry" => {
            let attempt = part.get("attempt").and_then(Value::as_i64).unwrap_or_default();
            let error = part.get("error").map(error_text).unwrap_or_default();
            blocks.push(note(format!("[retry {attempt}] {error}")));
        }
        "compaction" => blocks.push(note("[conversation compacted]".to_owned())),
        _ if QUIET_PARTS.contains(&kind) => {}
        _ => blocks.push(raw(&Value::Object(part.clone()))),
    }
}

fn tool_blocks(part: &Object, blocks: &mut Vec<Block>) {
    let call_id = string_field(part, "callID");
    let name = string_field(part, "tool").unwrap_or_default();
    let state = part.get("state").and_then(Value::as_object);
    let input = state.and_then(|s| s.get("input")).unwrap_or(&Value::Null);
    blocks.push(Block::ToolCall { id: call_id.clone(), name: name.clone(), arguments: display_arguments(input) });
    let (output, is_error) = match state.and_then(|s| str_field(s, "status")) {
        Some("completed") => (state.and_then(|s| str_field(s, "output")).unwrap_or_default(), false),
        Some("error") => (state.and_then(|s| str_field(s, "error")).unwrap_or_default(), true),
        _ => return,
    };
    blocks.push(Block::ToolResult { call_id, name: Some(name), output: output.to_owned(), is_error });
}

/// `{"name": "APIError", "data": {"message": ...}}` (OpenCode's named errors), or any text.
fn error_text(error: &Value) -> String {
    let message = error["data"]["message"].as_str().or_else(|| error["message"].as_str()).or_else(|| error.as_str());
    match (error["name"].as_str(), message) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(message)) => message.to_owned(),
        (Some(name), None) => name.to_owned(),
        (None, None) => error.to_string(),
    }
}

fn flag(part: &Object, key: &str) -> bool {
    part.get(key).and_then(Value::as_bool).unwrap_or(false)
}
