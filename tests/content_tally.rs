//! Counts over whole fixtures, checked against what the fixtures' READMEs say was written
//! (tests/fixtures/content/ holds every row or line of the real files).

use std::path::Path;

use recall::content::{Block, Role, Tally, is_bookkeeping, parse};
use serde_json::Value;

fn events(relative: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content").join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path:?}: {err}"));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{path:?}: {err}")))
        .collect()
}

/// Every line of every file in a fixture folder, files in name order.
fn folder_events(relative: &str) -> Vec<Vec<Value>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content").join(relative);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{dir:?}: {err}"))
        .map(|entry| entry.map(|entry| entry.path()).unwrap_or_else(|err| panic!("{err}")))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| events(&format!("{relative}/{}", file.file_name().unwrap_or_default().to_string_lossy())))
        .collect()
}

fn tally(events: &[Value]) -> Tally {
    let mut tally = Tally::new();
    events.iter().for_each(|event| tally.add_event(event));
    tally
}

/// (user, assistant, tool calls, tool results, tool errors, reasoning, handoffs, unrecognised)
fn counts(tally: &Tally) -> [u64; 8] {
    [
        tally.user,
        tally.assistant,
        tally.tool_calls,
        tally.tool_results,
        tally.tool_errors,
        tally.reasoning,
        tally.handoffs,
        tally.unrecognised,
    ]
}

fn texts_by(events: &[Value], who: Role) -> usize {
    events
        .iter()
        .filter(|event| parse(event).iter().any(|block| matches!(block, Block::Text { role, .. } if *role == who)))
        .count()
}

#[test]
fn openai_agents_sdk_session_items() {
    let items = events("openai_agents.jsonl");
    assert_eq!(items.len(), 239);
    // README: 50 user / 50 assistant, 47 calls + 47 results (1 error), 43 reasoning.
    assert_eq!(counts(&tally(&items)), [50, 50, 47, 47, 1, 43, 0, 0]);
    // ... and 1 system + 1 developer message.
    assert_eq!(texts_by(&items, Role::System), 2);
}

#[test]
fn tower_llm_run_items() {
    let items = events("tower_llm.jsonl");
    assert_eq!(items.len(), 214);
    // README: 44 user / 46 assistant / 4 system, 58 calls + 58 results (2 errors), 4 handoffs.
    assert_eq!(counts(&tally(&items)), [44, 46, 58, 58, 2, 0, 4, 0]);
    assert_eq!(texts_by(&items, Role::System), 4);
}

#[test]
fn claude_code_transcripts() {
    let sessions = folder_events("claude_code");
    let lines: Vec<Value> = sessions.concat();
    assert_eq!(lines.len(), 108);
    // README: 5 user prompts, 9 assistant messages (7 with text), 5 calls + 5 results
    // (1 error), 1 thinking block. `assistant` counts replies with text.
    assert_eq!(counts(&tally(&lines)), [5, 7, 5, 5, 1, 1, 0, 0]);
    let mut reply_ids: Vec<&str> = lines
        .iter()
        .filter(|line| line["type"] == "assistant")
        .filter_map(|line| line["message"]["id"].as_str())
        .collect();
    reply_ids.dedup();
    assert_eq!(reply_ids.len(), 9, "assistant messages, with or without text");
    let conversation = lines.iter().filter(|line| !is_bookkeeping(line)).count();
    assert_eq!(conversation, 5 + 13 + 5, "prompts + assistant block lines + result lines");
}

#[test]
fn codex_rollouts() {
    let sessions = folder_events("codex");
    let lines: Vec<Value> = sessions.concat();
    assert_eq!(lines.len(), 43 + 24 + 24);
    // README: 5 user prompts, 5 assistant messages, 5 shell calls + 5 outputs (1 exits 1),
    // 3 reasoning items.
    assert_eq!(counts(&tally(&lines)), [5, 5, 5, 5, 1, 3, 0, 0]);
    // The harness's environment message opens each of the 3 sessions, the developer
    // instructions too.
    assert_eq!(texts_by(&lines, Role::Context), 3);
    assert_eq!(texts_by(&lines, Role::System), 3);
}

#[test]
fn dasshh_chat_events() {
    let items = events("dasshh.jsonl");
    assert_eq!(items.len(), 28);
    // README: 8 user / 8 assistant messages, 7 tool calls, 6 tool results.
    assert_eq!(counts(&tally(&items)), [8, 8, 7, 6, 0, 0, 0, 0]);
}

#[test]
fn director_context_messages() {
    let messages = events("director_context.jsonl");
    assert_eq!(messages.len(), 43);
    // README: system 3, user 11, assistant 19 messages (8 only call tools, 1 says something
    // and calls tools), 10 tool calls + 10 results (1 with status='error').
    assert_eq!(counts(&tally(&messages)), [11, 11, 10, 10, 1, 0, 0, 0]);
    assert_eq!(texts_by(&messages, Role::System), 3);
}

#[test]
fn bookkeeping_is_exactly_what_parses_to_nothing() {
    let mut all: Vec<Value> = folder_events("claude_code").concat();
    all.extend(folder_events("codex").concat());
    for name in ["openai_agents.jsonl", "tower_llm.jsonl", "dasshh.jsonl", "director_context.jsonl"] {
        all.extend(events(name));
    }
    for event in &all {
        assert_eq!(parse(event).is_empty(), is_bookkeeping(event), "{event}");
    }
}
