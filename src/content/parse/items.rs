//! OpenAI Responses API items other than messages, as the Agents SDK and Codex store them:
//! function calls and their outputs, reasoning, and the built-in tools. A built-in tool item
//! that carries its own outcome becomes a `ToolCall` followed by a `ToolResult` with the same
//! id, so a view links them like any other pair.

use serde_json::{Value, json};

use super::common::{
    Object, display_arguments, is_set, output_text, pretty, str_field, string_field, typed_part_text, with_error,
};
use super::errors;
use crate::content::Block;

/// Blocks of a Responses item of type `kind`, or None when the type is not one we know.
pub(super) fn item_blocks(item: &Object, kind: &str) -> Option<Vec<Block>> {
    let call_id = || string_field(item, "call_id").or_else(|| string_field(item, "id"));
    let blocks = match kind {
        "function_call" => vec![Block::ToolCall {
            id: call_id(),
            name: string_field(item, "name")?,
            arguments: display_arguments(item.get("arguments").unwrap_or(&Value::Null)),
        }],
        "custom_tool_call" => vec![Block::ToolCall {
            id: call_id(),
            name: string_field(item, "name")?,
            arguments: display_arguments(item.get("input").unwrap_or(&Value::Null)),
        }],
        "function_call_output" | "custom_tool_call_output" | "local_shell_call_output" => {
            let (output, is_error) = errors::tool_output(item.get("output"));
            vec![result(call_id(), output, is_error || errors::flagged(item))]
        }
        "computer_call_output" => {
            let output = item.get("output").map(screenshot_text).unwrap_or_default();
            vec![result(call_id(), output, errors::flagged(item))]
        }
        "reasoning" => vec![Block::Reasoning { text: reasoning_text(item) }],
        "local_shell_call" => vec![call(call_id(), "local_shell", item.get("action"))],
        "computer_call" => vec![call(call_id(), "computer", item.get("action"))],
        "web_search_call" => with_failure(item, call(id(item), "web_search", item.get("action"))),
        "file_search_call" => file_search(item),
        "mcp_call" => mcp_call(item)?,
        "mcp_list_tools" => mcp_list_tools(item),
        "code_interpreter_call" => code_interpreter(item),
        "image_generation_call" => image_generation(item),
        _ => return None,
    };
    Some(blocks)
}

fn id(item: &Object) -> Option<String> {
    string_field(item, "id")
}

fn call(id: Option<String>, name: &str, arguments: Option<&Value>) -> Block {
    let arguments = arguments.map(display_arguments).unwrap_or_default();
    Block::ToolCall { id, name: name.to_owned(), arguments }
}

fn result(call_id: Option<String>, output: String, is_error: bool) -> Block {
    Block::ToolResult { call_id, name: None, output, is_error }
}

/// Reasoning summary parts, then the full reasoning text parts when the origin kept them.
fn reasoning_text(item: &Object) -> String {
    let texts: Vec<String> = ["summary", "content"]
        .iter()
        .filter_map(|key| item.get(*key))
        .flat_map(|parts| match parts {
            Value::Array(parts) => parts.iter().filter_map(readable_part).collect(),
            Value::String(text) => vec![text.clone()],
            _ => Vec::new(),
        })
        .filter(|text| !text.is_empty())
        .collect();
    if texts.is_empty() && is_set(item, "encrypted_content") {
        return "[encrypted reasoning]".to_owned();
    }
    texts.join("\n\n")
}

fn readable_part(part: &Value) -> Option<String> {
    part.as_object().and_then(typed_part_text)
}

/// A built-in tool that reports only a status: a failure gets a result so it is seen.
fn with_failure(item: &Object, tool_call: Block) -> Vec<Block> {
    let mut blocks = vec![tool_call];
    if errors::flagged(item) {
        blocks.push(result(id(item), "failed".to_owned(), true));
    }
    blocks
}

fn file_search(item: &Object) -> Vec<Block> {
    let queries = json!({ "queries": item.get("queries").unwrap_or(&Value::Null) });
    let tool_call = call(id(item), "file_search", Some(&queries));
    match item.get("results").filter(|results| !results.is_null()) {
        Some(results) => vec![tool_call, result(id(item), pretty(results), errors::flagged(item))],
        None => with_failure(item, tool_call),
    }
}

fn mcp_call(item: &Object) -> Option<Vec<Block>> {
    let tool_call = call(id(item), str_field(item, "name")?, item.get("arguments"));
    let mut blocks = vec![tool_call];
    if is_set(item, "output") || is_set(item, "error") {
        blocks.push(outcome(item, output_text(item.get("output").unwrap_or(&Value::Null))));
    }
    Some(blocks)
}

fn mcp_list_tools(item: &Object) -> Vec<Block> {
    let server = json!({ "server_label": item.get("server_label").unwrap_or(&Value::Null) });
    let names: Vec<&str> = match item.get("tools") {
        Some(Value::Array(tools)) => tools.iter().filter_map(|tool| tool["name"].as_str()).collect(),
        _ => Vec::new(),
    };
    vec![call(id(item), "mcp_list_tools", Some(&server)), outcome(item, names.join("\n"))]
}

/// A result whose error, when the item has one, is shown after the output.
fn outcome(item: &Object, output: String) -> Block {
    let (output, is_error) = with_error(item, output);
    result(id(item), output, is_error || errors::flagged(item))
}

fn code_interpreter(item: &Object) -> Vec<Block> {
    let code = item.get("code").cloned().unwrap_or(Value::Null);
    let tool_call = call(id(item), "code_interpreter", Some(&code));
    let Some(Value::Array(outputs)) = item.get("outputs") else {
        return with_failure(item, tool_call);
    };
    let texts: Vec<String> = outputs
        .iter()
        .map(|output| match output["type"].as_str() {
            Some("logs") => output["logs"].as_str().unwrap_or_default().to_owned(),
            Some("image") => "[image]".to_owned(),
            _ => pretty(output),
        })
        .collect();
    vec![tool_call, result(id(item), texts.join("\n"), errors::flagged(item))]
}

fn image_generation(item: &Object) -> Vec<Block> {
    let prompt = item.get("revised_prompt");
    let tool_call = call(id(item), "image_generation", prompt);
    if is_set(item, "result") {
        vec![tool_call, result(id(item), "[image: inline data]".to_owned(), false)]
    } else {
        with_failure(item, tool_call)
    }
}

/// `computer_call_output`'s `output` is a screenshot: name it, never copy it.
fn screenshot_text(output: &Value) -> String {
    let location = output
        .get("image_url")
        .and_then(Value::as_str)
        .filter(|url| !url.starts_with("data:"))
        .or_else(|| output.get("file_id").and_then(Value::as_str))
        .unwrap_or("inline data");
    format!("[screenshot: {location}]")
}
