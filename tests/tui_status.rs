//! The status line: a message lasts a few seconds or until the view changes, never crowds
//! out `? help`, and only keys that work are offered.

mod tui_support;

use chrono::Duration;
use recall::tui::app::{Action, App};
use tui_support::*;

fn footer(app: &App) -> String {
    screen_lines(app).last().cloned().unwrap_or_default()
}

#[test]
fn a_message_goes_when_the_view_changes() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::FocusConversation, Action::Copy]);
    assert!(status_text(&app).starts_with("Copied the selected message"));

    // step: switch_session
    press(&mut app, &backend, [Action::FocusSidebar, Action::Down]);
    assert_eq!(app.status, None, "the copy was of the other session");
    assert!(!footer(&app).contains("Copied"), "{}", footer(&app));
}

#[test]
fn a_message_goes_after_a_few_seconds() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit, Action::Undo]);
    assert_eq!(status_text(&app), "Restored 'Fix the parser'");

    // step: a_second_later
    assert!(!app.update_tick(&backend, now() + Duration::seconds(1)), "nothing to redraw yet");
    assert_eq!(status_text(&app), "Restored 'Fix the parser'");

    // step: six_seconds_later
    assert!(app.update_tick(&backend, now() + Duration::seconds(6)), "the message leaving is a redraw");
    assert_eq!(app.status, None);
    assert!(footer(&app).contains("j/k move"), "{}", footer(&app));
}

#[test]
fn a_long_message_never_hides_help() {
    let backend = FakeBackend::new();
    backend.add("s1", &"A very long title that goes on ".repeat(4), 5, chat("csv", 4));
    backend.add("s2", "Plan a trip", 60, chat("trip", 2));
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::AskDelete, Action::Submit]);
    let footer = footer(&app);
    assert!(footer.starts_with(" Deleted 'A very long title"), "{footer}");
    assert!(footer.ends_with("? help"), "{footer}");
    assert!(footer.contains('…'), "the message says it is cut: {footer}");
}

#[test]
fn key_hints_cut_at_any_width_keep_help_and_say_they_are_cut() {
    let backend = three_sessions();
    for width in [200, 120, 80, 60, 50, 30] {
        let mut app = launch(&backend, width, 24);
        press(&mut app, &backend, [Action::FocusConversation]);
        let footer = footer(&app);
        assert!(footer.ends_with("? help"), "{width} columns: {footer}");
        let all =
            "j/k scroll · Tab list · J/K message · Space fold · t tools · T reasoning · y copy · e export · ? help";
        assert!(footer.trim() == all || footer.contains("… · ? help"), "{width} columns: {footer}");
    }
}

#[test]
fn a_read_only_store_offers_no_changes() {
    let backend = three_sessions();
    backend.set_read_only(true);
    let mut app = launch(&backend, 120, 24);
    press(&mut app, &backend, [Action::Top]);
    let footer = footer(&app);
    assert!(footer.contains("j/k move") && footer.contains("/ search"), "{footer}");
    for change in ["r rename", "d delete", "u undo"] {
        assert!(!footer.contains(change), "{change} is refused, yet offered: {footer}");
    }
}

#[test]
fn the_welcome_of_a_store_named_by_db_suggests_commands_for_that_store() {
    let backend = FakeBackend::new();
    backend.set_store_option("--db /tmp/elsewhere.db");
    let app = launch(&backend, 80, 24);
    let screen = screen_text(&app);
    assert!(screen.contains("recall --db /tmp/elsewhere.db import --auto"), "{screen}");
    assert!(!screen.contains("  recall import --auto"), "{screen}");

    let default_store = FakeBackend::new();
    let screen = screen_text(&launch(&default_store, 80, 24));
    assert!(screen.contains("recall import --auto"), "{screen}");
}

#[test]
fn fold_keys_say_what_they_did() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::FocusConversation, Action::CycleToolOutput]);
    assert_eq!(status_text(&app), "Tool output shown in full (t hides it)");
    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert_eq!(status_text(&app), "Tool output hidden, calls named only (t folds it)");
    press(&mut app, &backend, [Action::CycleToolOutput]);
    assert_eq!(status_text(&app), "Tool output folded (t shows it all)");
    press(&mut app, &backend, [Action::ToggleReasoning]);
    assert_eq!(status_text(&app), "Reasoning hidden (T shows it)");
    press(&mut app, &backend, [Action::ToggleReasoning]);
    assert_eq!(status_text(&app), "Reasoning shown (T hides it)");
    press(&mut app, &backend, [Action::ToggleFold]);
    assert_eq!(status_text(&app), "Nothing to fold here: this is shown whole");
}

#[test]
fn e_offers_the_export_formats_in_the_status_line() {
    let backend = three_sessions();
    let mut app = launch(&backend, 100, 24);
    press(&mut app, &backend, [Action::Export]);
    let line = footer(&app);
    for offer in ["Export the session as:", "m Markdown", "h HTML (secrets redacted)", "j JSON", "Esc cancel"] {
        assert!(line.contains(offer), "{offer:?} missing from {line:?}");
    }
}
