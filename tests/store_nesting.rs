//! Subagents nested under their parent in the session list: whichever arrives first, through
//! the trash and back, branches left alone, and stores written before nesting upgraded.

use chrono::{DateTime, Utc};
use recall::store::{ImportedSession, Store};
use serde_json::{Map, Value, json};

fn at(minute: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + minute * 60, 0).expect("a valid time")
}

/// A session of `source` with one event, updated at `minute`, its metadata from `meta`.
fn session(source: &str, source_id: &str, minute: i64, meta: Value) -> ImportedSession {
    let metadata: Map<String, Value> = meta.as_object().cloned().unwrap_or_default();
    ImportedSession {
        source: source.into(),
        source_id: source_id.into(),
        title: Some(format!("{source_id} title")),
        created_at: at(minute),
        updated_at: at(minute),
        metadata,
        events: vec![recall::store::NewEvent::from_value(&json!({"role": "user", "content": source_id}))],
    }
}

fn import(store: &Store, imported: &ImportedSession) {
    store.import_session(imported).expect("imported");
}

fn top_level(store: &Store) -> Vec<String> {
    let listed = store.list_top_level(None, 0, 100).expect("listed");
    assert_eq!(store.top_level_count(None).expect("counted"), listed.len(), "the count agrees with the list");
    listed.into_iter().map(|session| session.source_id.unwrap_or_default()).collect()
}

fn nested(store: &Store, source: &str, source_id: &str) -> Vec<(String, usize, usize)> {
    let parent = store.find_by_source(source, source_id).expect("looked up").expect("found");
    let under = store.nested_under(&parent.id).expect("listed");
    under.into_iter().map(|n| (n.session.source_id.unwrap_or_default(), n.depth, n.nested)).collect()
}

fn id_of(store: &Store, source: &str, source_id: &str) -> String {
    store.find_by_source(source, source_id).expect("looked up").expect("found").id
}

#[test]
fn a_subagent_is_listed_under_its_parent_whichever_arrives_first() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("claude-code", "main", 1, json!({})));
    import(&store, &session("claude-code", "main/agent-a", 2, json!({"parent_session": "main"})));
    // The second subagent arrives before its own parent, a subagent of the first.
    import(&store, &session("claude-code", "main/agent-c", 5, json!({"parent_session": "main/agent-b"})));
    assert_eq!(top_level(&store), ["main/agent-c", "main"], "an orphan is listed until its parent arrives");
    import(&store, &session("claude-code", "main/agent-b", 3, json!({"parent_session": "main"})));
    assert_eq!(top_level(&store), ["main"]);
    assert_eq!(
        nested(&store, "claude-code", "main"),
        [("main/agent-a".to_string(), 1, 0), ("main/agent-b".to_string(), 1, 1), ("main/agent-c".to_string(), 2, 0)],
        "depth first, siblings oldest first"
    );
    let main = id_of(&store, "claude-code", "main");
    let counts = store.nested_counts(&[main.as_str(), "no-such-id"]).expect("counted");
    assert_eq!(counts.get(&main), Some(&2), "direct subagents only");
    assert_eq!(counts.len(), 1);
    assert_eq!(store.list_sessions(0, 100).expect("listed").len(), 4, "the flat list still has every session");
    let grandchild = id_of(&store, "claude-code", "main/agent-c");
    assert_eq!(store.nested_root(&grandchild).expect("read"), Some(main.clone()), "the top of its line");
    assert_eq!(store.nested_root(&main).expect("read"), None, "a top-level session is under nothing");
}

#[test]
fn the_parent_must_be_of_the_same_source_and_a_branch_is_not_a_subagent() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("pi", "root", 1, json!({})));
    import(&store, &session("pi", "fork", 2, json!({"parent_session": "root", "branch_of": "root"})));
    import(&store, &session("codex", "elsewhere", 3, json!({"parent_session": "root"})));
    import(&store, &session("codex", "lost", 4, json!({"parent_session": "never-imported"})));
    assert_eq!(top_level(&store), ["lost", "elsewhere", "fork", "root"]);
}

#[test]
fn filters_narrow_the_top_level() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("codex", "parent", 1, json!({"cwd": "/w/recall"})));
    import(&store, &session("codex", "child", 2, json!({"cwd": "/w/recall", "parent_session": "parent"})));
    import(&store, &session("codex", "other", 3, json!({"cwd": "/w/site"})));
    let filter = recall::query::parse("project:recall", &at(10)).expect("parsed");
    let listed = store.list_top_level(Some(&filter), 0, 10).expect("listed");
    assert_eq!(listed.iter().map(|s| s.source_id.as_deref().unwrap_or_default()).collect::<Vec<_>>(), ["parent"]);
    assert_eq!(store.top_level_count(Some(&filter)).expect("counted"), 1);
}

