//! The real binary in a pseudo-terminal on a store whose search index is behind, as after a
//! big import: it opens at once, indexes in the background, and a search made meanwhile
//! ends up complete without anyone asking again.

mod pty_support;

use chrono::Utc;
use pty_support::*;
use recall::store::{ImportedSession, NewEvent};
use serde_json::{Map, json};

const EVENTS: usize = 20_000;

#[test]
fn a_search_made_while_indexing_ends_up_finding_the_last_event() {
    let fixture = Fixture::new();
    let store = fixture.store();
    let events = (1..=EVENTS)
        .map(|n| {
            let text = if n == EVENTS { "the kingfisher at the end".to_string() } else { format!("filler event {n}") };
            NewEvent::from_value(&json!({"role": "user", "content": text}))
        })
        .collect();
    store
        .import_session(&ImportedSession {
            source: "test".into(),
            source_id: "big".into(),
            title: Some("Big import".into()),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            metadata: Map::new(),
            events,
        })
        .unwrap();
    assert_eq!(store.unindexed_events().unwrap(), EVENTS as u64, "seeding: nothing indexed yet");
    drop(store);
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the first frame, saying the index is being built", |s| {
        s.conversation().contains("kingfisher") && s.text().contains(&format!("Indexing {EVENTS} events for search"))
    });

    tui.step("search");
    tui.keys("/kingfisher");
    tui.keys(ENTER);
    // Found at once if indexing was done by then, else "so far" and again when it is.
    tui.wait_for("the hit, found once the index is complete", |s| {
        s.sidebar().contains("kingfisher") && !s.sidebar().contains("so far")
    });

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(fixture.store().unindexed_events().unwrap(), 0, "the browser indexed the whole backlog");
}
