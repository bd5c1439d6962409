//! GitHub Copilot CLI event lines (`~/.copilot/session-state/<id>/events.jsonl`), stored byte
//! for byte: `{"type": "<family>.<kind>", "data": {...}, "id", "timestamp", "parentId"}`.
//!
//! - `user.message`: the person's `content` (`transformedContent` is what the model got: the
//!   same words after a `<current_datetime>` preamble); attachments as placeholders.
//! - `assistant.message`: `reasoningText` as `Reasoning`, `content` as the reply (empty when the
//!   step only calls tools), each of `toolRequests` as a `ToolCall`.
//! - `tool.execution_complete`: the `ToolResult` of call `toolCallId`: `result.content` (what
//!   the model saw), or `error.message` when `success` is false. A shell command that exits
//!   non-zero is reported by Copilot as a success with `shellExecution.exitCode`; it is shown
//!   as an error, and its exit code is added to the output when the output does not say it.
//! - `session.error`: context text.
//!
//! The other known kinds keep Copilot's books (session start, resume and shutdown, turn
//! markers, usage, the system prompt, `tool.execution_start`, which repeats the call) and
//! parse to nothing; an unknown kind is shown `Raw`.

use serde_json::Value;

use super::common::{Object, display_arguments, output_text, str_field, string_field};
use crate::content::{Block, Role};

const BOOKKEEPING_KINDS: &[&str] = &[
    "session.start",
    "session.resume",
    "session.shutdown",
    "session.idle",
    "session.info",
    "session.warning",
    "session.usage_record",
    "session.usage_info",
    "session.model_change",
    "session.mode_changed",
    "session.plan_changed",
    "session.title_changed",
    "session.context_changed",
    "session.workspace_file_changed",
    "session.truncation",
    "session.snapshot_rewind",
    "session.compaction_start",
    "session.task_complete",
    "system.message",
    "assistant.turn_start",
    "assistant.turn_end",
    "assistant.intent",
    "assistant.usage",
    "assistant.message_delta",
    "assistant.reasoning_delta",
    "tool.execution_start",
    "tool.execution_partial_result",
    "tool.execution_progress",
    "hook.start",
    "hook.end",
    "pending_messages.modified",
];

/// Whether `obj` has the shape of a Copilot CLI event line.
pub(super) fn is_event(obj: &Object) -> bool {
    str_field(obj, "type").is_some_and(|kind| kind.contains('.'))
        && obj.get("data").is_some_and(Value::is_object)
        && obj.get("id").is_some_and(Value::is_string)
        && obj.contains_key("parentId")
}

pub(super) fn is_bookkeeping(obj: &Object) -> bool {
    is_event(obj) && event_blocks(obj).is_some_and(|blocks| blocks.is_empty())
}

/// The blocks of an event line, or None when it is not one or of a kind not known.
pub(super) fn event_blocks(obj: &Object) -> Option<Vec<Block>> {
    if !is_event(obj) {
        return None;
    }
    let kind = str_field(obj, "type")?;
    let data = obj.get("data")?.as_object()?;
    let blocks = match kind {
        "user.message" => user_blocks(data),
        "assistant.message" => assistant_blocks(data),
        "tool.execution_complete" => vec![tool_result(data)],
        "session.error" => {
            let message = str_field(data, "message").unwrap_or_default();
            let text = match str_field(data, "errorType") {
                Some(kind) => format!("[error] {kind}: {message}"),
                None => format!("[error] {message}"),
            };
            vec![Block::Text { role: Role::Context, text }]
        }
        _ if BOOKKEEPING_KINDS.contains(&kind) => Vec::new(),
        _ => return None,
    };
    Some(blocks)
}

fn user_blocks(data: &Object) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(text) = str_field(data, "content").filter(|t| !t.trim().is_empty()) {
        blocks.push(Block::Text { role: Role::User, text: text.to_owned() });
    }
    for attachment in data.get("attachments").and_then(Value::as_array).into_iter().flatten() {
        let label = attachment["type"].as_str().unwrap_or("attachment");
        let name = attachment["displayName"].as_str().or_else(|| attachment["path"].as_str()).unwrap_or_default();
        blocks.push(Block::Text { role: Role::User, text: format!("[{label}: {name}]") });
    }
    blocks
}

fn assistant_blocks(data: &Object) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(text) = str_field(data, "reasoningText").filter(|t| !t.trim().is_empty()) {
        blocks.push(Block::Reasoning { text: text.to_owned() });
    }
    if let Some(text) = str_field(data, "content").filter(|t| !t.trim().is_empty()) {
        blocks.push(Block::Text { role: Role::Assistant, text: text.to_owned() });
    }
    for request in data.get("toolRequests").and_then(Value::as_array).into_iter().flatten() {
        blocks.push(Block::ToolCall {
            id: request["toolCallId"].as_str().map(str::to_owned),
            name: request["name"].as_str().unwrap_or_default().to_owned(),
            arguments: display_arguments(&request["arguments"]),
        });
    }
    blocks
}

fn tool_result(data: &Object) -> Block {
    let succeeded = data.get("success").and_then(Value::as_bool).unwrap_or(true);
    let mut output = data.get("result").and_then(|r| r.get("content")).map_or_else(String::new, output_text);
    if let Some(message) = data.get("error").and_then(|e| e["message"].as_str().or_else(|| e.as_str())) {
        if !output.is_empty() {
            output.push('\n');
        }
        output.push_str(message);
    }
    let exit_code = data.get("shellExecution").and_then(|s| s["exitCode"].as_i64()).filter(|code| *code != 0);
    if let Some(code) = exit_code
        && !output.contains(&format!("exit code {code}"))
    {
        output.push_str(&format!("\n[exit code {code}]"));
    }
    Block::ToolResult {
        call_id: string_field(data, "toolCallId"),
        name: None,
        output,
        is_error: !succeeded || exit_code.is_some(),
    }
}
