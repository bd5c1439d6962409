//! Importing into a real store: idempotence, growing sources, bad rows and lines, WAL sources.

mod import_support;

use import_support::{ALL_FIXTURES, append, copy_fixture, fingerprint, fixture};
use recall::import::{self, Format, Options, Source, Summary};
use recall::store::Store;
use serde_json::Value;

fn run(store: &Store, sources: &[Source]) -> Summary {
    let mut reports = 0;
    let summary = import::run(store, sources, &Options::default(), &mut |_| reports += 1);
    assert_eq!(reports, summary.sessions_added + summary.sessions_updated + summary.sessions_unchanged);
    summary
}

fn source(format: Format, path: &std::path::Path) -> Vec<Source> {
    vec![Source { format, path: path.to_path_buf() }]
}

#[test]
fn every_fixture_imports_once_and_reimports_as_unchanged() {
    let store = Store::open_in_memory().expect("store");
    let sources: Vec<Source> =
        ALL_FIXTURES.iter().map(|(path, _)| Source::detect(fixture(path)).expect("detect")).collect();
    assert_eq!(sources.iter().map(|s| s.format).collect::<Vec<_>>(), ALL_FIXTURES.map(|(_, f)| f));
    let first = run(&store, &sources);
    // Sessions and events per fixture, as asserted in import_fixtures.rs.
    assert_eq!((first.sessions_added, first.events_added), (41, 717), "{first:#?}");
    assert_eq!((first.skipped, first.failed_sources), (0, 0));
    assert_eq!(store.session_count().expect("count"), 41);

    let second = run(&store, &sources);
    assert_eq!((second.sessions_added, second.sessions_updated, second.events_added), (0, 0, 0), "{second:#?}");
    assert_eq!(second.sessions_unchanged, 41);

    let json = serde_json::to_value(&first).expect("summary serialises");
    assert_eq!(json["sources"][0]["format"], "openai-agents");
    assert_eq!(json["events_added"], 717);

    let hits = store.search("Gimera", 10).expect("search");
    let session = store.get_session(&hits[0].session_id).expect("session");
    assert_eq!(session.source, "director");
}

/// A conversation line like the file's own, with new ids, for growing a Claude transcript.
fn claude_line(template: &str, uuid: &str, text: &str) -> String {
    let mut line: Value = serde_json::from_str(template).expect("json");
    line["uuid"] = Value::String(uuid.into());
    line["message"]["content"] = Value::String(text.into());
    line.to_string()
}

#[test]
fn a_grown_claude_transcript_adds_only_its_new_lines() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = copy_fixture("claude-code/2.1.330/dot-claude/projects", temp.path());
    let file = projects.join("-home-dev-claude-demo/27850054-3d40-4829-96ff-eb40113f05cc.jsonl");
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &source(Format::ClaudeCode, &projects)).events_added, 23);

    let text = std::fs::read_to_string(&file).expect("read");
    let prompt = text.lines().find(|l| l.contains("\"type\":\"user\"")).expect("a user line");
    let new_line = claude_line(prompt, "11111111-2222-4333-8444-555555555555", "And borrowing?");
    append(&file, &format!("{new_line}\n{{\"type\":\"last-prompt\",\"lastPrompt\":\"And borrowing?\"}}\n"));

    let again = run(&store, &source(Format::ClaudeCode, &projects));
    assert_eq!((again.sessions_updated, again.sessions_unchanged, again.events_added), (1, 2, 1), "{again:#?}");
    let session =
        store.find_by_source("claude-code", "27850054-3d40-4829-96ff-eb40113f05cc").expect("find").expect("session");
    let events = store.events(&session.id).expect("events");
    assert_eq!(events.last().expect("last").content, new_line, "the appended line, byte for byte");
}

#[test]
fn a_grown_codex_rollout_adds_only_its_new_items() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture("codex-cli/0.169.0/codex-home", temp.path());
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &source(Format::Codex, &home)).events_added, 29);

    let rollout =
        home.join("sessions/2026/11/21/rollout-2026-11-21T14-01-21-01a1fe69-60df-7fc3-b9c8-dd8e377948cb.jsonl");
    let user = r#"{"timestamp":"2026-11-21T14:05:00.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"And of Peru?"}]}}"#;
    let noise = r#"{"timestamp":"2026-11-21T14:05:00.001Z","type":"event_msg","payload":{"type":"task_started"}}"#;
    let reply = r#"{"timestamp":"2026-11-21T14:05:01.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Lima."}]}}"#;
    append(&rollout, &format!("{user}\n{noise}\n{reply}\n"));

    let again = run(&store, &source(Format::Codex, &home));
    assert_eq!((again.sessions_updated, again.sessions_unchanged, again.events_added), (1, 2, 2), "{again:#?}");
    let session =
        store.find_by_source("codex", "01a1fe69-60df-7fc3-b9c8-dd8e377948cb").expect("find").expect("session");
    let tail = store.events_tail(&session.id, 2).expect("tail");
    assert_eq!((tail[0].content.as_str(), tail[1].content.as_str()), (user, reply));
}

