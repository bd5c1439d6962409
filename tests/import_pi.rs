//! Pi coding agent sessions: the real fixture (SCHEMA.md's inventory), and hand-made files for
//! what the fixture does not show: branches left by `/tree`, a `/fork` file, failed tools and
//! responses, version 1 files, bad lines.

mod import_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use import_support::{append, copy_fixture, fingerprint, fixture, read_all};
use recall::content::{Block, CallIndex, Role, Tally, parse};
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::{Value, json};

const HOME: &str = "pi-coding-agent/0.73.1/dot-pi";
const PROJECT: &str = "pi-coding-agent/0.73.1/dot-pi/agent/sessions/--home-dev-pi-demo--";
const SESSION_A: &str = "01a22eb0-0b01-72b3-a085-bb44a99f544e";
const SESSION_C: &str = "01a22eb0-32a3-7502-98c7-28727ff11c2e";

fn tally(sessions: &[ImportedSession]) -> Tally {
    let mut total = Tally::new();
    for session in sessions {
        let mut one = Tally::new();
        for event in &session.events {
            one.add_event(&serde_json::from_str(&event.content).expect("event is JSON"));
        }
        total.merge(&one);
    }
    total
}

fn counts(t: &Tally) -> [u64; 7] {
    [t.user, t.assistant, t.tool_calls, t.tool_results, t.tool_errors, t.reasoning, t.unrecognised]
}

fn session<'a>(sessions: &'a [ImportedSession], source_id: &str) -> &'a ImportedSession {
    sessions.iter().find(|s| s.source_id == source_id).unwrap_or_else(|| panic!("no session {source_id}"))
}

fn blocks_of(session: &ImportedSession) -> Vec<Vec<Block>> {
    session.events.iter().map(|e| parse(&serde_json::from_str(&e.content).expect("json"))).collect()
}

fn write(path: &Path, lines: &[Value]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(path, text).expect("write");
}

#[test]
fn fixture_counts_match_the_schema_inventory() {
    let home = fixture(HOME);
    let before = fingerprint(&home);
    let (sessions, skipped) = read_all(&home, Format::Pi);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(fingerprint(&home), before, "the fixture changed on disk");
    // SCHEMA.md: 3 sessions; 5 user, 5 assistant with text, 7 calls + 7 results (2 errors),
    // 1 reasoning; per session A 2/2/4/4/0/1, B 1/1/0/0/0/0, C 2/2/3/3/2/0.
    assert_eq!(sessions.len(), 3);
    assert_eq!(counts(&tally(&sessions)), [5, 5, 7, 7, 2, 1, 0]);
    let per_session: Vec<[u64; 7]> = sessions.iter().map(|s| counts(&tally(std::slice::from_ref(s)))).collect();
    assert_eq!(per_session, [[2, 2, 4, 4, 0, 1, 0], [1, 1, 0, 0, 0, 0, 0], [2, 2, 3, 3, 2, 0, 0]]);
    // 14 + 5 + 13 lines, less a header, a model change and a thinking level change each.
    assert_eq!(sessions.iter().map(|s| s.events.len()).collect::<Vec<_>>(), [11, 2, 10]);
    assert_eq!(sessions.iter().flat_map(|s| &s.events).filter(|e| e.metadata.is_some()).count(), 2);
}

