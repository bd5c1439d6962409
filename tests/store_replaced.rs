//! The store file replaced or deleted under an open store (the browser left open while the
//! file is restored from a backup, or its folder removed): changes are refused with a message
//! instead of going, as if saved, into a file nobody will open again.

use recall::store::{Store, StoreError};
use recall::tui::{StoreBackend, app::Backend};
use serde_json::json;

fn store_in(dir: &std::path::Path) -> (Store, String) {
    let store = Store::open(dir.join("recall.db")).expect("store");
    let id = store.create_session("Kept").expect("session").id;
    store.add_events(&id, &[json!({"role": "user", "content": "hello"})]).expect("events");
    (store, id)
}

fn is_replaced(result: Result<(), StoreError>) -> bool {
    matches!(&result, Err(StoreError::Replaced { .. }))
        && result.err().is_some_and(|e| e.to_string().contains("deleted or replaced"))
}

#[test]
fn a_replaced_file_refuses_changes_and_says_why() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, id) = store_in(dir.path());
    let path = dir.path().join("recall.db");
    // Restored from a "backup": another file now has the store's name.
    std::fs::rename(&path, dir.path().join("old.db")).expect("move away");
    Store::open(&path).expect("a new store at the same path").create_session("New").expect("session");
    assert!(is_replaced(store.rename(&id, "Renamed")), "rename");
    assert!(is_replaced(store.delete(&id)), "delete");
    assert!(is_replaced(store.add_events(&id, &[json!({"role": "user"})]).map(drop)), "append");
    assert!(matches!(store.data_version(), Err(StoreError::Replaced { .. })), "the browser's refresh notices");
    drop(store);
    let now_there = Store::open(&path).expect("the new file");
    let titles: Vec<String> = now_there.list_sessions(0, 10).expect("list").into_iter().map(|s| s.title).collect();
    assert_eq!(titles, ["New"], "nothing went into the file that took its place");
}

#[test]
fn a_deleted_folder_refuses_changes_in_the_browser() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("data");
    std::fs::create_dir(&folder).expect("mkdir");
    let (store, id) = store_in(&folder);
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    std::fs::remove_dir_all(&folder).expect("delete the folder");
    let error = backend.rename(&id, "Renamed").expect_err("refused");
    assert!(error.to_string().contains("deleted or replaced"), "{error}");
    assert!(backend.delete(&id).is_err());
    assert!(backend.data_version().is_err());
}

#[test]
fn writes_from_other_programs_are_not_a_replacement() {
    let dir = tempfile::tempdir().expect("temp");
    let (store, id) = store_in(dir.path());
    let other = Store::open(dir.path().join("recall.db")).expect("a second connection");
    other.add_events(&id, &[json!({"role": "assistant", "content": "hi"})]).expect("other writes");
    store.rename(&id, "Renamed").expect("still the same file");
    assert_eq!(other.get_session(&id).expect("session").title, "Renamed");
}
