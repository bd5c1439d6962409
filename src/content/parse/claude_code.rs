//! Claude Code transcript lines (`~/.claude/projects/<project>/<session>.jsonl`), stored
//! byte for byte.
//!
//! Conversation lines are `{"type": "user" | "assistant", "message": {role, content, ...}}`;
//! each assistant content block is written on its own line (lines of one reply share
//! `message.id`). A `user` line holding `tool_result` blocks is the tools speaking, not the
//! person, and parses to `ToolResult`s. User text the harness wrote (`isMeta`, a compaction
//! summary, slash commands, reminders: see `harness`) is `Role::Context`.
//!
//! `system` lines with a `content` text (compaction boundaries, API errors, local command
//! output) are `Role::Context` too. Every other known line type only keeps Claude Code's
//! books (titles, queue, request shapes, costs, file snapshots, attachments that repeat the
//! environment and system prompt) and is bookkeeping; an unknown type is shown `Raw`.

use serde_json::Value;

use super::common::{Object, str_field};
use super::harness::{is_claude_code_context, mark_context};
use super::message::message_blocks;
use crate::content::{Block, Role};

const BOOKKEEPING_TYPES: &[&str] = &[
    "summary",
    "custom-title",
    "ai-title",
    "tag",
    "file-history-snapshot",
    "queue-operation",
    "attachment",
    "progress",
    "api-request",
    "api-request-shape",
    "api-request-blob",
    "atis-latch",
    "last-prompt",
    "tools-used",
    "cost-state",
    "mode",
    "agent-name",
    "pr-link",
];

/// Whether `line` is a Claude Code line with no conversational meaning.
pub(super) fn is_bookkeeping(line: &Object) -> bool {
    match str_field(line, "type") {
        Some("system") => is_line(line) && system_text(line).is_none(),
        Some(kind) => BOOKKEEPING_TYPES.contains(&kind),
        None => false,
    }
}

/// Blocks of a conversation or `system` line, or None when `line` is not one.
pub(super) fn line_blocks(line: &Object) -> Option<Vec<Block>> {
    match str_field(line, "type")? {
        "user" | "assistant" => {
            let message = line.get("message")?.as_object()?;
            let mut blocks = message_blocks(message)?;
            let whole_line_is_context = flag(line, "isMeta") || flag(line, "isCompactSummary");
            mark_context(&mut blocks, |text| whole_line_is_context || is_claude_code_context(text));
            Some(blocks)
        }
        "system" if is_line(line) => {
            let text = system_text(line)?;
            Some(vec![Block::Text { role: Role::Context, text: text.to_owned() }])
        }
        _ => None,
    }
}

/// `system` is a common word: only lines that look like Claude Code's own are taken as such.
fn is_line(line: &Object) -> bool {
    ["uuid", "sessionId", "subtype"].iter().any(|key| line.contains_key(*key))
}

fn system_text(line: &Object) -> Option<&str> {
    str_field(line, "content").filter(|text| !text.trim().is_empty())
}

fn flag(line: &Object, key: &str) -> bool {
    line.get(key).and_then(Value::as_bool).unwrap_or(false)
}
