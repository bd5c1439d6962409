//! `content::parse` on OpenCode messages (as the importer stores them) and Copilot CLI event
//! lines: every kind of part and line, the bookkeeping invariant over the real fixtures, and
//! shapes close to theirs that must not be taken for them.

use std::path::Path;

use recall::content::{Block, Role, describe, is_bookkeeping, parse};
use recall::import::{self, Format, Options};
use serde_json::{Value, json};

fn text(role: Role, text: &str) -> Block {
    Block::Text { role, text: text.into() }
}

fn opencode(message: Value, parts: Value) -> Value {
    json!({"opencode_message": "msg_1", "message": message, "parts": parts})
}

fn imported_events(relative: &str, format: Format) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(relative);
    let mut events = Vec::new();
    import::read(&path, format, &Options::default(), &mut |session| {
        events.extend(session.events.iter().map(|e| serde_json::from_str::<Value>(&e.content).expect("json")));
        Ok(())
    })
    .expect("read");
    events
}

#[test]
fn every_part_kind_of_an_opencode_message() {
    let user = json!({"role": "user", "time": {"created": 1}});
    let parts = json!([
        {"type": "text", "text": "\"Look at this\""},
        {"type": "text", "text": "Called the Read tool with …", "synthetic": true},
        {"type": "file", "mime": "text/plain", "filename": "notes.txt", "url": "file:///w/notes.txt"},
        {"type": "file", "mime": "image/png", "url": "data:image/png;base64,AAAA"},
        {"type": "agent", "name": "reviewer"},
        {"type": "subtask", "agent": "general", "description": "Find the bug", "prompt": "…"},
    ]);
    assert_eq!(
        parse(&opencode(user, parts)),
        vec![
            text(Role::User, "\"Look at this\""),
            text(Role::Context, "Called the Read tool with …"),
            text(Role::User, "[file: notes.txt]"),
            text(Role::User, "[file: inline data]"),
            text(Role::Context, "[agent: reviewer]"),
            text(Role::Context, "[subtask for general] Find the bug"),
        ]
    );
    let assistant =
        json!({"role": "assistant", "modelID": "m", "error": {"name": "APIError", "data": {"message": "overloaded"}}});
    let parts = json!([
        {"type": "step-start"},
        {"type": "reasoning", "text": ""},
        {"type": "retry", "attempt": 2, "error": {"name": "APIError", "data": {"message": "rate limited"}}},
        {"type": "tool", "tool": "bash", "callID": "c1", "state": {"status": "running", "input": {"command": "ls"}}},
        {"type": "compaction", "auto": true},
        {"type": "patch", "hash": "abc", "files": []},
        {"type": "step-finish", "reason": "stop", "cost": 0},
    ]);
    assert_eq!(
        parse(&opencode(assistant, parts)),
        vec![
            Block::Reasoning { text: "[reasoning not recorded]".into() },
            text(Role::Context, "[retry 2] APIError: rate limited"),
            Block::ToolCall {
                id: Some("c1".into()),
                name: "bash".into(),
                arguments: "{\n  \"command\": \"ls\"\n}".into()
            },
            text(Role::Context, "[conversation compacted]"),
            text(Role::Context, "[error] APIError: overloaded"),
        ],
        "a running call has no result yet"
    );
    let summary = json!({"role": "assistant", "summary": true});
    assert_eq!(
        parse(&opencode(summary, json!([{"type": "text", "text": "So far: …"}]))),
        vec![text(Role::Context, "So far: …")]
    );
}

