//! Gemini CLI and Qwen Code records through the content parser: the shapes the fixtures do
//! not show (notices, cancelled calls, typed-vs-sent prompts, media, a record rewritten with
//! both `functionCall` parts and `toolCalls`), and that neither family captures another's lines.

use recall::content::{Block, Role, is_bookkeeping, parse};
use serde_json::json;

fn result(call_id: &str, name: &str, output: &str, is_error: bool) -> Block {
    Block::ToolResult { call_id: Some(call_id.into()), name: Some(name.into()), output: output.into(), is_error }
}

#[test]
fn gemini_cli_notices_are_context_and_an_empty_reply_is_bookkeeping() {
    let info = json!({"id": "i1", "timestamp": "t", "type": "info", "content": "Switched to gemini-3.8-pro."});
    assert_eq!(parse(&info), [Block::Text { role: Role::Context, text: "Switched to gemini-3.8-pro.".into() }]);
    let error = json!({"id": "e1", "timestamp": "t", "type": "error", "content": "Quota exceeded."});
    assert_eq!(parse(&error), [Block::Text { role: Role::Context, text: "[error] Quota exceeded.".into() }]);
    // Written before its tools ran, then rewritten: on its own it says nothing.
    let empty =
        json!({"id": "g1", "timestamp": "t", "type": "gemini", "content": "", "thoughts": [], "tokens": {"input": 1}});
    assert!(parse(&empty).is_empty() && is_bookkeeping(&empty));
    assert!(!is_bookkeeping(&info));
}

#[test]
fn gemini_cli_shows_what_the_person_typed_and_marks_hook_output() {
    let expanded = json!({"id": "u1", "timestamp": "t", "type": "user",
        "content": [{"text": "Explain @src/a.rs\n--- src/a.rs ---\nfn main() {}"}],
        "displayContent": [{"text": "Explain @src/a.rs"}]});
    assert_eq!(parse(&expanded), [Block::Text { role: Role::User, text: "Explain @src/a.rs".into() }]);
    let hook = json!({"id": "u2", "timestamp": "t", "type": "user", "content": [{"text": "<hook_context>lint ok</hook_context>"}]});
    assert!(matches!(&parse(&hook)[..], [Block::Text { role: Role::Context, .. }]));
    let image = json!({"id": "u3", "timestamp": "t", "type": "user", "content": [
        {"text": "What is this?"}, {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}]});
    let blocks = parse(&image);
    assert_eq!(blocks[1], Block::Text { role: Role::User, text: "[image: inline data]".into() });
    assert!(!format!("{blocks:?}").contains("iVBOR"), "media bytes are never copied");
}

#[test]
fn gemini_cli_tool_calls_pair_with_their_results_and_say_how_they_ended() {
    let reply = json!({"id": "g1", "timestamp": "t", "type": "gemini", "content": [
            {"text": "Listing", "thought": true},
            {"functionCall": {"id": "c1", "name": "run_shell_command", "args": {"command": "ls"}}}],
        "thoughts": [{"subject": "Old", "description": "duplicate of the part"}],
        "toolCalls": [
            {"id": "c1", "name": "run_shell_command", "args": {"command": "ls"}, "status": "success",
             "result": [{"functionResponse": {"id": "c1", "name": "run_shell_command",
                "response": {"output": "<untrusted_context>\nOutput: a b\nExit Code: 1\n</untrusted_context>"}}}]},
            {"id": "c2", "name": "write_file", "args": {"file_path": "x"}, "status": "cancelled", "result": null,
             "resultDisplay": "Cancelled by the user."},
            {"id": "c3", "name": "read_file", "args": {}, "status": "error", "result": "File not found."}]});
    let blocks = parse(&reply);
    let call = |id: &str, name: &str, arguments: &str| Block::ToolCall {
        id: Some(id.into()),
        name: name.into(),
        arguments: arguments.into(),
    };
    assert_eq!(
        blocks,
        [
            Block::Reasoning { text: "Listing".into() },
            call("c1", "run_shell_command", "{\n  \"command\": \"ls\"\n}"),
            result("c1", "run_shell_command", "Output: a b\nExit Code: 1", false),
            call("c2", "write_file", "{\n  \"file_path\": \"x\"\n}"),
            result("c2", "write_file", "Cancelled by the user.", false),
            call("c3", "read_file", "{}"),
            result("c3", "read_file", "File not found.", true),
        ]
    );
}

#[test]
fn qwen_code_lines_parse_by_kind_and_telemetry_is_bookkeeping() {
    let envelope = |kind: &str| json!({"uuid": "u", "parentUuid": null, "sessionId": "s", "timestamp": "t", "type": kind, "cwd": "/p", "version": "0.15.10"});
    let mut prompt = envelope("user");
    prompt["message"] = json!({"role": "user", "parts": [{"text": "Add a NOTES.md"}]});
    assert_eq!(parse(&prompt), [Block::Text { role: Role::User, text: "Add a NOTES.md".into() }]);
    let mut notice = prompt.clone();
    notice["subtype"] = json!("notification");
    assert!(matches!(&parse(&notice)[..], [Block::Text { role: Role::Context, .. }]));

    let mut shell = envelope("tool_result");
    shell["message"] = json!({"role": "user", "parts": [{"functionResponse": {"id": "c1", "name": "run_shell_command",
        "response": {"output": "Command: cat x\nOutput: Exit Code: 0 is what it printed\nError: (none)\nExit Code: 1\nSignal: 0"}}}]});
    shell["toolCallResult"] = json!({"callId": "c1", "status": "success"});
    assert!(
        matches!(&parse(&shell)[..], [Block::ToolResult { is_error: true, .. }]),
        "the last Exit Code line decides"
    );
    let mut refused = envelope("tool_result");
    refused["message"] = json!({"role": "user", "parts": [{"functionResponse": {"id": "c2", "name": "edit",
        "response": {"error": "File has not been read in this session."}}}]});
    refused["toolCallResult"] = json!({"callId": "c2", "status": "error", "errorType": "edit_requires_prior_read"});
    assert_eq!(parse(&refused), [result("c2", "edit", "File has not been read in this session.", true)]);

    let mut telemetry = envelope("system");
    telemetry["subtype"] = json!("ui_telemetry");
    telemetry["systemPayload"] = json!({"uiEvent": {"event.name": "qwen-code.api_response", "response_text": "Oslo."}});
    assert!(is_bookkeeping(&telemetry) && parse(&telemetry).is_empty());
}

#[test]
fn claude_code_lines_are_not_taken_for_either_family() {
    let claude = json!({"type": "user", "uuid": "u", "parentUuid": null, "sessionId": "s", "cwd": "/p", "version": "2.1",
        "message": {"role": "user", "content": "hello"}});
    assert_eq!(parse(&claude), [Block::Text { role: Role::User, text: "hello".into() }]);
    let anthropic =
        json!({"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "hi"}]});
    assert_eq!(parse(&anthropic), [Block::Text { role: Role::Assistant, text: "hi".into() }]);
}
