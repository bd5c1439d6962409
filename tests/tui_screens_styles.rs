//! Styles the text snapshots cannot show: the selected session and an error in the status
//! line must look different from plain text.

mod tui_support;

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use recall::tui::app::{Action, App};
use recall::tui::input::Edit;
use recall::tui::theme::Theme;
use tui_support::*;

/// The style of the cell where `needle` starts on screen.
fn style_of(app: &App, needle: &str) -> Style {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, needle).unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", screen_text(app)));
    buffer[(x, y)].style()
}

/// Where `needle` starts, in cells. Only for needles on rows of one-cell characters.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let row: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
        row.find(needle).map(|at| (row[..at].chars().count() as u16, y))
    })
}

#[test]
fn the_selected_session_stands_out_focused_or_not() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    let plain = style_of(&app, "Plan a trip");
    let selected_focused = style_of(&app, "Fix the parser");
    assert_ne!(selected_focused, plain);
    assert!(selected_focused.bg.is_some(), "the selection has a background: {selected_focused:?}");

    press(&mut app, &backend, [Action::FocusConversation]);
    let selected_unfocused = style_of(&app, "Fix the parser");
    assert_ne!(selected_unfocused, plain);
    assert_ne!(selected_unfocused, selected_focused, "focus shows on the selection");
}

#[test]
fn an_error_in_the_status_line_differs_from_a_message_and_from_the_hints() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    let hints = style_of(&app, "j/k move");

    press(&mut app, &backend, [Action::Undo]);
    let message = style_of(&app, "Nothing to undo");

    backend.set_read_only(true);
    let mut read_only = launch(&backend, 80, 24);
    press(&mut read_only, &backend, [Action::AskDelete]);
    let error = style_of(&read_only, "Read-only store");

    assert_ne!(error, hints);
    assert_ne!(error, message);
    assert_ne!(message, hints);
    assert_ne!(error, style_of(&read_only, "csv answer 40"), "an error does not look like conversation text");
}

#[test]
fn a_complaint_above_a_prompt_has_the_error_style() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartRename, Action::Edit(Edit::DeleteToStart), Action::Submit]);
    let complaint = style_of(&app, "A title cannot be empty");
    let error = Theme::default().status_error;
    assert_eq!((complaint.fg, complaint.bg, complaint.add_modifier), (error.fg, error.bg, error.add_modifier));
    assert_ne!(complaint, style_of(&app, "Rename:"));
}
