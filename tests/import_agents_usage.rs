//! The Agents SDK advanced store's `turn_usage` table (SCHEMA.md: one row per user turn and
//! branch, written by `store_run_usage` after a run; `input_tokens_details` holds
//! `cached_tokens`, counted inside `input_tokens`). The real fixture is a plain `SQLiteSession`
//! store without the table; the advanced store is built here with SCHEMA.md's statements,
//! verbatim, with a fork and a bad row.

mod import_support;

use std::path::Path;

use import_support::{fingerprint, fixture, read_all, usage_sum};
use recall::content::{Usage, usage_notes};
use recall::import::Format;
use recall::store::{ImportedSession, Store};
use recall::tui::StoreBackend;
use recall::tui::app::Backend;
use rusqlite::Connection;

/// `SQLiteSession`'s two tables, then `AdvancedSQLiteSession`'s additions, verbatim from SCHEMA.md.
const BASE_TABLES: &str = "
CREATE TABLE agent_sessions (
                session_id TEXT PRIMARY KEY,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            );
CREATE TABLE agent_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id TEXT NOT NULL,
                message_data TEXT NOT NULL,
                created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                FOREIGN KEY (session_id) REFERENCES agent_sessions (session_id)
                    ON DELETE CASCADE
            );
";
const ADVANCED_TABLES: &str = include_str!("fixtures/sql/openai_agents_advanced.sql");

/// Each event's noted usage, by the event's place (from 1).
fn noted(session: &ImportedSession) -> Vec<(usize, Usage)> {
    let found = session.events.iter().enumerate().filter_map(|(index, event)| {
        usage_notes::event_usage(event.metadata.as_ref()?).map(|found| (index + 1, found.usage))
    });
    found.collect()
}

/// Main: turn 1 (items 1-4: prompt, call, result, reply), turn 2 (5-6). A fork `porto` from
/// turn 1 re-references items 1-4 and adds turn 2 (7-8). Usage rows for main's two turns and
/// porto's second, and one whose turn is not a number.
fn advanced_store(path: &Path) {
    let conn = Connection::open(path).expect("create");
    conn.execute_batch(BASE_TABLES).expect("tables");
    conn.execute_batch(ADVANCED_TABLES).expect("advanced tables");
    conn.execute("INSERT INTO agent_sessions (session_id) VALUES ('trip')", []).expect("session");
    let items = [
        r#"{"role": "user", "content": "Weather in Lisbon?"}"#,
        r#"{"type": "function_call", "call_id": "c1", "name": "weather", "arguments": "{}", "id": "fc_1"}"#,
        r#"{"type": "function_call_output", "call_id": "c1", "output": "sunny"}"#,
        r#"{"role": "assistant", "content": "Sunny."}"#,
        r#"{"role": "user", "content": "And tomorrow?"}"#,
        r#"{"role": "assistant", "content": "Rain."}"#,
        r#"{"role": "user", "content": "And Porto?"}"#,
        r#"{"role": "assistant", "content": "Cloudy."}"#,
    ];
    for item in items {
        conn.execute("INSERT INTO agent_messages (session_id, message_data) VALUES ('trip', ?1)", [item])
            .expect("item");
    }
    // (message, branch, sequence, user turn)
    let structure = [
        (1, "main", 1, 1),
        (2, "main", 2, 1),
        (3, "main", 3, 1),
        (4, "main", 4, 1),
        (5, "main", 5, 2),
        (6, "main", 6, 2),
        (1, "porto", 7, 1),
        (2, "porto", 8, 1),
        (3, "porto", 9, 1),
        (4, "porto", 10, 1),
        (7, "porto", 11, 2),
        (8, "porto", 12, 2),
    ];
    for (message, branch, seq, turn) in structure {
        conn.execute(
            "INSERT INTO message_structure (session_id, message_id, branch_id, message_type, sequence_number, user_turn_number)
             VALUES ('trip', ?1, ?2, 'x', ?3, ?4)",
            rusqlite::params![message, branch, seq, turn],
        )
        .expect("structure");
    }
    conn.execute_batch(
        r#"INSERT INTO turn_usage (session_id, branch_id, user_turn_number, requests, input_tokens, output_tokens,
                                  total_tokens, input_tokens_details, output_tokens_details)
           VALUES ('trip', 'main', 1, 2, 1000, 50, 1050, '{"cached_tokens": 400}', '{"reasoning_tokens": 10}'),
                  ('trip', 'main', 2, 1, 2000, 100, 2100, '{"cached_tokens": 0}', '{"reasoning_tokens": 0}'),
                  ('trip', 'porto', 2, 1, 500, 20, 520, NULL, NULL),
                  ('trip', 'main', 'three', 1, 9, 9, 18, NULL, NULL);"#,
    )
    .expect("usage");
}

#[test]
fn turn_usage_gives_the_session_and_each_turn_its_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("advanced.db");
    advanced_store(&db);
    let before = fingerprint(&db);
    let (sessions, skipped) = read_all(&db, Format::OpenaiAgents);
    assert_eq!(fingerprint(&db), before, "the store is left byte-identical");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].location.ends_with("turn_usage id 4"), "{:?}", skipped[0]);
    let session = &sessions[0];
    // 1,000 in of which 400 cached (600 fresh), + 2,000 + 500; 50 + 100 + 20 out.
    assert_eq!(usage_sum(session).total, Usage { input: 3_100, output: 170, cache_read: 400, cache_write: 0 });
    assert_eq!(
        noted(session),
        [
            (4, Usage { input: 600, output: 50, cache_read: 400, cache_write: 0 }),
            (6, Usage { input: 2_000, output: 100, ..Usage::default() }),
            (8, Usage { input: 500, output: 20, ..Usage::default() }),
        ],
        "each turn on its last item"
    );
}

#[test]
fn the_browser_shows_each_turns_tokens_on_its_reply() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("advanced.db");
    advanced_store(&db);
    let (sessions, _) = read_all(&db, Format::OpenaiAgents);
    let store = Store::open_in_memory().expect("store");
    store.import_session(&sessions[0]).expect("imports");
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    let session = backend.store.list_sessions(0, 10).expect("sessions").remove(0);
    let events = backend.events(&session);
    let shown = events.events_range(1, events.event_count()).expect("events");
    let with_usage: Vec<(i64, u64)> =
        shown.iter().filter_map(|event| event.usage.map(|usage| (event.seq, usage.input))).collect();
    assert_eq!(with_usage, [(4, 600), (6, 2_000), (8, 500)]);
    let header = backend.session_usage(&session).and_then(|usage| usage.summary());
    assert_eq!(header.as_deref(), Some("3.1k in · 170 out · 400 cache"));
}

#[test]
fn the_plain_fixture_store_has_no_usage() {
    let (sessions, skipped) = read_all(&fixture("openai-agents/openai_agents_sqlite.db"), Format::OpenaiAgents);
    assert!(skipped.is_empty());
    assert!(!sessions.is_empty());
    for session in &sessions {
        assert!(usage_sum(session).total.is_empty(), "{}", session.source_id);
        assert!(!session.metadata.contains_key("usage"));
        assert!(noted(session).is_empty());
    }
}