#[test]
fn events_are_the_lines_as_written_and_results_link_to_their_calls() {
    let (sessions, _) = read_all(&fixture(HOME), Format::Pi);
    let file = fixture(PROJECT).join(format!("2026-11-30T23-00-18-818Z_{SESSION_A}.jsonl"));
    let lines: Vec<String> = std::fs::read_to_string(&file).expect("read").lines().map(str::to_string).collect();
    let a = session(&sessions, SESSION_A);
    let stored: Vec<&str> = a.events.iter().map(|e| e.content.as_str()).collect();
    assert_eq!(
        stored,
        lines[3..].iter().map(String::as_str).collect::<Vec<_>>(),
        "byte for byte, header and settings left out"
    );
    for session in &sessions {
        let mut index = CallIndex::new();
        for (seq, blocks) in blocks_of(session).iter().enumerate() {
            index.record(seq as i64, blocks);
        }
        for blocks in blocks_of(session) {
            for block in blocks {
                if let Block::ToolResult { call_id: Some(id), .. } = &block {
                    assert!(index.call_for(id).is_some(), "{}: result {id} has no call", session.source_id);
                }
                if let Block::ToolCall { id: Some(id), .. } = &block {
                    assert!(index.result_for(id).is_some(), "{}: call {id} has no result", session.source_id);
                }
            }
        }
    }
    // The assistant line with thinking and two parallel calls.
    let blocks = &blocks_of(a)[1];
    assert_eq!(blocks[0], Block::Reasoning { text: "Start by reading the README and listing the files.".into() });
    assert_eq!(
        blocks[1],
        Block::ToolCall {
            id: Some("call_c_000002".into()),
            name: "read".into(),
            arguments: "{\n  \"path\": \"README.md\"\n}".into()
        }
    );
    let c = session(&sessions, SESSION_C);
    let failed = &blocks_of(c)[2][0];
    let expected = "cat: missing-file.txt: No such file or directory\n\n\nCommand exited with code 1";
    assert_eq!(
        failed,
        &Block::ToolResult {
            call_id: Some("call_c_000012".into()),
            name: Some("bash".into()),
            output: expected.into(),
            is_error: true
        }
    );
    assert_eq!(c.events[2].metadata, Some(json!({"error": true}).as_object().cloned().expect("object")));
}

#[test]
fn sessions_carry_id_title_folder_model_and_utc_times() {
    let (sessions, _) = read_all(&fixture(HOME), Format::Pi);
    let a = session(&sessions, SESSION_A);
    assert_eq!(a.source, "pi");
    assert_eq!(a.title.as_deref(), Some("Summarize this project: read the README and list the files."));
    assert_eq!(a.metadata["cwd"], "/home/dev/pi-demo");
    assert_eq!(a.metadata["model"], "mock-coder");
    assert_eq!(a.metadata["provider"], "mock");
    assert_eq!(a.metadata["thinking_level"], "medium");
    assert_eq!(a.metadata["project"], "--home-dev-pi-demo--");
    assert_eq!(a.metadata["session_version"], 3);
    assert_eq!(a.created_at.to_rfc3339(), "2026-11-30T23:00:18.818+00:00");
    assert_eq!(a.updated_at.to_rfc3339(), "2026-11-30T23:00:22.034+00:00");
    assert_eq!(a.events[0].created_at.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-30T23:00:18.942+00:00"));
    let c = session(&sessions, SESSION_C);
    assert!(c.title.as_deref().is_some_and(|t| t.starts_with("テストを実行して結果を教えてください 🚀")));
}

#[test]
fn home_agent_dir_sessions_dir_project_and_file_are_detected_and_read() {
    let file = fixture(PROJECT).join(format!("2026-11-30T23-00-18-818Z_{SESSION_A}.jsonl"));
    let places: [(PathBuf, usize); 5] = [
        (fixture(HOME), 3),
        (fixture(HOME).join("agent"), 3),
        (fixture(HOME).join("agent/sessions"), 3),
        (fixture(PROJECT), 3),
        (file, 1),
    ];
    for (path, sessions) in places {
        assert_eq!(import::detect(&path).expect("detects"), Format::Pi, "{}", path.display());
        assert_eq!(read_all(&path, Format::Pi).0.len(), sessions, "{}", path.display());
    }
    // The existing formats still detect as before.
    let claude = fixture("claude-code/2.1.330/dot-claude/projects");
    assert_eq!(import::detect(&claude).expect("detects"), Format::ClaudeCode);
    assert_eq!(import::detect(&fixture("codex-cli/0.169.0/codex-home")).expect("detects"), Format::Codex);
}

#[test]
fn reimport_adds_nothing_and_a_grown_file_adds_its_new_lines() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(HOME, temp.path());
    let store = Store::open_in_memory().expect("store");
    let sources = [Source { format: Format::Pi, path: home.clone() }];
    let first = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (3, 23, 0));
    let again = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((again.sessions_unchanged, again.events_added), (3, 0));

    let file = home.join(format!("agent/sessions/--home-dev-pi-demo--/2026-11-30T23-00-18-818Z_{SESSION_A}.jsonl"));
    let next = json!({"type": "message", "id": "feedbeef", "parentId": "3967c7fb", "timestamp": "2026-11-30T23:10:00.000Z",
        "message": {"role": "user", "content": [{"type": "text", "text": "Thanks!"}], "timestamp": 1796080200000_u64}});
    append(&file, &format!("{next}\n"));
    let grown = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((grown.sessions_updated, grown.sessions_unchanged, grown.events_added), (1, 2, 1), "{grown:#?}");
}

