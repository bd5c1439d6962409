//! `content::parse` on OpenAI chat messages, Agents SDK (Responses) items, tower-llm run items
//! and Director's and dasshh's chat messages. Examples come from the real fixtures (copied into
//! tests/fixtures/content/) where the tools wrote that shape.

use std::path::Path;

use recall::content::{Block, Role, parse};
use serde_json::{Value, json};

/// The first line of a fixture file that contains `needle`, as JSON.
fn line_with(file: &str, needle: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path:?}: {err}"));
    let line = text.lines().find(|line| line.contains(needle));
    let line = line.unwrap_or_else(|| panic!("no line with {needle:?} in {file}"));
    serde_json::from_str(line).unwrap_or_else(|err| panic!("{file}: {err}"))
}

fn text(role: Role, text: &str) -> Block {
    Block::Text { role, text: text.to_owned() }
}

fn result(call_id: &str, name: Option<&str>, output: &str, is_error: bool) -> Block {
    Block::ToolResult {
        call_id: Some(call_id.to_owned()),
        name: name.map(str::to_owned),
        output: output.to_owned(),
        is_error,
    }
}

fn call(id: Option<&str>, name: &str, arguments: &str) -> Block {
    Block::ToolCall { id: id.map(str::to_owned), name: name.to_owned(), arguments: arguments.to_owned() }
}

