//! The browser's project scope (`recall --here`, `s`): sessions whose working directory is a
//! folder or one below it, compared on path components, never as a substring.

mod import_support;

use import_support::{fixture, read_all};
use recall::import::Format;
use recall::query::Filter;
use recall::store::Store;
use serde_json::json;

/// One session per working directory (None: no cwd recorded), titled by it.
fn store_with(cwds: &[Option<&str>]) -> Store {
    let store = Store::open_in_memory().expect("store");
    for cwd in cwds {
        let session = store.create_session(cwd.unwrap_or("no cwd")).expect("creates");
        if let Some(cwd) = cwd {
            store.update_metadata(&session.id, &json!({ "cwd": cwd })).expect("sets cwd");
        }
    }
    store
}

fn under(folder: &str) -> Filter {
    Filter { cwd_under: Some(folder.to_string()), ..Filter::default() }
}

/// Titles (= cwds) kept, sorted, and the count agreeing with the list.
fn kept(store: &Store, filter: &Filter) -> Vec<String> {
    let sessions = store.list_filtered(filter, 0, 100).expect("lists");
    assert_eq!(store.count_filtered(filter).expect("counts"), sessions.len());
    let mut titles: Vec<String> = sessions.into_iter().map(|session| session.title).collect();
    titles.sort();
    titles
}

#[test]
fn the_folder_and_below_it_on_a_component_boundary() {
    let store =
        store_with(&[Some("/a/b"), Some("/a/b/c"), Some("/a/b/"), Some("/a/bc"), Some("/a"), Some("/x/a/b"), None]);
    assert_eq!(kept(&store, &under("/a/b")), ["/a/b", "/a/b/", "/a/b/c"]);
    assert_eq!(kept(&store, &under("/a/b/")), ["/a/b", "/a/b/", "/a/b/c"], "a trailing slash changes nothing");
    assert_eq!(kept(&store, &under("/a/b/c")), ["/a/b/c"]);
    assert_eq!(kept(&store, &under("/a")).len(), 5, "/a itself and everything below it");
    assert_eq!(kept(&store, &under("/")).len(), 6, "the root keeps every session with a cwd");
    assert!(kept(&store, &under("/a/b/c/d")).is_empty());
}

#[test]
fn wildcards_and_case_are_taken_literally() {
    let store = store_with(&[Some("/w/my_app"), Some("/w/myxapp"), Some("/w/50%"), Some("/w/500"), Some("/W/my_app")]);
    assert_eq!(kept(&store, &under("/w/my_app")), ["/w/my_app"]);
    assert_eq!(kept(&store, &under("/w/50%")), ["/w/50%"]);
    assert_eq!(kept(&store, &under("/w")).len(), 4, "paths compare with their case");
}

#[test]
fn non_ascii_folders_compare_by_character() {
    let store = store_with(&[Some("/home/zoë/projet"), Some("/home/zoë/projet-2"), Some("/home/zoë/projet/src")]);
    assert_eq!(kept(&store, &under("/home/zoë/projet")), ["/home/zoë/projet", "/home/zoë/projet/src"]);
}

#[test]
fn scope_and_qualifiers_narrow_together_on_real_transcripts() {
    let store = Store::open_in_memory().expect("store");
    for (path, format) in
        [("claude-code/2.1.330", Format::ClaudeCode), ("codex-cli/0.169.0/codex-home/sessions", Format::Codex)]
    {
        let (sessions, skipped) = read_all(&fixture(path), format);
        assert!(skipped.is_empty(), "{path}: {skipped:?}");
        for session in &sessions {
            store.import_session(session).expect("imports");
        }
    }
    let codex = store.list_filtered(&under("/home/dev/codex-demo"), 0, 10).expect("lists");
    assert_eq!(codex.len(), 3);
    assert!(codex.iter().all(|session| session.source == "codex"));
    assert_eq!(store.count_filtered(&under("/home/dev")).expect("counts"), 6);
    assert_eq!(store.count_filtered(&under("/home/dev/codex")).expect("counts"), 0, "codex-demo is not below codex");
    let narrowed = Filter { agents: vec!["claude-code".into()], ..under("/home/dev/codex-demo") };
    assert_eq!(store.count_filtered(&narrowed).expect("counts"), 0);
}
