//! Director's own shapes turned into what the content parser reads: output content blocks as
//! text parts, context tool calls (`"tool": {"name", "arguments": {...}}`) as OpenAI tool calls.

use serde_json::{Value, json};

use super::chat;

/// Text of a chat `content`: a string, or the `text` of each part of a list.
pub(crate) fn text_of(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str).or_else(|| p.as_str()))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// The texts an output row shows, to recognise the same words in the reasoning context.
pub(crate) fn shown_texts(blocks: &[Value]) -> Vec<String> {
    blocks.iter().filter_map(|b| b.get("text").and_then(Value::as_str)).map(|t| t.trim().to_string()).collect()
}

/// One `{"type": "text"}` part per output block; media and search results become readable lines.
pub(crate) fn output_parts(blocks: &[Value]) -> Vec<Value> {
    blocks
        .iter()
        .map(render_block)
        .filter(|text| !text.is_empty())
        .map(|text| json!({"type": "text", "text": text}))
        .collect()
}

fn render_block(block: &Value) -> String {
    let field = |key: &str| block.get(key).and_then(Value::as_str).unwrap_or_default();
    let failed = field("status") == "error";
    let body = match field("type") {
        "text" => field("text").to_string(),
        "video" => media_line("video", block.get("video"), &["stream_url", "external_url", "player_url"]),
        "image" => media_line("image", block.get("image"), &["url"]),
        "search_results" => search_results(block.get("search_results")),
        _ => String::new(),
    };
    match (failed, body.trim().is_empty()) {
        (true, true) => format!("Error ({}): {}", field("agent_name"), field("status_message")),
        (true, false) if field("type") != "text" => {
            format!("Error ({}): {}\n{body}", field("agent_name"), field("status_message"))
        }
        (_, true) if !field("status_message").is_empty() && field("type") != "text" => {
            field("status_message").to_string()
        }
        _ => body,
    }
}

fn media_line(kind: &str, media: Option<&Value>, url_keys: &[&str]) -> String {
    let Some(media) = media.filter(|m| m.is_object()) else { return String::new() };
    let text = |key: &str| media.get(key).and_then(Value::as_str).filter(|s| !s.is_empty());
    let Some(url) = url_keys.iter().find_map(|key| text(key)) else { return String::new() };
    match text("name") {
        Some(name) => format!("[{kind}] {name}: {url}"),
        None => format!("[{kind}] {url}"),
    }
}

fn search_results(results: Option<&Value>) -> String {
    let Some(results) = results.and_then(Value::as_array) else { return String::new() };
    let mut lines = vec!["[search results]".to_string()];
    for video in results {
        let title = video.get("video_title").and_then(Value::as_str).unwrap_or("(untitled video)");
        lines.push(format!("- {title}"));
        for shot in video.get("shots").and_then(Value::as_array).into_iter().flatten() {
            let at = |key: &str| shot.get(key).and_then(Value::as_f64).unwrap_or_default();
            let text = shot.get("text").and_then(Value::as_str).unwrap_or_default();
            lines.push(format!("  - {:.0}s–{:.0}s: {text}", at("start"), at("end")));
        }
    }
    lines.join("\n")
}

/// Director's `{"id", "tool": {"name", "arguments": {...}}}` as OpenAI's `function` tool call.
pub(crate) fn tool_calls(calls: &[Value]) -> Vec<Value> {
    calls
        .iter()
        .map(|call| {
            let id = call.get("id").and_then(Value::as_str).unwrap_or_default();
            let tool = call.get("tool").or_else(|| call.get("function")).unwrap_or(&Value::Null);
            let name = tool.get("name").and_then(Value::as_str).unwrap_or_default();
            chat::tool_call(id, name, tool.get("arguments").unwrap_or(&Value::Null))
        })
        .collect()
}

/// Director writes the `str()` of its AgentResponse: `status='error' message=...`.
pub(crate) fn is_error_result(content: &str) -> bool {
    content.trim_start().starts_with("status='error'")
}

/// When a tool result's `data=...` repeats what the reply shows (a summary, a transcript), only
/// its `status=... message=...` head is worth showing; None when the data says something new.
pub(crate) fn head_if_repeated(output: &str, shown: &[String]) -> Option<String> {
    let split = output.find(" data=")?;
    let data = &output[split..];
    let repeats = shown
        .iter()
        .filter_map(|text| text.lines().next())
        .map(str::trim)
        .any(|first| first.chars().count() >= 16 && data.contains(first));
    repeats.then(|| output[..split].to_string())
}
