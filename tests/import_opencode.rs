//! OpenCode: the real 1.18.33 database (`opencode.db`, SCHEMA.md's inventory: 3 sessions, 5 user
//! / 7 assistant messages with text, 7 tool parts with 1 error, 2 reasoning parts), a live
//! database in WAL mode, a hand-made legacy `storage/` tree (SCHEMA.md "Legacy JSON layout"),
//! bad rows and files. Counts are made here from the stored JSON, independently of recall's
//! content parser, and again through the parser (`Tally`) and the real binary.

mod import_support;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use import_support::{Inventory, blocks, by_id, copy_fixture, fingerprint, fixture, read_all, siblings, tally};
use recall::content::Block;
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::{Value, json};

const DB: &str = "opencode/1.18.33/dot-local-share-opencode/opencode.db";
const HOME: &str = "opencode/1.18.33/dot-local-share-opencode";
const S1: &str = "ses_dd14d315fffecGMiHoRb0WDIhT";
const S2: &str = "ses_dd14d141cffevhpVKOJdE6RePs";
const S3: &str = "ses_dd14cf9bbffeXbDOWc1q9opfbC";

/// Counts from the stored events' JSON: a message with a non-synthetic text part is a user
/// message or an assistant reply with text; each tool part is a call, and a result once
/// completed or failed; `state.status == "error"` is the only error.
fn inventory(sessions: &[ImportedSession]) -> Inventory {
    let mut n = (sessions.len(), 0, 0, 0, 0, 0, 0);
    for event in sessions.iter().flat_map(|s| &s.events) {
        let event: Value = serde_json::from_str(&event.content).expect("json");
        let parts = event["parts"].as_array().expect("parts");
        let has_text = parts.iter().any(|p| p["type"] == "text" && p["synthetic"] != true);
        match event["message"]["role"].as_str() {
            Some("user") if has_text => n.1 += 1,
            Some("assistant") if has_text => n.2 += 1,
            _ => {}
        }
        for part in parts {
            match (part["type"].as_str(), part["state"]["status"].as_str()) {
                (Some("tool"), status) => {
                    n.3 += 1;
                    n.4 += usize::from(matches!(status, Some("completed" | "error")));
                    n.5 += usize::from(status == Some("error"));
                }
                (Some("reasoning"), _) => n.6 += 1,
                _ => {}
            }
        }
    }
    n
}

#[test]
fn the_fixture_database_gives_schema_md_inventory() {
    let home = fixture(HOME);
    let before = fingerprint(&home);
    let (sessions, skipped) = read_all(&home, Format::Opencode);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(inventory(&sessions), (3, 5, 7, 7, 7, 1, 2));
    assert_eq!(tally(&sessions), (3, 5, 7, 7, 7, 1, 2));
    // Per session (user/assistant/calls/results/errors/reasoning) from SCHEMA.md.
    let each = |id: &str| inventory(std::slice::from_ref(by_id(&sessions, id)));
    assert_eq!(each(S1), (1, 2, 3, 2, 2, 0, 1));
    assert_eq!(each(S2), (1, 2, 2, 0, 0, 0, 1));
    assert_eq!(each(S3), (1, 1, 2, 5, 5, 1, 0));
    // One event per message row (16), none from the event table's 152 rows.
    assert_eq!(sessions.iter().map(|s| s.events.len()).sum::<usize>(), 16);
    assert_eq!(fingerprint(&home), before, "the folder is byte-identical");
    assert_eq!(siblings(&fixture(DB)), vec![fixture(DB)], "no -wal or -shm appears");
}

