//! `CallIndex` links results to calls across a session's events; `describe` reads who and when.

use std::path::Path;

use chrono::{TimeZone, Utc};
use recall::content::{Block, CallIndex, EventInfo, describe, parse};
use serde_json::{Value, json};

fn events(file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path:?}: {err}"));
    text.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|err| panic!("{file}: {err}"))).collect()
}

/// Index of a whole fixture, numbering events from 1 like a store's `seq`.
fn index_of(file: &str) -> (CallIndex, Vec<Vec<Block>>) {
    let mut index = CallIndex::new();
    let parsed: Vec<Vec<Block>> = events(file).iter().map(parse).collect();
    for (seq, blocks) in (1..).zip(&parsed) {
        index.record(seq, blocks);
    }
    (index, parsed)
}

#[test]
fn every_agents_sdk_result_finds_its_call() {
    let (index, parsed) = index_of("openai_agents.jsonl");
    let results: Vec<&Block> =
        parsed.iter().flatten().filter(|block| matches!(block, Block::ToolResult { .. })).collect();
    assert_eq!(results.len(), 47);
    for result in results {
        let Block::ToolResult { call_id: Some(id), .. } = result else { panic!("result without id: {result:?}") };
        assert!(index.call_for(id).is_some(), "no call for {id}");
        assert!(index.result_name(result).is_some());
    }
    // weather-demo: get_weather is event 3, its result event 4.
    assert_eq!(index.call_for("call_000000000000000000000002"), Some((3, "get_weather")));
    assert_eq!(index.result_for("call_000000000000000000000002"), Some((4, false)));
    assert_eq!(index.result_for("call_00000000000000000000000f").map(|(_, failed)| failed), Some(true));
}

#[test]
fn a_call_that_never_got_a_result_says_so() {
    let (index, _) = index_of("dasshh.jsonl");
    assert_eq!(index.call_for("call_get_stock_price_0").map(|(_, name)| name), Some("get_stock_price"));
    assert_eq!(index.result_for("call_get_stock_price_0"), None);
}

#[test]
fn a_result_without_a_name_takes_its_calls() {
    let (index, parsed) = index_of("tower_llm.jsonl");
    let failed = parsed
        .iter()
        .flatten()
        .find(|block| matches!(block, Block::ToolResult { call_id: Some(id), .. } if id == "cr_call_0009"));
    let failed = failed.unwrap_or_else(|| panic!("cr_call_0009 has no result"));
    assert_eq!(index.result_name(failed), Some("github_create_pr"));
    assert_eq!(index.result_for("cr_call_0009"), Some((10, true)));
}

#[test]
fn results_recorded_before_their_call_are_linked_once_it_arrives() {
    let mut index = CallIndex::default();
    let result = Block::ToolResult { call_id: Some("c".into()), name: None, output: String::new(), is_error: false };
    index.record(9, std::slice::from_ref(&result));
    assert_eq!(index.result_name(&result), None);
    index.record(8, &[Block::ToolCall { id: Some("c".into()), name: "ls".into(), arguments: String::new() }]);
    assert_eq!((index.call_for("c"), index.result_name(&result)), (Some((8, "ls")), Some("ls")));
}

#[test]
fn describe_claude_code_and_codex_lines() {
    let claude = json!({"type": "assistant", "timestamp": "2026-11-21T14:02:00.479Z",
        "message": {"id": "msg_000007", "role": "assistant", "model": "claude-opus-5-5", "content": []}});
    let at = Utc.with_ymd_and_hms(2026, 11, 21, 14, 2, 0).single().map(|t| t + chrono::Duration::milliseconds(479));
    assert_eq!(describe(&claude), EventInfo { model: Some("claude-opus-5-5".into()), agent: None, timestamp: at });
    let turn =
        json!({"timestamp": "2026-11-21T14:01:06.787Z", "type": "turn_context", "payload": {"model": "gpt-5-codex"}});
    assert_eq!(describe(&turn).model.as_deref(), Some("gpt-5-codex"));
}

#[test]
fn describe_agents_and_time_formats() {
    let handoff = &events("tower_llm.jsonl")[13];
    let info = describe(handoff);
    assert_eq!(info.agent.as_deref(), Some("triage"));
    assert_eq!(info.timestamp.map(|t| t.timestamp_subsec_nanos()), Some(876_669_647));
    let director = json!([{"type": "text", "status": "success", "agent_name": "assistant", "text": "Enjoy!"}]);
    assert_eq!(describe(&director).agent.as_deref(), Some("assistant"));
    let named = json!({"role": "assistant", "name": "planner", "content": "ok"});
    assert_eq!(describe(&named).agent.as_deref(), Some("planner"));
    let tool = json!({"role": "tool", "name": "read_file", "content": "ok"});
    assert_eq!(describe(&tool), EventInfo::default());
    let noon = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).single();
    for created_at in
        [json!("2026-11-21 12:00:00"), json!("2026-11-21T12:00:00"), json!(1_795_262_400), json!(1_795_262_400_000_i64)]
    {
        assert_eq!(describe(&json!({"created_at": created_at})).timestamp, noon, "{created_at}");
    }
    assert_eq!(describe(&json!({"created_at": "yesterday"})).timestamp, None);
    assert_eq!(describe(&json!({"created_at": -1})).timestamp, None);
}
