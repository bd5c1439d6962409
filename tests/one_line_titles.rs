//! A title is one line wherever it is shown as one, even when it was written with line
//! breaks: `recall list` keeps one line per session, headings stay headings.

use std::path::Path;
use std::process::{Command, Stdio};

use recall::store::Store;
use serde_json::json;

const TITLE: &str = "Two\nlines\r\nand\rthree\u{2028}four";
const ONE_LINE: &str = "Two lines and three four";

fn recall(db: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RECALL_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run recall");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn store_with_two_sessions(db: &Path) -> (Store, String) {
    let store = Store::open(db).expect("store");
    let id = store.create_session("placeholder").expect("session").id;
    store.rename(&id, TITLE).expect("rename");
    assert_eq!(store.get_session(&id).expect("read").title, TITLE, "stored as given");
    store.add_events(&id, &[json!({"role": "user", "content": "lisbon in may"})]).expect("events");
    store.create_session("Other").expect("second session");
    (store, id)
}

#[test]
fn list_and_search_keep_one_line_per_session() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("s.db");
    let (_store, id) = store_with_two_sessions(&db);
    let list = recall(&db, &["list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    // `list` shows ids shortened as git does (issue 15): the line starts with a prefix of the id.
    let starts_with_short_id = |line: &str| line.split_whitespace().next().is_some_and(|short| id.starts_with(short));
    assert!(list.lines().any(|line| starts_with_short_id(line) && line.ends_with(ONE_LINE)), "{list}");
    // `search` groups hits under their session (issue 15): the session's line, then its hit.
    let found = recall(&db, &["search", "lisbon"]);
    assert_eq!(found.lines().count(), 2, "{found}");
    assert_eq!(found.lines().filter(|line| line.contains(ONE_LINE)).count(), 1, "{found}");
    let renamed = recall(&db, &["rename", &id, TITLE]);
    assert_eq!(renamed.lines().count(), 1, "{renamed}");
}

#[test]
fn show_and_export_headings_are_one_line() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("s.db");
    let (store, id) = store_with_two_sessions(&db);
    let shown = recall(&db, &["show", &id]);
    assert_eq!(shown.lines().next(), Some(format!("# {ONE_LINE}").as_str()), "{shown}");
    let session = store.get_session(&id).expect("session");
    let exported = recall::export::write_markdown(&store, &session, dir.path()).expect("export");
    let text = std::fs::read_to_string(exported).expect("read export");
    assert_eq!(text.lines().next(), Some(format!("# {ONE_LINE}").as_str()), "{text}");
}
