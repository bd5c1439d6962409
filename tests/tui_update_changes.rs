//! Changing sessions: rename in the inline editor, delete after a question, undo, and a
//! read-only store that refuses all three.

mod tui_support;

use recall::export::Format;
use recall::tui::app::{Action, Focus, Mode};
use recall::tui::input::Edit;
use tui_support::*;

#[test]
fn r_opens_the_editor_edits_and_enter_saves() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);

    // step: open_editor
    press(&mut app, &backend, [Action::StartRename]);
    assert!(matches!(&app.mode, Mode::Rename { id, .. } if id == "s1"));
    assert_eq!(prompt_text(&app), Some("Fix the parser"));

    // step: edit
    press(&mut app, &backend, [Action::Edit(Edit::DeleteWord)]);
    assert_eq!(prompt_text(&app), Some("Fix the "));
    type_text(&mut app, &backend, "CSV reader");
    press(&mut app, &backend, [Action::Edit(Edit::Home)]);
    press(&mut app, &backend, [Action::Edit(Edit::Delete), Action::Edit(Edit::Delete), Action::Edit(Edit::Delete)]);
    type_text(&mut app, &backend, "Repair");
    press(&mut app, &backend, [Action::Edit(Edit::End), Action::Edit(Edit::Backspace)]);
    press(&mut app, &backend, [Action::Edit(Edit::Left), Action::Edit(Edit::Right)]);
    press(&mut app, &backend, [Action::Edit(Edit::Paste("r\n(v2)".into()))]);
    assert_eq!(prompt_text(&app), Some("Repair the CSV reader (v2)"), "a pasted newline becomes a space");
    assert_eq!(backend.title("s1"), "Fix the parser", "nothing saved while typing");

    // step: save
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(backend.title("s1"), "Repair the CSV reader (v2)");
    assert_eq!(status_text(&app), "Renamed to 'Repair the CSV reader (v2)'");
    assert!(!status_is_error(&app));
    assert_eq!(open_title(&app), Some("Repair the CSV reader (v2)"), "the conversation header follows");
    assert_eq!(app.sidebar.selected_session().map(|s| s.title.as_str()), Some("Repair the CSV reader (v2)"));
}

#[test]
fn a_title_is_trimmed_before_it_is_saved() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename, Action::Edit(Edit::DeleteToStart)]);
    type_text(&mut app, &backend, "  Spaced out  ");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(backend.title("s1"), "Spaced out");
}

#[test]
fn an_empty_title_is_refused_and_the_editor_stays_open() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename, Action::Edit(Edit::DeleteToStart)]);
    type_text(&mut app, &backend, "   ");
    press(&mut app, &backend, [Action::Submit]);
    assert!(matches!(app.mode, Mode::Rename { .. }), "still editing");
    assert_eq!(prompt_text(&app), Some("   "));
    assert!(status_is_error(&app));
    assert_eq!(status_text(&app), "A title cannot be empty: type one, or Esc to cancel");
    assert_eq!(backend.title("s1"), "Fix the parser");
}

#[test]
fn esc_cancels_a_rename() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename]);
    type_text(&mut app, &backend, " and more");
    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(status_text(&app), "Rename cancelled");
    assert_eq!(backend.title("s1"), "Fix the parser");
}

#[test]
fn a_failed_rename_keeps_the_editor_and_the_text() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename]);
    type_text(&mut app, &backend, "!");
    backend.fail_next_write("database is locked");
    press(&mut app, &backend, [Action::Submit]);

    // step: after_failure
    assert!(matches!(app.mode, Mode::Rename { .. }), "the editor stays open");
    assert_eq!(prompt_text(&app), Some("Fix the parser!"), "nothing typed is lost");
    assert!(status_is_error(&app));
    assert!(status_text(&app).contains("database is locked"), "{}", status_text(&app));

    // step: retry
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(backend.title("s1"), "Fix the parser!");
}

#[test]
fn r_in_the_conversation_renames_the_open_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down, Action::Activate, Action::StartRename]);
    assert!(matches!(&app.mode, Mode::Rename { id, .. } if id == "s2"));
    assert_eq!(prompt_text(&app), Some("Plan a trip"));
}

#[test]
fn renaming_a_hit_retitles_it_in_the_search_results() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Down, Action::Submit, Action::StartRename, Action::Edit(Edit::DeleteToStart)]);
    type_text(&mut app, &backend, "Logs parsed");
    press(&mut app, &backend, [Action::Submit]);
    let search = app.search.as_ref().expect("the search is still shown");
    let titles: Vec<&str> = search.sessions.iter().map(|hits| hits.title.as_str()).collect();
    assert_eq!(titles, vec!["Fix the parser", "Logs parsed", "Plan a trip"]);
    assert_eq!(backend.title("s3"), "Logs parsed");
}

#[test]
fn d_asks_and_n_or_esc_keep_the_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    for keep in [Action::Cancel, Action::Edit(Edit::Insert('x'))] {
        press(&mut app, &backend, [Action::AskDelete]);
        assert_eq!(app.mode, Mode::ConfirmDelete { id: "s1".into(), title: "Fix the parser".into() });
        press(&mut app, &backend, [keep.clone()]);
        assert_eq!(app.mode, Mode::Normal, "{keep:?} keeps it");
        assert!(!backend.is_deleted("s1"));
    }
    press(&mut app, &backend, [Action::AskDelete, Action::Down, Action::Up]);
    assert!(matches!(app.mode, Mode::ConfirmDelete { .. }), "moving does not answer the question");
    assert_eq!(selected_id(&app), Some("s1"));
}

