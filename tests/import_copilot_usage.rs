//! Copilot CLI's `session.usage_record` lines (SCHEMA.md: one per model call, naming the
//! call's `apiCallId`, which the call's `assistant.message` repeats). In the 1.0.102 home,
//! every record says 1,500 input and 40 output tokens of `mock-coder`: session A has 5, B 1,
//! C 5, each just before its reply. Hand-made streams give the traps: a record after its reply,
//! a record repeated, one naming no call or no model, a rewind.

mod import_support;

use import_support::{by_id, fixture, read_all, usage_sum};
use recall::content::{Usage, usage_notes};
use recall::import::Format;
use recall::store::{ImportedSession, Store};
use recall::tui::StoreBackend;
use recall::tui::app::Backend;
use serde_json::{Value, json};

const HOME: &str = "copilot-cli/1.0.102/dot-copilot";
const A: &str = "11418df3-18e3-499a-aaca-aefae5326627";
const B: &str = "964d0d2b-afac-47b5-b5be-ce7ef92ed1e6";
const C: &str = "e57e1a5d-60e4-4aa9-aa37-4470494bad87";

fn tokens(input: u64, output: u64) -> Usage {
    Usage { input, output, ..Usage::default() }
}

/// Each event's noted usage: (its type, apiCallId, the noted key and figures).
fn noted(session: &ImportedSession) -> Vec<(String, Option<String>, Option<String>, Usage)> {
    session
        .events
        .iter()
        .filter_map(|event| {
            let found = usage_notes::event_usage(event.metadata.as_ref()?)?;
            let line: Value = serde_json::from_str(&event.content).expect("json");
            let call = line["data"]["apiCallId"].as_str().map(str::to_owned);
            Some((line["type"].as_str().unwrap_or_default().to_owned(), call, found.key, found.usage))
        })
        .collect()
}

