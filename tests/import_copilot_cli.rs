//! GitHub Copilot CLI: the real 1.0.102 home (SCHEMA.md's inventory: 3 sessions, 5 user, 5
//! assistant messages with text, 7 tool calls + 7 results with 2 errors, 1 reasoning), and
//! hand-made streams for its traps: a `session.resume` in the middle of a file, a shell command
//! exiting non-zero, a rewind, bad and cut-off lines. Counts are made here from the stored
//! lines, independently of recall's content parser, and again through the parser (`Tally`) and
//! the real binary.

mod import_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use import_support::{Inventory, append, blocks, by_id, copy_fixture, fingerprint, fixture, read_all, siblings, tally};
use recall::content::Block;
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::{Value, json};

const HOME: &str = "copilot-cli/1.0.102/dot-copilot";
const A: &str = "11418df3-18e3-499a-aaca-aefae5326627";
const B: &str = "964d0d2b-afac-47b5-b5be-ce7ef92ed1e6";
const C: &str = "e57e1a5d-60e4-4aa9-aa37-4470494bad87";

/// Counts from the stored lines, by SCHEMA.md's rules: a tool result is an error when it did
/// not succeed or its shell exited non-zero.
fn inventory(sessions: &[ImportedSession]) -> Inventory {
    let mut n = (sessions.len(), 0, 0, 0, 0, 0, 0);
    for event in sessions.iter().flat_map(|s| &s.events) {
        let line: Value = serde_json::from_str(&event.content).expect("json");
        let data = &line["data"];
        match line["type"].as_str().unwrap_or_default() {
            "user.message" => n.1 += 1,
            "assistant.message" => {
                n.2 += usize::from(data["content"].as_str().is_some_and(|t| !t.is_empty()));
                n.3 += data["toolRequests"].as_array().map_or(0, Vec::len);
                n.6 += usize::from(data["reasoningText"].as_str().is_some_and(|t| !t.is_empty()));
            }
            "tool.execution_complete" => {
                n.4 += 1;
                let exit = data["shellExecution"]["exitCode"].as_i64().unwrap_or(0);
                n.5 += usize::from(data["success"] == false || exit != 0);
            }
            _ => {}
        }
    }
    n
}