#[test]
fn opencode_steps_alone_are_bookkeeping_and_the_unknown_is_raw() {
    let steps = opencode(json!({"role": "assistant"}), json!([{"type": "step-start"}, {"type": "step-finish"}]));
    assert!(is_bookkeeping(&steps) && parse(&steps).is_empty());
    let unknown = opencode(json!({"role": "assistant"}), json!([{"type": "hologram", "x": 1}]));
    assert!(matches!(&parse(&unknown)[..], [Block::Raw { json }] if json.contains("hologram")));
    let odd_role = opencode(json!({"role": "critic"}), json!([{"type": "text", "text": "meh"}]));
    assert!(matches!(&parse(&odd_role)[..], [Block::Raw { .. }]));
    assert!(!is_bookkeeping(&odd_role));
    // Close to the shape, but not it: not taken for an OpenCode message.
    let near = json!({"opencode_message": 7, "message": {"role": "user"}, "parts": [{"type": "text", "text": "x"}]});
    assert!(matches!(&parse(&near)[..], [Block::Raw { .. }]));
}

#[test]
fn copilot_lines_of_each_kind() {
    let line =
        |kind: &str, data: Value| json!({"type": kind, "data": data, "id": "e", "timestamp": "t", "parentId": null});
    let user =
        line("user.message", json!({"content": "Fix it", "attachments": [{"type": "file", "displayName": "a.rs"}]}));
    assert_eq!(parse(&user), vec![text(Role::User, "Fix it"), text(Role::User, "[file: a.rs]")]);
    let failed =
        line("tool.execution_complete", json!({"toolCallId": "c", "success": false, "error": {"message": "denied"}}));
    let expected = Block::ToolResult { call_id: Some("c".into()), name: None, output: "denied".into(), is_error: true };
    assert_eq!(parse(&failed), vec![expected]);
    let error = line("session.error", json!({"errorType": "rate_limit", "message": "Slow down"}));
    assert_eq!(parse(&error), vec![text(Role::Context, "[error] rate_limit: Slow down")]);
    let empty_reply = line("assistant.message", json!({"content": "", "toolRequests": []}));
    assert!(is_bookkeeping(&empty_reply) && parse(&empty_reply).is_empty());
    let unknown = line("assistant.hologram", json!({}));
    assert!(matches!(&parse(&unknown)[..], [Block::Raw { .. }]));
    // Without the line's id and parentId it is not a Copilot line.
    let near = json!({"type": "user.message", "data": {"content": "x"}});
    assert!(matches!(&parse(&near)[..], [Block::Raw { .. }]));
}

#[test]
fn every_fixture_line_keeps_the_bookkeeping_invariant() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/copilot-cli/1.0.102/dot-copilot/session-state");
    let mut kinds_with_blocks = std::collections::BTreeSet::new();
    for session in std::fs::read_dir(&dir).expect("dir") {
        let file = session.expect("entry").path().join("events.jsonl");
        for line in std::fs::read_to_string(&file).expect("read").lines() {
            let value: Value = serde_json::from_str(line).expect("json");
            let blocks = parse(&value);
            assert_eq!(blocks.is_empty(), is_bookkeeping(&value), "{}", &line[..80.min(line.len())]);
            assert!(!blocks.iter().any(|b| matches!(b, Block::Raw { .. })), "{line}");
            if !blocks.is_empty() {
                kinds_with_blocks.insert(value["type"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert_eq!(
        kinds_with_blocks.into_iter().collect::<Vec<_>>(),
        ["assistant.message", "tool.execution_complete", "user.message"]
    );
    for event in imported_events("opencode/1.18.33/dot-local-share-opencode", Format::Opencode) {
        assert_eq!(parse(&event).is_empty(), is_bookkeeping(&event));
        assert!(!parse(&event).is_empty(), "every stored OpenCode message has something to show");
    }
}

#[test]
fn headers_name_the_model() {
    let events = imported_events("opencode/1.18.33/dot-local-share-opencode", Format::Opencode);
    let reply = events.iter().find(|e| e["message"]["role"] == "assistant").expect("a reply");
    assert_eq!(describe(reply).model.as_deref(), Some("claude-sonnet-4-5"));
    let events = imported_events("copilot-cli/1.0.102/dot-copilot", Format::CopilotCli);
    let reply = events.iter().find(|e| e["type"] == "assistant.message").expect("a reply");
    assert_eq!(describe(reply).model.as_deref(), Some("mock-coder"));
    assert!(describe(reply).timestamp.is_some());
}
