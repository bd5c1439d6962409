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
fn each_session_once_best_first_with_its_hit_count_and_best_hit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let (notes, log) = store(&db);
    let output = run(&db, &["search", "lighthouse"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The session about lighthouses (its title, twelve mentions) before the one that
    // mentions it once, though that one is newer; under each, its best hit.
    let expected = vec![
        format!("{notes}  Lighthouse notes  (recall)  12 hits and the title"),
        "  #1  lighthouse visit 1".to_string(),
        format!("{log}  Harbour log  (recall)  1 hit"),
        "  #1  the lighthouse was dark".to_string(),
    ];
    assert_eq!(lines, expected, "{text}");
    assert!(!text.contains("shown"), "both sessions are shown: {text}");
}

#[test]
fn more_sessions_than_shown_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    store(&db);
    let output = run(&db, &["search", "lighthouse", "--limit", "1"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().last(), Some("1 sessions shown, best first; more match: --limit N shows more"), "{text}");
}

#[test]
fn json_carries_the_ranking_and_a_phrase_in_quotes_is_kept_together() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    store(&db);
    let output = run(&db, &["search", "--json", "lighthouse"]);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0]["title"], "Lighthouse notes");
    assert_eq!(found[0]["hits"], 12);
    assert_eq!(found[0]["title_matches"], true);
    assert_eq!(found[0]["seqs"].as_array().map(Vec::len), Some(12));
    assert_eq!(found[0]["source"], "recall");
    assert!(found[0]["score"].as_f64().expect("a score") > found[1]["score"].as_f64().expect("a score"));
    for field in ["session_id", "focus", "recency", "best_seq", "snippet", "updated_at", "project", "cwd"] {
        assert!(found[1].get(field).is_some(), "{field} in {}", found[1]);
    }
    let phrase = run(&db, &["search", "--json", "\"lighthouse was\""]);
    let phrase: Vec<serde_json::Value> = serde_json::from_slice(&phrase.stdout).expect("json");
    assert_eq!(phrase.len(), 1, "{phrase:?}");
    assert_eq!(phrase[0]["title"], "Harbour log");
    assert_eq!(run(&db, &["search", "\"was lighthouse\""]).status.code(), Some(1));
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
