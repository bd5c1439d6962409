//! Event JSON -> blocks. One file per family; this one decides which family a value is.
//!
//! Recognised, in this order:
//! 1. wrappers whose original line is the event: Codex rollout lines (`{timestamp, type,
//!    payload}`), Gemini CLI message records (`{id, type: user|gemini|info|..., content}`),
//!    Qwen Code records (`{uuid, sessionId, type, message: {role, parts}}`) and Claude Code
//!    transcript lines (`{type: user|assistant, message}`); OpenCode messages
//!    (`{opencode_message, message, parts}`, stored by the importer), Copilot CLI event lines
//!    (`{type: "<family>.<kind>", data, id, parentId}`), Pi session entries (`{type, id,
//!    parentId, ...}`) and aider's messages as its importer stores them (`{aider:
//!    user|assistant|note, text, line}`);
//! 2. tower-llm `RunItem`s (`type` `Message`, `ToolCall`, `ToolOutput`, `Handoff`);
//! 3. typed items and blocks: Responses `message` and other items, Anthropic blocks and
//!    OpenAI content parts stored on their own;
//! 4. anything with a `role`: OpenAI chat and Anthropic messages;
//! 5. a list whose every element is one of the above.
//!
//! Everything else — other JSON values, unknown types or roles, lists of anything else —
//! is one `Raw` block. Parsing never fails and never panics.

mod claude_code;
mod codex;
mod common;
mod copilot_cli;
mod errors;
mod gemini_cli;
mod gemini_parts;
mod harness;
mod items;
mod message;
mod opencode;

pub use errors::output_body_start;
pub use message::RECALL_ROLE;
mod aider;
mod parts;
mod pi;
mod qwen_code;
mod tower;

pub(crate) use aider::edits::{EditBlock, closes_edit_block, edit_blocks, edit_call_id, opens_edit_block};
pub(crate) use aider::{note_text as aider_note_text, user_words as aider_user_words};
pub(crate) use pi::{BOOKKEEPING_TYPES as PI_BOOKKEEPING_TYPES, ENTRY_TYPES as PI_ENTRY_TYPES};

use serde_json::Value;

use crate::content::Block;
use common::{Object, raw, str_field};

/// The blocks a person reads for one stored event.
///
/// Empty exactly when [`is_bookkeeping`] is true; any other value yields at least one block
/// (a `Raw` one when nothing else fits).
pub fn parse(event: &Value) -> Vec<Block> {
    if is_bookkeeping(event) {
        return Vec::new();
    }
    let blocks = match event {
        Value::Object(obj) => parse_object(obj),
        Value::Array(values) => parse_list(values),
        _ => None,
    };
    match blocks {
        Some(blocks) if !blocks.is_empty() => blocks,
        _ => vec![raw(event)],
    }
}

/// Whether `event` is a line a tool writes for its own books, with no conversational meaning:
/// Claude Code's `queue-operation`, `attachment`, `summary`, `custom-title`, ... lines, Codex's
/// `session_meta`, `turn_context`, `event_msg`, `compacted`, ... lines. [`parse`] returns no
/// blocks for these and only these, so a count of events can leave them out knowingly.
pub fn is_bookkeeping(event: &Value) -> bool {
    event.as_object().is_some_and(|obj| {
        codex::is_bookkeeping(obj)
            || qwen_code::is_bookkeeping(obj)
            || claude_code::is_bookkeeping(obj)
            || gemini_cli::is_bookkeeping(obj)
            || opencode::is_bookkeeping(obj)
            || copilot_cli::is_bookkeeping(obj)
            || pi::is_bookkeeping(obj)
    })
}

fn parse_object(obj: &Object) -> Option<Vec<Block>> {
    if codex::is_envelope(obj) {
        let payload = codex::response_item(obj)?;
        let mut blocks = parse_object(payload.as_object()?)?;
        codex::mark_harness_context(&mut blocks);
        return Some(blocks);
    }
    if opencode::is_message(obj) {
        return opencode::message_blocks(obj);
    }
    if copilot_cli::is_event(obj) {
        return copilot_cli::event_blocks(obj);
    }
    if let Some(blocks) = pi::entry_blocks(obj) {
        return Some(blocks);
    }
    if let Some(blocks) = aider::message_blocks(obj) {
        return Some(blocks);
    }
    let Some(kind) = str_field(obj, "type") else {
        return message::message_blocks(obj);
    };
    if gemini_cli::is_record(obj) {
        return Some(gemini_cli::record_blocks(obj));
    }
    if qwen_code::is_line(obj) {
        return Some(qwen_code::line_blocks(obj));
    }
    if let Some(blocks) = claude_code::line_blocks(obj) {
        return Some(blocks);
    }
    if let Some(blocks) = tower::run_item_blocks(obj, kind) {
        return Some(blocks);
    }
    if kind == "message" {
        let mut blocks = message::message_blocks(obj)?;
        // The oldest Codex rollouts stored items bare, harness context included.
        codex::mark_harness_context(&mut blocks);
        return Some(blocks);
    }
    if let Some(blocks) = items::item_blocks(obj, kind) {
        return Some(blocks);
    }
    if let Some(blocks) = parts::part_blocks(obj, parts::bare_part_role(kind)) {
        return Some(blocks);
    }
    // A typed object of a family we do not know, that still says who speaks.
    message::message_blocks(obj)
}

/// A list is readable when every element is: several messages, or a message's blocks.
fn parse_list(values: &[Value]) -> Option<Vec<Block>> {
    if values.is_empty() {
        return None;
    }
    let lists = values.iter().map(|value| value.as_object().and_then(parse_object)).collect::<Option<Vec<_>>>()?;
    Some(lists.into_iter().flatten().collect())
}
