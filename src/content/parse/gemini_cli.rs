//! Gemini CLI message records (`~/.gemini/tmp/<project>/chats/`), stored as written:
//! `{id, timestamp, type, content, ...}` with `type`:
//! - `user`: `content` a string or Gemini parts: the person's prompt (`displayContent`, when
//!   present, is what they typed before the CLI expanded it), the CLI's `<session_context>`
//!   preamble (context), or `functionResponse` parts carrying tool results back to the model;
//! - `gemini`: the model's reply: `content` text (or, after a resume, parts with `thought` and
//!   `functionCall`), `thoughts: [{subject, description}]`, and `toolCalls: [{id, name, args,
//!   result: [functionResponse parts], status}]` holding each call with its result;
//! - `info`, `warning`, `error`: the CLI's notices, shown as context.
//!
//! A tool result fails when the call's `status` is `error` or its response has an `error`;
//! a shell command that exits non-zero is a success for the CLI, and here.
//! A reply with nothing in it (no text, thought or call: a record the CLI rewrites once its
//! tools ran) is bookkeeping.

use serde_json::Value;

use super::common::{Object, output_text, str_field, string_field};
use super::gemini_parts::{function_call, function_response, is_part_list, parts_blocks};
use super::harness::{is_gemini_cli_context, mark_context};
use crate::content::{Block, Role};

const RECORD_TYPES: &[&str] = &["user", "gemini", "info", "warning", "error"];

/// Whether `obj` is a Gemini CLI message record.
pub(super) fn is_record(obj: &Object) -> bool {
    let typed = str_field(obj, "type").is_some_and(|kind| RECORD_TYPES.contains(&kind));
    let content = obj.get("content").is_some_and(|content| content.is_string() || is_part_list(content));
    let foreign = ["message", "role", "payload"].iter().any(|key| obj.contains_key(*key));
    typed && content && !foreign && obj.get("id").is_some_and(Value::is_string)
}

pub(super) fn is_bookkeeping(obj: &Object) -> bool {
    is_record(obj) && record_blocks(obj).is_empty()
}

/// Blocks of a record `is_record` accepted.
pub(super) fn record_blocks(obj: &Object) -> Vec<Block> {
    match str_field(obj, "type").unwrap_or_default() {
        "user" => {
            let shown = obj.get("displayContent").filter(|d| d.is_string() || is_part_list(d));
            let mut blocks = content_blocks(shown.or_else(|| obj.get("content")), Role::User);
            mark_context(&mut blocks, is_gemini_cli_context);
            blocks
        }
        "gemini" => reply_blocks(obj),
        notice => content_blocks(obj.get("content"), Role::Context)
            .into_iter()
            .map(|block| match block {
                Block::Text { text, .. } if notice != "info" => {
                    Block::Text { role: Role::Context, text: format!("[{notice}] {text}") }
                }
                Block::Text { text, .. } => Block::Text { role: Role::Context, text },
                other => other,
            })
            .collect(),
    }
}

fn content_blocks(content: Option<&Value>, role: Role) -> Vec<Block> {
    match content {
        Some(Value::String(text)) if !text.is_empty() => vec![Block::Text { role, text: text.clone() }],
        Some(Value::Array(parts)) => parts_blocks(parts, role),
        _ => Vec::new(),
    }
}

/// Thoughts, text and calls of a reply, each call followed by its result.
fn reply_blocks(obj: &Object) -> Vec<Block> {
    let mut blocks = content_blocks(obj.get("content"), Role::Assistant);
    if !blocks.iter().any(|block| matches!(block, Block::Reasoning { .. })) {
        let thoughts = obj.get("thoughts").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let reasoning = thoughts.iter().filter_map(Value::as_object).filter_map(thought_text);
        let reasoning: Vec<Block> = reasoning.map(|text| Block::Reasoning { text }).collect();
        blocks.splice(0..0, reasoning);
    }
    let calls = obj.get("toolCalls").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    for call in calls.iter().filter_map(Value::as_object) {
        let id = string_field(call, "id");
        let already_called = id.is_some()
            && blocks.iter().any(|block| matches!(block, Block::ToolCall { id: called, .. } if *called == id));
        if !already_called {
            blocks.extend(function_call(call));
        }
        blocks.extend(call_result(call));
    }
    blocks
}

/// The CLI splits a thought into its bold first line and the rest; put back as it sends them.
fn thought_text(thought: &Object) -> Option<String> {
    let description = str_field(thought, "description").unwrap_or_default();
    let text = match str_field(thought, "subject").filter(|subject| !subject.is_empty()) {
        Some(subject) => format!("**{subject}** {description}"),
        None => description.to_owned(),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// `toolCalls[].result`: a list of parts (a `functionResponse`, maybe media), one part, or
/// plain text; a call that failed or was cancelled before giving one still gets a result.
fn call_result(call: &Object) -> Vec<Block> {
    let call_id = string_field(call, "id");
    let status = str_field(call, "status").unwrap_or_default();
    let failed = status == "error";
    let parts: Vec<Value> = match call.get("result") {
        Some(Value::Array(parts)) => parts.clone(),
        Some(part @ Value::Object(_)) => vec![part.clone()],
        Some(Value::String(text)) if !text.is_empty() => {
            let output = text.clone();
            return vec![Block::ToolResult { call_id, name: string_field(call, "name"), output, is_error: failed }];
        }
        _ => Vec::new(),
    };
    let mut blocks = Vec::new();
    for part in &parts {
        match part.get("functionResponse").and_then(Value::as_object) {
            Some(response) => match function_response(response) {
                Block::ToolResult { call_id: own_id, name, output, is_error } => blocks.push(Block::ToolResult {
                    call_id: own_id.or_else(|| call_id.clone()),
                    name: name.or_else(|| string_field(call, "name")),
                    output,
                    is_error: is_error || failed,
                }),
                other => blocks.push(other),
            },
            None => blocks.extend(parts_blocks(std::slice::from_ref(part), Role::Tool)),
        }
    }
    let answered = blocks.iter().any(|block| matches!(block, Block::ToolResult { .. }));
    if !answered && (failed || status == "cancelled") {
        let output = call.get("resultDisplay").map(output_text).filter(|text| !text.is_empty());
        blocks.push(Block::ToolResult {
            call_id,
            name: string_field(call, "name"),
            output: output.unwrap_or_else(|| status.to_owned()),
            is_error: failed,
        });
    }
    blocks
}
