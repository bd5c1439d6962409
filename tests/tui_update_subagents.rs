//! Subagents in the browser: the call that started one names it and its size, Enter on it
//! opens it, Backspace comes back to the parent at the same place and selection.

mod tui_support;

use recall::content::Block;
use recall::tui::app::{Action, Focus};
use tui_support::*;

fn task_call(id: &str) -> Block {
    Block::ToolCall {
        id: Some(id.into()),
        name: "Task".into(),
        arguments: r#"{"prompt": "Explore the parser"}"#.into(),
    }
}

fn task_result(id: &str) -> Block {
    Block::ToolResult {
        call_id: Some(id.into()),
        name: Some("Task".into()),
        output: "Found 2.".into(),
        is_error: false,
    }
}

/// "Parent" (most recent): 30 chat events, the Task call (seq 31) and its result, an answer;
/// its subagent "Explore the parser" (3 events); and an unrelated session.
fn parent_and_subagent() -> FakeBackend {
    let backend = FakeBackend::new();
    let mut blocks = chat("csv", 30);
    blocks.extend([task_call("toolu_1"), task_result("toolu_1"), assistant("The parser has 2 bugs.")]);
    backend.add("p", "Parent", 1, blocks);
    let sub = vec![user("Explore the parser"), assistant("Reading src/parse.rs"), assistant("Found 2.")];
    backend.add_subagent("p", "c", "Explore the parser", "toolu_1", sub);
    backend.add("other", "Other", 90, chat("misc", 2));
    backend
}

/// Selects the message with seq `seq` in the open session, from its top.
fn select_seq(app: &mut recall::tui::app::App, backend: &FakeBackend, seq: i64) {
    press(app, backend, [Action::FocusConversation, Action::Top]);
    while open_seq(app) != Some(seq) {
        let before = open_seq(app);
        press(app, backend, [Action::NextMessage]);
        assert_ne!(open_seq(app), before, "message {seq} reached");
    }
}

#[test]
fn enter_on_the_call_opens_the_subagent_and_backspace_returns_to_the_same_place() {
    let backend = parent_and_subagent();
    let mut app = launch(&backend, 100, 24);
    assert_eq!(open_id(&app), Some("p"), "launch");

    select_seq(&mut app, &backend, 31);
    let screen = screen_text(&app);
    assert!(screen.contains("→ subagent “Explore the parser” · 3 events · Enter opens"), "the call names it: {screen}");
    let (top, selected) = (open_top(&app), open_seq(&app));

    press(&mut app, &backend, [Action::Activate]);
    assert_eq!(open_id(&app), Some("c"), "into_subagent");
    assert_eq!(open_seq(&app), Some(1), "read from its start");
    assert_eq!(status_text(&app), "Subagent “Explore the parser” · Backspace returns");
    assert_eq!(selected_id(&app), Some("p"), "the sidebar still selects the parent");
    assert_eq!(app.trail.len(), 1);

    press(&mut app, &backend, [Action::Down, Action::Back]);
    assert_eq!(open_id(&app), Some("p"), "back_in_parent");
    assert_eq!((open_top(&app), open_seq(&app)), (top, selected), "the same place and selection");
    assert_eq!(app.focus, Focus::Conversation);
    assert!(app.trail.is_empty());

    press(&mut app, &backend, [Action::Back]);
    assert_eq!(open_id(&app), Some("p"), "nothing further back");
    assert_eq!(status_text(&app), "Nothing to go back to (Backspace returns from a subagent)");
}

#[test]
fn enter_elsewhere_still_folds_and_a_sidebar_move_forgets_the_trail() {
    let backend = parent_and_subagent();
    let mut app = launch(&backend, 100, 24);
    // The result of the call is not the call: Enter folds as before (shown whole here).
    select_seq(&mut app, &backend, 32);
    press(&mut app, &backend, [Action::Activate]);
    assert_eq!(open_id(&app), Some("p"));
    assert_eq!(status_text(&app), "Nothing to fold here: this is shown whole");

    select_seq(&mut app, &backend, 31);
    press(&mut app, &backend, [Action::Activate]);
    assert_eq!(open_id(&app), Some("c"));
    // Choosing another session in the list leaves the subagent's trail behind.
    press(&mut app, &backend, [Action::FocusSidebar, Action::Bottom]);
    assert_eq!(open_id(&app), Some("other"), "after_sidebar_move");
    assert!(app.trail.is_empty());
    press(&mut app, &backend, [Action::FocusConversation, Action::Back]);
    assert_eq!(open_id(&app), Some("other"));
}

#[test]
fn a_call_without_a_subagent_names_none() {
    let backend = FakeBackend::new();
    backend.add("p", "Parent", 1, vec![user("go"), task_call("toolu_9"), task_result("toolu_9")]);
    let mut app = launch(&backend, 100, 24);
    select_seq(&mut app, &backend, 2);
    assert!(!screen_text(&app).contains("subagent"));
    press(&mut app, &backend, [Action::Activate]);
    assert_eq!(open_id(&app), Some("p"));
}

fn listed(app: &recall::tui::app::App) -> Vec<String> {
    (0..app.sidebar.total).filter_map(|row| app.sidebar.session_at(row)).map(|session| session.id.clone()).collect()
}

