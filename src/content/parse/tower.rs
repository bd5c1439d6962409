//! tower-llm `RunItem`s, internally tagged: `{"type": "Message" | "ToolCall" | "ToolOutput" |
//! "Handoff", ...}` (capitalised, which no other family uses).

use serde_json::Value;

use super::common::{Object, display_arguments, output_text, str_field, string_field, with_error};
use super::message::{content_blocks, speaker};
use crate::content::{Block, Role};

/// Blocks of a tower-llm item of type `kind`, or None when it is not one.
pub(super) fn run_item_blocks(item: &Object, kind: &str) -> Option<Vec<Block>> {
    let blocks = match kind {
        "Message" => {
            let role = match str_field(item, "role")? {
                "tool" => Role::Tool,
                other => speaker(other)?,
            };
            let blocks = content_blocks(item.get("content"), role);
            if blocks.is_empty() { vec![Block::Text { role, text: String::new() }] } else { blocks }
        }
        "ToolCall" => vec![Block::ToolCall {
            id: string_field(item, "id"),
            name: string_field(item, "tool_name")?,
            arguments: display_arguments(item.get("arguments").unwrap_or(&Value::Null)),
        }],
        "ToolOutput" => vec![tool_output(item)],
        "Handoff" => handoff(item),
        _ => return None,
    };
    Some(blocks)
}

/// `error` is always present: null on success, the failure's text otherwise (the output is
/// then usually null, so the error is what is shown).
fn tool_output(item: &Object) -> Block {
    let output = output_text(item.get("output").unwrap_or(&Value::Null));
    let (output, is_error) = with_error(item, output);
    Block::ToolResult { call_id: string_field(item, "tool_call_id"), name: None, output, is_error }
}

/// The handoff, and its reason as context when one was given (`Block::Handoff` has no room
/// for it, and it should not be lost).
fn handoff(item: &Object) -> Vec<Block> {
    let mut blocks =
        vec![Block::Handoff { from: string_field(item, "from_agent"), to: string_field(item, "to_agent") }];
    if let Some(reason) = str_field(item, "reason").filter(|reason| !reason.is_empty()) {
        blocks.push(Block::Text { role: Role::Context, text: reason.to_owned() });
    }
    blocks
}