#[test]
fn sessions_carry_id_folder_model_title_and_utc_times() {
    let (sessions, _) = read_all(&fixture(DB), Format::Opencode);
    let order: Vec<&str> = sessions.iter().map(|s| s.source_id.as_str()).collect();
    assert_eq!(order, [S1, S2, S3], "by creation time");
    for session in &sessions {
        assert_eq!(session.source, "opencode");
        assert_eq!(session.title.as_deref(), Some("Exploring the chat-browser project"));
        assert_eq!(session.metadata["cwd"], "/home/dev/opencode-demo");
        assert_eq!(session.metadata["model"], "claude-sonnet-4-5");
        assert_eq!(session.metadata["version"], "1.18.33");
        assert!(!session.metadata.contains_key("project"), "the global project is no project");
    }
    let s1 = by_id(&sessions, S1);
    // session.time_created 1796079799968, time_updated 1796079805079 (Unix ms).
    assert_eq!(s1.created_at.to_rfc3339(), "2026-11-30T23:03:19.968+00:00");
    assert_eq!(s1.updated_at.to_rfc3339(), "2026-11-30T23:03:25.079+00:00");
    assert_eq!(s1.events[0].created_at.map(|t| t.timestamp_millis()), Some(1796079800044));
    let phrase = |id: &str, text: &str| by_id(&sessions, id).events.iter().any(|e| e.content.contains(text));
    assert!(phrase(S1, "Maintained by the fixture crew") && phrase(S1, "a small Rust CLI"));
    assert!(phrase(S2, "このプロジェクトを一言で説明してください 🦀"));
}