#[test]
fn agents_sdk_user_item_has_no_type_and_a_plain_string() {
    let item = line_with("openai_agents.jsonl", r#"{"content": "What's the weather in Paris?""#);
    assert_eq!(parse(&item), vec![text(Role::User, "What's the weather in Paris?")]);
}

#[test]
fn agents_sdk_user_item_with_input_text_parts() {
    let item = line_with("openai_agents.jsonl", "Translate it to French");
    assert_eq!(parse(&item), vec![text(Role::User, "Translate it to French, please.")]);
}

#[test]
fn agents_sdk_assistant_output_message_and_short_form() {
    let output = line_with("openai_agents.jsonl", "msg_000000000000000000000004");
    let expected = "It's 18°C with light rain in Paris right now — bring an umbrella ☔.";
    assert_eq!(parse(&output), vec![text(Role::Assistant, expected)]);
    let short = line_with("openai_agents.jsonl", r"Rust compile \u00e0");
    let expected = "Rust compile à l'aube\nle vérificateur garde\npas de course aux données";
    assert_eq!(parse(&short), vec![text(Role::Assistant, expected)]);
}

#[test]
fn system_and_developer_messages_are_system() {
    let system = line_with("openai_agents.jsonl", r#""role": "system""#);
    let developer = line_with("openai_agents.jsonl", r#""role": "developer""#);
    assert_eq!(parse(&system), vec![text(Role::System, "Note: conversation imported from another client.")]);
    assert_eq!(parse(&developer), vec![text(Role::System, "Keep answers short.")]);
}

#[test]
fn agents_sdk_function_call_has_pretty_arguments_and_its_call_id() {
    let item = line_with("openai_agents.jsonl", r#""name": "get_weather""#);
    let expected = call(Some("call_000000000000000000000002"), "get_weather", "{\n  \"city\": \"Paris\"\n}");
    assert_eq!(parse(&item), vec![expected]);
}

#[test]
fn agents_sdk_function_call_output_and_default_error_text() {
    let ok = line_with("openai_agents.jsonl", "light rain\\\"}");
    let expected = r#"{"city": "Paris", "forecast": "18C, light rain"}"#;
    assert_eq!(parse(&ok), vec![result("call_000000000000000000000002", None, expected, false)]);
    let failed = line_with("openai_agents.jsonl", "An error occurred while running the tool");
    let expected = "An error occurred while running the tool. Please try again.";
    assert_eq!(parse(&failed), vec![result("call_00000000000000000000000f", None, expected, true)]);
}

#[test]
fn agents_sdk_handoff_is_a_function_call_like_any_other() {
    let item = line_with("openai_agents.jsonl", "transfer_to_billing_agent");
    assert_eq!(parse(&item), vec![call(Some("call_000000000000000000000014"), "transfer_to_billing_agent", "{}")]);
}

#[test]
fn agents_sdk_reasoning_summary() {
    let item = line_with("openai_agents.jsonl", "rs_000000000000000000000003");
    assert_eq!(parse(&item), vec![Block::Reasoning { text: "User wants Paris weather; call get_weather.".into() }]);
}

#[test]
fn reasoning_keeps_summary_and_full_text_and_names_encrypted_reasoning() {
    let full = json!({"type": "reasoning", "id": "rs_1",
        "summary": [{"type": "summary_text", "text": "Plan"}],
        "content": [{"type": "reasoning_text", "text": "Step one"}]});
    assert_eq!(parse(&full), vec![Block::Reasoning { text: "Plan\n\nStep one".into() }]);
    let sealed = json!({"type": "reasoning", "summary": [], "content": null, "encrypted_content": "gAAAA"});
    assert_eq!(parse(&sealed), vec![Block::Reasoning { text: "[encrypted reasoning]".into() }]);
}

#[test]
fn arguments_that_are_not_json_are_shown_as_given() {
    let item = json!({"type": "function_call", "call_id": "c", "name": "f", "arguments": "{\"city\": \"Par"});
    assert_eq!(parse(&item), vec![call(Some("c"), "f", "{\"city\": \"Par")]);
}

#[test]
fn function_call_output_given_as_content_parts() {
    let item = json!({"type": "function_call_output", "call_id": "c", "output": [
        {"type": "input_text", "text": "see chart"},
        {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}]});
    assert_eq!(parse(&item), vec![result("c", None, "see chart\n[image: inline data]", false)]);
}

#[test]
fn chat_assistant_with_parallel_tool_calls_and_no_content_key() {
    let message = line_with("dasshh.jsonl", "call_get_weather_0");
    let blocks = parse(&message);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0], call(Some("call_get_weather_0"), "get_weather", "{\n  \"city\": \"Paris\"\n}"));
    assert!(matches!(&blocks[1], Block::ToolCall { arguments, .. } if arguments == "{}"));
}

#[test]
fn empty_content_beside_tool_calls_adds_no_empty_text() {
    let message = json!({"role": "assistant", "content": "", "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "ls", "arguments": ""}}]});
    assert_eq!(parse(&message), vec![call(Some("call_1"), "ls", "")]);
    let nothing = json!({"role": "assistant", "content": []});
    assert_eq!(parse(&nothing), vec![text(Role::Assistant, "")]);
}

#[test]
fn chat_tool_message_is_a_result_with_its_name() {
    let message = line_with("dasshh.jsonl", r#""tool_call_id": "call_read_file_0""#);
    let output = "\"- buy milk\\n- fix the sqlite reader\\n\"";
    assert_eq!(parse(&message), vec![result("call_read_file_0", Some("read_file"), output, false)]);
}

#[test]
fn chat_content_parts_become_text_and_short_placeholders() {
    let message = json!({"role": "user", "content": [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "low"}},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="}},
        {"type": "input_audio", "input_audio": {"data": "UklGRiQAAABXQVZF", "format": "wav"}},
        {"type": "file", "file": {"file_data": "JVBERi0xLjQ=", "filename": "report.pdf"}},
        {"type": "video_frame", "frame": 3}]});
    let blocks = parse(&message);
    assert_eq!(
        blocks[..5],
        [
            text(Role::User, "What is this?"),
            text(Role::User, "[image: https://example.com/cat.png]"),
            text(Role::User, "[image: inline data]"),
            text(Role::User, "[audio: wav]"),
            text(Role::User, "[file: report.pdf]"),
        ]
    );
    assert!(matches!(&blocks[5], Block::Raw { json } if json.contains("video_frame")));
    let shown = format!("{blocks:?}");
    assert!(!shown.contains("iVBORw0KGgo") && !shown.contains("UklGR") && !shown.contains("JVBER"));
}

#[test]
fn chat_refusal_null_content_and_legacy_function_calls() {
    let refused = json!({"role": "assistant", "content": null, "refusal": "I can't help with that."});
    assert_eq!(parse(&refused), vec![text(Role::Assistant, "[refusal] I can't help with that.")]);
    let legacy = json!({"role": "assistant", "content": null,
        "function_call": {"name": "get_time", "arguments": "{\"tz\":\"UTC\"}"}});
    assert_eq!(parse(&legacy), vec![call(None, "get_time", "{\n  \"tz\": \"UTC\"\n}")]);
    let answer = json!({"role": "function", "name": "get_time", "content": "12:00"});
    let expected =
        Block::ToolResult { call_id: None, name: Some("get_time".into()), output: "12:00".into(), is_error: false };
    assert_eq!(parse(&answer), vec![expected]);
}

#[test]
fn director_tool_calls_and_its_error_status() {
    let asked = line_with("director_context.jsonl", "call_cnBoeJEJ9oR1MfbNdX5TlR2T");
    let blocks = parse(&asked);
    assert!(
        matches!(&blocks[..], [Block::ToolCall { name, arguments, .. }] if name == "search" && arguments.contains("\"query\": \"blockchain\""))
    );
    let failed = line_with("director_context.jsonl", "status='error'");
    assert!(
        matches!(&parse(&failed)[..], [Block::ToolResult { is_error: true, call_id: Some(id), .. }] if id == "call_cnBoeJEJ9oR1MfbNdX5TlR2T")
    );
}

#[test]
fn tower_llm_items() {
    let asked = line_with("tower_llm.jsonl", "cr_call_0003");
    assert_eq!(parse(&asked), vec![call(Some("cr_call_0003"), "read_file", "{\n  \"path\": \"src/duration.rs\"\n}")]);
    let failed = line_with("tower_llm.jsonl", "GitHub API error 422");
    let error = "GitHub API error 422: Validation Failed — a pull request already exists for acme:fix/parse-duration";
    assert_eq!(parse(&failed), vec![result("cr_call_0009", None, error, true)]);
    let empty = line_with("tower_llm.jsonl", r#""content":"""#);
    assert_eq!(parse(&empty), vec![text(Role::Assistant, "")]);
}

#[test]
fn tower_llm_handoff_keeps_its_reason_as_context() {
    let with_reason = line_with("tower_llm.jsonl", "sup_handoff_0003");
    assert_eq!(
        parse(&with_reason),
        vec![
            Block::Handoff { from: Some("triage".into()), to: Some("billing_specialist".into()) },
            text(Role::Context, "User reports incorrect invoices; VM restarts to be handled afterwards."),
        ]
    );
    let without = line_with("tower_llm.jsonl", "uni_handoff_0007");
    assert_eq!(
        parse(&without),
        vec![Block::Handoff { from: Some("weather_bot".into()), to: Some("travel_planner".into()) }]
    );
}

#[test]
fn text_an_importer_marks_as_context_is_context_and_tool_calls_stay() {
    use recall::content::{Block, Role, parse};
    let message = serde_json::json!({
        "role": "assistant", "content": "The summary has been shown to the user.", "recall_role": "context",
        "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "index", "arguments": "{}"}}]
    });
    let blocks = parse(&message);
    assert!(matches!(&blocks[0], Block::Text { role: Role::Context, .. }), "{blocks:?}");
    assert!(matches!(&blocks[1], Block::ToolCall { name, .. } if name == "index"), "{blocks:?}");
}
