//! `content::parse` on Responses built-in tool items and Anthropic content blocks. The
//! fixtures' tools never produced these, so the examples follow the APIs' documented shapes.

use recall::content::{Block, Role, parse};
use serde_json::json;

fn call(id: &str, name: &str, arguments: &str) -> Block {
    Block::ToolCall { id: Some(id.into()), name: name.into(), arguments: arguments.into() }
}

fn result(call_id: &str, output: &str, is_error: bool) -> Block {
    Block::ToolResult { call_id: Some(call_id.into()), name: None, output: output.into(), is_error }
}

#[test]
fn web_and_file_search_calls() {
    let search = json!({"type": "web_search_call", "id": "ws_1", "status": "completed",
        "action": {"type": "search", "query": "rust 2024 edition"}});
    let arguments = "{\n  \"type\": \"search\",\n  \"query\": \"rust 2024 edition\"\n}";
    assert_eq!(parse(&search), vec![call("ws_1", "web_search", arguments)]);
    let failed = json!({"type": "web_search_call", "id": "ws_2", "status": "failed"});
    assert_eq!(parse(&failed), vec![call("ws_2", "web_search", ""), result("ws_2", "failed", true)]);
    let files = json!({"type": "file_search_call", "id": "fs_1", "status": "completed", "queries": ["refund policy"],
        "results": [{"file_id": "file-1", "filename": "policy.md", "score": 0.9, "text": "30 days"}]});
    let blocks = parse(&files);
    assert_eq!(blocks[0], call("fs_1", "file_search", "{\n  \"queries\": [\n    \"refund policy\"\n  ]\n}"));
    assert!(
        matches!(&blocks[1], Block::ToolResult { call_id: Some(id), output, is_error: false, .. } if id == "fs_1" && output.contains("policy.md"))
    );
}

#[test]
fn computer_calls_and_screenshots_by_call_id() {
    let click = json!({"type": "computer_call", "id": "cu_1", "call_id": "call_c1", "status": "completed",
        "action": {"type": "click", "button": "left", "x": 10, "y": 20}, "pending_safety_checks": []});
    assert!(
        matches!(&parse(&click)[..], [Block::ToolCall { id: Some(id), name, .. }] if id == "call_c1" && name == "computer")
    );
    let shot = json!({"type": "computer_call_output", "call_id": "call_c1",
        "output": {"type": "computer_screenshot", "image_url": "data:image/png;base64,iVBORw0KGgo="}});
    assert_eq!(parse(&shot), vec![result("call_c1", "[screenshot: inline data]", false)]);
}

#[test]
fn mcp_calls_with_output_or_error() {
    let done = json!({"type": "mcp_call", "id": "mcp_1", "server_label": "deepwiki", "name": "ask_question",
        "arguments": "{\"repo\":\"ratatui/ratatui\"}", "output": "It is a TUI library.", "error": null});
    assert_eq!(
        parse(&done),
        vec![
            call("mcp_1", "ask_question", "{\n  \"repo\": \"ratatui/ratatui\"\n}"),
            result("mcp_1", "It is a TUI library.", false),
        ]
    );
    let failed = json!({"type": "mcp_call", "id": "mcp_2", "server_label": "deepwiki", "name": "ask_question",
        "arguments": "{}", "output": null, "error": "server unreachable"});
    assert_eq!(parse(&failed)[1], result("mcp_2", "server unreachable", true));
    let pending = json!({"type": "mcp_call", "id": "mcp_3", "name": "ask_question", "arguments": "{}"});
    assert_eq!(parse(&pending).len(), 1);
    let listed = json!({"type": "mcp_list_tools", "id": "mcpl_1", "server_label": "deepwiki",
        "tools": [{"name": "ask_question", "input_schema": {}}, {"name": "read_wiki", "input_schema": {}}]});
    assert_eq!(parse(&listed)[1], result("mcpl_1", "ask_question\nread_wiki", false));
}

#[test]
fn custom_and_local_shell_calls_pair_with_their_outputs() {
    let patch = json!({"type": "custom_tool_call", "call_id": "call_p", "name": "apply_patch",
        "input": "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch"});
    assert_eq!(
        parse(&patch),
        vec![call("call_p", "apply_patch", "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch")]
    );
    let applied =
        json!({"type": "custom_tool_call_output", "call_id": "call_p", "output": "Success. Updated: A a.txt"});
    assert_eq!(parse(&applied), vec![result("call_p", "Success. Updated: A a.txt", false)]);
    let shell = json!({"type": "local_shell_call", "id": "lsh_1", "call_id": "call_s", "status": "completed",
        "action": {"type": "exec", "command": ["ls", "-la"], "env": {}}});
    assert!(
        matches!(&parse(&shell)[..], [Block::ToolCall { id: Some(id), name, .. }] if id == "call_s" && name == "local_shell")
    );
    let listed =
        json!({"type": "local_shell_call_output", "id": "call_s", "output": "Exit code: 2\nOutput:\nls: nope"});
    assert_eq!(parse(&listed), vec![result("call_s", "Exit code: 2\nOutput:\nls: nope", true)]);
}

