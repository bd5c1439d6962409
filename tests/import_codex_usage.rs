//! Codex per-reply tokens: each `token_count` line's `last_token_usage` on the first item the
//! model wrote since the count before it. In the 0.169.0 rollouts every call counts 1,800
//! input and 60 output tokens; rollout 01a1fe69-277d has five calls (reasoning + a tool call,
//! a tool call, a reply; reasoning + a tool call, a reply), the two others two each. Hand-made
//! rollouts give the traps: a count repeated unchanged, a count with no new item, one with
//! no figures, cached input.

mod import_support;

use import_support::{by_id, fixture, read_all};
use recall::content::{Usage, usage_notes};
use recall::import::Format;
use recall::store::{ImportedSession, Store};
use recall::tui::StoreBackend;
use recall::tui::app::Backend;
use serde_json::{Value, json};

const HOME: &str = "codex-cli/0.169.0/codex-home";
const FIVE_CALLS: &str = "01a1fe69-277d-7e91-a442-938962229103";

/// Each noted event: (its place from 0, item type, model, figures).
fn noted(session: &ImportedSession) -> Vec<(usize, String, Option<String>, Usage)> {
    let found = session.events.iter().enumerate().filter_map(|(index, event)| {
        let found = usage_notes::event_usage(event.metadata.as_ref()?)?;
        let line: Value = serde_json::from_str(&event.content).expect("json");
        let kind = line["payload"]["type"].as_str().unwrap_or_default().to_string();
        Some((index, kind, found.model, found.usage))
    });
    found.collect()
}

fn per_call() -> Usage {
    Usage { input: 1_800, output: 60, ..Usage::default() }
}

#[test]
fn each_call_of_the_fixture_is_on_its_first_item() {
    let (sessions, skipped) = read_all(&fixture(HOME), Format::Codex);
    assert!(skipped.is_empty(), "{skipped:?}");
    let session = by_id(&sessions, FIVE_CALLS);
    let model = Some("gpt-5-codex".to_string());
    // Events: 0 developer, 1-2 user, 3 reasoning, 4 call, 5 output, 6 call, 7 output,
    // 8 reply, 9 user, 10 reasoning, 11 call, 12 output, 13 reply.
    assert_eq!(
        noted(session),
        [
            (3, "reasoning".to_string(), model.clone(), per_call()),
            (6, "function_call".to_string(), model.clone(), per_call()),
            (8, "message".to_string(), model.clone(), per_call()),
            (10, "reasoning".to_string(), model.clone(), per_call()),
            (13, "message".to_string(), model.clone(), per_call()),
        ]
    );
    // The replies add up to the session's total, in every rollout.
    for session in &sessions {
        let mut replies = Usage::default();
        for (_, _, _, usage) in noted(session) {
            replies.add(&usage);
        }
        assert_eq!(replies, usage_notes::read(&session.metadata["usage"]), "{}", session.source_id);
    }
    let calls: Vec<usize> = sessions.iter().map(|s| noted(s).len()).collect();
    assert_eq!(calls.iter().sum::<usize>(), 9, "5 + 2 + 2 calls");
}

#[test]
fn the_browser_shows_each_replys_tokens_once() {
    let (sessions, _) = read_all(&fixture(HOME), Format::Codex);
    let store = Store::open_in_memory().expect("store");
    store.import_session(by_id(&sessions, FIVE_CALLS)).expect("imports");
    let dir = tempfile::tempdir().expect("tempdir");
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    let session = backend.store.list_sessions(0, 10).expect("sessions").remove(0);
    let events = backend.events(&session);
    let shown = events.events_range(1, events.event_count()).expect("events");
    let seqs: Vec<i64> = shown.iter().filter(|event| event.usage == Some(per_call())).map(|event| event.seq).collect();
    assert_eq!(seqs, [4, 7, 9, 11, 14], "seq is the place from 1");
    assert_eq!(shown.iter().filter(|event| event.usage.is_some()).count(), 5);
    // The header's sum is the session's total, not the total plus the replies.
    let header = backend.session_usage(&session).and_then(|usage| usage.summary());
    assert_eq!(header.as_deref(), Some("9k in · 300 out · gpt-5-codex"));
}

fn envelope(kind: &str, payload: Value) -> String {
    json!({"timestamp": "2026-11-21T14:01:13.000Z", "type": kind, "payload": payload}).to_string()
}

fn count(last_input: u64, cached: u64, total: u64) -> String {
    let last =
        json!({"input_tokens": last_input, "cached_input_tokens": cached, "output_tokens": 5, "total_tokens": total});
    envelope(
        "event_msg",
        json!({"type": "token_count", "info": {"last_token_usage": last, "total_token_usage": {"total_tokens": total}}}),
    )
}

#[test]
fn repeated_empty_and_early_counts_put_nothing_on_a_reply() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rollout-2026-11-21T14-01-06-0000aaaa-0000-7000-8000-000000000001.jsonl");
    let lines = [
        envelope("session_meta", json!({"id": "0000aaaa-0000-7000-8000-000000000001", "model": "gpt-5"})),
        envelope(
            "response_item",
            json!({"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}),
        ),
        // Before the model wrote anything (a count for a compaction, say): on no event.
        count(100, 0, 105),
        envelope(
            "response_item",
            json!({"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "hello"}]}),
        ),
        count(1_000, 400, 1_110),
        // Repeated unchanged after a rate-limit update: the same call.
        count(1_000, 400, 1_110),
        envelope("event_msg", json!({"type": "token_count", "info": null, "rate_limits": {}})),
        envelope(
            "response_item",
            json!({"type": "function_call", "name": "shell", "arguments": "{}", "call_id": "c1"}),
        ),
        envelope("response_item", json!({"type": "function_call_output", "call_id": "c1", "output": "ok"})),
        count(2_000, 0, 3_115),
    ];
    std::fs::write(&path, lines.join("\n") + "\n").expect("writes");
    let (sessions, skipped) = read_all(&path, Format::Codex);
    assert!(skipped.is_empty(), "{skipped:?}");
    let noted: Vec<(usize, String, Usage)> = noted(&sessions[0]).into_iter().map(|n| (n.0, n.1, n.3)).collect();
    assert_eq!(
        noted,
        [
            (1, "message".to_string(), Usage { input: 600, output: 5, cache_read: 400, cache_write: 0 }),
            (2, "function_call".to_string(), Usage { input: 2_000, output: 5, ..Usage::default() }),
        ]
    );
}
