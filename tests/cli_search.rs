//! `recall search` for people: hits grouped under their session, in aligned columns, a word
//! when more matched than are shown, and exit status 1 when nothing matched (as grep).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use recall::store::Store;
use serde_json::json;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RECALL_DB")
        .stdin(Stdio::null())
        .output()
        .expect("recall runs")
}

/// "Lighthouse notes" with 12 events that mention the lighthouse, "Harbour log" with one.
fn store(db: &Path) -> (String, String) {
    let store = Store::open(db).expect("the store opens");
    let notes = store.create_session("Lighthouse notes").unwrap().id;
    let events: Vec<_> =
        (1..=12).map(|n| json!({"role": "user", "content": format!("lighthouse visit {n}")})).collect();
    store.add_events(&notes, &events).unwrap();
    let log = store.create_session("Harbour log").unwrap().id;
    store.add_events(&log, &[json!({"role": "assistant", "content": "the lighthouse was dark"})]).unwrap();
    (store.short_id(&notes).unwrap(), store.short_id(&log).unwrap())
}

#[test]
fn hits_are_grouped_under_their_session_in_aligned_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let (notes, log) = store(&db);
    let output = run(&db, &["search", "lighthouse"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Each session once, where its first hit comes (a title hit comes first), its hits
    // under it in the order found, their numbers right-aligned in one column.
    let mut expected = vec![format!("{notes}  Lighthouse notes  (recall)"), "  title  the title matches".to_string()];
    expected.extend((1..=12).rev().map(|n| format!("  {:>5}  lighthouse visit {n}", format!("#{n}"))));
    expected.push(format!("{log}  Harbour log  (recall)"));
    expected.push("     #1  the lighthouse was dark".to_string());
    assert_eq!(lines, expected, "{text}");
    assert!(!text.contains("shown"), "all 14 hits are shown: {text}");
}

#[test]
fn more_hits_than_shown_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    store(&db);
    let output = run(&db, &["search", "lighthouse", "--limit", "5"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().last(), Some("5 of 14 hits shown; --limit N shows more"), "{text}");
}

#[test]
fn no_match_exits_1_as_grep_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    store(&db);
    let output = run(&db, &["search", "submarine"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&output.stderr).trim(), "recall: no matches for 'submarine'");
    let output = run(&db, &["search", "submarine", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]", "still valid JSON");
    assert!(run(&db, &["search", "harbour"]).status.success());
}
