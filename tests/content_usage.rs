//! Token usage read from each source's events, against figures counted by hand in the
//! fixtures (tests/fixtures/import/*): every model call of these fixtures records 1,500 input
//! and 40 output tokens (Gemini CLI: 2,100 in, 40 out and 8 of thoughts), so a session's total
//! is its number of calls times that; the hand-made cases give the cache fields and traps
//! figures that differ.

mod import_support;

use import_support::{by_id, fixture, read_all};
use recall::content::{SessionUsage, Usage, compact, usage};
use recall::import::Format;
use recall::store::ImportedSession;
use serde_json::{Value, json};

fn session_usage(session: &ImportedSession) -> SessionUsage {
    let mut sum = SessionUsage::new();
    for event in &session.events {
        let value: Value = serde_json::from_str(&event.content).expect("stored events are JSON");
        sum.add_event(&value);
    }
    sum.add_metadata(&session.metadata);
    sum
}

fn read(relative: &str, format: Format, id: &str) -> SessionUsage {
    let (sessions, _) = read_all(&fixture(relative), format);
    session_usage(by_id(&sessions, id))
}

fn tokens(input: u64, output: u64) -> Usage {
    Usage { input, output, ..Usage::default() }
}

fn lines(relative: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(fixture(relative)).expect("fixture reads");
    text.lines().map(|line| serde_json::from_str(line).expect("fixture line is JSON")).collect()
}

#[test]
fn claude_code_counts_a_reply_split_over_lines_once() {
    // 8e8fc512: six assistant lines, msg_000001 on three of them (thinking, text, tool_use),
    // then msg_000003, msg_000004 and msg_000006: four calls.
    let sum =
        read("claude-code/2.1.330/dot-claude/projects", Format::ClaudeCode, "8e8fc512-9937-419e-a720-7fa370a3ddf0");
    assert_eq!(sum.total, tokens(6_000, 160));
    assert_eq!(sum.calls, 4);
    assert_eq!(sum.models, vec!["claude-opus-5-5"]);
    assert_eq!(sum.summary().as_deref(), Some("6k in · 160 out · claude-opus-5-5"));
}

#[test]
fn codex_total_comes_from_its_token_counts() {
    // Rollout 01a1fe69-277d: five calls; the last `token_count` says 9,000 in, 300 out.
    let sum = read("codex-cli/0.169.0/codex-home", Format::Codex, "01a1fe69-277d-7e91-a442-938962229103");
    assert_eq!(sum.total, tokens(9_000, 300));
    assert_eq!(sum.models, vec!["gpt-5-codex"]);
    // Read line by line, the five `last_token_usage` figures add up to the same.
    let mut by_line = SessionUsage::new();
    let rollout = lines(
        "codex-cli/0.169.0/codex-home/sessions/2026/11/21/rollout-2026-11-21T14-01-06-01a1fe69-277d-7e91-a442-938962229103.jsonl",
    );
    rollout.iter().for_each(|line| by_line.add_event(line));
    assert_eq!((by_line.total, by_line.calls), (tokens(9_000, 300), 5));
    // A count repeated unchanged (Codex does, after a rate-limit update) is the same call.
    let last_count = rollout.iter().rev().find(|line| usage(line).is_some()).expect("a token_count");
    by_line.add_event(last_count);
    assert_eq!((by_line.total, by_line.calls), (tokens(9_000, 300), 5));
}

#[test]
fn gemini_cli_adds_thoughts_to_output() {
    // 31b5482c: five `gemini` records with tokens.
    let sum = read("gemini-cli/0.61.0/dot-gemini", Format::GeminiCli, "31b5482c-ff0e-48ad-842f-ffc8ba797302");
    assert_eq!(sum.total, tokens(5 * 2_100, 5 * 48));
    assert_eq!(sum.calls, 5);
    assert_eq!(sum.models, vec!["gemini-3.8-flash"]);
}

#[test]
fn qwen_code_usage_metadata() {
    let sum = read("qwen-code/0.15.10/dot-qwen", Format::QwenCode, "5ab7c6ef-82d2-4f5a-8c21-c870b5a928fa");
    assert_eq!((sum.total, sum.calls), (tokens(7 * 1_500, 7 * 40), 7));
    assert_eq!(sum.models, vec!["mock-coder"]);
}

#[test]
fn opencode_one_call_per_assistant_message() {
    let sum = read("opencode/1.18.33/dot-local-share-opencode", Format::Opencode, "ses_dd14cf9bbffeXbDOWc1q9opfbC");
    assert_eq!((sum.total, sum.calls), (tokens(5 * 1_500, 5 * 40), 5));
    assert_eq!(sum.models, vec!["claude-sonnet-4-5"]);
}