#[test]
fn y_deletes_and_u_restores() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit]);

    // step: after_delete
    assert!(backend.is_deleted("s1"));
    assert_eq!(status_text(&app), "Deleted 'Fix the parser' — u to undo");
    assert_eq!(app.sidebar.total, 2);
    assert_eq!(selected_id(&app), Some("s2"), "the next session takes its place");
    assert_eq!(open_id(&app), Some("s2"));

    // step: after_undo
    press(&mut app, &backend, [Action::Undo]);
    assert!(!backend.is_deleted("s1"));
    assert_eq!(status_text(&app), "Restored 'Fix the parser'");
    assert_eq!(app.sidebar.total, 3);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s1"), Some("s1")));
    assert!(open_at_end(&app));

    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(status_text(&app), "Nothing to undo");
}

#[test]
fn u_restores_even_after_searching_and_renaming_another_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit]);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "trip");
    press(&mut app, &backend, [Action::Submit, Action::Cancel, Action::FocusSidebar, Action::Down]);
    assert_eq!(selected_id(&app), Some("s3"));
    press(&mut app, &backend, [Action::StartRename]);
    type_text(&mut app, &backend, " (old)");
    press(&mut app, &backend, [Action::Submit]);
    assert_eq!(backend.title("s3"), "Parse the logs (old)");

    press(&mut app, &backend, [Action::Undo]);
    assert!(!backend.is_deleted("s1"));
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s1"), Some("s1")));
}

#[test]
fn undo_restores_several_deletes_newest_first() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit, Action::AskDelete, Action::Submit]);
    assert_eq!((app.sidebar.total, selected_id(&app)), (1, Some("s3")));
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(status_text(&app), "Restored 'Plan a trip'");
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(status_text(&app), "Restored 'Fix the parser'");
    assert_eq!(app.sidebar.total, 3);
}

#[test]
fn deleting_the_last_session_leaves_an_empty_list() {
    let backend = FakeBackend::new();
    backend.add("only", "Only one", 1, vec![user("hi")]);
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit]);
    assert_eq!((app.sidebar.total, open_id(&app)), (0, None));
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!((app.sidebar.total, open_id(&app)), (1, Some("only")));
}

#[test]
fn deleting_a_hit_drops_it_from_the_results() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Down, Action::Submit, Action::AskDelete, Action::Submit]);
    assert!(backend.is_deleted("s3"));
    let search = app.search.as_ref().expect("still searching");
    let left: Vec<&str> = search.sessions.iter().map(|hits| hits.session_id.as_str()).collect();
    assert_eq!(left, vec!["s1", "s2"]);
    let titles: Vec<&str> = search.sessions.iter().map(|hits| hits.title.as_str()).collect();
    assert_eq!(titles, vec!["Fix the parser", "Plan a trip"]);
    assert_eq!(open_id(&app), Some("s2"), "the hit now in its place is shown");
}

#[test]
fn a_failed_delete_keeps_the_session_and_says_why() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    backend.fail_next_write("disk full");
    press(&mut app, &backend, [Action::AskDelete, Action::Submit]);
    assert!(!backend.is_deleted("s1"));
    assert!(status_is_error(&app) && status_text(&app).contains("disk full"));
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(status_text(&app), "Nothing to undo", "a delete that failed is not undone");
}

#[test]
fn a_read_only_store_refuses_rename_delete_and_undo() {
    let backend = three_sessions();
    backend.set_read_only(true);
    let mut app = launch(&backend, 80, 24);
    assert_eq!(status_text(&app), "Read-only store: browsing only");
    assert!(app.read_only);
    for change in [Action::StartRename, Action::AskDelete, Action::Undo] {
        press(&mut app, &backend, [Action::Cancel, change.clone()]);
        assert_eq!(app.mode, Mode::Normal, "{change:?} opens nothing");
        assert!(status_is_error(&app));
        assert_eq!(status_text(&app), "Read-only store: changes are refused", "{change:?}");
    }
    assert_eq!(backend.title("s1"), "Fix the parser");
    assert!(!backend.is_deleted("s1"));

    press(
        &mut app,
        &backend,
        [Action::Down, Action::FocusConversation, Action::Export, Action::ExportAs(Format::Markdown)],
    );
    assert_eq!(status_text(&app), "Exported to /exports/s2.md", "reading and exporting still work");
    assert_eq!(app.focus, Focus::Conversation);
}

#[test]
fn the_refusal_of_an_empty_title_is_on_screen_while_the_editor_is_open() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename, Action::Edit(Edit::DeleteToStart), Action::Submit]);
    let screen = screen_text(&app);
    assert!(screen.contains("A title cannot be empty"), "{screen}");
    assert!(screen.lines().last().is_some_and(|line| line.starts_with("Rename:")), "{screen}");
    type_text(&mut app, &backend, "N");
    assert!(!screen_text(&app).contains("A title cannot be empty"), "typing again clears the complaint");
}