/// A session where `/tree` went back to the first answer and the conversation went on from
/// there with a summary of the abandoned branch (Pi's `branchWithSummary`).
fn branched_session() -> Vec<Value> {
    let user = |id: &str, parent: &str, text: &str| {
        json!({"type": "message", "id": id, "parentId": parent, "timestamp": "2026-11-30T10:00:00.000Z",
            "message": {"role": "user", "content": [{"type": "text", "text": text}], "timestamp": 1}})
    };
    let answer = |id: &str, parent: &str, text: &str| {
        json!({"type": "message", "id": id, "parentId": parent, "timestamp": "2026-11-30T10:00:01.000Z",
            "message": {"role": "assistant", "content": [{"type": "text", "text": text}], "provider": "anthropic",
                "model": "claude-sonnet-4-5", "stopReason": "stop", "timestamp": 2}})
    };
    vec![
        json!({"type": "session", "version": 3, "id": "sess-1", "timestamp": "2026-11-30T10:00:00.000Z", "cwd": "/w"}),
        json!({"type": "model_change", "id": "m1", "parentId": null, "timestamp": "2026-11-30T10:00:00.000Z",
            "provider": "anthropic", "modelId": "claude-sonnet-4-5"}),
        user("u1", "m1", "Plan the parser"),
        answer("a1", "u1", "Two passes."),
        user("u2", "a1", "Try one pass instead"),
        answer("a2", "u2", "One pass it is."),
        json!({"type": "branch_summary", "id": "bs", "parentId": "a1", "timestamp": "2026-11-30T10:05:00.000Z",
            "fromId": "a2", "summary": "Tried a single pass; too slow."}),
        user("u3", "bs", "Back to two passes: write it"),
        answer("a3", "u3", "Written."),
        json!({"type": "session_info", "id": "n1", "parentId": "a3", "timestamp": "2026-11-30T10:06:00.000Z",
            "name": "Parser plan"}),
    ]
}

#[test]
fn a_branched_file_shows_the_active_branch_and_keeps_the_other_as_its_own_session() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("--w--/2026-11-30T10-00-00-000Z_sess-1.jsonl");
    let lines = branched_session();
    write(&file, &lines);
    let (sessions, skipped) = read_all(&file, Format::Pi);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 2);
    let main = &sessions[0];
    assert_eq!((main.source_id.as_str(), main.title.as_deref()), ("sess-1", Some("Parser plan")));
    let texts = |s: &ImportedSession| s.events.iter().map(|e| e.content.clone()).collect::<Vec<_>>();
    let line = |at: usize| lines[at].to_string();
    assert_eq!(texts(main), [line(2), line(3), line(6), line(7), line(8)], "root to the last entry");
    assert_eq!(
        blocks_of(main)[2],
        [Block::Text { role: Role::Context, text: "Tried a single pass; too slow.".into() }]
    );
    assert_eq!(main.metadata["model"], "claude-sonnet-4-5");

    let branch = &sessions[1];
    assert_eq!(branch.source_id, "sess-1/branch-u2");
    assert_eq!(texts(branch), [line(4), line(5)], "only what is not on the active branch");
    assert_eq!(branch.metadata["branch_of"], "sess-1");
    assert_eq!(branch.metadata["parent_session"], "sess-1");
    assert_eq!(branch.metadata["branch_from"], "a1");
    assert_eq!(branch.metadata["cwd"], "/w");
    assert_eq!(branch.title.as_deref(), Some("Try one pass instead"));
    // Nothing is counted twice: 3 prompts and 3 answers in all.
    assert_eq!(counts(&tally(&sessions))[..2], [3, 3]);

    // Going back to the abandoned branch and going on makes it the active one.
    let resumed = json!({"type": "message", "id": "u4", "parentId": "a2", "timestamp": "2026-11-30T10:07:00.000Z",
        "message": {"role": "user", "content": "Actually, one pass", "timestamp": 3}});
    append(&file, &format!("{resumed}\n"));
    let (sessions, _) = read_all(&file, Format::Pi);
    assert_eq!(texts(&sessions[0]), [line(2), line(3), line(4), line(5), resumed.to_string()]);
    assert_eq!(sessions[1].source_id, "sess-1/branch-bs");
    assert_eq!(texts(&sessions[1]), [line(6), line(7), line(8)]);
    assert_eq!(sessions[1].metadata["branch_from"], "a1");
}

