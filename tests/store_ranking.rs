//! Ranked search on a hand-made store whose answers a person would agree with: a session
//! about the words beats one that mentions them in passing, a title beats the text, newer
//! beats older among equals, and a phrase in quotes means those words together.

use chrono::{DateTime, Duration, TimeZone, Utc};
use recall::query::Filter;
use recall::store::{ImportedSession, NewEvent, SessionHits, Store};
use serde_json::{Map, Value, json};

fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).single().expect("a time")
}

/// A session `days_ago` days old, by `source`, one user message per text.
fn add(store: &Store, source: &str, id: &str, title: &str, days_ago: i64, texts: &[&str]) {
    let start = today() - Duration::days(days_ago) - Duration::minutes(texts.len() as i64);
    let events = texts
        .iter()
        .enumerate()
        .map(|(i, text)| NewEvent {
            content: json!({"role": "user", "content": text}).to_string(),
            created_at: Some(start + Duration::minutes(i as i64)),
            ..Default::default()
        })
        .collect();
    let session = ImportedSession {
        source: source.into(),
        source_id: id.into(),
        title: Some(title.into()),
        created_at: start,
        updated_at: today() - Duration::days(days_ago),
        metadata: Map::<String, Value>::new(),
        events,
    };
    store.import_session(&session).expect("imports");
}

fn titles(found: &[SessionHits]) -> Vec<&str> {
    found.iter().map(|hits| hits.title.as_str()).collect()
}

fn query(text: &str) -> Filter {
    recall::query::parse(text, &today()).expect("parses")
}

fn ranked(store: &Store, text: &str) -> Vec<SessionHits> {
    store.search_sessions(&query(text), 50).expect("searches")
}

#[test]
fn a_title_beats_a_passing_mention_of_the_same_age() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "a", "Lunch plans", 1, &["pizza, then retry the build", "ok"]);
    add(&store, "codex", "b", "Retry policy", 1, &["how many times should we retry", "three"]);
    assert_eq!(titles(&ranked(&store, "retry")), ["Retry policy", "Lunch plans"]);
}

#[test]
fn a_session_that_keeps_coming_back_to_the_words_beats_one_mention() {
    let store = Store::open_in_memory().expect("opens");
    let many: Vec<String> = (1..=8).map(|n| format!("attempt {n}: the flaky test failed again")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    add(&store, "codex", "once", "Release notes", 0, &["one flaky test, ignore it", "fine"]);
    add(&store, "codex", "many", "CI trouble", 6, &many);
    let found = ranked(&store, "flaky");
    assert_eq!(titles(&found), ["CI trouble", "Release notes"], "eight hits a week ago beat one today");
    assert_eq!(found[0].hits, 8);
    assert_eq!(found[0].seqs, (1..=8).collect::<Vec<i64>>());
    assert_eq!(found[1].hits, 1);
}

#[test]
fn among_equal_matches_the_newer_comes_first() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "old", "Old talk", 200, &["the cache was stale"]);
    add(&store, "codex", "new", "New talk", 2, &["the cache was stale"]);
    add(&store, "codex", "mid", "Mid talk", 40, &["the cache was stale"]);
    let found = ranked(&store, "cache stale");
    assert_eq!(titles(&found), ["New talk", "Mid talk", "Old talk"]);
    assert!(found[0].recency > found[1].recency && found[1].recency > found[2].recency);
    assert!((found[0].recency - 1.0).abs() < 1e-9, "the newest found is the reference");
}

#[test]
fn one_mention_today_beats_one_from_last_year_even_with_a_second_there() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "old", "Old", 365, &["tokio runtime panicked", "tokio again"]);
    add(&store, "codex", "new", "New", 0, &["the tokio runtime"]);
    assert_eq!(titles(&ranked(&store, "tokio")), ["New", "Old"]);
}

#[test]
fn the_best_hit_is_the_short_message_about_the_words_not_a_long_output() {
    let store = Store::open_in_memory().expect("opens");
    let long = format!("{} timeout {}", "log line ".repeat(150), "more output ".repeat(150));
    add(&store, "codex", "s", "Debugging", 0, &[&long, "what timeout should we use", "ok"]);
    let found = ranked(&store, "timeout");
    assert_eq!(found[0].hits, 2);
    assert_eq!(found[0].seqs, [1, 2]);
    assert_eq!(found[0].best_seq, Some(2));
    assert_eq!(found[0].snippet, "what timeout should we use");
    assert!((found[0].focus - 1.0).abs() < 1e-9, "{}", found[0].focus);
}

#[test]
fn a_phrase_in_quotes_keeps_only_its_words_together_in_order() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "a", "Together", 3, &["better error handling in the parser", "done"]);
    add(&store, "codex", "b", "Apart", 0, &["handling of the error was fine", "the error needs better handling"]);
    assert_eq!(titles(&ranked(&store, "error handling")), ["Apart", "Together"], "words alone: both");
    let found = ranked(&store, "\"error handling\"");
    assert_eq!(titles(&found), ["Together"]);
    assert_eq!(found[0].seqs, [1]);
    assert_eq!(titles(&ranked(&store, "parser \"error handling\"")), ["Together"]);
    assert!(ranked(&store, "\"handling error\"").is_empty(), "order matters");
}

#[test]
fn a_phrase_in_a_title_counts_as_a_title_hit() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "a", "Error handling review", 3, &["nothing here"]);
    add(&store, "codex", "b", "Handling an error", 0, &["nothing here either"]);
    let found = ranked(&store, "\"error handling\"");
    assert_eq!(titles(&found), ["Error handling review"]);
    assert!(found[0].title_matches);
    assert_eq!((found[0].hits, found[0].best_seq), (0, None));
}

#[test]
fn qualifiers_narrow_the_ranked_sessions_and_the_limit_counts_sessions() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "a", "A", 0, &["deploy it"]);
    add(&store, "claude-code", "b", "B", 1, &["deploy it", "deploy again"]);
    add(&store, "codex", "c", "C", 2, &["deploy it"]);
    assert_eq!(titles(&ranked(&store, "deploy agent:codex")), ["A", "C"]);
    assert_eq!(titles(&ranked(&store, "deploy -agent:codex")), ["B"]);
    assert_eq!(titles(&ranked(&store, "deploy after:36h")), ["B", "A"], "two hits a day ago beat one today");
    assert_eq!(store.search_sessions(&query("deploy"), 2).expect("searches").len(), 2);
}

#[test]
fn the_trash_is_never_found_and_a_backlog_is_read_directly() {
    let store = Store::open_in_memory().expect("opens");
    add(&store, "codex", "a", "Kept", 0, &["zeppelin"]);
    add(&store, "codex", "b", "Binned", 0, &["zeppelin"]);
    let binned = store.find_by_source("codex", "b").expect("reads").expect("there").id;
    store.delete(&binned).expect("deletes");
    assert_eq!(
        titles(&store.search_sessions_without_indexing(&query("zeppelin"), 10).expect("searches")),
        ["Kept"],
        "unindexed: read from the backlog"
    );
    assert_eq!(titles(&ranked(&store, "zeppelin")), ["Kept"]);
    assert_eq!(store.unindexed_events().expect("counts"), 0, "search_sessions indexed first");
}
