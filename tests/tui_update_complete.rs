//! Tab in the `/` prompt: qualifier names, then the values the store holds; Tab again offers
//! the next candidate, and a completed value filters the list at once.

mod tui_support;

use recall::tui::app::{Action, App};
use tui_support::*;

/// s1 codex in /w/recall, s2 claude-code in /w/recall-site, s3 codex in /w/site.
fn agents() -> FakeBackend {
    let backend = many_sessions(3);
    backend.place("s1", "codex", Some("/w/recall"));
    backend.place("s2", "claude-code", Some("/w/recall-site"));
    backend.place("s3", "codex", Some("/w/site"));
    backend
}

fn tab(app: &mut App, backend: &FakeBackend) -> String {
    press(app, backend, [Action::Complete]);
    prompt_text(app).expect("the prompt stays open").to_string()
}

#[test]
fn tab_completes_a_name_then_cycles_the_stores_values() {
    let backend = agents();
    let mut app = launch(&backend, 120, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "retry ag");
    assert_eq!(tab(&mut app, &backend), "retry agent:");
    assert!(!status_is_error(&app), "a name alone is not a mistake: {}", status_text(&app));

    assert_eq!(tab(&mut app, &backend), "retry agent:claude-code", "the agents in the store, sorted");
    assert_eq!(status_text(&app), "Tab 1 of 2: agent:claude-code  agent:codex");
    assert_eq!(tab(&mut app, &backend), "retry agent:codex");
    assert_eq!(tab(&mut app, &backend), "retry agent:claude-code", "round again");
}

#[test]
fn a_completed_value_filters_the_list() {
    let backend = agents();
    let mut app = launch(&backend, 120, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "project:site");
    assert_eq!(tab(&mut app, &backend), "project:site", "starting with it, before containing it");
    assert_eq!(app.sidebar.total, 2, "site is in /w/recall-site and /w/site");
    assert_eq!(tab(&mut app, &backend), "project:recall-site");
    assert_eq!(app.sidebar.total, 1);
    type_text(&mut app, &backend, " agent:c");
    assert_eq!(tab(&mut app, &backend), "project:recall-site agent:claude-code", "typing starts a new completion");
}

#[test]
fn nothing_to_complete_says_what_tab_does() {
    let backend = agents();
    let mut app = launch(&backend, 120, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "agent:zz");
    assert_eq!(tab(&mut app, &backend), "agent:zz");
    assert!(status_text(&app).starts_with("Nothing to complete"), "{}", status_text(&app));
}
