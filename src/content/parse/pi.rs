//! Pi coding agent session entries (`~/.pi/agent/sessions/--<cwd>--/<time>_<uuid>.jsonl`),
//! stored byte for byte.
//!
//! An entry is `{"type", "id", "parentId", "timestamp", ...}`; the tree links are what tell it
//! from other families' `message` items. `message` entries hold an agent message by `role`:
//! - `user`: `content` a string or text / image parts;
//! - `assistant`: `text`, `thinking` and `toolCall` parts, one line per model response; a
//!   failed response has `stopReason: "error"` and `errorMessage`;
//! - `toolResult`: `toolCallId`, `toolName`, `content` parts, `isError`;
//! - `bashExecution` (the person's own `!command`, like Claude Code's `<bash-input>`),
//!   `custom` (an extension's message), `branchSummary`, `compactionSummary`: text the harness
//!   put in the conversation, `Role::Context`.
//!
//! `compaction`, `branch_summary` and `custom_message` entries are harness context too;
//! `model_change`, `thinking_level_change`, `label`, `session_info` and `custom` only keep
//! Pi's books.

use serde_json::Value;

use super::common::{Object, display_arguments, media_placeholder, output_text, raw, str_field, string_field};
use crate::content::{Block, Role};

/// Every entry type Pi 0.73 writes besides the `session` header.
pub(crate) const ENTRY_TYPES: [&str; 9] = [
    "message",
    "model_change",
    "thinking_level_change",
    "compaction",
    "branch_summary",
    "custom",
    "custom_message",
    "label",
    "session_info",
];
/// Entry types that only keep Pi's books.
pub(crate) const BOOKKEEPING_TYPES: [&str; 5] =
    ["model_change", "thinking_level_change", "label", "session_info", "custom"];

fn is_entry(entry: &Object) -> bool {
    str_field(entry, "type").is_some_and(|kind| ENTRY_TYPES.contains(&kind))
        && entry.contains_key("id")
        && entry.contains_key("parentId")
}

/// Whether `entry` is a Pi entry with no conversational meaning.
pub(super) fn is_bookkeeping(entry: &Object) -> bool {
    is_entry(entry) && str_field(entry, "type").is_some_and(|kind| BOOKKEEPING_TYPES.contains(&kind))
}

/// Blocks of a Pi entry, or None when `entry` is not one.
pub(super) fn entry_blocks(entry: &Object) -> Option<Vec<Block>> {
    if !is_entry(entry) {
        return None;
    }
    match str_field(entry, "type")? {
        "message" => message_blocks(entry.get("message")?.as_object()?),
        "compaction" | "branch_summary" => Some(context(str_field(entry, "summary")?)),
        "custom_message" => Some(context(&output_text(entry.get("content")?))),
        _ => None,
    }
}

fn message_blocks(message: &Object) -> Option<Vec<Block>> {
    let blocks = match str_field(message, "role")? {
        "user" => content_blocks(message.get("content")?, Role::User),
        "assistant" => assistant_blocks(message),
        "toolResult" => vec![Block::ToolResult {
            call_id: string_field(message, "toolCallId"),
            name: string_field(message, "toolName"),
            output: output_text(message.get("content").unwrap_or(&Value::Null)),
            is_error: message.get("isError").and_then(Value::as_bool).unwrap_or(false),
        }],
        "bashExecution" => context(&shell_text(message)),
        "custom" | "hookMessage" => context(&output_text(message.get("content").unwrap_or(&Value::Null))),
        "branchSummary" | "compactionSummary" => context(str_field(message, "summary")?),
        _ => return None,
    };
    Some(blocks)
}

fn context(text: &str) -> Vec<Block> {
    vec![Block::Text { role: Role::Context, text: text.to_owned() }]
}

/// A string, or a list of parts (`text`, `thinking`, `toolCall`, `image`; others as `Raw`).
fn content_blocks(content: &Value, role: Role) -> Vec<Block> {
    let parts = match content {
        Value::String(text) => return vec![Block::Text { role, text: text.clone() }],
        Value::Array(parts) => parts,
        Value::Null => return Vec::new(),
        other => return vec![raw(other)],
    };
    parts.iter().map(|part| part.as_object().and_then(|p| part_block(p, role)).unwrap_or_else(|| raw(part))).collect()
}

fn part_block(part: &Object, role: Role) -> Option<Block> {
    let block = match str_field(part, "type")? {
        "text" => Block::Text { role, text: string_field(part, "text")? },
        "thinking" => Block::Reasoning { text: string_field(part, "thinking")? },
        "toolCall" => Block::ToolCall {
            id: string_field(part, "id"),
            name: string_field(part, "name")?,
            arguments: part.get("arguments").map(display_arguments).unwrap_or_default(),
        },
        _ => Block::Text { role, text: media_placeholder(part)? },
    };
    Some(block)
}

/// An assistant response's parts, and why it ended when it ended badly. A response that said
/// nothing at all is still shown, as the harness's note of how it stopped.
fn assistant_blocks(message: &Object) -> Vec<Block> {
    let mut blocks = content_blocks(message.get("content").unwrap_or(&Value::Null), Role::Assistant);
    let stop = str_field(message, "stopReason");
    if let Some(error) = str_field(message, "errorMessage") {
        blocks.extend(context(&format!("[error] {error}")));
    } else if blocks.is_empty() {
        blocks.extend(context(&format!("[no reply: {}]", stop.unwrap_or("empty"))));
    }
    blocks
}

/// `!command` and what it printed, with its exit code when it failed.
fn shell_text(message: &Object) -> String {
    let command = str_field(message, "command").unwrap_or_default();
    let output = str_field(message, "output").unwrap_or_default();
    let mut text = format!("! {command}\n{output}");
    match message.get("exitCode").and_then(Value::as_i64) {
        Some(code) if code != 0 => text.push_str(&format!("\n[exit code {code}]")),
        _ => {}
    }
    if message.get("cancelled").and_then(Value::as_bool) == Some(true) {
        text.push_str("\n[cancelled]");
    }
    text
}
