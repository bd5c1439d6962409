//! A JSON string holding a lone surrogate escape ("\ud83d"), as Node's `JSON.stringify` and
//! Python's `json.dumps` write when a string is cut mid-emoji. Every reader accepts it: it is
//! shown and searched as U+FFFD, and the stored bytes stay exactly as they came.

mod import_support;

use std::path::Path;
use std::process::{Command, Stdio};

use import_support::read_all;
use recall::content::{self, Block};
use recall::import::Format;
use recall::store::{NewEvent, Store};

/// What a person wrote, cut in the middle of an emoji by the program that logged it.
const CUT: &str = r#"cut here \ud83d"#;
const SHOWN: &str = "cut here \u{FFFD}";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn texts(content: &str) -> Vec<String> {
    let event = recall::store::Event {
        id: 1,
        session_id: "s".into(),
        seq: 1,
        invocation_id: None,
        created_at: chrono::Utc::now(),
        content: content.to_string(),
        metadata: None,
    };
    content::parse(&event.json())
        .into_iter()
        .filter_map(|block| match block {
            Block::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

#[test]
fn the_claude_code_reader_keeps_the_line() {
    let dir = tempfile::tempdir().expect("temp");
    let line = format!(
        r#"{{"type":"user","sessionId":"s1","uuid":"u1","timestamp":"2026-01-01T00:00:00Z","message":{{"role":"user","content":"{CUT}"}}}}"#
    );
    let file = dir.path().join("projects/p/s1.jsonl");
    write(&file, &format!("{line}\n"));
    let (sessions, skipped) = read_all(&file, Format::ClaudeCode);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].events[0].content, line, "stored as written");
    assert_eq!(sessions[0].title.as_deref(), Some(SHOWN));
    assert_eq!(texts(&sessions[0].events[0].content), [SHOWN]);
}

#[test]
fn the_codex_reader_keeps_the_line() {
    let dir = tempfile::tempdir().expect("temp");
    let line = format!(
        r#"{{"timestamp":"2026-01-01T00:00:01Z","type":"response_item","payload":{{"type":"message","role":"user","content":[{{"type":"input_text","text":"{CUT}"}}]}}}}"#
    );
    let meta = r#"{"timestamp":"2026-01-01T00:00:00Z","type":"session_meta","payload":{"id":"01a1fe69-0000-7000-8000-000000000001","timestamp":"2026-01-01T00:00:00Z","cwd":"/tmp"}}"#;
    let file =
        dir.path().join("sessions/2026/01/01/rollout-2026-01-01T00-00-00-01a1fe69-0000-7000-8000-000000000001.jsonl");
    write(&file, &format!("{meta}\n{line}\n"));
    let (sessions, skipped) = read_all(&file, Format::Codex);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].events.len(), 1);
    assert_eq!(sessions[0].events[0].content, line);
    assert_eq!(sessions[0].title.as_deref(), Some(SHOWN));
}

#[test]
fn chat_jsonl_messages_are_shown_as_text() {
    let dir = tempfile::tempdir().expect("temp");
    let line = format!(r#"{{"role":"user","content":"{CUT}","created_at":"2026-01-01T00:00:00Z"}}"#);
    let file = dir.path().join("chat.jsonl");
    write(&file, &format!("{line}\n{{\"role\":\"assistant\",\"content\":\"ok\"}}\n"));
    let (sessions, skipped) = read_all(&file, Format::ChatJsonl);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions[0].events.len(), 2);
    assert_eq!(sessions[0].events[0].content, line);
    assert_eq!(texts(&sessions[0].events[0].content), [SHOWN]);
}

#[test]
fn chat_jsonl_sessions_with_a_cut_title_and_metadata_go_in() {
    let dir = tempfile::tempdir().expect("temp");
    let message = format!(r#"{{"role":"user","content":"{CUT}"}}"#);
    let line = format!(
        r#"{{"id":"a","title":"{CUT}","metadata":{{"note":"{CUT}"}},"created_at":"2026-01-01T00:00:00Z","messages":[{message}]}}"#
    );
    let file = dir.path().join("sessions.jsonl");
    write(&file, &format!("{line}\n"));
    let (sessions, skipped) = read_all(&file, Format::ChatJsonl);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].title.as_deref(), Some(SHOWN));
    assert_eq!(sessions[0].metadata["note"], SHOWN);
    assert_eq!(sessions[0].events[0].content, message, "the message's own bytes, not a repaired copy");
}

