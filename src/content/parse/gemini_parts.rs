//! Gemini API `Part`s, as Gemini CLI and Qwen Code record them: untyped objects told apart by
//! their one key: `text` (reasoning when `thought: true`), `functionCall {id, name, args}`,
//! `functionResponse {id, name, response: {output} | {error}}`, `inlineData`, `fileData`,
//! `executableCode`, `codeExecutionResult`. A `thoughtSignature` may ride along with any of
//! them; a part that carries nothing else says nothing.

use serde_json::Value;

use super::common::{Object, display_arguments, output_text, pretty, raw, str_field, string_field};
use crate::content::{Block, Role};

/// Gemini CLI wraps tool output it sends back to the model in this marker; it is the CLI's,
/// not the tool's.
const UNTRUSTED_OPEN: &str = "<untrusted_context>\n";
const UNTRUSTED_CLOSE: &str = "\n</untrusted_context>";

/// Blocks of a list of parts spoken by `role`; a part that is not a Gemini part is `Raw`.
pub(super) fn parts_blocks(parts: &[Value], role: Role) -> Vec<Block> {
    parts
        .iter()
        .flat_map(|part| match part {
            Value::Object(obj) => part_blocks(obj, role).unwrap_or_else(|| vec![raw(part)]),
            Value::String(text) if !text.is_empty() => vec![Block::Text { role, text: text.clone() }],
            Value::String(_) => Vec::new(),
            other => vec![raw(other)],
        })
        .collect()
}

/// Whether `value` is a list of Gemini parts (objects with none of the `type` / `role` keys
/// other families' parts carry).
pub(super) fn is_part_list(value: &Value) -> bool {
    value.as_array().is_some_and(|parts| {
        parts
            .iter()
            .all(|part| part.as_object().is_some_and(|obj| !obj.contains_key("type") && !obj.contains_key("role")))
    })
}

/// Blocks of one part (empty for a bare signature or empty text), or None when it is no
/// Gemini part.
fn part_blocks(part: &Object, role: Role) -> Option<Vec<Block>> {
    if let Some(text) = str_field(part, "text") {
        if text.is_empty() {
            return Some(Vec::new());
        }
        let thought = part.get("thought").and_then(Value::as_bool).unwrap_or(false);
        let block = if thought {
            Block::Reasoning { text: text.to_owned() }
        } else {
            Block::Text { role, text: text.to_owned() }
        };
        return Some(vec![block]);
    }
    if let Some(call) = part.get("functionCall").and_then(Value::as_object) {
        return Some(vec![function_call(call)?]);
    }
    if let Some(response) = part.get("functionResponse").and_then(Value::as_object) {
        return Some(vec![function_response(response)]);
    }
    if let Some(data) = part.get("inlineData").and_then(Value::as_object) {
        let label = media_label(str_field(data, "mimeType"));
        return Some(vec![Block::Text { role, text: format!("[{label}: inline data]") }]);
    }
    if let Some(data) = part.get("fileData").and_then(Value::as_object) {
        let label = media_label(str_field(data, "mimeType"));
        let location = str_field(data, "fileUri").unwrap_or("file");
        return Some(vec![Block::Text { role, text: format!("[{label}: {location}]") }]);
    }
    if let Some(code) = part.get("executableCode").and_then(Value::as_object) {
        let arguments = str_field(code, "code").unwrap_or_default().to_owned();
        return Some(vec![Block::ToolCall { id: None, name: "code_execution".to_owned(), arguments }]);
    }
    if let Some(result) = part.get("codeExecutionResult").and_then(Value::as_object) {
        let outcome = str_field(result, "outcome").unwrap_or("OUTCOME_OK");
        let output = str_field(result, "output").unwrap_or_default().to_owned();
        return Some(vec![Block::ToolResult { call_id: None, name: None, output, is_error: outcome != "OUTCOME_OK" }]);
    }
    let only_signature = part.keys().all(|key| key == "thoughtSignature" || key == "thought");
    only_signature.then(Vec::new)
}

/// `{id?, name, args}`.
pub(super) fn function_call(call: &Object) -> Option<Block> {
    Some(Block::ToolCall {
        id: string_field(call, "id"),
        name: string_field(call, "name")?,
        arguments: call.get("args").map(display_arguments).unwrap_or_default(),
    })
}

/// `{id?, name, response}`; the response's `error`, when set, makes it a failure.
pub(super) fn function_response(response: &Object) -> Block {
    let body = response.get("response").unwrap_or(&Value::Null);
    let error = body.get("error").filter(|error| !error.is_null());
    let output = match (body.get("output"), error) {
        (Some(output), None) => unwrap_untrusted(output_text(output)),
        (None, Some(error)) => output_text(error),
        (Some(output), Some(error)) => format!("{}\n{}", unwrap_untrusted(output_text(output)), output_text(error)),
        (None, None) if body.is_null() => String::new(),
        (None, None) => pretty(body),
    };
    Block::ToolResult {
        call_id: string_field(response, "id"),
        name: string_field(response, "name"),
        output,
        is_error: error.is_some(),
    }
}

fn unwrap_untrusted(output: String) -> String {
    match output.strip_prefix(UNTRUSTED_OPEN).and_then(|inner| inner.strip_suffix(UNTRUSTED_CLOSE)) {
        Some(inner) => inner.to_owned(),
        None => output,
    }
}

fn media_label(mime_type: Option<&str>) -> &'static str {
    match mime_type.and_then(|mime| mime.split('/').next()) {
        Some("image") => "image",
        Some("audio") => "audio",
        Some("video") => "video",
        _ => "file",
    }
}
