//! Messages with a `role`: OpenAI chat messages (also Director's and dasshh's), Responses
//! `message` items (the Agents SDK's user items have no `type`), and Anthropic messages.

use serde_json::Value;

use super::common::{Object, display_arguments, raw, refusal_text, str_field, string_field};
use super::errors;
use super::parts::part_blocks;
use crate::content::{Block, Role};

/// Blocks of a message, or None when its role is not one we know.
///
/// A message always yields at least one block: one with no content at all (an assistant turn
/// stored as empty text, as tower-llm and Director do) is an empty `Text`, so that it is still
/// shown and counted where it was written.
pub(super) fn message_blocks(msg: &Object) -> Option<Vec<Block>> {
    let role = match str_field(msg, "role")? {
        "tool" | "function" => return Some(vec![tool_message(msg)]),
        other => speaker(other)?,
    };
    let mut blocks = content_blocks(msg.get("content"), role);
    if let Some(refusal) = str_field(msg, "refusal") {
        blocks.push(Block::Text { role, text: refusal_text(refusal) });
    }
    if let Some(Value::Array(calls)) = msg.get("tool_calls") {
        blocks.extend(calls.iter().map(chat_tool_call));
    }
    if let Some(call) = msg.get("function_call").filter(|call| !call.is_null()) {
        blocks.push(chat_tool_call(call));
    }
    if blocks.is_empty() {
        blocks.push(Block::Text { role, text: String::new() });
    }
    if str_field(msg, RECALL_ROLE) == Some("context") {
        for block in &mut blocks {
            if let Block::Text { role, .. } = block {
                *role = Role::Context;
            }
        }
    }
    Some(blocks)
}

/// Set by recall's importers on a message the origin kept for its model but never showed as
/// the conversation (Director's reasoning context): its text is `Role::Context`.
pub const RECALL_ROLE: &str = "recall_role";

/// The role of someone who speaks (not a tool), in the spellings seen in stored histories.
pub(super) fn speaker(role: &str) -> Option<Role> {
    match role {
        "user" | "human" => Some(Role::User),
        // Gemini says "model".
        "assistant" | "model" => Some(Role::Assistant),
        "system" | "developer" => Some(Role::System),
        _ => None,
    }
}

/// Blocks of a `content` field spoken by `role`: a string, null, one part, or a list of parts
/// (strings or typed parts; parts we do not know become `Raw`, the rest of the list is kept).
pub(super) fn content_blocks(content: Option<&Value>, role: Role) -> Vec<Block> {
    match content {
        // An empty string is no content: it must not add an empty text beside tool calls.
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) if text.is_empty() => Vec::new(),
        Some(Value::String(text)) => vec![Block::Text { role, text: text.clone() }],
        Some(Value::Array(parts)) => parts.iter().flat_map(|part| one_part(part, role)).collect(),
        Some(part) => one_part(part, role),
    }
}

fn one_part(part: &Value, role: Role) -> Vec<Block> {
    match part {
        Value::String(text) => vec![Block::Text { role, text: text.clone() }],
        Value::Object(obj) => part_blocks(obj, role).unwrap_or_else(|| vec![raw(part)]),
        other => vec![raw(other)],
    }
}

/// `{role: tool, tool_call_id, name?, content}` or legacy `{role: function, name, content}`.
fn tool_message(msg: &Object) -> Block {
    let (output, is_error) = errors::tool_output(msg.get("content"));
    Block::ToolResult {
        call_id: string_field(msg, "tool_call_id"),
        name: string_field(msg, "name"),
        output,
        is_error: is_error || errors::flagged(msg),
    }
}

/// One entry of `tool_calls`, or a legacy `function_call`.
///
/// Shapes: OpenAI `{id, type: function, function: {name, arguments: "<json>"}}`, OpenAI custom
/// tools `{id, type: custom, custom: {name, input}}`, Director `{id, tool: {name, arguments:
/// {...}}}`, legacy `{name, arguments}`. Anything else is shown as `Raw`.
fn chat_tool_call(call: &Value) -> Block {
    call.as_object().and_then(tool_call_of).unwrap_or_else(|| raw(call))
}

fn tool_call_of(call: &Object) -> Option<Block> {
    let function =
        ["function", "tool", "custom"].iter().find_map(|key| call.get(*key).and_then(Value::as_object)).unwrap_or(call);
    let arguments = function.get("arguments").or_else(|| function.get("input"));
    Some(Block::ToolCall {
        id: string_field(call, "id"),
        name: string_field(function, "name")?,
        arguments: arguments.map(display_arguments).unwrap_or_default(),
    })
}
