//! Qwen Code chat recordings through the `qwen-code` reader: the 0.15.10 fixture written by the
//! real CLI (SCHEMA.md's inventory), and hand-made files for telemetry lines, a refused edit,
//! a `/rewind`, a custom title and bad lines.

mod import_support;

use std::path::{Path, PathBuf};

use import_support::{append, copy_fixture, fingerprint, fixture, read_all};
use recall::content::{self, Block, CallIndex, Tally};
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::{Value, json};

const HOME: &str = "qwen-code/0.15.10/dot-qwen";
const CHATS: &str = "qwen-code/0.15.10/dot-qwen/projects/-home-dev-qwen-demo/chats";
const A: &str = "5ab7c6ef-82d2-4f5a-8c21-c870b5a928fa";
const B: &str = "04add226-f205-4bf9-ad72-22c8a2d4ba37";
const C: &str = "9eea2a62-c704-42fe-9dba-7b1e5c998217";

/// (user, assistant with words, tool calls, tool results, tool errors, reasoning)
type Counts = (u64, u64, u64, u64, u64, u64);

fn counts(session: &ImportedSession) -> Counts {
    let mut t = Tally::new();
    for event in &session.events {
        t.add_event(&json_of(&event.content));
    }
    assert_eq!(t.unrecognised, 0, "{}: events shown as raw JSON", session.source_id);
    (t.user, t.assistant, t.tool_calls, t.tool_results, t.tool_errors, t.reasoning)
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("event content is JSON")
}

fn session<'a>(sessions: &'a [ImportedSession], id: &str) -> &'a ImportedSession {
    sessions.iter().find(|s| s.source_id == id).unwrap_or_else(|| panic!("no session {id}"))
}

/// Failed results as (tool name, output).
fn failures(session: &ImportedSession) -> Vec<(String, String)> {
    let blocks = session.events.iter().flat_map(|e| content::parse(&json_of(&e.content)));
    blocks
        .filter_map(|block| match block {
            Block::ToolResult { name, output, is_error: true, .. } => Some((name.unwrap_or_default(), output)),
            _ => None,
        })
        .collect()
}

fn assert_linked_once(session: &ImportedSession) {
    let mut index = CallIndex::new();
    let mut answered = Vec::new();
    for (seq, event) in session.events.iter().enumerate() {
        let blocks = content::parse(&json_of(&event.content));
        index.record(seq as i64, &blocks);
        answered.extend(blocks.into_iter().filter_map(|b| match b {
            Block::ToolResult { call_id, .. } => call_id,
            _ => None,
        }));
    }
    for id in &answered {
        assert!(index.call_for(id).is_some(), "result {id} has no call");
        assert_eq!(answered.iter().filter(|other| *other == id).count(), 1, "{id} answered twice");
    }
}

