//! Full-text search stays right through every change, and user text is never FTS syntax.

use recall::store::{SearchHit, Store};
use serde_json::json;

fn sessions_found(store: &Store, query: &str) -> Vec<(String, Option<i64>)> {
    store.search(query, 50).unwrap().into_iter().map(|SearchHit { session_id, seq, .. }| (session_id, seq)).collect()
}

fn store_with_two_sessions() -> (Store, String, String) {
    let store = Store::open_in_memory().unwrap();
    let a = store.create_session("Weather in Lisbon").unwrap().id;
    let b = store.create_session("Refactoring notes").unwrap().id;
    store
        .add_events(&a, &[
            json!({"role": "user", "content": "Will it rain tomorrow?"}),
            json!({"type": "function_call", "call_id": "call_zebra", "name": "get_weather", "arguments": "{\"city\": \"Porto\"}"}),
            json!({"type": "function_call_output", "call_id": "call_zebra", "output": "Sunny, 24 degrees"}),
        ])
        .unwrap();
    store.add_events(&b, &[json!({"role": "user", "content": "rename the parser module"})]).unwrap();
    (store, a, b)
}

#[test]
fn finds_text_arguments_outputs_and_titles_but_not_keys_or_ids() {
    let (store, a, b) = store_with_two_sessions();
    assert_eq!(sessions_found(&store, "rain"), vec![(a.clone(), Some(1))]);
    assert_eq!(sessions_found(&store, "porto"), vec![(a.clone(), Some(2))]);
    assert_eq!(sessions_found(&store, "sunny degrees"), vec![(a.clone(), Some(3))]);
    assert_eq!(sessions_found(&store, "lisbon"), vec![(a.clone(), None)]);
    assert_eq!(sessions_found(&store, "parser"), vec![(b.clone(), Some(1))]);
    assert!(sessions_found(&store, "call_zebra").is_empty(), "ids are not text");
    assert!(sessions_found(&store, "zebra").is_empty());
    assert!(sessions_found(&store, "arguments").is_empty(), "keys are not text");
}

#[test]
fn snippets_show_the_matching_words() {
    let (store, _, _) = store_with_two_sessions();
    let hits = store.search("sunny", 5).unwrap();
    assert_eq!(hits[0].snippet, "Sunny, 24 degrees");
    let title_hit = &store.search("lisbon", 5).unwrap()[0];
    assert_eq!(title_hit.snippet, "Weather in Lisbon");
}

#[test]
fn last_term_matches_as_a_prefix_for_search_as_you_type() {
    let (store, a, _) = store_with_two_sessions();
    assert_eq!(sessions_found(&store, "tomor"), vec![(a, Some(1))]);
}

#[test]
fn fts_syntax_characters_are_searched_as_text() {
    let (store, a, _) = store_with_two_sessions();
    for query in
        ["\"", "*", "-", "(", ")", ":", "\"rain", "rain*", "-rain", "(rain", "rain:", "NEAR(", "AND", "^", "{}", "'"]
    {
        let hits = store.search(query, 10);
        assert!(hits.is_ok(), "query {query:?} errored: {hits:?}");
    }
    assert_eq!(sessions_found(&store, "\"rain\""), vec![(a.clone(), Some(1))]);
    assert_eq!(sessions_found(&store, "(rain)"), vec![(a.clone(), Some(1))]);
    assert_eq!(sessions_found(&store, "-rain"), vec![(a, Some(1))]);
    assert!(store.search("", 10).unwrap().is_empty());
}

#[test]
fn stays_in_sync_with_pop_and_clear() {
    let (store, a, _) = store_with_two_sessions();
    store.pop_event(&a).unwrap();
    assert!(sessions_found(&store, "sunny").is_empty(), "popped event still found");
    assert_eq!(sessions_found(&store, "porto").len(), 1);
    store.clear_session(&a).unwrap();
    assert!(sessions_found(&store, "porto").is_empty());
    assert!(sessions_found(&store, "rain").is_empty());
    assert_eq!(sessions_found(&store, "lisbon").len(), 1, "the title stays");
}

#[test]
fn stays_in_sync_with_rename() {
    let (store, a, _) = store_with_two_sessions();
    store.rename(&a, "Holiday planning").unwrap();
    assert!(sessions_found(&store, "lisbon").is_empty());
    assert_eq!(sessions_found(&store, "holiday"), vec![(a, None)]);
}

#[test]
fn trash_is_not_found_until_undone_and_purge_forgets() {
    let (store, a, _) = store_with_two_sessions();
    store.delete(&a).unwrap();
    assert!(sessions_found(&store, "rain").is_empty());
    assert!(sessions_found(&store, "lisbon").is_empty());
    store.undo_delete(&a).unwrap();
    assert_eq!(sessions_found(&store, "rain").len(), 1);
    store.delete(&a).unwrap();
    store.purge_trash(chrono::Utc::now()).unwrap();
    assert!(sessions_found(&store, "rain").is_empty());
    store.undo_delete(&a).unwrap_err();
    // The index holds no rows for purged events: a new event is the only match.
    let c = store.create_session("later").unwrap().id;
    store.add_events(&c, &[json!({"role": "user", "content": "rain again"})]).unwrap();
    assert_eq!(sessions_found(&store, "rain"), vec![(c, Some(1))]);
}

#[test]
fn diacritics_and_case_are_ignored() {
    let store = Store::open_in_memory().unwrap();
    let id = store.create_session("x").unwrap().id;
    store.add_events(&id, &[json!({"role": "user", "content": "Le Café est fermé"})]).unwrap();
    assert_eq!(sessions_found(&store, "cafe FERME").len(), 1);
}
