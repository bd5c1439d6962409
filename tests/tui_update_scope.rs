//! The project scope: `recall --here` opens on the sessions of the folder it was started in
//! (and the folders below it), `s` switches between those and all sessions, and a filter or
//! a search looks only where the list does.

mod tui_support;

use std::path::Path;

use recall::tui::app::{Action, App, Folder, Scope};
use tui_support::*;

/// Five sessions, newest first: s1 codex in /w/recall, s2 claude in /w/recall/src,
/// s3 codex in /w/recallx, s4 claude in /w/site, s5 codex with no folder.
fn agents() -> FakeBackend {
    let backend = many_sessions(5);
    backend.place("s1", "codex", Some("/w/recall"));
    backend.place("s2", "claude-code", Some("/w/recall/src"));
    backend.place("s3", "codex", Some("/w/recallx"));
    backend.place("s4", "claude-code", Some("/w/site"));
    backend.place("s5", "codex", None);
    backend
}

fn start(backend: &FakeBackend, folder: &str, on: bool) -> App {
    let scope = Scope { folder: Some(Folder::new(Path::new(folder))), on };
    App::start(backend, 144, 24, now(), None, scope).expect("the app starts")
}

fn listed(app: &App) -> Vec<String> {
    (0..app.sidebar.total).filter_map(|index| app.sidebar.session_at(index)).map(|session| session.id.clone()).collect()
}

fn header(app: &App) -> String {
    let width = app.panes().sidebar.expect("a sidebar").width as usize;
    screen_lines(app)[0].chars().take(width).collect::<String>().trim().to_string()
}

#[test]
fn here_opens_on_the_folders_sessions_and_their_newest() {
    let backend = agents();
    let app = start(&backend, "/w/recall", true);
    assert_eq!(listed(&app), ["s1", "s2"], "the folder and below it; /w/recallx is another folder");
    assert_eq!(open_id(&app), Some("s1"));
    assert_eq!(header(&app), "Sessions 2 in recall");

    let app = start(&backend, "/w/recall/src", true);
    assert_eq!(listed(&app), ["s2"]);
    assert_eq!(open_id(&app), Some("s2"), "the most recent session of the scope, not of the store");
}

#[test]
fn s_switches_between_the_folder_and_all_sessions() {
    let backend = agents();
    let mut app = start(&backend, "/w/recall", true);
    press(&mut app, &backend, [Action::CycleScope]);
    assert_eq!(listed(&app).len(), 5);
    assert_eq!(header(&app), "Sessions 5");
    assert_eq!(status_text(&app), "5 sessions · s: only recall");
    press(&mut app, &backend, [Action::Bottom]);
    assert_eq!(open_id(&app), Some("s5"));

    press(&mut app, &backend, [Action::CycleScope]);
    assert_eq!(listed(&app), ["s1", "s2"]);
    assert_eq!(open_id(&app), Some("s1"), "the session read is not in the folder: its newest opens");
    assert_eq!(status_text(&app), "2 sessions in recall · s: all sessions");
}

#[test]
fn s_works_without_here_and_keeps_the_open_session_when_it_is_in_the_folder() {
    let backend = agents();
    let mut app = start(&backend, "/w/recall", false);
    assert_eq!(listed(&app).len(), 5, "without --here, every session");
    press(&mut app, &backend, [Action::Down]);
    assert_eq!(open_id(&app), Some("s2"));
    press(&mut app, &backend, [Action::CycleScope]);
    assert_eq!(listed(&app), ["s1", "s2"]);
    assert_eq!(selected_id(&app), Some("s2"));
    assert_eq!(open_id(&app), Some("s2"));
}

#[test]
fn without_a_folder_s_says_so() {
    let backend = agents();
    let mut app = launch(&backend, 120, 24);
    press(&mut app, &backend, [Action::CycleScope]);
    assert_eq!(status_text(&app), "No folder to scope to");
    assert_eq!(listed(&app).len(), 5);
}

#[test]
fn an_empty_scope_shows_no_session() {
    let backend = agents();
    let app = start(&backend, "/elsewhere", true);
    assert_eq!(app.sidebar.total, 0);
    assert_eq!(open_id(&app), None);
    assert!(screen_text(&app).contains("No sessions match"));
    assert_eq!(header(&app), "Sessions 0 in elsewhere");
}

#[test]
fn filters_narrow_within_the_scope_and_esc_keeps_the_scope() {
    let backend = agents();
    let mut app = start(&backend, "/w/recall", true);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:claude-code");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(listed(&app), ["s2"]);
    assert_eq!(header(&app), "Sessions 1 in recall · agent:claude-code");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(listed(&app), ["s1", "s2"], "Esc clears the filter, not the scope");
    assert_eq!(header(&app), "Sessions 2 in recall");
}

#[test]
fn searches_look_where_the_list_does() {
    let backend = agents();
    let mut app = start(&backend, "/w/recall", true);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "hello");
    let sessions = |app: &App| -> Vec<String> {
        app.search.as_ref().expect("a search").sessions.iter().map(|hits| hits.session_id.clone()).collect()
    };
    assert_eq!(sessions(&app), ["s1", "s2"]);
    press(&mut app, &backend, [Action::Submit, Action::CycleScope]);
    assert_eq!(sessions(&app).len(), 5, "s runs the search again over all sessions");
}