#[test]
fn the_fixture_holds_what_schema_md_counts() {
    let path = fixture(HOME);
    let before = fingerprint(&path);
    assert_eq!(import::detect(&path).expect("detects"), Format::QwenCode);
    let (sessions, skipped) = read_all(&path, Format::QwenCode);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(fingerprint(&path), before, "the fixture changed on disk");
    // SCHEMA.md per session: A 2/2/6/6/1/1, B 1/1/0/0/0/0, C 2/2/3/3/2/0; in all 5/5/9/9/3/1.
    assert_eq!(sessions.len(), 3);
    assert_eq!(counts(session(&sessions, A)), (2, 2, 6, 6, 1, 1));
    assert_eq!(counts(session(&sessions, B)), (1, 1, 0, 0, 0, 0));
    assert_eq!(counts(session(&sessions, C)), (2, 2, 3, 3, 2, 0));
    // Only user / assistant / tool_result lines are events: 5 + 13 + 9 (SCHEMA.md's line counts).
    assert_eq!(sessions.iter().map(|s| s.events.len()).sum::<usize>(), 27);
    for s in &sessions {
        assert!(
            s.events.iter().all(|e| !e.content.contains("\"type\":\"system\"")),
            "telemetry and snapshots left out"
        );
        assert_linked_once(s);
        assert_eq!(s.metadata["cwd"], "/home/dev/qwen-demo");
        assert_eq!(s.metadata["model"], "mock-coder");
        assert_eq!(s.metadata["version"], "0.15.10");
        assert_eq!(s.metadata["project"], "-home-dev-qwen-demo");
    }
    // The refused edit is a real failure; so are the missing file and `cat` exiting 1.
    let refused = failures(session(&sessions, A));
    assert!(
        matches!(&refused[..], [(tool, output)] if tool == "edit" && output.contains("has not been read in this session"))
    );
    let c: Vec<String> = failures(session(&sessions, C)).into_iter().map(|(tool, _)| tool).collect();
    assert_eq!(c, ["run_shell_command", "read_file"]);
    let flagged = |s: &ImportedSession| {
        s.events.iter().filter(|e| e.metadata.as_ref().is_some_and(|m| m["error"] == true)).count()
    };
    assert_eq!((flagged(session(&sessions, A)), flagged(session(&sessions, C))), (1, 2));
}

#[test]
fn sessions_carry_ids_titles_times_and_lines_as_written() {
    let (sessions, _) = read_all(&fixture(HOME), Format::QwenCode);
    let a = session(&sessions, A);
    assert_eq!(a.title.as_deref(), Some("Summarize this project: read the README and list the files."));
    assert!(a.events.iter().any(|e| e.content.contains("its entry point is")));
    let b = session(&sessions, B);
    assert_eq!(b.title.as_deref(), Some("What's the capital of Norway?"));
    assert_eq!(b.created_at.to_rfc3339(), "2026-11-30T23:06:34.253+00:00");
    assert_eq!(b.updated_at.to_rfc3339(), "2026-11-30T23:06:34.427+00:00", "the last line, telemetry included");
    let text = std::fs::read_to_string(fixture(CHATS).join(format!("{C}.jsonl"))).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let c = session(&sessions, C);
    assert!(c.events.iter().all(|e| lines.contains(&e.content.as_str())), "each event is its line, byte for byte");
    // `--resume` appended to the same file: one session, the Japanese prompt first.
    assert!(c.title.as_deref().is_some_and(|t| t.starts_with("テストを実行して")));
}

#[test]
fn home_projects_project_chats_and_one_file_are_each_detected_and_read() {
    let chats = fixture(CHATS);
    let home = fixture(HOME);
    let places = [
        (home.clone(), 3),
        (home.join("projects"), 3),
        (chats.parent().expect("project").to_path_buf(), 3),
        (chats.clone(), 3),
        (chats.join(format!("{B}.jsonl")), 1),
    ];
    for (path, sessions) in places {
        assert_eq!(import::detect(&path).expect("detects"), Format::QwenCode, "{}", path.display());
        assert_eq!(read_all(&path, Format::QwenCode).0.len(), sessions, "{}", path.display());
    }
}

#[test]
fn reimporting_adds_nothing_and_a_grown_file_adds_its_new_lines() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(HOME, temp.path());
    let store = Store::open_in_memory().expect("store");
    let sources = [Source { format: Format::QwenCode, path: home.clone() }];
    let first = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (3, 27, 0), "{first:#?}");
    let again = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((again.sessions_unchanged, again.events_added), (3, 0), "{again:#?}");

    let file = home.join(format!("projects/-home-dev-qwen-demo/chats/{B}.jsonl"));
    let prompt = record(
        "n1",
        Some("9f5a8d5d-74b3-45c9-bd40-d38c88ed7c18"),
        "user",
        json!({"role": "user", "parts": [{"text": "And Sweden's?"}]}),
    );
    let answer = record("n2", Some("n1"), "assistant", json!({"role": "model", "parts": [{"text": "Stockholm."}]}));
    append(&file, &format!("{prompt}\n{answer}\n"));
    let grown = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((grown.sessions_updated, grown.sessions_unchanged, grown.events_added), (1, 2, 2), "{grown:#?}");
    let stored = store.find_by_source("qwen-code", B).expect("find").expect("session");
    assert_eq!(store.events(&stored.id).expect("events").last().expect("last").content, answer.to_string());
}

