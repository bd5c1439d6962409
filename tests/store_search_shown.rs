//! Search finds only what the conversation shows: the words of its blocks, never the ids,
//! keys, models or bookkeeping fields of the JSON around them. Checked on real transcripts.

mod import_support;

use import_support::{fixture, read_all};
use recall::content::{self, Block};
use recall::import::Format;
use recall::store::{SearchHit, Store};
use serde_json::json;

fn fixture_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    for (path, format) in
        [("claude-code/2.1.330/dot-claude", Format::ClaudeCode), ("codex-cli/0.169.0/codex-home", Format::Codex)]
    {
        let (sessions, _) = read_all(&fixture(path), format);
        for session in &sessions {
            store.import_session(session).unwrap();
        }
    }
    store
}

/// The text of every block of the hit's event, as a reader sees it (JSON keys included).
fn shown_text(store: &Store, hit: &SearchHit) -> String {
    let seq = hit.seq.expect("an event hit");
    let event = store.events(&hit.session_id).unwrap().into_iter().find(|e| e.seq == seq).expect("the hit's event");
    content::parse(&event.json())
        .iter()
        .map(|block| match block {
            Block::Text { text, .. } | Block::Reasoning { text } => text.clone(),
            Block::ToolCall { name, arguments, .. } => format!("{name}\n{arguments}"),
            Block::ToolResult { name, output, .. } => format!("{}\n{output}", name.clone().unwrap_or_default()),
            Block::Handoff { from, to } => format!("{from:?} {to:?}"),
            Block::Raw { json } => json.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

#[test]
fn bookkeeping_fields_are_not_found() {
    let store = fixture_store();
    // Codex's metadata (`retained_source`, `sampled_through_sequence`, `provenance`,
    // `internal_chat_message_metadata_passthrough`) and item ids, Claude Code's tool-use ids
    // and `isSidechain`: all in the JSON, none on screen.
    for query in ["retained", "sampled", "provenance", "passthrough", "msg_000027", "toolu", "sidechain"] {
        let hits = store.search(query, 50).unwrap();
        assert!(hits.is_empty(), "{query:?} is in no conversation's text, yet found: {hits:?}");
    }
}

#[test]
fn every_hit_and_its_snippet_come_from_the_shown_text() {
    let store = fixture_store();
    for query in ["cargo", "missing", "readme", "paris", "ownership", "head"] {
        let hits: Vec<SearchHit> =
            store.search(query, 50).unwrap().into_iter().filter(|hit| hit.seq.is_some()).collect();
        assert!(!hits.is_empty(), "{query:?} is in the fixtures' conversations");
        for hit in &hits {
            let shown = shown_text(&store, hit);
            assert!(shown.contains(query), "{query:?} hit #{:?}, which does not show it: {shown}", hit.seq);
            for piece in hit.snippet.trim_matches('…').split_whitespace() {
                assert!(shown.contains(&piece.to_lowercase()), "snippet word {piece:?} is not shown: {}", hit.snippet);
            }
        }
    }
}

#[test]
fn tool_names_arguments_and_results_are_found() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("Tools").unwrap().id;
    store
        .add_events(&id, &[
            json!({"role": "assistant", "model": "gpt-frobnicator", "tool_calls": [{"id": "call_1", "type": "function",
                "function": {"name": "run_shell", "arguments": "{\"command\": \"ls -la\", \"timeout\": 4711}"}}]}),
            json!({"role": "tool", "tool_call_id": "call_1", "content": "{\"stdout\": \"Cargo.toml\", \"exit_code\": 0}"}),
        ])
        .unwrap();
    let seqs = |query: &str| store.search(query, 10).unwrap().into_iter().map(|hit| hit.seq).collect::<Vec<_>>();
    assert_eq!(seqs("run_shell"), vec![Some(1)]);
    assert_eq!(seqs("la"), vec![Some(1)]);
    assert_eq!(seqs("4711"), vec![Some(1)], "numbers in arguments are shown");
    assert_eq!(seqs("cargo"), vec![Some(2)]);
    assert!(seqs("frobnicator").is_empty(), "the model is not the conversation's text");
    assert!(seqs("stdout").is_empty(), "keys of a JSON result are not words of it");
    assert!(seqs("command").is_empty(), "keys of arguments are not words of them");
}

#[test]
fn a_store_indexed_the_old_way_is_indexed_again_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recall.db");
    let id = {
        let store = Store::open(&path).unwrap();
        let id = store.create_session("Old index").unwrap().id;
        store.add_events(&id, &[json!({"role": "user", "content": "lighthouse keeper"})]).unwrap();
        id
    };
    // As recall indexed before: the JSON's ids and fields among the words, at the schema
    // before the one that re-indexes (4).
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rowid: i64 = conn.query_row("SELECT id FROM events", [], |row| row.get(0)).unwrap();
    conn.execute("DELETE FROM events_fts WHERE rowid = ?1", [rowid]).unwrap();
    conn.execute("INSERT INTO events_fts (rowid, body) VALUES (?1, 'user lighthouse keeper retained_0123')", [rowid])
        .unwrap();
    // Nor what later schemas added (6: subagents nested under their parent).
    conn.execute_batch(
        "DROP INDEX sessions_top; DROP INDEX sessions_children; ALTER TABLE sessions DROP COLUMN parent_pk;
         PRAGMA user_version = 3",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 1, "the old index is taken back to the backlog");
    assert!(store.search("retained", 10).unwrap().is_empty());
    assert_eq!(store.search("lighthouse", 10).unwrap()[0].seq, Some(1));
    assert_eq!(store.unindexed_events().unwrap(), 0);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 0, "only once");
    assert_eq!(store.search("keeper", 10).unwrap()[0].session_id, id);
}
