//! Typed content blocks and parts, the shapes that sit inside a message's `content` list and
//! may also be stored on their own: Anthropic blocks (`text`, `tool_use`, `tool_result`,
//! `thinking`, server tools, media) and OpenAI chat / Responses parts (`input_text`,
//! `output_text`, `refusal`, `image_url`, `input_audio`, `file`, ...).

use serde_json::Value;

use super::common::{
    Object, display_arguments, media_placeholder, output_text, str_field, string_field, typed_part_text,
};
use crate::content::{Block, Role};

/// Blocks for one typed part spoken by `role`, or None when its `type` is not one we know.
pub(super) fn part_blocks(part: &Object, role: Role) -> Option<Vec<Block>> {
    let kind = str_field(part, "type")?;
    let block = match kind {
        "text" | "input_text" | "output_text" | "refusal" => Block::Text { role, text: typed_part_text(part)? },
        "thinking" => Block::Reasoning { text: thinking_text(part) },
        "redacted_thinking" => Block::Reasoning { text: "[redacted thinking]".to_owned() },
        "tool_use" | "server_tool_use" | "mcp_tool_use" => tool_use(part)?,
        "tool_result" | "mcp_tool_result" => tool_result(part)?,
        _ if kind.ends_with("_tool_result") => tool_result(part)?,
        _ => Block::Text { role, text: media_placeholder(part)? },
    };
    Some(vec![block])
}

/// The role a bare part (stored without its message) most likely had: OpenAI marks user input
/// as `input_*`; a bare Anthropic block is almost always the model's.
pub(super) fn bare_part_role(kind: &str) -> Role {
    if kind.starts_with("input_") { Role::User } else { Role::Assistant }
}

fn thinking_text(part: &Object) -> String {
    match str_field(part, "thinking") {
        Some(text) if !text.is_empty() => text.to_owned(),
        // Claude Code may keep only the signature of a thinking block.
        _ => "[thinking not recorded]".to_owned(),
    }
}

fn tool_use(part: &Object) -> Option<Block> {
    Some(Block::ToolCall {
        id: string_field(part, "id"),
        name: string_field(part, "name")?,
        arguments: part.get("input").map(display_arguments).unwrap_or_default(),
    })
}

fn tool_result(part: &Object) -> Option<Block> {
    let call_id = string_field(part, "tool_use_id");
    call_id.as_ref()?;
    let content = part.get("content").unwrap_or(&Value::Null);
    let content_error =
        content.as_object().and_then(|inner| str_field(inner, "type")).is_some_and(|kind| kind.ends_with("_error"));
    let flagged = part.get("is_error").and_then(Value::as_bool).unwrap_or(false);
    Some(Block::ToolResult {
        call_id,
        name: string_field(part, "name"),
        output: output_text(content),
        is_error: flagged || content_error,
    })
}