#[test]
fn a_grown_dasshh_database_adds_only_its_new_rows() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture("dasshh/dasshh.db", temp.path());
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &source(Format::Dasshh, &db)).events_added, 28);

    let writer = rusqlite::Connection::open(&db).expect("open copy");
    writer
        .execute_batch(
            r#"INSERT INTO events VALUES ('new-1', 'inv-9', 'ae3effbf-a620-47b0-95d9-b9e010b26509', '2026-11-21 14:00:00.000000', '{"role": "user", "content": "one more"}');
               INSERT INTO events VALUES ('new-2', 'inv-9', 'ae3effbf-a620-47b0-95d9-b9e010b26509', '2026-11-21 14:00:01.000000', '{"role": "assistant", "content": "sure"}');"#,
        )
        .expect("insert");
    drop(writer);

    let again = run(&store, &source(Format::Dasshh, &db));
    assert_eq!((again.sessions_updated, again.sessions_unchanged, again.events_added), (1, 3, 2), "{again:#?}");
    let session =
        store.find_by_source("dasshh", "ae3effbf-a620-47b0-95d9-b9e010b26509").expect("find").expect("session");
    let tail = store.events_tail(&session.id, 1).expect("tail");
    assert_eq!(tail[0].content, r#"{"role": "assistant", "content": "sure"}"#);
    assert_eq!(tail[0].invocation_id.as_deref(), Some("inv-9"));
}

#[test]
fn a_truncated_last_line_is_reported_and_the_rest_goes_in() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = copy_fixture("claude-code/2.1.330/dot-claude/projects", temp.path());
    let file = projects.join("-home-dev-claude-demo/cbdca60c-9ce3-4ac9-8a57-e3cd9f3a676d.jsonl");
    let lines = std::fs::read_to_string(&file).expect("read").lines().count();
    append(&file, r#"{"parentUuid":"x","type":"user","message":{"role":"user","content":"half writ"#);

    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &source(Format::ClaudeCode, &projects));
    assert_eq!(summary.events_added, 23);
    let skipped = &summary.sources[0].skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0].location.ends_with(&format!("cbdca60c-9ce3-4ac9-8a57-e3cd9f3a676d.jsonl:{}", lines + 1)),
        "{skipped:?}"
    );
    assert!(skipped[0].reason.contains("truncated"), "{skipped:?}");
}

#[test]
fn a_row_with_broken_json_is_reported_and_the_rest_goes_in() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture("dasshh/dasshh.db", temp.path());
    let writer = rusqlite::Connection::open(&db).expect("open copy");
    writer
        .execute(
            r#"INSERT INTO events VALUES ('broken-row', 'inv', 'ae3effbf-a620-47b0-95d9-b9e010b26509', '2026-11-21 14:00:00', '{"role": "user", "content": ')"#,
            [],
        )
        .expect("insert");
    drop(writer);

    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &source(Format::Dasshh, &db));
    assert_eq!((summary.sessions_added, summary.events_added), (4, 28));
    let skipped = &summary.sources[0].skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].location, "dasshh.db: events id broken-row");
    assert!(skipped[0].reason.contains("not JSON"), "{skipped:?}");
}

#[test]
fn a_live_wal_source_is_read_whole_and_left_as_it_was() {
    let temp = tempfile::tempdir().expect("temp");
    let db = copy_fixture("openai-agents/openai_agents_sqlite.db", temp.path());
    // A running app: WAL mode, its latest rows still in the -wal file, its connection open.
    let writer = rusqlite::Connection::open(&db).expect("open copy");
    writer.execute_batch("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;").expect("wal");
    writer
        .execute_batch(
            r#"INSERT INTO agent_sessions (session_id) VALUES ('live');
               INSERT INTO agent_messages (session_id, message_data) VALUES ('live', '{"role": "user", "content": "only in the WAL"}');"#,
        )
        .expect("insert");
    let wal = temp.path().join("openai_agents_sqlite.db-wal");
    assert!(std::fs::metadata(&wal).expect("wal exists").len() > 0);
    let before = (fingerprint(&db), fingerprint(&wal));

    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &source(Format::OpenaiAgents, &db));
    assert_eq!((summary.sessions_added, summary.events_added), (5, 240), "{summary:#?}");
    assert_eq!((fingerprint(&db), fingerprint(&wal)), before, "not checkpointed, not changed");

    // A copy of the three files (what a backup of a live app looks like) reads the same.
    let copy = tempfile::tempdir().expect("temp");
    for suffix in ["", "-wal", "-shm"] {
        let name = format!("openai_agents_sqlite.db{suffix}");
        std::fs::copy(temp.path().join(&name), copy.path().join(&name)).expect("copy");
    }
    drop(writer);
    let copied = copy.path().join("openai_agents_sqlite.db");
    let before = (fingerprint(&copied), fingerprint(&copy.path().join("openai_agents_sqlite.db-wal")));
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &source(Format::OpenaiAgents, &copied)).events_added, 240);
    assert_eq!((fingerprint(&copied), fingerprint(&copy.path().join("openai_agents_sqlite.db-wal"))), before);

    // Without its -shm (no app has it open), the WAL is still read, and no -shm appears.
    std::fs::remove_file(copy.path().join("openai_agents_sqlite.db-shm")).expect("remove shm");
    let files = import_support::siblings(&copied);
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &source(Format::OpenaiAgents, &copied)).events_added, 240);
    assert_eq!(import_support::siblings(&copied), files, "nothing created beside the source");
    assert_eq!((fingerprint(&copied), fingerprint(&copy.path().join("openai_agents_sqlite.db-wal"))), before);
}

#[test]
fn a_source_that_fails_is_recorded_and_the_next_still_runs() {
    let store = Store::open_in_memory().expect("store");
    let sources = vec![
        Source { format: Format::Dasshh, path: "/nonexistent/dasshh.db".into() },
        Source { format: Format::Elia, path: fixture("elia/elia.sqlite") },
    ];
    let summary = run(&store, &sources);
    assert_eq!((summary.failed_sources, summary.sessions_added), (1, 5));
    assert!(summary.sources[0].error.as_deref().is_some_and(|e| e.contains("/nonexistent/dasshh.db")), "{summary:#?}");
}