#[test]
fn pi_assistant_usage() {
    let sum = read("pi-coding-agent/0.73.1/dot-pi/agent/sessions", Format::Pi, "01a22eb0-0b01-72b3-a085-bb44a99f544e");
    assert_eq!((sum.total, sum.calls), (tokens(5 * 1_500, 5 * 40), 5));
    assert_eq!(sum.models, vec!["mock-coder"]);
}

#[test]
fn copilot_cli_usage_records() {
    // e57e1a5d's events.jsonl: the `session.usage_record` lines, one per model call.
    let records =
        lines("copilot-cli/1.0.102/dot-copilot/session-state/e57e1a5d-60e4-4aa9-aa37-4470494bad87/events.jsonl");
    let calls = records.iter().filter(|line| line["type"] == "session.usage_record").count() as u64;
    let mut sum = SessionUsage::new();
    records.iter().for_each(|line| sum.add_event(line));
    assert!(calls > 0);
    assert_eq!((sum.total, sum.calls), (tokens(calls * 1_500, calls * 40), calls));
    assert_eq!(sum.models, vec!["mock-coder"]);
}

#[test]
fn claude_cache_fields_and_the_latest_figures_of_a_repeated_reply() {
    let line = |output: u64| {
        json!({"type": "assistant", "message": {"id": "msg_1", "role": "assistant", "model": "claude-opus-4",
            "content": [{"type": "text", "text": "hi"}],
            "usage": {"input_tokens": 12, "output_tokens": output,
                      "cache_creation_input_tokens": 3_000, "cache_read_input_tokens": 77_000}}})
    };
    let mut sum = SessionUsage::new();
    sum.add_event(&line(5));
    sum.add_event(&line(4_100));
    assert_eq!(sum.total, Usage { input: 12, output: 4_100, cache_read: 77_000, cache_write: 3_000 });
    assert_eq!(sum.calls, 1);
    assert_eq!(sum.summary().as_deref(), Some("12 in · 4.1k out · 80k cache · claude-opus-4"));
}

#[test]
fn cached_input_is_taken_out_where_sources_count_it_in() {
    let chat = json!({"role": "assistant", "content": "x", "model": "gpt-4o",
        "usage": {"prompt_tokens": 1_000, "completion_tokens": 20, "prompt_tokens_details": {"cached_tokens": 600}}});
    let gemini = json!({"type": "gemini", "id": "g1", "content": "x",
        "tokens": {"input": 900, "output": 10, "cached": 500, "thoughts": 2, "tool": 0, "total": 912}});
    let qwen = json!({"type": "assistant", "uuid": "q1", "model": "m",
        "usageMetadata": {"promptTokenCount": 300, "candidatesTokenCount": 7, "cachedContentTokenCount": 100}});
    let found = |event: &Value| usage(event).expect("usage").usage;
    assert_eq!(found(&chat), Usage { input: 400, output: 20, cache_read: 600, cache_write: 0 });
    assert_eq!(found(&gemini), Usage { input: 400, output: 12, cache_read: 500, cache_write: 0 });
    assert_eq!(found(&qwen), Usage { input: 200, output: 7, cache_read: 100, cache_write: 0 });
}

#[test]
fn events_without_usage_have_none() {
    for event in [
        json!({"role": "user", "content": "hi"}),
        json!({"type": "user", "message": {"role": "user", "content": "hi"}}),
        json!({"type": "event_msg", "payload": {"type": "token_count", "info": null}}),
        json!({"type": "message", "message": {"role": "assistant", "usage": {"cost": 1}}}),
        json!("text"),
    ] {
        assert_eq!(usage(&event), None, "{event}");
    }
}

#[test]
fn counts_are_compact() {
    let shown: Vec<String> =
        [0, 950, 1_000, 4_149, 12_345, 80_000, 180_400, 999_499, 999_500, 4_100_000, 2_500_000_000]
            .into_iter()
            .map(compact)
            .collect();
    assert_eq!(shown, ["0", "950", "1k", "4.1k", "12.3k", "80k", "180k", "999k", "1M", "4.1M", "2.5G"]);
}

#[test]
fn llm_token_columns_become_the_replies_usage() {
    // Thread 01m7z6fnb2qv5st30ah0md3sn4: three turns of 22/25, 18/9 and 13/2 tokens.
    let sum = read("llm/logs-llm-0.36.db", Format::Llm, "01m7z6fnb2qv5st30ah0md3sn4");
    assert_eq!((sum.total, sum.calls), (tokens(53, 36), 3));
    assert_eq!(sum.models, vec!["scripted-gpt"]);
}