#[test]
fn a_fork_file_names_the_session_it_came_from() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("2026-11-30T11-00-00-000Z_sess-2.jsonl");
    let mut lines = branched_session();
    lines[0] = json!({"type": "session", "version": 3, "id": "sess-2", "timestamp": "2026-11-30T11:00:00.000Z",
        "cwd": "/w", "parentSession": "/home/dev/.pi/agent/sessions/--w--/2026-11-30T10-00-00-000Z_sess-1.jsonl"});
    write(&file, &[lines[0].clone(), lines[1].clone(), lines[2].clone(), lines[3].clone()]);
    let (sessions, _) = read_all(&file, Format::Pi);
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].source_id, "sess-2");
    assert_eq!(sessions[0].metadata["parent_session"], "sess-1");
    assert!(sessions[0].metadata["parent_session_path"].as_str().is_some_and(|p| p.ends_with("_sess-1.jsonl")));
}

#[test]
fn failed_tools_and_responses_are_errors_and_user_shell_commands_are_context() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("2026-11-30T12-00-00-000Z_sess-3.jsonl");
    let lines = vec![
        json!({"type": "session", "version": 3, "id": "sess-3", "timestamp": "2026-11-30T12:00:00.000Z", "cwd": "/w"}),
        json!({"type": "message", "id": "u1", "parentId": null, "timestamp": "2026-11-30T12:00:01.000Z",
            "message": {"role": "user", "content": "Delete the build folder", "timestamp": 1}}),
        json!({"type": "message", "id": "a1", "parentId": "u1", "timestamp": "2026-11-30T12:00:02.000Z",
            "message": {"role": "assistant", "content": [{"type": "toolCall", "id": "t1", "name": "bash",
                "arguments": {"command": "rm -r build"}}], "stopReason": "toolUse", "timestamp": 2}}),
        json!({"type": "message", "id": "r1", "parentId": "a1", "timestamp": "2026-11-30T12:00:03.000Z",
            "message": {"role": "toolResult", "toolCallId": "t1", "toolName": "bash",
                "content": [{"type": "text", "text": "rm: build: Permission denied"}], "details": {}, "isError": true, "timestamp": 3}}),
        json!({"type": "message", "id": "a2", "parentId": "r1", "timestamp": "2026-11-30T12:00:04.000Z",
            "message": {"role": "assistant", "content": [], "stopReason": "error", "errorMessage": "429 rate limited", "timestamp": 4}}),
        json!({"type": "message", "id": "x1", "parentId": "a2", "timestamp": "2026-11-30T12:00:05.000Z",
            "message": {"role": "bashExecution", "command": "ls build", "output": "ls: build: No such file\n",
                "exitCode": 2, "cancelled": false, "truncated": false, "timestamp": 5}}),
    ];
    write(&file, &lines);
    let (sessions, _) = read_all(&file, Format::Pi);
    let blocks = blocks_of(&sessions[0]);
    assert_eq!(
        blocks[2],
        [Block::ToolResult {
            call_id: Some("t1".into()),
            name: Some("bash".into()),
            output: "rm: build: Permission denied".into(),
            is_error: true
        }]
    );
    assert_eq!(blocks[3], [Block::Text { role: Role::Context, text: "[error] 429 rate limited".into() }]);
    assert_eq!(
        blocks[4],
        [Block::Text { role: Role::Context, text: "! ls build\nls: build: No such file\n\n[exit code 2]".into() }]
    );
    let flagged: Vec<bool> = sessions[0].events.iter().map(|e| e.metadata.is_some()).collect();
    assert_eq!(flagged, [false, false, true, true, false]);
    assert_eq!(counts(&tally(&sessions)), [1, 0, 1, 1, 1, 0, 0]);
}