#[test]
fn the_store_indexes_and_shows_it() {
    let store = Store::open_in_memory().expect("store");
    let id = store.create_session("s").expect("session").id;
    let content = format!(r#"{{"role":"user","content":"{CUT} lisbon"}}"#);
    store.add_new_events(&id, &[NewEvent { content: content.clone(), ..Default::default() }]).expect("added");
    let events = store.events(&id).expect("events");
    assert_eq!(events[0].content, content);
    assert_eq!(texts(&events[0].content), [format!("{SHOWN} lisbon")]);
    assert_eq!(store.search("lisbon", 10).expect("search").len(), 1);
}

#[test]
fn recall_log_accepts_it() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("s.db");
    let line = format!(r#"{{"role":"user","content":"{CUT} lisbon"}}"#);
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes()).expect("stdin");
        child.wait_with_output().expect("output")
    };
    let logged = run(&["log", "--new", "cut"], &format!("{line}\n"));
    assert!(logged.status.success(), "{}", String::from_utf8_lossy(&logged.stderr));
    let id = String::from_utf8_lossy(&logged.stdout).trim().to_string();
    let shown = run(&["show", &id], "");
    assert!(String::from_utf8_lossy(&shown.stdout).contains(&format!("{SHOWN} lisbon")));
    let json = run(&["show", &id, "--json"], "");
    // The stored text goes out as it came, lone surrogate escape and all.
    assert!(String::from_utf8_lossy(&json.stdout).contains(&format!(r#""content": {line}"#)), "{json:?}");
    // JSON: the plain output shows ids shortened (issue 15), the JSON shows them whole.
    let found = run(&["search", "lisbon", "--json"], "");
    assert!(String::from_utf8_lossy(&found.stdout).contains(&id));
}

/// A fixture file of a newer reader with a lone surrogate escape put into every place that
/// holds `needle`: the same sessions and events are read, and the stored event keeps the escape.
fn newer_reader_keeps_every_event(format: Format, fixture: &str, needle: &str) {
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(fixture);
    let text = std::fs::read_to_string(&original).expect("fixture");
    assert!(text.contains(needle), "{fixture} holds {needle:?}");
    let dir = tempfile::tempdir().expect("temp");
    let cut = dir.path().join(original.file_name().expect("name"));
    write(&cut, &text.replace(needle, &format!("{needle} {CUT}")));
    let count = |path: &Path| read_all(path, format).0.iter().map(|s| s.events.len()).sum::<usize>();
    assert_eq!(count(&cut), count(&original), "{fixture}: an event was lost to the lone surrogate");
    let (sessions, _) = read_all(&cut, format);
    assert!(sessions.iter().flat_map(|s| &s.events).any(|e| e.content.contains(CUT)), "{fixture}: stored as written");
}

#[test]
fn the_newer_agents_readers_accept_it() {
    newer_reader_keeps_every_event(
        Format::GeminiCli,
        "gemini-cli/0.61.0/dot-gemini/tmp/gemini-demo/chats/session-2026-11-30T23-03-c776d0ad.jsonl",
        "What is in this project?",
    );
    newer_reader_keeps_every_event(
        Format::QwenCode,
        "qwen-code/0.15.10/dot-qwen/projects/-home-dev-qwen-demo/chats/04add226-f205-4bf9-ad72-22c8a2d4ba37.jsonl",
        "\"text\":\"",
    );
    newer_reader_keeps_every_event(
        Format::CopilotCli,
        "copilot-cli/1.0.102/dot-copilot/session-state/11418df3-18e3-499a-aaca-aefae5326627/events.jsonl",
        "\"content\":\"",
    );
}
