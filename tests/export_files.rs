//! The browser's export writes a new file in its folder: it never replaces one, never follows
//! a link out of the folder, and its name fits the file system whatever the title.

use std::path::{Path, PathBuf};

use recall::store::{Session, Store};
use serde_json::json;

fn session(store: &Store, title: &str) -> Session {
    let session = store.create_session(title).expect("session");
    store.add_events(&session.id, &[json!({"role": "user", "content": "Where to?"})]).expect("events");
    store.get_session(&session.id).expect("read back")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn an_export_never_replaces_a_file_or_follows_a_link() {
    let store = Store::open_in_memory().expect("store");
    let session = session(&store, "Trip plan");
    let dir = tempfile::tempdir().expect("temp");
    let outside = tempfile::tempdir().expect("outside");
    let first = recall::export::write_markdown(&store, &session, dir.path()).expect("first export");
    let stem = first.file_stem().expect("stem").to_string_lossy().into_owned();
    assert!(stem.starts_with("recall-trip-plan-"), "{stem}");
    std::fs::write(&first, "my notes").expect("edit");
    // A link of the next name, dangling into another folder: writing through it would create a file there.
    let escape = outside.path().join("escaped.md");
    std::os::unix::fs::symlink(&escape, dir.path().join(format!("{stem}-2.md"))).expect("symlink");
    let second = recall::export::write_markdown(&store, &session, dir.path()).expect("second export");
    assert_eq!(second, dir.path().join(format!("{stem}-3.md")));
    assert_eq!(std::fs::read_to_string(&first).expect("first"), "my notes", "an existing file was replaced");
    assert!(!escape.exists(), "the export followed a link out of its folder");
    assert!(std::fs::read_to_string(&second).expect("second").starts_with("# Trip plan"));
    let third = recall::export::write_markdown(&store, &session, dir.path()).expect("third export");
    assert_eq!(third, dir.path().join(format!("{stem}-4.md")));
    assert_eq!(names(dir.path()).len(), 4);
}

#[test]
fn a_title_of_four_byte_letters_makes_a_name_that_fits() {
    let store = Store::open_in_memory().expect("store");
    let session = session(&store, &"𝒜".repeat(60));
    let dir = tempfile::tempdir().expect("temp");
    let path: PathBuf = recall::export::write_markdown(&store, &session, dir.path()).expect("export");
    let name = path.file_name().expect("name").to_str().expect("UTF-8 name").to_string();
    assert!(name.len() <= 255, "{} bytes", name.len());
    assert!(name.starts_with("recall-𝒜𝒜") && name.ends_with(".md"), "{name}");
    assert!(std::fs::read_to_string(&path).expect("written").contains("Where to?"));
}
