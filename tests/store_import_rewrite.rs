//! Re-importing a session whose origin changed other than by growing: rewound, edited,
//! rewritten. The session is brought to what the origin says now; deletes in recall stick.

use chrono::{Duration, Utc};
use recall::store::{ImportOutcome, ImportedSession, NewEvent, Store};
use serde_json::json;

fn session(id: &str, texts: &[&str]) -> ImportedSession {
    let now = Utc::now();
    ImportedSession {
        source: "test-tool".into(),
        source_id: id.into(),
        title: Some("A session".into()),
        created_at: now,
        updated_at: now,
        metadata: Default::default(),
        events: texts.iter().map(|text| NewEvent::from_value(&json!({"role": "user", "content": text}))).collect(),
    }
}

fn stored_texts(store: &Store, id: &str) -> Vec<String> {
    let session = store.find_by_source("test-tool", id).unwrap().expect("imported");
    let events = store.events(&session.id).unwrap();
    assert_eq!(session.event_count as usize, events.len(), "event_count agrees with the rows");
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=events.len() as i64).collect::<Vec<_>>());
    events.iter().map(|e| e.json()["content"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn an_edited_middle_replaces_from_the_first_difference() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&session("s", &["one", "two", "three", "four"])).unwrap();
    let outcome = store.import_session(&session("s", &["one", "two", "THREE", "four", "five"])).unwrap();
    assert_eq!(outcome, ImportOutcome::Rewritten { added: 3, removed: 2 });
    assert_eq!(stored_texts(&store, "s"), ["one", "two", "THREE", "four", "five"]);
    assert_eq!(
        store.import_session(&session("s", &["one", "two", "THREE", "four", "five"])).unwrap(),
        ImportOutcome::Unchanged
    );
}

#[test]
fn a_rewound_origin_drops_what_it_no_longer_has_from_search_too() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&session("s", &["alpha", "bravo", "charlie"])).unwrap();
    assert_eq!(store.search("charlie", 10).unwrap().len(), 1);
    let outcome = store.import_session(&session("s", &["alpha"])).unwrap();
    assert_eq!(outcome, ImportOutcome::Rewritten { added: 0, removed: 2 });
    assert_eq!(stored_texts(&store, "s"), ["alpha"]);
    assert!(store.search("charlie", 10).unwrap().is_empty());
    assert_eq!(store.search("alpha", 10).unwrap().len(), 1);
}

#[test]
fn growth_still_appends_only() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&session("s", &["a", "b"])).unwrap();
    let first_ids: Vec<i64> = {
        let id = store.find_by_source("test-tool", "s").unwrap().unwrap().id;
        store.events(&id).unwrap().iter().map(|e| e.id).collect()
    };
    assert_eq!(store.import_session(&session("s", &["a", "b", "c"])).unwrap(), ImportOutcome::Updated { events: 1 });
    let id = store.find_by_source("test-tool", "s").unwrap().unwrap().id;
    let ids: Vec<i64> = store.events(&id).unwrap().iter().map(|e| e.id).collect();
    assert_eq!(ids[..2], first_ids[..], "the events already there were not rewritten");
}

#[test]
fn a_store_imported_before_fingerprints_learns_them_without_rewriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recall.db");
    {
        let store = Store::open(&path).unwrap();
        store.import_session(&session("s", &["a", "b"])).unwrap();
    }
    rusqlite::Connection::open(&path).unwrap().execute_batch("UPDATE sessions SET import_fingerprint = NULL").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.import_session(&session("s", &["a", "b"])).unwrap(), ImportOutcome::Unchanged);
    assert_eq!(store.import_session(&session("s", &["a", "b", "c"])).unwrap(), ImportOutcome::Updated { events: 1 });
    assert_eq!(stored_texts(&store, "s"), ["a", "b", "c"]);
}

#[test]
fn a_purged_session_is_not_brought_back_and_a_trashed_one_stays_in_the_trash() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&session("gone", &["a"])).unwrap();
    store.import_session(&session("trashed", &["a"])).unwrap();
    let gone = store.find_by_source("test-tool", "gone").unwrap().unwrap().id;
    let trashed = store.find_by_source("test-tool", "trashed").unwrap().unwrap().id;
    store.delete(&gone).unwrap();
    store.purge_trash(Utc::now() + Duration::seconds(1)).unwrap();
    store.delete(&trashed).unwrap();

    assert_eq!(store.import_session(&session("gone", &["a", "b"])).unwrap(), ImportOutcome::Purged);
    assert!(store.find_by_source("test-tool", "gone").unwrap().is_none());
    store.import_session(&session("trashed", &["a", "b"])).unwrap();
    let listed: Vec<String> = store.list_sessions(0, 10).unwrap().into_iter().map(|s| s.id).collect();
    assert!(!listed.contains(&trashed), "a session in the trash stays there when its origin grows");
    assert_eq!(store.get_session(&trashed).unwrap().event_count, 2);
}
