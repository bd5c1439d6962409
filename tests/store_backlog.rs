//! Bulk writes leave their events to the search backlog; search stays complete and right
//! through every change while the index catches up.

use chrono::Utc;
use recall::store::{INDEX_AT_ONCE, ImportedSession, NewEvent, OpenOptions, SCAN_LIMIT, Store};
use serde_json::{Map, Value, json};

fn imported(source_id: &str, texts: &[&str]) -> ImportedSession {
    ImportedSession {
        source: "test".into(),
        source_id: source_id.into(),
        title: Some(format!("Imported {source_id}")),
        created_at: Utc::now(),
        updated_at: Utc::now(),
        metadata: Map::new(),
        events: texts.iter().map(|text| NewEvent::from_value(&json!({"role": "user", "content": text}))).collect(),
    }
}

fn found(hits: Vec<recall::store::SearchHit>) -> Vec<(String, Option<i64>)> {
    hits.into_iter().map(|hit| (hit.session_id, hit.seq)).collect()
}

fn session_id(store: &Store, source_id: &str) -> String {
    store.find_by_source("test", source_id).unwrap().expect("imported session").id
}

#[test]
fn an_import_is_searchable_once_search_has_caught_the_index_up() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&imported("a", &["the quartz engine", "a second line"])).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 2);
    let id = session_id(&store, "a");
    assert_eq!(found(store.search("quartz", 10).unwrap()), vec![(id.clone(), Some(1))]);
    assert_eq!(store.unindexed_events().unwrap(), 0, "search indexed the backlog first");
    assert_eq!(found(store.search("quartz", 10).unwrap()), vec![(id, Some(1))], "found once, from the index");
}

#[test]
fn small_batches_are_indexed_at_once_and_big_ones_later() {
    let store = Store::open_in_memory().unwrap();
    let session = store.create_session("Batches").unwrap();
    store.add_events(&session.id, &[json!({"role": "user", "content": "small batch"})]).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 0);
    let big: Vec<Value> =
        (0..=INDEX_AT_ONCE).map(|i| json!({"role": "assistant", "content": format!("bulk line {i}")})).collect();
    store.add_events(&session.id, &big).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), big.len() as u64);
    let hits = store.search("bulk", 2000).unwrap();
    assert_eq!(hits.len(), big.len());
    assert_eq!(hits[0].seq, Some(big.len() as i64 + 1), "newest first, across index and backlog");
}

#[test]
fn searching_without_indexing_reads_a_small_backlog_directly_and_writes_nothing() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&imported("a", &["indexed words"])).unwrap();
    store.index_backlog(usize::MAX).unwrap();
    store.import_session(&imported("b", &["waiting words"])).unwrap();
    let hits = found(store.search_without_indexing("words", 10).unwrap());
    assert_eq!(hits, vec![(session_id(&store, "b"), Some(1)), (session_id(&store, "a"), Some(1))]);
    assert_eq!(store.unindexed_events().unwrap(), 1);
}

#[test]
fn searching_without_indexing_behind_a_big_backlog_answers_from_the_index_alone() {
    let store = Store::open_in_memory().unwrap();
    let texts: Vec<String> = (0..=SCAN_LIMIT).map(|i| format!("filler {i}")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    store.import_session(&imported("big", &texts)).unwrap();
    assert!(store.search_without_indexing("filler", 10).unwrap().is_empty());
    assert_eq!(store.search("filler", 10).unwrap().len(), 10);
}

#[test]
fn a_read_only_store_finds_backlog_events_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recall.db");
    {
        let store = Store::open(&path).unwrap();
        store.import_session(&imported("a", &["marmalade recipe"])).unwrap();
    }
    let store = Store::open_with(&path, OpenOptions { read_only: true }).unwrap();
    assert_eq!(found(store.search("marmalade", 10).unwrap()), vec![(session_id(&store, "a"), Some(1))]);
    assert_eq!(store.unindexed_events().unwrap(), 1);
}

#[test]
fn popping_an_unindexed_event_then_adding_one_keeps_search_right() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&imported("a", &["first words", "popped words"])).unwrap();
    let id = session_id(&store, "a");
    store.pop_event(&id).unwrap();
    // The new event may take the popped one's row id; it must be indexed as itself.
    store.add_events(&id, &[json!({"role": "user", "content": "replacement text"})]).unwrap();
    assert!(store.search("popped", 10).unwrap().is_empty());
    assert_eq!(found(store.search("replacement", 10).unwrap()), vec![(id.clone(), Some(2))]);
    assert_eq!(found(store.search("first", 10).unwrap()), vec![(id, Some(1))]);
}