#[test]
fn events_hold_the_rows_json_byte_for_byte_in_opencode_order() {
    let conn = rusqlite::Connection::open_with_flags(
        format!("file:{}?immutable=1", fixture(DB).display()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .expect("open fixture");
    let query = |sql: &str, id: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("prepare");
        stmt.query_map([id], |row| row.get(0)).expect("query").map(|r| r.expect("row")).collect()
    };
    let (sessions, _) = read_all(&fixture(DB), Format::Opencode);
    let s3 = by_id(&sessions, S3);
    let ids = query("SELECT id FROM message WHERE session_id = ?1 ORDER BY time_created, id", S3);
    assert_eq!(s3.events.len(), ids.len());
    for (event, id) in s3.events.iter().zip(&ids) {
        let data = query("SELECT data FROM message WHERE id = ?1", id).remove(0);
        let parts = query("SELECT data FROM part WHERE message_id = ?1 ORDER BY id", id).join(",");
        let expected = format!("{{\"opencode_message\":\"{id}\",\"message\":{data},\"parts\":[{parts}]}}");
        assert_eq!(event.content, expected);
    }
}

#[test]
fn tool_parts_are_calls_with_linked_results_and_only_status_error_fails() {
    let (sessions, _) = read_all(&fixture(DB), Format::Opencode);
    let s3 = by_id(&sessions, S3);
    let found = blocks(s3);
    let calls: Vec<(&str, &str)> = found
        .iter()
        .filter_map(|b| match b {
            Block::ToolCall { id: Some(id), name, .. } => Some((id.as_str(), name.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(calls.iter().map(|c| c.1).collect::<Vec<_>>(), ["bash", "read", "bash", "write", "edit"]);
    for block in &found {
        if let Block::ToolResult { call_id, name, output, is_error } = block {
            let call = calls.iter().find(|c| Some(c.0) == call_id.as_deref()).expect("result follows its call");
            assert_eq!(name.as_deref(), Some(call.1));
            assert_eq!(*is_error, call.0 == "toolu_x_000014", "{call_id:?}: {output}");
        }
    }
    let bash_exit_1 = found.iter().any(|b| {
        matches!(b, Block::ToolResult { output, is_error: false, .. } if output.starts_with("cat: missing-file.txt"))
    });
    assert!(bash_exit_1, "a command exiting 1 is a completed call for OpenCode");
    let flagged: Vec<usize> = (0..s3.events.len())
        .filter(|&i| s3.events[i].metadata.as_ref().is_some_and(|m| m.get("error") == Some(&Value::Bool(true))))
        .collect();
    assert_eq!(flagged, [1], "the step whose read failed");
    assert!(matches!(&blocks(by_id(&sessions, S2))[..], [Block::Text { .. }, Block::Reasoning { .. }, ..]));
}

fn source(path: &Path) -> Vec<Source> {
    vec![Source { format: Format::Opencode, path: path.to_path_buf() }]
}

fn run(store: &Store, path: &Path) -> import::Summary {
    import::run(store, &source(path), &Options::default(), &mut |_| {})
}

#[test]
fn reimport_adds_nothing_and_detection_finds_every_entry_point() {
    let store = Store::open_in_memory().expect("store");
    let first = run(&store, &fixture(HOME));
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (3, 16, 0), "{first:#?}");
    let again = run(&store, &fixture(DB));
    assert_eq!((again.sessions_unchanged, again.events_added), (3, 0), "{again:#?}");
    assert_eq!(import::detect(&fixture(HOME)).expect("home"), Format::Opencode);
    assert_eq!(import::detect(&fixture(DB)).expect("db"), Format::Opencode);
    let temp = tempfile::tempdir().expect("temp");
    let storage = legacy_tree(temp.path());
    assert_eq!(import::detect(&storage).expect("storage/"), Format::Opencode);
    assert_eq!(import::detect(temp.path()).expect("a home of storage/ only"), Format::Opencode);
}

#[test]
fn the_event_table_is_never_counted_and_a_bad_row_is_skipped_with_its_id() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture(DB, temp.path());
    let writer = rusqlite::Connection::open(&db).expect("open copy");
    writer
        .execute_batch(
            r#"INSERT INTO event (id, aggregate_id, seq, type, data) VALUES ('evt_x', 'ses_dd14d315fffecGMiHoRb0WDIhT', 99,
                 'message.updated.1', '{"sessionID":"ses_dd14d315fffecGMiHoRb0WDIhT","info":{"id":"msg_only_in_events","role":"user"}}');
               UPDATE part SET data = '{"type":"text","text":"half' WHERE id = 'prt_22eb2f1d5001VcHV5r7cC3DZNJ';
               UPDATE message SET data = 'null' WHERE id = 'msg_22eb2e229001b5lLVu81Xz3YYp';"#,
        )
        .expect("edit copy");
    drop(writer);
    let (sessions, skipped) = read_all(&db, Format::Opencode);
    let locations: Vec<&str> = skipped.iter().map(|s| s.location.as_str()).collect();
    assert_eq!(
        locations,
        [
            "opencode.db: message id msg_22eb2e229001b5lLVu81Xz3YYp",
            "opencode.db: part id prt_22eb2f1d5001VcHV5r7cC3DZNJ"
        ]
    );
    assert!(skipped[0].reason.contains("not a JSON object") && skipped[1].reason.contains("not JSON"), "{skipped:?}");
    // The reply that lost its only text part and the message that lost its data are gone;
    // nothing arrived from the event table.
    assert_eq!(inventory(&sessions), (3, 5, 5, 7, 7, 1, 2));
    assert!(!sessions.iter().flat_map(|s| &s.events).any(|e| e.content.contains("msg_only_in_events")));
}

/// A writer in another process, as OpenCode is: the test binary runs this when asked to.
#[test]
#[ignore = "the writer half of a_live_database_is_read_with_its_wal_and_left_byte_identical"]
fn live_opencode_writer() {
    let Some(db) = std::env::var_os("RECALL_TEST_OPENCODE_WRITER").map(PathBuf::from) else { return };
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        r#"PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;
           INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated)
             VALUES ('ses_live', 'global', 'live-one', '/home/dev/live', 'Live one', '1.18.33', 1796079900000, 1796079900000);
           INSERT INTO message (id, session_id, time_created, time_updated, data)
             VALUES ('msg_live', 'ses_live', 1796079900001, 1796079900001, '{"role":"user","time":{"created":1796079900001}}');
           INSERT INTO part (id, message_id, session_id, time_created, time_updated, data)
             VALUES ('prt_live', 'msg_live', 'ses_live', 1796079900002, 1796079900002, '{"type":"text","text":"only in the WAL"}');"#,
    )
    .expect("write");
    std::fs::write(db.with_extension("ready"), b"").expect("ready");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !db.with_extension("done").exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_live_database_is_read_with_its_wal_and_left_byte_identical() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture(DB, temp.path());
    let mut writer = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "live_opencode_writer", "--ignored", "--quiet"])
        .env("RECALL_TEST_OPENCODE_WRITER", &db)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn the writer");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !db.with_extension("ready").exists() {
        assert!(std::time::Instant::now() < deadline && writer.try_wait().expect("wait").is_none(), "writer gone");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let files = siblings(&db);
    let sidecars = ["-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", db.display())));
    assert!(sidecars.iter().all(|p| files.contains(p)), "a live WAL database: {files:?}");
    let before: Vec<_> = files.iter().map(|f| fingerprint(f)).collect();

    let (sessions, skipped) = read_all(&db, Format::Opencode);
    let after: Vec<_> = files.iter().map(|f| fingerprint(f)).collect();
    std::fs::write(db.with_extension("done"), b"").expect("done");
    assert!(writer.wait().expect("writer").success());

    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(inventory(&sessions), (4, 6, 7, 7, 7, 1, 2), "the session only in the WAL is read");
    assert_eq!(by_id(&sessions, "ses_live").title.as_deref(), Some("Live one"));
    assert_eq!(after, before, "the database, its -wal and its -shm are byte-identical");
}