#[test]
fn the_binary_imports_the_fixture_and_stats_gives_schema_md_counts() {
    let temp = tempfile::tempdir().expect("temp");
    let db = temp.path().join("recall.db");
    let recall = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("run");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    recall(&["import", fixture(HOME).to_str().expect("path")]);
    let stats: Value = serde_json::from_str(&recall(&["stats", "--json"])).expect("json");
    let counts = &stats["by_source"]["qwen-code"];
    let keys =
        ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning", "unrecognised"];
    let got: Vec<u64> = keys.iter().map(|key| counts[*key].as_u64().unwrap_or(u64::MAX)).collect();
    assert_eq!(got, [3, 5, 5, 9, 9, 3, 1, 0], "{stats}");
}

/// A record line in Qwen Code's shape.
fn record(uuid: &str, parent: Option<&str>, kind: &str, message: Value) -> Value {
    let mut line = json!({"uuid": uuid, "parentUuid": parent, "sessionId": "hand-made", "timestamp": "2026-11-30T12:00:00.000Z",
        "type": kind, "cwd": "/home/dev/demo", "version": "0.15.10"});
    if !message.is_null() {
        line["message"] = message;
    }
    line
}

fn system(uuid: &str, parent: &str, subtype: &str, payload: Value) -> Value {
    let mut line = record(uuid, Some(parent), "system", Value::Null);
    line["subtype"] = json!(subtype);
    line["systemPayload"] = payload;
    line
}

fn said(role: &str, text: &str) -> Value {
    json!({"role": role, "parts": [{"text": text}]})
}

fn write_chat(dir: &Path, lines: &[Value]) -> PathBuf {
    let file = dir.join("projects/-home-dev-demo/chats/hand-made.jsonl");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
    file
}

