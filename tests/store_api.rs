//! The store's API on an in-memory store and on real files.

use recall::store::{ImportOutcome, ImportedSession, NewEvent, Store, StoreError};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

fn chat(n: usize) -> Vec<Value> {
    (1..=n)
        .map(|i| json!({"role": if i % 2 == 1 { "user" } else { "assistant" }, "content": format!("message {i}")}))
        .collect()
}

/// A store whose clock is a number of seconds the test moves by hand.
fn store_with_clock() -> (Store, Arc<AtomicI64>) {
    let mut store = Store::open_in_memory().unwrap();
    let seconds = Arc::new(AtomicI64::new(1_800_000_000));
    let read = Arc::clone(&seconds);
    store.set_clock(move || chrono::DateTime::from_timestamp(read.load(Ordering::SeqCst), 0).unwrap());
    (store, seconds)
}

fn texts(events: &[recall::store::Event]) -> Vec<String> {
    events.iter().map(|e| e.json()["content"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn create_add_and_read_back() {
    let store = Store::open_in_memory().unwrap();
    let session = store.create_session("  First  ").unwrap();
    assert_eq!(session.title, "First");
    assert_eq!(session.source, "recall");
    assert_eq!(session.event_count, 0);
    let seqs = store.add_events(&session.id, &chat(5)).unwrap();
    assert_eq!(seqs, 1..6);
    let again = store.get_session(&session.id).unwrap();
    assert_eq!(again.event_count, 5);
    assert!(again.updated_at >= session.updated_at);
    let all = store.events(&session.id).unwrap();
    assert_eq!(all.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert_eq!(texts(&store.events_tail(&session.id, 2).unwrap()), vec!["message 4", "message 5"]);
    assert_eq!(texts(&store.events_range(&session.id, 2, 2).unwrap()), vec!["message 2", "message 3"]);
    assert!(store.events_range(&session.id, 9, 2).unwrap().is_empty());
    assert_eq!(store.event(&session.id, 3).unwrap().seq, 3);
}

#[test]
fn content_is_kept_byte_for_byte() {
    let store = Store::open_in_memory().unwrap();
    let session = store.create_session("bytes").unwrap();
    let raw = "{\"z\": 1,  \"a\": \"caf\\u00e9\" ,\"n\":1.50}";
    store.add_new_events(&session.id, &[NewEvent { content: raw.into(), ..Default::default() }]).unwrap();
    assert_eq!(store.events(&session.id).unwrap()[0].content, raw);
}

#[test]
fn invalid_json_appends_nothing() {
    let store = Store::open_in_memory().unwrap();
    let session = store.create_session("t").unwrap();
    let events = [
        NewEvent { content: "{\"ok\":1}".into(), ..Default::default() },
        NewEvent { content: "{broken".into(), ..Default::default() },
    ];
    assert!(matches!(store.add_new_events(&session.id, &events), Err(StoreError::Invalid(_))));
    assert_eq!(store.get_session(&session.id).unwrap().event_count, 0);
    assert!(store.events(&session.id).unwrap().is_empty());
}

#[test]
fn adding_to_a_missing_session_is_not_found() {
    let store = Store::open_in_memory().unwrap();
    assert!(matches!(store.add_events("nope", &chat(1)), Err(StoreError::NotFound { .. })));
    assert!(matches!(store.get_session("nope"), Err(StoreError::NotFound { .. })));
}

#[test]
fn list_is_newest_updated_first_and_pages() {
    let (store, clock) = store_with_clock();
    let ids: Vec<String> = (0..5).map(|i| store.create_session(&format!("s{i}")).unwrap().id).collect();
    clock.fetch_add(1, Ordering::SeqCst);
    store.add_events(&ids[1], &chat(1)).unwrap();
    let titles: Vec<String> = store.list_sessions(0, 10).unwrap().into_iter().map(|s| s.title).collect();
    assert_eq!(titles, vec!["s1", "s4", "s3", "s2", "s0"]);
    let page: Vec<String> = store.list_sessions(2, 2).unwrap().into_iter().map(|s| s.title).collect();
    assert_eq!(page, vec!["s3", "s2"]);
    assert_eq!(store.most_recent_session().unwrap().unwrap().id, ids[1]);
    assert_eq!(store.session_count().unwrap(), 5);
}

#[test]
fn rename_trims_and_refuses_empty_or_long_titles() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("old").unwrap().id;
    store.rename(&id, "  new name ").unwrap();
    assert_eq!(store.get_session(&id).unwrap().title, "new name");
    assert!(matches!(store.rename(&id, "   "), Err(StoreError::Invalid(_))));
    assert!(matches!(store.rename(&id, &"x".repeat(201)), Err(StoreError::Invalid(_))));
    store.rename(&id, &"é".repeat(200)).unwrap();
    assert!(matches!(store.rename("missing", "x"), Err(StoreError::NotFound { .. })));
    assert!(store.create_session("").is_err());
}

#[test]
fn metadata_merges_keys() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("m").unwrap().id;
    store.update_metadata(&id, &json!({"model": "gpt", "tags": {"a": 1}})).unwrap();
    store.update_metadata(&id, &json!({"cwd": "/tmp", "tags": {"b": 2}})).unwrap();
    assert_eq!(
        store.get_session(&id).unwrap().metadata,
        json!({"model": "gpt", "tags": {"a": 1, "b": 2}, "cwd": "/tmp"})
    );
    assert!(matches!(store.update_metadata(&id, &json!([1])), Err(StoreError::Invalid(_))));
}

#[test]
fn delete_moves_to_trash_and_undo_restores() {
    let store = Store::open_in_memory().unwrap();
    let keep = store.create_session("keep").unwrap().id;
    let gone = store.create_session("gone").unwrap().id;
    store.add_events(&gone, &chat(3)).unwrap();
    store.delete(&gone).unwrap();
    let live: Vec<String> = store.list_sessions(0, 10).unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(live, vec![keep.clone()]);
    assert_eq!(store.list_trash(10).unwrap()[0].id, gone);
    assert_eq!(store.last_deleted().unwrap().unwrap().id, gone);
    assert!(matches!(store.delete(&gone), Err(StoreError::NotFound { .. })));
    store.undo_delete(&gone).unwrap();
    assert_eq!(store.list_sessions(0, 10).unwrap().len(), 2);
    assert_eq!(store.events(&gone).unwrap().len(), 3);
    assert!(matches!(store.undo_delete(&gone), Err(StoreError::NotFound { .. })));
}

#[test]
fn purge_removes_only_old_trash() {
    let (store, clock) = store_with_clock();
    let old = store.create_session("old").unwrap().id;
    let fresh = store.create_session("fresh").unwrap().id;
    store.add_events(&old, &chat(4)).unwrap();
    store.delete(&old).unwrap();
    clock.fetch_add(2, Ordering::SeqCst);
    // A second after the first deletion, a second before the next.
    let cutoff = chrono::DateTime::from_timestamp(clock.load(Ordering::SeqCst) - 1, 0).unwrap();
    store.delete(&fresh).unwrap();
    assert_eq!(store.purge_trash(cutoff).unwrap(), 1);
    assert!(matches!(store.get_session(&old), Err(StoreError::NotFound { .. })));
    assert!(store.events(&old).unwrap().is_empty(), "events cascade with their session");
    assert_eq!(store.list_trash(10).unwrap()[0].id, fresh);
}

#[test]
fn pop_and_clear() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("p").unwrap().id;
    assert_eq!(store.pop_event(&id).unwrap(), None);
    store.add_events(&id, &chat(3)).unwrap();
    let popped = store.pop_event(&id).unwrap().unwrap();
    assert_eq!(popped.seq, 3);
    assert_eq!(store.get_session(&id).unwrap().event_count, 2);
    store.add_events(&id, &chat(1)).unwrap();
    assert_eq!(store.events_tail(&id, 1).unwrap()[0].seq, 3, "seq is reused after a pop: no gaps");
    assert_eq!(store.clear_session(&id).unwrap(), 3);
    assert_eq!(store.get_session(&id).unwrap().event_count, 0);
    assert!(store.events(&id).unwrap().is_empty());
    assert!(matches!(store.clear_session("missing"), Err(StoreError::NotFound { .. })));
}

#[test]
fn ids_resolve_by_unique_prefix() {
    let store = Store::open_in_memory().unwrap();
    let a = store.create_session("a").unwrap().id;
    let b = store.create_session("b").unwrap().id;
    assert_eq!(store.resolve_id(&a, false).unwrap(), a);
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    assert_eq!(store.resolve_id(&a[..common + 1], false).unwrap(), a);
    match store.resolve_id(&a[..common], false) {
        Err(StoreError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(store.resolve_id("zzz", false), Err(StoreError::NotFound { .. })));
    store.delete(&a).unwrap();
    assert!(store.resolve_id(&a, false).is_err());
    assert_eq!(store.resolve_id(&a, true).unwrap(), a);
}

fn imported(source_id: &str, title: Option<&str>, n: usize) -> ImportedSession {
    let now = chrono::Utc::now();
    ImportedSession {
        source: "test-tool".into(),
        source_id: source_id.into(),
        title: title.map(str::to_string),
        created_at: now,
        updated_at: now,
        metadata: json!({"model": "m1"}).as_object().cloned().unwrap_or_default(),
        events: chat(n).iter().map(NewEvent::from_value).collect(),
    }
}

#[test]
fn import_is_idempotent_and_appends_only_new_events() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.import_session(&imported("s1", Some("T"), 3)).unwrap(), ImportOutcome::Added { events: 3 });
    assert_eq!(store.import_session(&imported("s1", Some("T"), 3)).unwrap(), ImportOutcome::Unchanged);
    assert_eq!(store.import_session(&imported("s1", Some("T"), 5)).unwrap(), ImportOutcome::Updated { events: 2 });
    let session = store.find_by_source("test-tool", "s1").unwrap().unwrap();
    assert_eq!(session.event_count, 5);
    assert_eq!(texts(&store.events(&session.id).unwrap()), (1..=5).map(|i| format!("message {i}")).collect::<Vec<_>>());
    assert_eq!(session.metadata["model"], "m1");
}

#[test]
fn import_keeps_a_title_the_user_chose() {
    let store = Store::open_in_memory().unwrap();
    store.import_session(&imported("s1", Some("Source title"), 1)).unwrap();
    let id = store.find_by_source("test-tool", "s1").unwrap().unwrap().id;
    store.import_session(&imported("s1", Some("Source title v2"), 1)).unwrap();
    assert_eq!(store.get_session(&id).unwrap().title, "Source title v2");
    store.rename(&id, "Mine").unwrap();
    store.import_session(&imported("s1", Some("Source title v3"), 2)).unwrap();
    assert_eq!(store.get_session(&id).unwrap().title, "Mine");
    store.import_session(&imported("s2", None, 0)).unwrap();
    assert_eq!(store.find_by_source("test-tool", "s2").unwrap().unwrap().title, "Untitled session");
}
