//! Gemini CLI chats through the `gemini-cli` reader: the 0.61.0 fixture written by the real CLI
//! (SCHEMA.md's inventory), hand-made pre-0.40 `.json` sessions, and a hand-made file per
//! trap: `$rewindTo`, a message rewritten in place, a resume replaying tool results, a subagent
//! chat folder, a migrated `.json` beside its `.jsonl`, bad lines.

mod import_support;

use std::path::Path;

use import_support::{append, copy_fixture, fingerprint, fixture, read_all};
use recall::content::{self, Block, CallIndex, Role, Tally};
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::{Value, json};

const HOME: &str = "gemini-cli/0.61.0/dot-gemini";
const CHATS: &str = "gemini-cli/0.61.0/dot-gemini/tmp/gemini-demo/chats";
const LEGACY: &str = "gemini-cli/handmade-0.30/dot-gemini";

/// (sessions, user, assistant with words, tool calls, tool results, tool errors, reasoning)
type Inventory = (usize, u64, u64, u64, u64, u64, u64);

/// recall's own reading of the sessions, a fresh tally per session as `recall stats` keeps.
fn inventory(sessions: &[ImportedSession]) -> Inventory {
    let mut total = Tally::new();
    for session in sessions {
        let tally = tally(session);
        assert_eq!(tally.unrecognised, 0, "{}: events shown as raw JSON", session.source_id);
        total.merge(&tally);
    }
    let t = total;
    (sessions.len(), t.user, t.assistant, t.tool_calls, t.tool_results, t.tool_errors, t.reasoning)
}

fn tally(session: &ImportedSession) -> Tally {
    let mut tally = Tally::new();
    for event in &session.events {
        tally.add_event(&json_of(&event.content));
    }
    tally
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("event content is JSON")
}

fn session<'a>(sessions: &'a [ImportedSession], id_start: &str) -> &'a ImportedSession {
    sessions.iter().find(|s| s.source_id.starts_with(id_start)).unwrap_or_else(|| panic!("no session {id_start}"))
}

/// Every result answers a call of its session, and no call is answered twice.
fn assert_linked_once(session: &ImportedSession) {
    let mut index = CallIndex::new();
    let mut result_ids = Vec::new();
    for (seq, event) in session.events.iter().enumerate() {
        let blocks = content::parse(&json_of(&event.content));
        index.record(seq as i64, &blocks);
        for block in &blocks {
            if let Block::ToolResult { call_id, .. } = block {
                result_ids.push(call_id.clone().expect("results carry their call id"));
            }
        }
    }
    for id in &result_ids {
        assert!(index.call_for(id).is_some(), "{}: result {id} has no call", session.source_id);
        assert_eq!(result_ids.iter().filter(|other| *other == id).count(), 1, "{id} answered twice");
    }
}

/// Tool results in a session, as (tool name, failed).
fn results(session: &ImportedSession) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for event in &session.events {
        for block in content::parse(&json_of(&event.content)) {
            if let Block::ToolResult { name, is_error, .. } = block {
                found.push((name.unwrap_or_default(), is_error));
            }
        }
    }
    found
}