/// Writes `value` as OpenCode 1.1.65 did: `JSON.stringify(value, null, 2)`, no newline.
fn write_json(path: PathBuf, value: Value) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
}

/// A `storage/` tree shaped as SCHEMA.md's legacy layout: two sessions (the newer a sub-agent's)
/// whose ids sort newest first, prompts with their trailing newline, a failed read with its `Error: ` prefix, a
/// command exiting 1 (completed), step markers, and a half-written part file.
fn legacy_tree(home: &Path) -> PathBuf {
    let storage = home.join("storage");
    std::fs::create_dir_all(&storage).expect("mkdir");
    std::fs::write(storage.join("migration"), "2").expect("migration");
    write_json(storage.join("project/global.json"), json!({"id": "global", "worktree": "/", "sandboxes": []}));
    let session = |id: &str, created: i64, title: &str| {
        json!({"id": id, "slug": "s", "version": "1.1.65", "projectID": "global", "directory": "/home/dev/legacy",
               "title": title, "permission": [], "time": {"created": created, "updated": created + 900}})
    };
    write_json(storage.join("session/global/ses_b_older.json"), session("ses_b_older", 1796000000000, "Older one"));
    let mut child = session("ses_a_newer", 1796000100000, "Child session - 2026-11-29T22:55:00.000Z");
    child["parentID"] = json!("ses_b_older");
    write_json(storage.join("session/global/ses_a_newer.json"), child);
    let message = |ses: &str, id: &str, role: &str, created: i64| {
        let mut m = json!({"id": id, "sessionID": ses, "role": role, "time": {"created": created}});
        if role == "assistant" {
            m["parentID"] = json!("msg_1");
            m["modelID"] = json!("claude-sonnet-4-5");
        }
        write_json(storage.join(format!("message/{ses}/{id}.json")), m);
    };
    let part = |msg: &str, id: &str, body: Value| {
        let mut p = json!({"id": id, "sessionID": "ses", "messageID": msg});
        p.as_object_mut().expect("object").extend(body.as_object().expect("object").clone());
        write_json(storage.join(format!("part/{msg}/{id}.json")), p);
    };
    message("ses_b_older", "msg_1", "user", 1796000000001);
    part("msg_1", "prt_1", json!({"type": "text", "text": "\"Read the notes\"\n"}));
    message("ses_b_older", "msg_2", "assistant", 1796000000002);
    part("msg_2", "prt_2", json!({"type": "step-start"}));
    part("msg_2", "prt_3", json!({"type": "reasoning", "text": "Look first.", "time": {"start": 1, "end": 2}}));
    part("msg_2", "prt_4", json!({"type": "text", "text": "Reading them."}));
    part(
        "msg_2",
        "prt_5",
        json!({"type": "tool", "tool": "read", "callID": "toolu_1",
        "state": {"status": "error", "input": {"filePath": "/home/dev/legacy/NOTES.md"},
                  "error": "Error: File not found: /home/dev/legacy/NOTES.md", "time": {"start": 3, "end": 4}}}),
    );
    part(
        "msg_2",
        "prt_6",
        json!({"type": "tool", "tool": "bash", "callID": "toolu_2",
        "state": {"status": "completed", "input": {"command": "cat NOTES.md"}, "output": "cat: NOTES.md: No such file",
                  "metadata": {"exit": 1}, "title": "cat NOTES.md", "time": {"start": 5, "end": 6}}}),
    );
    part("msg_2", "prt_7", json!({"type": "step-finish", "reason": "tool-calls", "cost": 0}));
    message("ses_b_older", "msg_3", "assistant", 1796000000003);
    part("msg_3", "prt_8", json!({"type": "text", "text": "There are no notes."}));
    message("ses_a_newer", "msg_4", "user", 1796000100001);
    part("msg_4", "prt_9", json!({"type": "text", "text": "\"Hello\"\n"}));
    std::fs::write(storage.join("part/msg_4/prt_99.json"), "{\n  \"id\": \"prt_99\",\n  \"type\": \"te").expect("half");
    storage
}

