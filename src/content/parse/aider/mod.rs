//! Aider's chat history (`.aider.chat.history.md`), which is Markdown, not JSON. Its importer
//! stores each message as `{"aider": kind, "text": <the exact lines>, "line": <first line>}`:
//! - `user`: `#### ` lines (each ends in two spaces, Markdown's line break). A slash command
//!   (`/test ...`) is aider's business, not words to the model: `Role::Context`.
//! - `assistant`: a reply, verbatim Markdown. Each SEARCH/REPLACE block in it is an `edit` tool
//!   call (path, search, replace) whose id names its line (see [`edits`]); the prose around the
//!   blocks is the assistant's text.
//! - `note`: one of aider's own messages, `> ` on its first line only, two spaces at the end
//!   of its last. Harness context, or, when the importer found that the note reports how edit
//!   blocks went (`Applied edit to ...`, `... SEARCH/REPLACE block failed to match!`), the
//!   results of those calls: `"edits": [{"call_id", "error"}]`.

pub(crate) mod edits;

use serde_json::Value;

use super::common::{Object, display_arguments, str_field};
use crate::content::{Block, Role};
use edits::{edit_blocks, edit_call_id};

/// Blocks of an aider message, or None when `obj` is not one.
pub(super) fn message_blocks(obj: &Object) -> Option<Vec<Block>> {
    let kind = str_field(obj, "aider")?;
    let text = str_field(obj, "text")?;
    let line = obj.get("line").and_then(Value::as_u64).unwrap_or(0);
    let blocks = match kind {
        "user" => vec![user_text(text)],
        "assistant" => reply_blocks(text, line),
        "note" => note_blocks(obj, text),
        _ => return None,
    };
    Some(blocks)
}

fn user_text(text: &str) -> Block {
    let lines: Vec<&str> =
        text.lines().map(|line| strip_line_break(line.strip_prefix("####").unwrap_or(line))).collect();
    let lines: Vec<&str> = lines.iter().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    let said = lines.join("\n");
    let command = said.starts_with('/') || said == "<blank>";
    Block::Text { role: if command { Role::Context } else { Role::User }, text: said }
}

/// The text a person typed, from a stored `user` message's exact lines.
pub(crate) fn user_words(text: &str) -> String {
    match user_text(text) {
        Block::Text { text, .. } => text,
        _ => String::new(),
    }
}

/// Markdown's hard line break: the two spaces aider adds at the end of a line.
fn strip_line_break(line: &str) -> &str {
    line.strip_suffix("  ").unwrap_or(line)
}

/// The reply's prose as assistant text, and each SEARCH/REPLACE block as an `edit` call.
fn reply_blocks(text: &str, first_line: u64) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut prose_from = 0;
    for edit in edit_blocks(text) {
        push_prose(&mut blocks, &lines[prose_from..edit.span.start]);
        let mut arguments = serde_json::Map::new();
        if let Some(path) = &edit.path {
            arguments.insert("path".into(), Value::String(path.clone()));
        }
        arguments.insert("search".into(), Value::String(edit.search.clone()));
        arguments.insert("replace".into(), Value::String(edit.replace.clone()));
        blocks.push(Block::ToolCall {
            id: Some(edit_call_id(first_line, edit.head)),
            name: "edit".to_owned(),
            arguments: display_arguments(&Value::Object(arguments)),
        });
        prose_from = edit.span.end;
    }
    push_prose(&mut blocks, &lines[prose_from.min(lines.len())..]);
    if blocks.is_empty() {
        blocks.push(Block::Text { role: Role::Assistant, text: String::new() });
    }
    blocks
}

fn push_prose(blocks: &mut Vec<Block>, lines: &[&str]) {
    let text = lines.join("\n");
    let text = text.trim_matches('\n');
    if !text.trim().is_empty() {
        blocks.push(Block::Text { role: Role::Assistant, text: text.to_owned() });
    }
}

/// A note's text without its `> ` and its closing line break.
pub(crate) fn note_text(text: &str) -> String {
    let body = text.strip_prefix("> ").or_else(|| text.strip_prefix('>')).unwrap_or(text);
    let body = body.trim_end_matches(['\r', '\n']);
    strip_line_break(body).to_owned()
}

fn note_blocks(obj: &Object, text: &str) -> Vec<Block> {
    let output = note_text(text);
    let outcomes = obj.get("edits").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let results: Vec<Block> = outcomes
        .iter()
        .filter_map(|outcome| {
            Some(Block::ToolResult {
                call_id: Some(outcome.get("call_id")?.as_str()?.to_owned()),
                name: Some("edit".to_owned()),
                output: output.clone(),
                is_error: outcome.get("error").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect();
    if results.is_empty() { vec![Block::Text { role: Role::Context, text: output }] } else { results }
}