#[test]
fn the_sessions_count_their_usage_records() {
    let (sessions, skipped) = read_all(&fixture(HOME), Format::CopilotCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    for (id, calls) in [(A, 5), (B, 1), (C, 5)] {
        let session = by_id(&sessions, id);
        let sum = usage_sum(session);
        assert_eq!(sum.total, tokens(1_500 * calls, 40 * calls), "{id}");
        assert_eq!(sum.models, ["mock-coder"], "{id}");
        assert_eq!(
            sum.tokens_by_model().into_iter().collect::<Vec<_>>(),
            [(Some("mock-coder".to_string()), tokens(1_500 * calls, 40 * calls))]
        );
        assert_eq!(session.metadata["usage_by_model"]["mock-coder"]["input"], 1_500 * calls, "{id}");
        // Every reply carries its own call's record, and nothing else does.
        let noted = noted(session);
        assert_eq!(noted.len() as u64, calls, "{id}");
        for (kind, call, key, usage) in noted {
            assert_eq!(kind, "assistant.message");
            assert_eq!(call, key, "the record of the reply's own call");
            assert_eq!(usage, tokens(1_500, 40));
        }
    }
    // Not kept as events: 11 assistant messages, 5 user messages, 7 results.
    assert_eq!(sessions.iter().map(|s| s.events.len()).sum::<usize>(), 23);
}

#[test]
fn each_reply_shows_its_own_tokens_in_the_browser() {
    let (sessions, _) = read_all(&fixture(HOME), Format::CopilotCli);
    let store = Store::open_in_memory().expect("store");
    store.import_session(by_id(&sessions, A)).expect("imports");
    let dir = tempfile::tempdir().expect("tempdir");
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    let session = backend.store.list_sessions(0, 10).expect("sessions").remove(0);
    let events = backend.events(&session);
    let shown = events.events_range(1, events.event_count()).expect("events");
    let with_usage: Vec<Usage> = shown.iter().filter_map(|event| event.usage).collect();
    assert_eq!(with_usage, vec![tokens(1_500, 40); 5]);
    let header = backend.session_usage(&session).and_then(|usage| usage.summary());
    assert_eq!(header.as_deref(), Some("7.5k in · 200 out · mock-coder"));
}

fn line(kind: &str, id: &str, data: Value) -> String {
    json!({"type": kind, "id": id, "timestamp": "2026-11-30T10:00:00.000Z", "parentId": null, "data": data}).to_string()
}

fn record(id: &str, call: Option<&str>, model: Option<&str>, input: u64) -> String {
    let mut usage = json!({"inputTokens": input, "outputTokens": 10, "cacheReadTokens": 100});
    if let Some(call) = call {
        usage["apiCallId"] = json!(call);
    }
    if let Some(model) = model {
        usage["model"] = json!(model);
    }
    line("session.usage_record", id, json!({"usage": usage}))
}

fn reply(id: &str, call: &str, model: &str) -> String {
    line("assistant.message", id, json!({"messageId": id, "model": model, "content": "ok", "apiCallId": call}))
}

fn read_stream(lines: &[String]) -> ImportedSession {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("events.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("writes");
    let (mut sessions, skipped) = read_all(&path, Format::CopilotCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 1);
    sessions.remove(0)
}

#[test]
fn a_record_after_its_reply_or_repeated_still_counts_once_on_its_reply() {
    let start = line("session.start", "e0", json!({"sessionId": "s1", "selectedModel": "gpt-5"}));
    let session = read_stream(&[
        start,
        line("user.message", "e1", json!({"content": "hi"})),
        reply("e2", "call-1", "gpt-5"),
        record("e3", Some("call-1"), Some("gpt-5"), 1_000),
        // Written again for the same call: its latest figures, once.
        record("e4", Some("call-1"), Some("gpt-5"), 1_200),
        record("e5", Some("call-2"), Some("claude-sonnet-4-5"), 500),
        reply("e6", "call-2", "claude-sonnet-4-5"),
    ]);
    let sum = usage_sum(&session);
    assert_eq!(sum.total, Usage { input: 1_700, output: 20, cache_read: 200, cache_write: 0 });
    let by_model = sum.tokens_by_model();
    assert_eq!(
        by_model[&Some("gpt-5".to_string())],
        Usage { input: 1_200, output: 10, cache_read: 100, cache_write: 0 }
    );
    assert_eq!(by_model[&Some("claude-sonnet-4-5".to_string())].input, 500);
    let noted: Vec<(Option<String>, u64)> = noted(&session).into_iter().map(|n| (n.1, n.3.input)).collect();
    assert_eq!(noted, [(Some("call-1".to_string()), 1_200), (Some("call-2".to_string()), 500)]);
}

#[test]
fn records_naming_no_call_or_no_model_count_for_the_session_only() {
    let session = read_stream(&[
        line("user.message", "e1", json!({"content": "hi"})),
        record("e2", None, Some("gpt-5"), 300),
        record("e3", None, Some("gpt-5"), 400),
        record("e4", Some("call-9"), None, 50),
        reply("e5", "call-1", "gpt-5"),
    ]);
    let sum = usage_sum(&session);
    assert_eq!(sum.total.input, 750, "two records with no call id are two calls");
    let by_model = sum.tokens_by_model();
    // One model named in the session: the record naming none is taken as that model's.
    assert_eq!(by_model[&Some("gpt-5".to_string())].input, 750);
    assert!(noted(&session).is_empty(), "no record names the reply's call");
}

#[test]
fn a_record_after_a_rewind_is_not_put_on_a_rewound_reply() {
    let session = read_stream(&[
        line("user.message", "e1", json!({"content": "first"})),
        reply("e2", "call-1", "gpt-5"),
        line("session.snapshot_rewind", "e3", json!({"upToEventId": "e2"})),
        line("user.message", "e4", json!({"content": "again"})),
        record("e5", Some("call-1"), Some("gpt-5"), 100),
    ]);
    assert_eq!(session.events.len(), 2, "the first prompt and the new one");
    assert!(noted(&session).is_empty(), "{:?}", session.events);
    // What the call used was spent all the same.
    assert_eq!(usage_sum(&session).total.input, 100);
}