#[test]
fn popping_an_indexed_event_then_deferring_one_keeps_search_right() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("Reuse").unwrap().id;
    store
        .add_events(&id, &[json!({"role": "user", "content": "kept"}), json!({"role": "user", "content": "gone"})])
        .unwrap();
    store.pop_event(&id).unwrap();
    let big: Vec<Value> = (0..=INDEX_AT_ONCE).map(|_| json!({"role": "user", "content": "later"})).collect();
    store.add_events(&id, &big).unwrap();
    assert!(store.search("gone", 10).unwrap().is_empty());
    assert_eq!(store.search("later", 5000).unwrap().len(), big.len());
    assert_eq!(store.search("kept", 10).unwrap().len(), 1);
}

#[test]
fn clear_delete_and_purge_take_events_off_the_backlog() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&imported("a", &["alpha", "beta"])).unwrap();
    store.import_session(&imported("b", &["gamma"])).unwrap();
    let (a, b) = (session_id(&store, "a"), session_id(&store, "b"));
    store.clear_session(&a).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 1);
    store.delete(&b).unwrap();
    assert!(store.search("gamma", 10).unwrap().is_empty(), "trash is not found");
    store.undo_delete(&b).unwrap();
    assert_eq!(found(store.search("gamma", 10).unwrap()), vec![(b.clone(), Some(1))]);
    store.import_session(&imported("c", &["delta"])).unwrap();
    let c = session_id(&store, "c");
    store.delete(&c).unwrap();
    store.purge_trash(Utc::now() + chrono::Duration::seconds(1)).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 0);
    assert!(store.search("delta", 10).unwrap().is_empty());
}

#[test]
fn catching_up_reports_progress_in_batches() {
    let store = Store::open_in_memory().unwrap();
    let texts: Vec<String> = (0..25).map(|i| format!("line {i}")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    store.import_session(&imported("a", &texts)).unwrap();
    let mut steps = Vec::new();
    let indexed = store.catch_up_index(10, &mut |done, total| steps.push((done, total))).unwrap();
    assert_eq!(indexed, 25);
    assert_eq!(steps, vec![(10, 25), (20, 25), (25, 25)]);
    assert_eq!(store.search_without_indexing("line", 50).unwrap().len(), 25);
}

#[test]
fn a_store_from_before_the_backlog_is_upgraded_and_stays_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recall.db");
    let id = {
        let store = Store::open(&path).unwrap();
        let id = store.create_session("Old store").unwrap().id;
        store
            .add_events(
                &id,
                &[json!({"role": "user", "content": "ancient"}), json!({"role": "user", "content": "relic"})],
            )
            .unwrap();
        id
    };
    // Put the file back to schema 1 as recall 0.1 wrote it: no backlog, the plain trigger,
    // nothing of the later schemas.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE source_files; DROP TABLE sources; DROP TABLE purged;
         ALTER TABLE sessions DROP COLUMN import_fingerprint;
         DROP INDEX sessions_top; DROP INDEX sessions_children; ALTER TABLE sessions DROP COLUMN parent_pk;
         DROP TRIGGER events_fts_delete; DROP TABLE search_backlog;
         CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
             DELETE FROM events_fts WHERE rowid = old.id;
         END;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.unindexed_events().unwrap(), 2, "schema 3 indexes every event anew, from the backlog");
    assert_eq!(found(store.search("ancient", 10).unwrap()), vec![(id.clone(), Some(1))]);
    assert_eq!(store.unindexed_events().unwrap(), 0);
    store.pop_event(&id).unwrap();
    assert!(store.search("relic", 10).unwrap().is_empty());
}

#[test]
fn reading_the_backlog_matches_words_as_the_index_does() {
    let texts = ["Café au lait", "naïve résumé", "Crème brûlée", "Ñandú", "Straße", "Ærø Øre", "ÜBER größe"];
    let store = Store::open_in_memory().unwrap();
    let indexed = store.create_session("Indexed").unwrap().id;
    let values: Vec<Value> = texts.iter().map(|text| json!({"role": "user", "content": text})).collect();
    store.add_events(&indexed, &values).unwrap();
    store.import_session(&imported("waiting", &texts)).unwrap();
    let waiting = session_id(&store, "waiting");
    let queries = [
        "cafe",
        "CAFÉ",
        "café au",
        "naive",
        "resume",
        "creme brulee",
        "nandu",
        "strasse",
        "straße",
        "aero",
        "ærø",
        "ore",
        "uber",
        "grosse",
        "größe",
        "gro",
    ];
    for query in queries {
        let hits = found(store.search_without_indexing(query, 50).unwrap());
        let from_index: Vec<i64> = hits.iter().filter(|(id, _)| *id == indexed).filter_map(|(_, seq)| *seq).collect();
        let from_scan: Vec<i64> = hits.iter().filter(|(id, _)| *id == waiting).filter_map(|(_, seq)| *seq).collect();
        assert_eq!(from_scan, from_index, "{query:?}: the backlog read directly and the index disagree");
    }
    assert_eq!(found(store.search_without_indexing("cafe", 50).unwrap()).len(), 2, "accents are not needed");
}