#[test]
fn code_interpreter_and_image_generation_never_copy_media() {
    let code = json!({"type": "code_interpreter_call", "id": "ci_1", "status": "completed", "container_id": "cntr",
        "code": "print(2 + 2)", "outputs": [{"type": "logs", "logs": "4"}, {"type": "image", "url": "https://x/y.png"}]});
    assert_eq!(
        parse(&code),
        vec![call("ci_1", "code_interpreter", "print(2 + 2)"), result("ci_1", "4\n[image]", false)]
    );
    let image = json!({"type": "image_generation_call", "id": "ig_1", "status": "completed", "result": "iVBORw0KGgoAAAANSUhEUgAA"});
    let blocks = parse(&image);
    assert_eq!(blocks[1], result("ig_1", "[image: inline data]", false));
    assert!(!format!("{blocks:?}").contains("iVBOR"));
}

#[test]
fn anthropic_message_with_text_and_tool_use() {
    let message = json!({"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
        "content": [{"type": "text", "text": "Checking."},
            {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}]});
    assert_eq!(
        parse(&message),
        vec![
            Block::Text { role: Role::Assistant, text: "Checking.".into() },
            call("toolu_1", "get_weather", "{\n  \"city\": \"Paris\"\n}"),
        ]
    );
}

#[test]
fn anthropic_tool_results_with_block_content_and_errors() {
    let message = json!({"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "toolu_1", "content": [
            {"type": "text", "text": "18C"},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]},
        {"type": "tool_result", "tool_use_id": "toolu_2", "content": "city not found", "is_error": true},
        {"type": "text", "text": "Thanks"}]});
    assert_eq!(
        parse(&message),
        vec![
            result("toolu_1", "18C\n[image: inline data]", false),
            result("toolu_2", "city not found", true),
            Block::Text { role: Role::User, text: "Thanks".into() },
        ]
    );
}

#[test]
fn anthropic_thinking_media_and_bare_blocks() {
    let thinking = json!({"type": "thinking", "thinking": "Paris first.", "signature": "c2ln"});
    assert_eq!(parse(&thinking), vec![Block::Reasoning { text: "Paris first.".into() }]);
    let redacted = json!({"type": "redacted_thinking", "data": "EmwKAhgB"});
    assert_eq!(parse(&redacted), vec![Block::Reasoning { text: "[redacted thinking]".into() }]);
    let message = json!({"role": "user", "content": [
        {"type": "image", "source": {"type": "url", "url": "https://example.com/a.jpg"}},
        {"type": "document", "title": "Q3 report", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="}},
        {"type": "document", "source": {"type": "file", "file_id": "file_011"}}]});
    assert_eq!(
        parse(&message),
        vec![
            Block::Text { role: Role::User, text: "[image: https://example.com/a.jpg]".into() },
            Block::Text { role: Role::User, text: "[document: Q3 report]".into() },
            Block::Text { role: Role::User, text: "[document: file file_011]".into() },
        ]
    );
    let bare = json!({"type": "tool_result", "tool_use_id": "toolu_9", "content": "done"});
    assert_eq!(parse(&bare), vec![result("toolu_9", "done", false)]);
}

#[test]
fn anthropic_server_tools() {
    let asked =
        json!({"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "ratatui"}});
    assert_eq!(parse(&asked), vec![call("srvtoolu_1", "web_search", "{\n  \"query\": \"ratatui\"\n}")]);
    let found = json!({"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": [
        {"type": "web_search_result", "title": "Ratatui", "url": "https://ratatui.rs", "encrypted_content": "EqgfCio", "page_age": null}]});
    assert_eq!(parse(&found), vec![result("srvtoolu_1", "Ratatui — https://ratatui.rs", false)]);
    let failed = json!({"type": "web_search_tool_result", "tool_use_id": "srvtoolu_2",
        "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"}});
    assert!(
        matches!(&parse(&failed)[..], [Block::ToolResult { is_error: true, output, .. }] if output.contains("max_uses_exceeded"))
    );
}