#[test]
fn a_legacy_storage_tree_is_read_in_opencode_order() {
    let temp = tempfile::tempdir().expect("temp");
    let storage = legacy_tree(temp.path());
    let before = fingerprint(&storage);
    let (sessions, skipped) = read_all(&storage, Format::Opencode);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].location.ends_with("part/msg_4/prt_99.json") && skipped[0].reason.contains("not JSON"));
    assert_eq!(sessions.iter().map(|s| s.source_id.as_str()).collect::<Vec<_>>(), ["ses_b_older", "ses_a_newer"]);
    assert_eq!(inventory(&sessions), (2, 2, 2, 2, 2, 1, 1));
    assert_eq!(tally(&sessions), (2, 2, 2, 2, 2, 1, 1));
    let older = &sessions[0];
    assert_eq!(older.title.as_deref(), Some("Older one"));
    assert_eq!(older.metadata["cwd"], "/home/dev/legacy");
    assert_eq!(older.metadata["model"], "claude-sonnet-4-5");
    let on_disk = std::fs::read_to_string(storage.join("message/ses_b_older/msg_1.json")).expect("read");
    assert!(older.events[0].content.contains(&on_disk), "the pretty-printed file, unchanged");
    // The placeholder title is no title: the first words stand in. A sub-agent's session
    // names its parent.
    assert_eq!(sessions[1].title.as_deref(), Some("\"Hello\""));
    assert_eq!(sessions[1].metadata["parent_session"], "ses_b_older");
    assert_eq!(fingerprint(&storage), before);
    // One session file on its own, with --format.
    let (one, _) = read_all(&storage.join("session/global/ses_b_older.json"), Format::Opencode);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].events, older.events);
}

#[test]
fn a_home_with_both_stores_reads_each_session_once_preferring_the_database() {
    let temp = tempfile::tempdir().expect("temp");
    copy_fixture(DB, temp.path());
    let storage = legacy_tree(temp.path());
    // A file copy of a session the database holds, as an upgrade leaves behind.
    let copy = json!({"id": S2, "projectID": "global", "directory": "/elsewhere", "title": "Stale copy",
                      "time": {"created": 1, "updated": 1}});
    write_json(storage.join(format!("session/global/{S2}.json")), copy);
    write_json(storage.join(format!("message/{S2}/msg_x.json")), json!({"id": "msg_x", "role": "user"}));
    write_json(storage.join("part/msg_x/prt_x.json"), json!({"id": "prt_x", "type": "text", "text": "stale"}));
    let (sessions, _) = read_all(temp.path(), Format::Opencode);
    let ids: HashSet<&str> = sessions.iter().map(|s| s.source_id.as_str()).collect();
    assert_eq!(ids, HashSet::from([S1, S2, S3, "ses_b_older", "ses_a_newer"]));
    assert_eq!(sessions.len(), 5);
    assert_eq!(by_id(&sessions, S2).metadata["cwd"], "/home/dev/opencode-demo", "the database's");
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
    let opencode = &stats["by_source"]["opencode"];
    let got: Vec<u64> = ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning"]
        .iter()
        .map(|key| opencode[key].as_u64().expect(key))
        .collect();
    assert_eq!(got, [3, 5, 7, 7, 7, 1, 2], "{stats}");
    assert_eq!(opencode["unrecognised"], 0);
    assert!(recall(&["stats"]).contains("OpenCode"), "stats names the source as its users do");
}