#[test]
fn subagents_go_to_the_trash_and_come_back_with_their_parent() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("opencode", "ses_parent", 1, json!({})));
    import(&store, &session("opencode", "ses_child", 2, json!({"parent_session": "ses_parent"})));
    import(&store, &session("opencode", "ses_grandchild", 3, json!({"parent_session": "ses_child"})));
    import(&store, &session("opencode", "ses_alone", 4, json!({})));
    let parent = id_of(&store, "opencode", "ses_parent");
    let child = id_of(&store, "opencode", "ses_child");

    store.delete(&child).expect("deleted");
    assert_eq!(nested(&store, "opencode", "ses_parent"), [], "the child went with its own subagent");
    store.undo_delete(&child).expect("restored");
    assert_eq!(nested(&store, "opencode", "ses_parent").len(), 2);

    store.delete(&parent).expect("deleted");
    assert_eq!(top_level(&store), ["ses_alone"]);
    let trash = store.list_trash(10).expect("trash");
    assert_eq!(trash.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [parent.as_str()], "one entry for the family");
    assert_eq!(store.last_deleted().expect("read").map(|s| s.id), Some(parent.clone()), "undo takes the parent back");
    store.undo_delete(&parent).expect("restored");
    assert_eq!(top_level(&store), ["ses_alone", "ses_parent"]);
    assert_eq!(nested(&store, "opencode", "ses_parent").len(), 2, "and its subagents with it");
}

#[test]
fn a_child_trashed_before_its_parent_stays_in_the_trash_when_the_parent_comes_back() {
    let mut store = Store::open_in_memory().expect("store");
    import(&store, &session("codex", "p", 1, json!({})));
    import(&store, &session("codex", "c", 2, json!({"parent_session": "p"})));
    let (parent, child) = (id_of(&store, "codex", "p"), id_of(&store, "codex", "c"));
    store.set_clock(|| at(100));
    store.delete(&child).expect("deleted");
    store.set_clock(|| at(200));
    store.delete(&parent).expect("deleted");
    store.undo_delete(&parent).expect("restored");
    assert_eq!(nested(&store, "codex", "p"), [], "deleted on its own, it waits for its own undo");
    store.undo_delete(&child).expect("restored");
    assert_eq!(nested(&store, "codex", "p").len(), 1);
}

#[test]
fn a_subagent_arriving_for_a_parent_in_the_trash_joins_it_there() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("claude-code", "main", 1, json!({})));
    let parent = id_of(&store, "claude-code", "main");
    store.delete(&parent).expect("deleted");
    import(&store, &session("claude-code", "main/agent-late", 2, json!({"parent_session": "main"})));
    assert_eq!(top_level(&store), Vec::<String>::new(), "not listed on its own");
    store.undo_delete(&parent).expect("restored");
    assert_eq!(nested(&store, "claude-code", "main"), [("main/agent-late".to_string(), 1, 0)]);
}

#[test]
fn sessions_naming_each_other_do_not_both_vanish() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("codex", "a", 1, json!({"parent_session": "b"})));
    import(&store, &session("codex", "b", 2, json!({"parent_session": "a"})));
    assert_eq!(top_level(&store).len(), 1, "one of them is listed, the other under it");
}

#[test]
fn metadata_written_through_the_library_nests_too() {
    let store = Store::open_in_memory().expect("store");
    import(&store, &session("director", "run-1", 1, json!({})));
    import(&store, &session("director", "run-1-helper", 2, json!({})));
    let helper = id_of(&store, "director", "run-1-helper");
    store.update_metadata(&helper, &json!({"parent_session": "run-1"})).expect("updated");
    assert_eq!(top_level(&store), ["run-1"]);
    store.update_metadata(&helper, &json!({"parent_session": null})).expect("updated");
    assert_eq!(top_level(&store), ["run-1-helper", "run-1"], "and un-nests when the link is taken away");
}

#[test]
fn a_store_written_before_nesting_is_upgraded_with_its_subagents_nested() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store.db");
    {
        let store = Store::open(&path).expect("store");
        import(&store, &session("gemini-cli", "parent", 1, json!({})));
        import(&store, &session("gemini-cli", "child", 2, json!({"parent_session": "parent"})));
        import(&store, &session("pi", "branch", 3, json!({"parent_session": "parent", "branch_of": "parent"})));
        import(&store, &session("codex", "trashed", 4, json!({})));
        import(&store, &session("codex", "left-behind", 5, json!({"parent_session": "trashed"})));
        store.delete(&id_of(&store, "codex", "trashed")).expect("deleted");
    }
    {
        // What schema 5 was: no parent_pk, no indexes on it.
        let conn = rusqlite::Connection::open(&path).expect("opened");
        conn.execute_batch(
            "DROP INDEX sessions_top; DROP INDEX sessions_children;
             ALTER TABLE sessions DROP COLUMN parent_pk; PRAGMA user_version = 5;
             UPDATE sessions SET deleted_at = NULL WHERE source_id = 'left-behind';",
        )
        .expect("downgraded, with a subagent left out of the trash as schema 5 did");
    }
    let store = Store::open(&path).expect("upgraded");
    assert_eq!(top_level(&store), ["branch", "parent"]);
    assert_eq!(nested(&store, "gemini-cli", "parent"), [("child".to_string(), 1, 0)]);
    let trashed = id_of(&store, "codex", "trashed");
    store.undo_delete(&trashed).expect("restored");
    assert_eq!(nested(&store, "codex", "trashed"), [("left-behind".to_string(), 1, 0)], "it went to the trash with it");
}
