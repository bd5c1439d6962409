//! Qwen Code chat records (`~/.qwen/projects/<project>/chats/<session>.jsonl`), stored as
//! written: Claude Code's envelope (`uuid`, `parentUuid`, `sessionId`, `type`, `cwd`, ...)
//! around Gemini API content, `message: {role, parts}`:
//! - `user`: the person's prompt; with a `subtype` (`notification`, `cron`) the CLI's own;
//! - `assistant`: the model's parts: text, `thought` text, `functionCall`s;
//! - `tool_result`: one `functionResponse` part and `toolCallResult: {callId, status, ...}`;
//! - `system`: the CLI's books (telemetry, attribution snapshots, compression checkpoints,
//!   titles), never conversation.
//!
//! A tool result fails when its `status` is `error` (a refused edit, a missing file) or its
//! response has an `error`. A shell command that exits non-zero is `success` for Qwen Code;
//! its output ends with an `Exit Code: N` line, and a non-zero N counts as a failure here, as
//! Codex's exit codes do.

use serde_json::Value;

use super::common::{Object, str_field};
use super::gemini_parts::parts_blocks;
use super::harness::mark_context;
use crate::content::{Block, Role};

const LINE_TYPES: &[&str] = &["user", "assistant", "tool_result", "system"];
const SHELL_TOOLS: &[&str] = &["run_shell_command"];
const EXIT_CODE_PREFIX: &str = "Exit Code: ";

/// Whether `obj` is a Qwen Code record (and not a Claude Code line, whose messages hold
/// `content`, not `parts`).
pub(super) fn is_line(obj: &Object) -> bool {
    let enveloped = obj.contains_key("uuid") && obj.contains_key("sessionId");
    let kind = str_field(obj, "type").filter(|kind| LINE_TYPES.contains(kind));
    let gemini_message = obj.get("message").and_then(|m| m.get("parts")).is_some_and(Value::is_array);
    let own = gemini_message || kind == Some("tool_result") || obj.contains_key("systemPayload");
    enveloped && kind.is_some() && own
}

pub(super) fn is_bookkeeping(obj: &Object) -> bool {
    is_line(obj) && (str_field(obj, "type") == Some("system") || line_blocks(obj).is_empty())
}

/// Blocks of a record `is_line` accepted (none for a `system` one).
pub(super) fn line_blocks(obj: &Object) -> Vec<Block> {
    let parts = obj.get("message").and_then(|m| m.get("parts")).and_then(Value::as_array);
    let parts = parts.map(Vec::as_slice).unwrap_or_default();
    match str_field(obj, "type").unwrap_or_default() {
        "user" => {
            let mut blocks = parts_blocks(parts, Role::User);
            if obj.contains_key("subtype") {
                mark_context(&mut blocks, |_| true);
            }
            blocks
        }
        "assistant" => parts_blocks(parts, Role::Assistant),
        "tool_result" => {
            let mut blocks = parts_blocks(parts, Role::Tool);
            let status = obj.get("toolCallResult").and_then(|r| r.get("status")).and_then(Value::as_str);
            for block in &mut blocks {
                if let Block::ToolResult { name, output, is_error, .. } = block {
                    *is_error |= status == Some("error") || shell_failed(name.as_deref(), output);
                }
            }
            blocks
        }
        _ => Vec::new(),
    }
}

/// The shell tool's output ends with `Exit Code: N` (after the command's own output, hence the
/// last such line); `(none)` when a signal ended it.
fn shell_failed(tool: Option<&str>, output: &str) -> bool {
    if !tool.is_some_and(|tool| SHELL_TOOLS.contains(&tool)) {
        return false;
    }
    let code = output.lines().rev().find_map(|line| line.strip_prefix(EXIT_CODE_PREFIX));
    code.and_then(|code| code.trim().parse::<i64>().ok()).is_some_and(|code| code != 0)
}