fn results(session: &ImportedSession) -> Vec<(String, String, bool)> {
    blocks(session)
        .into_iter()
        .filter_map(|b| match b {
            Block::ToolResult { call_id, output, is_error, .. } => {
                Some((call_id.unwrap_or_default(), output, is_error))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_fixture_home_gives_schema_md_inventory() {
    let home = fixture(HOME);
    let before = fingerprint(&home);
    let index = home.join("session-store.db");
    let beside_index = siblings(&index);
    let (sessions, skipped) = read_all(&home, Format::CopilotCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(inventory(&sessions), (3, 5, 5, 7, 7, 2, 1));
    assert_eq!(tally(&sessions), (3, 5, 5, 7, 7, 2, 1));
    let each = |id: &str| inventory(std::slice::from_ref(by_id(&sessions, id)));
    assert_eq!(each(A), (1, 2, 2, 4, 4, 0, 1));
    assert_eq!(each(B), (1, 1, 1, 0, 0, 0, 0));
    assert_eq!(each(C), (1, 2, 2, 3, 3, 2, 0));
    // 5 user + 11 assistant + 7 results; starts, resumes, turns, usage, the system prompt and
    // tool.execution_start (which repeats the call) are not events.
    assert_eq!(sessions.iter().map(|s| s.events.len()).sum::<usize>(), 23);
    assert_eq!(fingerprint(&home), before, "the folder (session-store.db included) is byte-identical");
    assert_eq!(siblings(&index), beside_index);
}

#[test]
fn sessions_carry_id_folder_model_title_and_utc_times() {
    let (sessions, _) = read_all(&fixture(HOME), Format::CopilotCli);
    for session in &sessions {
        assert_eq!(session.source, "copilot-cli");
        assert_eq!(session.metadata["cwd"], "/home/dev/copilot-demo");
        assert_eq!(session.metadata["model"], "mock-coder");
        assert_eq!(session.metadata["version"], "1.0.102");
    }
    let a = by_id(&sessions, A);
    assert_eq!(a.title.as_deref(), Some("Summarize this project: read the README and list the files."));
    assert_eq!(by_id(&sessions, B).title.as_deref(), Some("What's the capital of Italy?"));
    let c = by_id(&sessions, C);
    assert_eq!(c.title.as_deref(), Some("テストを実行して結果を教えてください 🚀 (missing-file.txt も確認して)"));
    // C's first line is at 23:09:11.446Z; its resumed run ends after 23:09:13.803Z.
    assert_eq!(c.created_at.to_rfc3339(), "2026-11-30T23:09:11.446+00:00");
    assert!(c.updated_at.to_rfc3339().as_str() > "2026-11-30T23:09:13.803+00:00");
    let phrase = |s: &ImportedSession, text: &str| s.events.iter().any(|e| e.content.contains(text));
    assert!(phrase(c, "completed with exit code 1") && phrase(a, "with its code in"));
    let file = fixture(HOME).join(format!("session-state/{C}/events.jsonl"));
    let lines: Vec<String> = std::fs::read_to_string(file).expect("read").lines().map(str::to_string).collect();
    assert!(c.events.iter().all(|e| lines.contains(&e.content)), "each event is a line, byte for byte");
}

#[test]
fn results_link_to_their_calls_and_a_non_zero_exit_is_an_error() {
    let (sessions, _) = read_all(&fixture(HOME), Format::CopilotCli);
    for session in &sessions {
        let found = blocks(session);
        let calls: Vec<&str> = found
            .iter()
            .filter_map(|b| match b {
                Block::ToolCall { id: Some(id), .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        for (call_id, _, _) in results(session) {
            assert!(calls.contains(&call_id.as_str()), "{call_id} answers a call of its session");
        }
    }
    let c = results(by_id(&sessions, C));
    let outcome: Vec<(&str, bool)> = c.iter().map(|(id, _, error)| (id.as_str(), *error)).collect();
    assert_eq!(outcome, [("call_c_000012", true), ("call_c_000014", true), ("call_c_000017", false)]);
    assert!(c[0].1.ends_with("completed with exit code 1>"), "the exit code shows: {}", c[0].1);
    assert_eq!(c[1].1, "Path does not exist");
    let flagged = by_id(&sessions, C)
        .events
        .iter()
        .filter(|e| e.metadata.as_ref().is_some_and(|m| m.get("error") == Some(&Value::Bool(true))));
    assert_eq!(flagged.count(), 2);
}

/// One event line as Copilot writes it.
fn line(kind: &str, id: &str, parent: Option<&str>, data: Value) -> String {
    json!({"type": kind, "data": data, "id": id, "timestamp": format!("2026-11-30T10:00:{:0>2}.000Z", id.len()),
           "parentId": parent})
    .to_string()
}

/// A resumed session: a run, its shutdown, `session.resume`, and a second run whose shell
/// command exits 2 without saying so in its output.
fn resumed_stream() -> Vec<String> {
    vec![
        line(
            "session.start",
            "e1",
            None,
            json!({"sessionId": "hand-1", "selectedModel": "model-a",
            "copilotVersion": "1.0.102", "context": {"cwd": "/w/one"}}),
        ),
        line("user.message", "e2", Some("e1"), json!({"content": "First question", "interactionId": "i1"})),
        line(
            "assistant.message",
            "e3",
            Some("e2"),
            json!({"content": "First answer", "model": "model-a",
            "toolRequests": [], "interactionId": "i1"}),
        ),
        line("session.shutdown", "e4", Some("e3"), json!({"shutdownType": "routine"})),
        line(
            "session.resume",
            "e5",
            Some("e4"),
            json!({"eventCount": 4, "selectedModel": "model-b",
            "context": {"cwd": "/w/two", "branch": "main"}}),
        ),
        line("user.message", "e6", Some("e5"), json!({"content": "Second question", "interactionId": "i2"})),
        line(
            "assistant.message",
            "e7",
            Some("e6"),
            json!({"content": "", "model": "model-b", "interactionId": "i2",
            "toolRequests": [{"toolCallId": "call_1", "name": "bash", "arguments": {"command": "make"}}]}),
        ),
        line("tool.execution_start", "e8", Some("e7"), json!({"toolCallId": "call_1", "toolName": "bash"})),
        line(
            "tool.execution_complete",
            "e9",
            Some("e8"),
            json!({"toolCallId": "call_1", "success": true,
            "shellExecution": {"exitCode": 2}, "result": {"content": "make: *** no targets"}}),
        ),
        line(
            "assistant.message",
            "e10",
            Some("e9"),
            json!({"content": "The build failed.", "model": "model-b",
            "toolRequests": []}),
        ),
    ]
}

fn write_session(home: &Path, id: &str, lines: &[String]) -> PathBuf {
    let file = home.join(format!("session-state/{id}/events.jsonl"));
    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
    std::fs::write(&file, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
    file
}

#[test]
fn a_resume_in_the_middle_continues_the_same_session() {
    let temp = tempfile::tempdir().expect("temp");
    let file = write_session(temp.path(), "hand-1", &resumed_stream());
    let (sessions, skipped) = read_all(&file, Format::CopilotCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(inventory(&sessions), (1, 2, 2, 1, 1, 1, 0));
    assert_eq!(tally(&sessions), (1, 2, 2, 1, 1, 1, 0));
    let session = &sessions[0];
    assert_eq!(session.source_id, "hand-1");
    assert_eq!(session.events.len(), 6);
    assert_eq!((&session.metadata["model"], &session.metadata["cwd"]), (&json!("model-b"), &json!("/w/two")));
    assert_eq!(session.metadata["branch"], "main");
    assert_eq!(session.title.as_deref(), Some("First question"), "no workspace.yaml: the first words");
    let invocations: Vec<Option<&str>> = session.events.iter().map(|e| e.invocation_id.as_deref()).collect();
    assert_eq!(&invocations[..3], [Some("i1"), Some("i1"), Some("i2")]);
    let shell = results(session);
    assert_eq!(shell, [("call_1".to_string(), "make: *** no targets\n[exit code 2]".to_string(), true)]);
    assert_eq!(session.events[4].metadata.as_ref().map(|m| &m["error"]), Some(&json!(true)));
}

#[test]
fn a_rewind_drops_the_event_it_names_and_all_after_it() {
    let temp = tempfile::tempdir().expect("temp");
    let mut lines = resumed_stream();
    lines.push(line("session.snapshot_rewind", "e11", Some("e10"), json!({"upToEventId": "e6", "eventsRemoved": 5})));
    lines.push(line("user.message", "e12", Some("e5"), json!({"content": "Second question, again"})));
    let file = write_session(temp.path(), "hand-2", &lines);
    let (sessions, _) = read_all(&file, Format::CopilotCli);
    let texts: Vec<String> = blocks(&sessions[0])
        .into_iter()
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["First question", "First answer", "Second question, again"]);
}

#[test]
fn bad_and_cut_off_lines_are_skipped_with_file_and_line() {
    let temp = tempfile::tempdir().expect("temp");
    let mut lines = resumed_stream();
    lines.insert(3, "not json at all".into());
    lines.insert(4, "[1, 2]".into());
    let file = write_session(temp.path(), "hand-3", &lines);
    append(&file, r#"{"type":"user.message","data":{"content":"half"#);
    let (sessions, skipped) = read_all(temp.path(), Format::CopilotCli);
    let at: Vec<String> =
        skipped.iter().map(|s| s.location.rsplit('/').next().unwrap_or_default().to_string()).collect();
    assert_eq!(at, ["events.jsonl:4", "events.jsonl:5", "events.jsonl:13"], "{skipped:?}");
    assert!(skipped[2].reason.contains("truncated"), "{skipped:?}");
    assert_eq!(sessions[0].events.len(), 6, "the rest goes in");
}

fn source(path: &Path) -> Vec<Source> {
    vec![Source { format: Format::CopilotCli, path: path.to_path_buf() }]
}

fn run(store: &Store, path: &Path) -> import::Summary {
    import::run(store, &source(path), &Options::default(), &mut |_| {})
}

#[test]
fn reimport_adds_nothing_and_a_resumed_file_adds_only_its_new_lines() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(HOME, temp.path());
    let store = Store::open_in_memory().expect("store");
    let first = run(&store, &home);
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (3, 23, 0), "{first:#?}");
    let again = run(&store, &home);
    assert_eq!((again.sessions_unchanged, again.events_added), (3, 0), "{again:#?}");

    let resume = line("session.resume", "r1", None, json!({"selectedModel": "mock-coder"}));
    let ask = line("user.message", "r2", Some("r1"), json!({"content": "And Spain?"}));
    let answer = line("assistant.message", "r3", Some("r2"), json!({"content": "Madrid.", "toolRequests": []}));
    append(&home.join(format!("session-state/{B}/events.jsonl")), &format!("{resume}\n{ask}\n{answer}\n"));
    let grown = run(&store, &home);
    assert_eq!((grown.sessions_updated, grown.sessions_unchanged, grown.events_added), (1, 2, 2), "{grown:#?}");
    let session = store.find_by_source("copilot-cli", B).expect("find").expect("session");
    let tail = store.events_tail(&session.id, 2).expect("tail");
    assert_eq!((tail[0].content.as_str(), tail[1].content.as_str()), (ask.as_str(), answer.as_str()));
}

#[test]
fn detection_finds_the_home_its_sessions_one_session_and_one_file() {
    let home = fixture(HOME);
    let session = home.join(format!("session-state/{A}"));
    for path in [home.clone(), home.join("session-state"), session.clone(), session.join("events.jsonl")] {
        assert_eq!(import::detect(&path).expect("detects"), Format::CopilotCli, "{}", path.display());
    }
    // The index database names its home: importing it reads the sessions beside it.
    let index = home.join("session-store.db");
    assert_eq!(import::detect(&index).expect("detects"), Format::CopilotCli);
    assert_eq!(read_all(&index, Format::CopilotCli).0.len(), 3);
    // Early releases kept each stream flat, as session-state/<id>.jsonl.
    let temp = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(temp.path().join("session-state")).expect("mkdir");
    std::fs::copy(session.join("events.jsonl"), temp.path().join(format!("session-state/{A}.jsonl"))).expect("copy");
    let (flat, _) = read_all(temp.path(), Format::CopilotCli);
    assert_eq!((flat.len(), flat[0].source_id.as_str(), flat[0].events.len()), (1, A, 11));
}

#[test]
fn the_binary_imports_and_counts_what_schema_md_says() {
    let temp = tempfile::tempdir().expect("temp");
    let store = temp.path().join("recall.db");
    let recall = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_recall"))
            .arg("--db")
            .arg(&store)
            .args(args)
            .env_remove("RECALL_DB")
            .output()
            .expect("run recall");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let home = fixture(HOME);
    recall(&["import", home.to_str().expect("path")]);
    let stats: Value = serde_json::from_str(&recall(&["stats", "--json"])).expect("json");
    let copilot = &stats["by_source"]["copilot-cli"];
    let got: Vec<u64> = ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning"]
        .iter()
        .map(|key| copilot[key].as_u64().expect(key))
        .collect();
    assert_eq!(got, [3, 5, 5, 7, 7, 2, 1], "{stats}");
    assert_eq!(copilot["unrecognised"], 0);
    assert!(recall(&["stats"]).contains("Copilot CLI"), "stats names the source as its users do");
}
