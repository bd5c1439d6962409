//! When a tool result counts as an error.
//!
//! Only what the origin itself said is trusted; output that merely *mentions* an error is not
//! one. The rules, by family:
//! - Anthropic `tool_result` (and Claude Code): `is_error: true`. Server tool results
//!   (`web_search_tool_result`, `code_execution_tool_result`, ...): also when their `content`
//!   is an object whose `type` ends in `_error`.
//! - tower-llm `ToolOutput`, Responses `mcp_call` / `mcp_list_tools`: `error` is not null.
//! - Responses built-in tool items (`web_search_call`, `code_interpreter_call`, ...):
//!   `status: "failed"`.
//! - `function_call_output` and the other `*_output` items (Agents SDK, Codex), and chat `tool`
//!   messages:
//!   * the output starts with the Agents SDK's default failure text
//!     ("An error occurred while running the tool...", `default_tool_error_function`);
//!   * Codex 0.4x: the output is the JSON string `{"output", "metadata": {"exit_code"}}` with a
//!     non-zero `exit_code` (the inner `output` is what is shown);
//!   * Codex 0.169 and later 0.x: a header line before `Output:` reads
//!     `Process exited with code N` or `Exit code: N` with N != 0 (only the first few lines are
//!     read, so a log that prints such a line later is not an error);
//!   * Director: the tool message is the `str()` of its `AgentResponse`, starting
//!     `status='error'`;
//!   * any message or item that carries `is_error: true`.

use serde_json::Value;

use super::common::{Object, output_text, str_field};

const AGENTS_SDK_TOOL_ERROR: &str = "An error occurred while running the tool";
const DIRECTOR_ERROR: &str = "status='error'";
const EXIT_CODE_PREFIXES: [&str; 2] = ["Process exited with code ", "Exit code: "];
/// Codex puts its header (chunk id, wall time, exit code, token count) in the first lines.
const HEADER_LINES: usize = 8;

/// Text and error flag of a `*_output` item or a chat tool message's content.
pub(super) fn tool_output(output: Option<&Value>) -> (String, bool) {
    let output = output.unwrap_or(&Value::Null);
    if let Some((inner, exit_code)) = codex_json_output(output) {
        return (inner, exit_code != 0);
    }
    let text = output_text(output);
    let is_error = text.starts_with(AGENTS_SDK_TOOL_ERROR)
        || text.starts_with(DIRECTOR_ERROR)
        || header_exit_code(&text).is_some_and(|code| code != 0);
    (text, is_error)
}

/// Whether the item itself says it failed.
pub(super) fn flagged(obj: &Object) -> bool {
    obj.get("is_error").and_then(Value::as_bool).unwrap_or(false) || str_field(obj, "status") == Some("failed")
}

/// Codex 0.4x wraps shell output as a JSON string: `{"output": "...", "metadata": {...}}`.
fn codex_json_output(output: &Value) -> Option<(String, i64)> {
    let text = output.as_str()?;
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let parsed: Value = crate::json::parse_value(text).ok()?;
    let inner = parsed.get("output")?.as_str()?;
    let exit_code = parsed.get("metadata")?.get("exit_code")?.as_i64()?;
    Some((inner.to_owned(), exit_code))
}

/// Where a tool's output itself starts, past the header a harness puts before it (Codex:
/// `Chunk ID: …`, `Wall time: …`, `Process exited with code N`, `Original token count: …`,
/// then `Output:`); 0 when there is none. A folded result previews from here, so its first
/// lines are what the tool printed, not the harness's bookkeeping.
pub fn output_body_start(text: &str) -> usize {
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').take(HEADER_LINES).enumerate() {
        offset += line.len();
        let line = line.trim_end();
        if line == "Output:" {
            return if index > 0 { offset } else { 0 };
        }
        if !is_header_line(line) {
            return 0;
        }
    }
    0
}

/// `Key: value`, the key a few capitalised words, or the exit code line.
fn is_header_line(line: &str) -> bool {
    if EXIT_CODE_PREFIXES.iter().any(|prefix| line.starts_with(prefix)) {
        return true;
    }
    line.split_once(": ").is_some_and(|(key, _)| {
        key.len() <= HEADER_KEY_MAX
            && key.starts_with(|ch: char| ch.is_ascii_uppercase())
            && key.chars().all(|ch| ch.is_ascii_alphabetic() || ch == ' ')
    })
}

const HEADER_KEY_MAX: usize = 30;

fn header_exit_code(text: &str) -> Option<i64> {
    text.lines().take(HEADER_LINES).take_while(|line| line.trim_end() != "Output:").find_map(|line| {
        EXIT_CODE_PREFIXES.iter().find_map(|prefix| line.strip_prefix(prefix)).and_then(|code| code.trim().parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_output_starts_after_a_codex_header() {
        let text = "Chunk ID: 62bb02\nWall time: 0.0000 seconds\nProcess exited with code 1\nOriginal token count: 13\nOutput:\ncat: missing-file.txt: No such file\n";
        assert_eq!(&text[output_body_start(text)..], "cat: missing-file.txt: No such file\n");
        assert_eq!(output_body_start("Output:\nplain"), 0, "no header before it");
        assert_eq!(output_body_start("total 8\nOutput:\nx"), 0, "not a header line");
        assert_eq!(output_body_start("Chunk ID: 1\nno output marker"), 0);
    }

    #[test]
    fn exit_code_only_counts_in_the_header() {
        let late = "Output:\nProcess exited with code 1\n";
        assert!(!tool_output(Some(&json!(late))).1);
        let header = "Chunk ID: 1\nProcess exited with code 2\nOutput:\nboom\n";
        assert!(tool_output(Some(&json!(header))).1);
        assert!(!tool_output(Some(&json!("Exit code: 0\nOutput:\nok"))).1);
    }

    #[test]
    fn codex_json_output_shows_inner_text() {
        let wrapped = r#"{"output":"cat: x: No such file\n","metadata":{"exit_code":1,"duration_seconds":0.1}}"#;
        assert_eq!(tool_output(Some(&json!(wrapped))), ("cat: x: No such file\n".into(), true));
    }
}