#[test]
fn bad_lines_are_skipped_with_their_place_and_foreign_files_are_named() {
    let temp = tempfile::tempdir().expect("temp");
    let project = temp.path().join("--w--");
    let lines = branched_session();
    let good = project.join("2026-11-30T10-00-00-000Z_sess-1.jsonl");
    let text: String = lines
        .iter()
        .enumerate()
        .map(|(at, l)| if at == 4 { "{\"type\": \"mess\n".to_string() } else { format!("{l}\n") })
        .collect();
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::write(&good, text).expect("write");
    std::fs::write(project.join("notes.jsonl"), "{\"role\": \"user\", \"content\": \"hi\"}\n").expect("write");
    let (sessions, skipped) = read_all(&project, Format::Pi);
    let places: Vec<String> = skipped.iter().map(|s| s.location.clone()).collect();
    assert_eq!(places, [format!("{}:5", good.display()), format!("{}:1", project.join("notes.jsonl").display())]);
    assert!(skipped[1].reason.contains("not a Pi session"), "{:?}", skipped[1]);
    // The lost line was u2, on the branch: a2 now hangs from the line before it and stays.
    let all: usize = sessions.iter().map(|s| s.events.len()).sum();
    assert_eq!(all, 6);
}

#[test]
fn version_1_files_are_one_chain_in_line_order() {
    let temp = tempfile::tempdir().expect("temp");
    let file = temp.path().join("old.jsonl");
    write(
        &file,
        &[
            json!({"type": "session", "id": "old-1", "timestamp": "2025-01-01T00:00:00.000Z", "cwd": "/w"}),
            json!({"type": "message", "timestamp": "2025-01-01T00:00:01.000Z", "message": {"role": "user", "content": "Hello"}}),
            json!({"type": "message", "timestamp": "2025-01-01T00:00:02.000Z",
                "message": {"role": "assistant", "content": [{"type": "text", "text": "Hi!"}]}}),
        ],
    );
    let (sessions, skipped) = read_all(&file, Format::Pi);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!((sessions.len(), sessions[0].events.len()), (1, 2));
    assert_eq!(sessions[0].title.as_deref(), Some("Hello"));
}

#[test]
fn the_binary_imports_with_format_pi_and_stats_give_the_inventory() {
    let temp = tempfile::tempdir().expect("temp");
    let db = temp.path().join("store.db");
    let recall = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_recall")).arg("--db").arg(&db).args(args).output().expect("run");
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let project = fixture(PROJECT);
    recall(&["import", "--format", "pi", project.to_str().expect("path")]);
    let stats: Value = serde_json::from_str(&recall(&["stats", "--json"])).expect("json");
    let pi = &stats["by_source"]["pi"];
    let got: Vec<u64> =
        ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning", "unrecognised"]
            .iter()
            .map(|key| pi[key].as_u64().unwrap_or(u64::MAX))
            .collect();
    assert_eq!(got, [3, 5, 5, 7, 7, 2, 1, 0], "{stats}");
    let again = recall(&["import", project.to_str().expect("path")]);
    assert!(again.contains("0 sessions added, 0 updated, 3 unchanged"), "{again}");
    let stored = Store::open(&db).expect("open");
    assert_eq!(stored.session_count().expect("count"), 3);
}
