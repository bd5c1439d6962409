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