/// Row `row` of the screen, the sidebar's part of it.
fn sidebar_row(app: &recall::tui::app::App, row: usize) -> String {
    screen_lines(app)[row].split('│').next().unwrap_or_default().trim_end().to_string()
}

/// "Parent" with two subagents, the second with one of its own, and an unrelated session.
fn parent_and_family() -> FakeBackend {
    let backend = parent_and_subagent();
    backend.add_subagent("p", "c2", "Check the tests", "toolu_2", vec![user("Check the tests")]);
    backend.add_subagent("c2", "g", "Run one test", "toolu_3", vec![user("Run one test")]);
    backend
}

#[test]
fn the_list_folds_subagents_under_their_parent_and_space_unfolds_them() {
    let backend = parent_and_family();
    let mut app = launch(&backend, 100, 24);
    assert_eq!(listed(&app), ["p", "other"], "subagents are not listed as sessions of their own");
    assert_eq!(app.sidebar.sessions, 2);
    let screen = screen_text(&app);
    assert!(screen.contains("Sessions 2"), "{screen}");
    assert!(sidebar_row(&app, 1).ends_with("▸2"), "the parent says two are folded under it: {}", sidebar_row(&app, 1));

    press(&mut app, &backend, [Action::ToggleFold]);
    assert_eq!(listed(&app), ["p", "c", "c2", "g", "other"], "each after its parent, depth first");
    assert!(sidebar_row(&app, 1).ends_with("▾2"), "and that they are listed: {}", sidebar_row(&app, 1));
    let lines = screen_lines(&app);
    assert!(lines.iter().any(|line| line.contains("└ Explore the parser")), "{lines:#?}");
    assert!(lines.iter().any(|line| line.contains("  └ Run one test")), "a level deeper: {lines:#?}");
    assert!(screen_text(&app).contains("Sessions 2"), "still two sessions, with their subagents shown");

    press(&mut app, &backend, [Action::Down, Action::Down]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("c2"), Some("c2")), "a subagent opens like any session");
    press(&mut app, &backend, [Action::ToggleFold]);
    assert_eq!(listed(&app), ["p", "other"], "Space on a subagent folds its parent's list");
    assert_eq!((selected_id(&app), open_id(&app)), (Some("p"), Some("p")));

    press(&mut app, &backend, [Action::Down, Action::ToggleFold]);
    assert_eq!(listed(&app), ["p", "other"]);
    assert_eq!(status_text(&app), "No subagents under this session");
}

#[test]
fn an_unfolded_parent_shows_subagents_as_they_arrive_and_its_call_links_them() {
    let backend = FakeBackend::new();
    let mut blocks = chat("csv", 2);
    blocks.extend([task_call("toolu_1"), task_result("toolu_1")]);
    backend.add("p", "Parent", 1, blocks);
    backend.add_subagent("p", "c", "Explore the parser", "toolu_1", vec![user("Explore")]);
    let mut app = launch(&backend, 100, 24);
    press(&mut app, &backend, [Action::ToggleFold]);
    assert_eq!(listed(&app), ["p", "c"]);

    // A second Task call and its subagent, written by the agent while the parent is read.
    backend.append_elsewhere("p", vec![task_call("toolu_2"), task_result("toolu_2")]);
    backend.add_subagent("p", "c2", "Check the tests", "toolu_2", vec![user("Check")]);
    backend.bump_data_version();
    app.update(&backend, Action::Tick { now: now() });
    assert_eq!(listed(&app), ["p", "c", "c2"], "listed under the parent at once");
    assert!(
        screen_text(&app).contains("→ subagent “Check the tests” · 1 event · Enter opens"),
        "the new call links it without reopening the parent: {}",
        screen_text(&app)
    );
}

#[test]
fn deleting_a_parent_takes_its_subagents_and_undo_brings_them_back() {
    let backend = parent_and_family();
    let mut app = launch(&backend, 100, 24);
    press(&mut app, &backend, [Action::ToggleFold, Action::AskDelete, Action::Submit]);
    assert_eq!(listed(&app), ["other"]);
    assert!(["p", "c", "c2", "g"].iter().all(|id| backend.is_deleted(id)), "the whole family is in the trash");
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(listed(&app)[0], "p");
    assert!(["p", "c", "c2", "g"].iter().all(|id| !backend.is_deleted(id)));
}

#[test]
fn a_subagent_open_from_a_search_stays_selected_under_its_parent_when_the_search_is_left() {
    let backend = parent_and_family();
    let mut app = launch(&backend, 100, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    for ch in "one".chars() {
        app.update(&backend, Action::Edit(recall::tui::input::Edit::Insert(ch)));
    }
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(open_id(&app), Some("g"), "the hit is the subagent's subagent");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.search, None);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("g"), Some("g")), "still reading it, selected in the list");
    assert_eq!(listed(&app), ["p", "c", "c2", "g", "other"], "its parent unfolded to show it");
}

#[test]
fn opening_on_a_subagent_lists_it_under_its_parent() {
    let backend = parent_and_family();
    let app = recall::tui::app::App::new(&backend, 100, 24, now(), Some("c2")).expect("app");
    assert_eq!((selected_id(&app), open_id(&app)), (Some("c2"), Some("c2")));
    assert!(sidebar_row(&app, 1).ends_with("▾2"), "{}", sidebar_row(&app, 1));
}
