//! Filtering the session list: qualifiers alone in the `/` prompt narrow the list (and the
//! header says to what), with words they narrow the hits, and Esc goes back a step at a time.

mod tui_support;

use recall::tui::app::{Action, App, Focus, Mode};
use recall::tui::input::Edit;
use tui_support::*;

/// Five sessions, newest first: s1 codex in /w/recall, s2 claude in /w/recall/src,
/// s3 codex in /w/recallx, s4 claude in /w/site, s5 codex with no folder. Titles "Session N";
/// each has the events "hello N" and "hi".
fn agents() -> FakeBackend {
    let backend = many_sessions(5);
    backend.place("s1", "codex", Some("/w/recall"));
    backend.place("s2", "claude-code", Some("/w/recall/src"));
    backend.place("s3", "codex", Some("/w/recallx"));
    backend.place("s4", "claude-code", Some("/w/site"));
    backend.place("s5", "codex", None);
    backend
}

/// Ids of the sessions the list holds, in order.
fn listed(app: &App) -> Vec<String> {
    (0..app.sidebar.total).filter_map(|index| app.sidebar.session_at(index)).map(|session| session.id.clone()).collect()
}

/// The sidebar's header row, as drawn.
fn header(app: &App) -> String {
    let width = app.panes().sidebar.expect("a sidebar").width as usize;
    screen_lines(app)[0].chars().take(width).collect::<String>().trim().to_string()
}

#[test]
fn qualifiers_alone_narrow_the_list_as_you_type() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    assert_eq!(header(&app), "Sessions 5");
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:codex");
    assert_eq!(app.search, None, "no words: nothing to search, the list is filtered");
    assert_eq!(listed(&app), ["s1", "s3", "s5"]);
    assert_eq!(header(&app), "Sessions 3 · agent:codex");

    type_text(&mut app, &backend, " project:recall");
    assert_eq!(listed(&app), ["s1", "s3"], "project matches the folder's text");
    assert_eq!(header(&app), "Sessions 2 · agent:codex project:recall");

    press(&mut app, &backend, [Action::Edit(Edit::DeleteToStart)]);
    assert_eq!(listed(&app).len(), 5, "an emptied prompt lists every session again");
    assert_eq!(header(&app), "Sessions 5");
}

#[test]
fn enter_keeps_the_filter_and_opens_its_newest_session() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "-agent:codex");
    assert_eq!(open_id(&app), Some("s1"), "typing opens nothing");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Sidebar, "the list is what was asked for");
    assert_eq!(listed(&app), ["s2", "s4"]);
    assert_eq!(open_id(&app), Some("s2"));
    assert_eq!(status_text(&app), "2 sessions · Esc shows all");

    press(&mut app, &backend, [Action::Down]);
    assert_eq!(open_id(&app), Some("s4"), "moving in the filtered list follows it");
    press(&mut app, &backend, [Action::StartSearch]);
    assert_eq!(prompt_text(&app), Some("-agent:codex"), "the prompt starts from the filter");
}

#[test]
fn esc_in_the_sidebar_clears_the_filter_and_keeps_the_session() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:claude-code");
    press(&mut app, &backend, [Action::Submit, Action::Down]);
    assert_eq!(selected_id(&app), Some("s4"));

    press(&mut app, &backend, [Action::FocusConversation, Action::Cancel]);
    assert_eq!(listed(&app), ["s2", "s4"], "Esc in the conversation leaves the filter alone");
    press(&mut app, &backend, [Action::FocusSidebar, Action::Cancel]);
    assert_eq!(listed(&app).len(), 5);
    assert_eq!(header(&app), "Sessions 5");
    assert_eq!(selected_id(&app), Some("s4"), "the session read stays selected");
    assert_eq!(open_id(&app), Some("s4"));
    assert_eq!(status_text(&app), "5 sessions · / filters again");

    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(listed(&app).len(), 5, "Esc with nothing to clear does nothing");
    assert!(!app.quit);
}

#[test]
fn esc_in_the_prompt_drops_what_was_typed() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:codex");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(listed(&app).len(), 5);
    assert_eq!(header(&app), "Sessions 5");
}

#[test]
fn with_words_the_qualifiers_narrow_the_hits_and_esc_goes_back_a_step() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "hello");
    assert_eq!(app.search.as_ref().expect("a search").total(), 5);
    type_text(&mut app, &backend, " agent:codex");
    let search = app.search.as_ref().expect("a search");
    let sessions: Vec<&str> = search.sessions.iter().map(|hits| hits.session_id.as_str()).collect();
    assert_eq!(sessions, ["s1", "s3", "s5"], "only codex sessions' hits");
    assert!(header(&app).starts_with("Search: 3 hits"));

    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.focus, Focus::Conversation);
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.search, None);
    assert_eq!(listed(&app), ["s1", "s3", "s5"], "back to the list the search looked in");
    assert_eq!(header(&app), "Sessions 3 · agent:codex");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(listed(&app).len(), 5);
}

#[test]
fn a_mistake_says_so_and_keeps_the_list() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:codex after:3");
    assert!(status_is_error(&app));
    assert!(status_text(&app).contains("'3' is not a time"), "{}", status_text(&app));
    assert_eq!(listed(&app), ["s1", "s3", "s5"], "the last filter that parsed still shows");
    type_text(&mut app, &backend, "d");
    assert!(!status_is_error(&app));
    assert_eq!(header(&app), "Sessions 3 · agent:codex after:3d");
}

#[test]
fn a_filter_that_keeps_nothing_says_so() {
    let backend = agents();
    let mut app = launch(&backend, 144, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:nobody");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.sidebar.total, 0);
    assert_eq!(open_id(&app), None);
    assert!(screen_text(&app).contains("No sessions match"));
    assert_eq!(status_text(&app), "0 sessions · Esc shows all");
}

/// 1,200 sessions, every third one by codex: the filtered list pages from the store like the
/// whole one, and the header groups the count's digits.
#[test]
fn a_long_filtered_list_pages_and_counts_with_separators() {
    let backend = many_sessions(1200);
    for i in (3..=1200).step_by(3) {
        backend.place(&format!("s{i}"), "codex", Some("/w/recall"));
    }
    let mut app = launch(&backend, 144, 24);
    assert_eq!(header(&app), "Sessions 1,200");
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:codex");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(header(&app), "Sessions 400 · agent:codex");
    assert!(app.sidebar.items.len() < 400, "a page at a time, not the whole list");
    press(&mut app, &backend, [Action::Bottom]);
    assert_eq!(selected_id(&app), Some("s1200"));
    assert_eq!(app.sidebar.selected, 399);
    press(&mut app, &backend, [Action::Top, Action::PageDown]);
    assert_eq!(selected_id(&app), Some(format!("s{}", 3 * (app.sidebar.selected + 1)).as_str()));
}