fn texts(session: &ImportedSession) -> Vec<String> {
    let blocks = session.events.iter().flat_map(|e| content::parse(&json_of(&e.content)));
    blocks
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

#[test]
fn telemetry_lines_are_left_out_and_a_refused_edit_is_an_error() {
    let temp = tempfile::tempdir().expect("temp");
    let call = json!({"role": "model", "parts": [{"functionCall": {"id": "c1", "name": "edit", "args": {"file_path": "/home/dev/demo/a.rs"}}}]});
    let refusal = json!({"role": "user", "parts": [{"functionResponse": {"id": "c1", "name": "edit",
        "response": {"error": "File /home/dev/demo/a.rs has not been read in this session."}}}]});
    let mut result = record("r1", Some("t2"), "tool_result", refusal);
    result["toolCallResult"] = json!({"callId": "c1", "status": "error", "errorType": "edit_requires_prior_read"});
    let file = write_chat(
        temp.path(),
        &[
            record("u1", None, "user", said("user", "Rename main")),
            system(
                "t1",
                "u1",
                "ui_telemetry",
                json!({"uiEvent": {"event.name": "qwen-code.api_response", "response_text": "Editing."}}),
            ),
            record("a1", Some("t1"), "assistant", call),
            system(
                "t2",
                "a1",
                "ui_telemetry",
                json!({"uiEvent": {"event.name": "qwen-code.tool_call", "function_name": "edit", "success": false}}),
            ),
            result,
            system(
                "t3",
                "r1",
                "ui_telemetry",
                json!({"uiEvent": {"event.name": "qwen-code.api_response", "subagent_name": "managed-auto-memory-extractor", "response_text": "Nothing new."}}),
            ),
            system("s1", "t3", "attribution_snapshot", json!({"snapshot": {"fileStates": {}}})),
        ],
    );
    let (sessions, skipped) = read_all(&file, Format::QwenCode);
    assert!(skipped.is_empty(), "{skipped:?}");
    let session = &sessions[0];
    assert_eq!(session.events.len(), 3, "user, assistant, tool_result; no system line");
    assert_eq!(counts(session), (1, 0, 1, 1, 1, 0));
    assert_eq!(session.events[2].metadata.as_ref().map(|m| m["error"].clone()), Some(json!(true)));
    // A file of telemetry alone holds no conversation.
    let only = write_chat(temp.path(), &[system("t1", "x", "ui_telemetry", json!({"uiEvent": {}}))]);
    assert!(read_all(&only, Format::QwenCode).0.is_empty());
}

#[test]
fn a_rewind_leaves_the_undone_turns_off_and_a_custom_title_names_the_session() {
    let temp = tempfile::tempdir().expect("temp");
    let file = write_chat(
        temp.path(),
        &[
            record("u1", None, "user", said("user", "first")),
            record("a1", Some("u1"), "assistant", said("model", "one")),
            record("u2", Some("a1"), "user", said("user", "second")),
            record("a2", Some("u2"), "assistant", said("model", "two")),
            // `/rewind` to the second turn re-roots the chain at the record before it.
            system("w1", "a1", "rewind", json!({"targetTurnIndex": 1})),
            record("u3", Some("w1"), "user", said("user", "second, again")),
            record("a3", Some("u3"), "assistant", said("model", "two, again")),
            system("n1", "a3", "custom_title", json!({"customTitle": "Counting", "titleSource": "manual"})),
        ],
    );
    let (sessions, _) = read_all(&file, Format::QwenCode);
    assert_eq!(texts(&sessions[0]), ["first", "one", "second, again", "two, again"]);
    assert_eq!(sessions[0].title.as_deref(), Some("Counting"));
}

#[test]
fn bad_lines_are_skipped_with_their_place_and_the_rest_goes_in() {
    let temp = tempfile::tempdir().expect("temp");
    let file = write_chat(
        temp.path(),
        &[
            record("u1", None, "user", said("user", "hello")),
            record("a1", Some("u1"), "assistant", said("model", "hi")),
        ],
    );
    // The lost line was u2, the parent of a2: the chain goes on through the line before it.
    append(&file, "{\"uuid\": \"u2\", \"parentUuid\": \"a1\", \"type\": \"us\n{\"no\": \"uuid\"}\n");
    append(&file, &format!("{}\n", record("a2", Some("u2"), "assistant", said("model", "still here"))));
    let (sessions, skipped) = read_all(&file, Format::QwenCode);
    let places: Vec<&str> = skipped.iter().map(|s| s.location.rsplit(':').next().unwrap_or_default()).collect();
    assert_eq!(places, ["3", "4"], "{skipped:?}");
    assert_eq!(texts(&sessions[0]), ["hello", "hi", "still here"]);
}

#[test]
fn chats_kept_under_tmp_by_older_releases_are_found_too() {
    let temp = tempfile::tempdir().expect("temp");
    let home = temp.path().join("dot-qwen");
    let file = home.join("tmp/5f3c0ab1/chats/old-session.jsonl");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    let lines = [
        record("u1", None, "user", said("user", "old layout")),
        record("a1", Some("u1"), "assistant", said("model", "still read")),
    ];
    std::fs::write(&file, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
    std::fs::create_dir_all(home.join("tmp/5f3c0ab1/checkpoints")).expect("mkdir");
    assert_eq!(import::detect(&home).expect("detects"), Format::QwenCode, "not taken for Gemini CLI's tmp");
    let (sessions, _) = read_all(&home, Format::QwenCode);
    assert_eq!(sessions.len(), 1);
    assert_eq!(texts(&sessions[0]), ["old layout", "still read"]);
}