#[test]
fn the_061_fixture_holds_what_schema_md_counts() {
    let path = fixture(HOME);
    let before = fingerprint(&path);
    assert_eq!(import::detect(&path).expect("detects"), Format::GeminiCli);
    let (sessions, skipped) = read_all(&path, Format::GeminiCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(fingerprint(&path), before, "the fixture changed on disk");
    // SCHEMA.md: 3 sessions, 5 user, 7 assistant, 7 calls, 7 results, 1 error, 2 reasoning.
    assert_eq!(inventory(&sessions), (3, 5, 7, 7, 7, 1, 2));
    // Per session (user/assistant/calls/results/errors/reasoning).
    for (id, expected) in
        [("c776d0ad", (2, 3, 2, 2, 0, 1)), ("7aa3ab14", (2, 2, 0, 0, 0, 1)), ("31b5482c", (1, 2, 5, 5, 1, 0))]
    {
        let t = tally(session(&sessions, id));
        assert_eq!((t.user, t.assistant, t.tool_calls, t.tool_results, t.tool_errors, t.reasoning), expected, "{id}");
    }
    for s in &sessions {
        assert_linked_once(s);
        assert_eq!(s.source, "gemini-cli");
        assert_eq!(s.metadata["cwd"], "/home/dev/gemini-demo");
        assert_eq!(s.metadata["project"], "gemini-demo");
        assert_eq!(s.metadata["model"], "gemini-3.8-flash");
    }
    let errors = session(&sessions, "31b5482c");
    // read_file of the missing file failed; `cat` exiting 1 is a success for the CLI.
    let failed: Vec<String> = results(errors).into_iter().filter(|(_, failed)| *failed).map(|(name, _)| name).collect();
    assert_eq!(failed, ["read_file"]);
    let flagged = errors.events.iter().filter(|e| e.metadata.as_ref().is_some_and(|m| m["error"] == true)).count();
    assert_eq!(flagged, 1, "the event holding the failed result is flagged");
}

#[test]
fn the_061_sessions_carry_ids_titles_times_and_text_as_written() {
    let (sessions, _) = read_all(&fixture(HOME), Format::GeminiCli);
    let first = session(&sessions, "c776d0ad");
    assert_eq!(first.source_id, "c776d0ad-374b-4d59-9170-2363c1c6d424", "the sessionId, not the file name");
    assert_eq!(first.title.as_deref(), Some("What is in this project?"), "the preamble is not the title");
    // startTime of the first header (a resume writes another); lastUpdated of the last $set.
    assert_eq!(first.created_at.to_rfc3339(), "2026-11-30T23:03:08.801+00:00");
    assert_eq!(first.updated_at.to_rfc3339(), "2026-11-30T23:03:10.839+00:00");
    assert!(first.events.iter().any(|e| e.content.contains("Maintained by the fixture crew")));
    assert!(first.events.iter().any(|e| e.content.contains("a small Rust CLI")));
    let japanese = session(&sessions, "7aa3ab14");
    assert_eq!(japanese.title.as_deref(), Some("Explain Rust ownership in one sentence."));

    // Each event is a message's last version: its own line, or its element of the $set list
    // of the resume, byte for byte.
    let file = fixture(CHATS).join("session-2026-11-30T23-03-c776d0ad.jsonl");
    let text = std::fs::read_to_string(&file).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    for event in &first.events {
        assert!(text.contains(&event.content), "not in the file as written: {}", event.content);
    }
    assert!(lines.contains(&first.events.last().expect("events").content.as_str()), "the answer is its own line");
    let replay = lines[14];
    assert!(replay.starts_with(r#"{"$set":{"messages":"#));
    assert!(!lines.contains(&first.events[1].content.as_str()) && replay.contains(&first.events[1].content));
    // Dated when first written, not when the resume rewrote them (23:03:10.715).
    let times: Vec<String> =
        first.events.iter().map(|e| e.created_at.expect("time").format("%H:%M:%S%.3f").to_string()).collect();
    assert_eq!(
        times,
        [
            "23:03:08.802",
            "23:03:08.839",
            "23:03:08.904",
            "23:03:08.904",
            "23:03:08.967",
            "23:03:10.741",
            "23:03:10.803",
            "23:03:10.839"
        ]
    );
    // The preamble is kept, as context.
    let preamble = content::parse(&json_of(&first.events[0].content));
    assert!(
        matches!(&preamble[..], [Block::Text { role: Role::Context, text }] if text.starts_with("<session_context>"))
    );
}

#[test]
fn home_tmp_project_chats_and_one_file_are_each_detected_and_read() {
    let chats = fixture(CHATS);
    let one = chats.join("session-2026-11-30T23-03-7aa3ab14.jsonl");
    let home = fixture(HOME);
    for (path, sessions) in [
        (home.clone(), 3),
        (home.join("tmp"), 3),
        (chats.parent().expect("project").to_path_buf(), 3),
        (chats, 3),
        (one, 1),
    ] {
        assert_eq!(import::detect(&path).expect("detects"), Format::GeminiCli, "{}", path.display());
        assert_eq!(read_all(&path, Format::GeminiCli).0.len(), sessions, "{}", path.display());
    }
}

#[test]
fn reimporting_adds_nothing_and_a_grown_file_adds_its_new_messages() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(HOME, temp.path());
    let store = Store::open_in_memory().expect("store");
    let sources = [Source { format: Format::GeminiCli, path: home.clone() }];
    let first = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (3, 20, 0), "{first:#?}");
    let again = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((again.sessions_unchanged, again.events_added), (3, 0), "{again:#?}");

    let file = home.join("tmp/gemini-demo/chats/session-2026-11-30T23-03-7aa3ab14.jsonl");
    let prompt = json!({"id": "n1", "timestamp": "2026-11-30T23:04:00.000Z", "type": "user", "content": [{"text": "And borrowing?"}]});
    let answer = json!({"id": "n2", "timestamp": "2026-11-30T23:04:01.000Z", "type": "gemini", "content": "Borrowing lends without moving.", "model": "gemini-3.8-flash"});
    append(&file, &format!("{prompt}\n{{\"$set\":{{\"lastUpdated\":\"2026-11-30T23:04:00.000Z\"}}}}\n{answer}\n"));
    let grown = import::run(&store, &sources, &Options::default(), &mut |_| {});
    assert_eq!((grown.sessions_updated, grown.sessions_unchanged, grown.events_added), (1, 2, 2), "{grown:#?}");
    let stored =
        store.find_by_source("gemini-cli", "7aa3ab14-119a-47aa-b480-cd7c95f8cf5b").expect("find").expect("session");
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
            .expect("run recall");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    recall(&["import", fixture(HOME).to_str().expect("path")]);
    let stats: Value = serde_json::from_str(&recall(&["stats", "--json"])).expect("json");
    let counts = &stats["by_source"]["gemini-cli"];
    let got: Vec<u64> =
        ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning", "unrecognised"]
            .iter()
            .map(|key| counts[*key].as_u64().unwrap_or(u64::MAX))
            .collect();
    assert_eq!(got, [3, 5, 7, 7, 7, 1, 2, 0], "{stats}");
}

#[test]
fn pre_040_json_sessions_are_read_with_the_same_inventory() {
    let home = fixture(LEGACY);
    let before = fingerprint(&home);
    assert_eq!(import::detect(&home).expect("detects"), Format::GeminiCli);
    let chats = home.join("tmp/gemini-demo/chats");
    let one = chats.join("session-2026-02-10T11-00-47086bc8.json");
    assert_eq!(import::detect(&chats).expect("detects"), Format::GeminiCli);
    assert_eq!(import::detect(&one).expect("detects"), Format::GeminiCli);
    let (sessions, skipped) = read_all(&home, Format::GeminiCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(fingerprint(&home), before);
    assert_eq!(inventory(&sessions), (3, 5, 7, 7, 7, 1, 2));
    let counts: Vec<usize> =
        ["3cbadf0f", "30af20af", "47086bc8"].iter().map(|id| session(&sessions, id).events.len()).collect();
    assert_eq!(counts, [6, 4, 3]);
    let errors = session(&sessions, "47086bc8");
    assert_linked_once(errors);
    assert_eq!(errors.metadata["cwd"], "/home/dev/gemini-demo");
    assert_eq!(errors.created_at.to_rfc3339(), "2026-02-10T11:00:00+00:00");
    // Each message is its element of the document, indentation and all.
    let text = std::fs::read_to_string(&one).expect("read");
    assert!(errors.events.iter().all(|e| text.contains(&e.content) && e.content.contains("\n      ")));
}

/// A JSONL session file from lines, in `dir/tmp/demo/chats/` (or a subfolder of it).
fn write_session(dir: &Path, relative: &str, lines: &[Value]) -> std::path::PathBuf {
    let file = dir.join("tmp/demo/chats").join(relative);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(&file, text).expect("write");
    file
}

fn header(id: &str) -> Value {
    json!({"sessionId": id, "projectHash": "ab12", "startTime": "2026-11-30T10:00:00.000Z", "lastUpdated": "2026-11-30T10:00:00.000Z", "kind": "main"})
}

fn user(id: &str, text: &str) -> Value {
    json!({"id": id, "timestamp": "2026-11-30T10:00:01.000Z", "type": "user", "content": [{"text": text}]})
}

fn reply(id: &str, text: &str) -> Value {
    json!({"id": id, "timestamp": "2026-11-30T10:00:02.000Z", "type": "gemini", "content": text, "model": "gemini-3.8-flash"})
}

fn texts(session: &ImportedSession) -> Vec<String> {
    session
        .events
        .iter()
        .flat_map(|e| content::parse(&json_of(&e.content)))
        .filter_map(|b| match b {
            Block::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

#[test]
fn rewind_drops_the_message_and_all_after_it() {
    let temp = tempfile::tempdir().expect("temp");
    let file = write_session(
        temp.path(),
        "session-2026-11-30T10-00-aaaa0001.jsonl",
        &[
            header("aaaa0001"),
            user("u1", "first"),
            reply("g1", "one"),
            user("u2", "second"),
            reply("g2", "two"),
            json!({"$rewindTo": "u2"}),
            user("u3", "second, again"),
            reply("g3", "two, again"),
        ],
    );
    let (sessions, skipped) = read_all(&file, Format::GeminiCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(texts(&sessions[0]), ["first", "one", "second, again", "two, again"]);
    // An unknown id drops everything, as the CLI's loader does.
    append(&file, &format!("{}\n{}\n{}\n", json!({"$rewindTo": "nowhere"}), user("u4", "fresh"), reply("g4", "start")));
    let (sessions, _) = read_all(&file, Format::GeminiCli);
    assert_eq!(texts(&sessions[0]), ["fresh", "start"]);
}

#[test]
fn a_rewritten_message_replaces_the_earlier_one_where_it_stood() {
    let temp = tempfile::tempdir().expect("temp");
    let rewritten = reply("g1", "final words");
    let file = write_session(
        temp.path(),
        "session-2026-11-30T10-00-aaaa0002.jsonl",
        &[header("aaaa0002"), user("u1", "question"), reply("g1", "draft"), user("u2", "next"), rewritten.clone()],
    );
    let (sessions, _) = read_all(&file, Format::GeminiCli);
    assert_eq!(texts(&sessions[0]), ["question", "final words", "next"]);
    assert_eq!(sessions[0].events[1].content, rewritten.to_string(), "the last version, byte for byte");
    assert_eq!(sessions[0].title.as_deref(), Some("question"), "no summary yet: the first prompt");
    append(&file, "{\"$set\":{\"summary\":\"Words, drafted then final\"}}\n");
    assert_eq!(read_all(&file, Format::GeminiCli).0[0].title.as_deref(), Some("Words, drafted then final"));
}

#[test]
fn a_resume_that_replays_tool_results_shows_each_call_and_result_once() {
    let call_id = "read_file__read_file_1_0";
    let response = json!({"functionResponse": {"id": call_id, "name": "read_file", "response": {"output": "hello"}}});
    let with_calls = json!({"id": "g1", "timestamp": "2026-11-30T10:00:02.000Z", "type": "gemini", "content": "Reading.",
        "toolCalls": [{"id": call_id, "name": "read_file", "args": {"file_path": "a.txt"}, "result": [response], "status": "success"}]});
    let results_record =
        json!({"id": "r1", "timestamp": "2026-11-30T10:00:03.000Z", "type": "user", "content": [response]});
    // The resume: the whole history again, in API shape, with a synthetic `_response` record
    // and the original results record both carrying the same call id.
    let replay = json!({"$set": {"messages": [
        user("u1", "read a.txt"),
        {"id": "g1", "timestamp": "2026-11-30T11:00:00.000Z", "type": "gemini", "content": [
            {"text": "**Reading** the file", "thought": true}, {"text": "Reading."},
            {"functionCall": {"id": call_id, "name": "read_file", "args": {"file_path": "a.txt"}}}]},
        {"id": "g1_response", "timestamp": "2026-11-30T11:00:00.000Z", "type": "user", "content": [response]},
        {"id": "r1", "timestamp": "2026-11-30T11:00:00.000Z", "type": "user", "content": [response]},
        reply("g2", "It says hello."),
    ]}});
    let temp = tempfile::tempdir().expect("temp");
    let lines =
        [header("aaaa0003"), user("u1", "read a.txt"), with_calls, results_record, reply("g2", "It says hello.")];
    let file = write_session(temp.path(), "session-2026-11-30T10-00-aaaa0003.jsonl", &lines);
    let before_resume = read_all(&file, Format::GeminiCli).0;
    append(
        &file,
        &format!("{}\n{replay}\n{}\n{}\n", header("aaaa0003"), user("u3", "thanks"), reply("g3", "You're welcome.")),
    );
    let after_resume = read_all(&file, Format::GeminiCli).0;
    for (name, sessions, events) in [("before resume", &before_resume, 3), ("after resume", &after_resume, 6)] {
        let session = &sessions[0];
        assert_eq!(session.events.len(), events, "{name}: the repeated results record is not an event");
        let t = tally(session);
        assert_eq!((t.tool_calls, t.tool_results, t.tool_errors), (1, 1, 0), "{name}");
        assert_linked_once(session);
    }
    assert_eq!(tally(&after_resume[0]).reasoning, 1, "the replayed thought");
}

#[test]
fn a_subagent_chat_is_a_session_of_its_own_under_its_parent() {
    let temp = tempfile::tempdir().expect("temp");
    write_session(
        temp.path(),
        "session-2026-11-30T10-00-aaaa0004.jsonl",
        &[header("aaaa0004"), user("u1", "review this"), reply("g1", "Asking a helper.")],
    );
    let mut sub_header = header("cccc0004-reviewer");
    sub_header["kind"] = json!("subagent");
    sub_header["directories"] = json!(["/home/dev/demo"]);
    write_session(
        temp.path(),
        "aaaa0004/cccc0004-reviewer.jsonl",
        &[sub_header, user("s1", "Review src/"), reply("s2", "Looks fine.")],
    );
    assert_eq!(import::detect(temp.path()).expect("detects"), Format::GeminiCli);
    let (sessions, skipped) = read_all(temp.path(), Format::GeminiCli);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(sessions.len(), 2);
    let sub = session(&sessions, "cccc0004-reviewer");
    assert_eq!(sub.metadata["parent_session"], "aaaa0004");
    assert_eq!(sub.metadata["kind"], "subagent");
    assert_eq!(sub.metadata["cwd"], "/home/dev/demo", "no .project_root: the session's own directories");
    assert!(session(&sessions, "aaaa0004").metadata.get("parent_session").is_none());
    // The subagent folder alone is read too.
    let folder = temp.path().join("tmp/demo/chats/aaaa0004");
    assert_eq!(read_all(&folder, Format::GeminiCli).0.len(), 1);
}

#[test]
fn a_json_session_migrated_to_jsonl_is_read_once() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(LEGACY, temp.path());
    let chats = home.join("tmp/gemini-demo/chats");
    let legacy = chats.join("session-2026-02-10T10-00-30af20af.json");
    // On resume the CLI copies the document into `<name>.jsonl` and goes on there.
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&legacy).expect("read")).expect("json");
    let mut lines = vec![
        json!({"sessionId": document["sessionId"], "projectHash": document["projectHash"], "startTime": document["startTime"], "lastUpdated": document["lastUpdated"]}),
    ];
    lines.extend(document["messages"].as_array().expect("messages").iter().cloned());
    lines.push(user("b5", "One more question"));
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(legacy.with_extension("jsonl"), text).expect("write");
    let (sessions, _) = read_all(&home, Format::GeminiCli);
    assert_eq!(sessions.len(), 3);
    assert_eq!(session(&sessions, "30af20af").events.len(), 5, "read from the .jsonl, which has all of it");
}

#[test]
fn bad_lines_are_skipped_with_their_place_and_the_rest_goes_in() {
    let temp = tempfile::tempdir().expect("temp");
    let file = write_session(
        temp.path(),
        "session-2026-11-30T10-00-aaaa0005.jsonl",
        &[header("aaaa0005"), user("u1", "hello"), reply("g1", "hi")],
    );
    append(&file, "{not json\n[1, 2]\n");
    append(
        &file,
        &format!("{}\n{{\"id\": \"g2\", \"type\": \"gemini\", \"content\": \"cut", reply("g1b", "still here")),
    );
    let (sessions, skipped) = read_all(&file, Format::GeminiCli);
    let places: Vec<String> =
        skipped.iter().map(|s| s.location.rsplit(':').next().unwrap_or_default().to_string()).collect();
    assert_eq!(places, ["4", "5", "7"], "{skipped:?}");
    assert!(skipped[2].reason.contains("truncated"), "{skipped:?}");
    assert_eq!(texts(&sessions[0]), ["hello", "hi", "still here"]);
}

#[test]
fn a_json_session_that_does_not_parse_is_reported_and_the_others_go_in() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture(LEGACY, temp.path());
    let broken = home.join("tmp/gemini-demo/chats/session-2026-02-11T08-00-deadbeef.json");
    std::fs::write(&broken, "{\n  \"sessionId\": \"deadbeef\",\n  \"messages\": [\n").expect("write");
    let (sessions, skipped) = read_all(&home, Format::GeminiCli);
    assert_eq!(sessions.len(), 3);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].location, broken.display().to_string());
}
