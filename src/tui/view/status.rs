//! The bottom line: a prompt being typed, else the last message and the keys that matter now.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit::{truncate, wrap};
use crate::content::sanitize_line;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::input::Input;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    frame.buffer_mut().set_style(area, theme.status);
    match &app.mode {
        Mode::Search(input) => {
            prompt(frame, area, "/", input, theme);
            complaint_above(frame, area, app, theme);
        }
        Mode::Rename { input, .. } => {
            prompt(frame, area, "Rename: ", input, theme);
            complaint_above(frame, area, app, theme);
        }
        _ => {
            let width = usize::from(area.width);
            let mut spans = Vec::new();
            if let Some(status) = &app.status {
                let style = if status.is_error { theme.status_error } else { theme.status_message };
                let text = truncate(&format!(" {} ", sanitize_line(&status.text)), width);
                spans.push(Span::styled(text, style));
            }
            let used: usize = spans.iter().map(|span| span.content.width()).sum();
            let keys = fitting(hints(app), width.saturating_sub(used + 1));
            if !keys.is_empty() {
                spans.push(Span::styled(format!(" {keys}"), theme.status_keys));
            }
            frame.buffer_mut().set_line(area.x, area.y, &Line::from(spans), area.width);
        }
    }
}

/// A prompt takes the status line, so an error about what was typed (an empty title, a
/// failed write) goes on the row above it, where it is seen without closing the editor.
fn complaint_above(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(status) = app.status.as_ref().filter(|status| status.is_error) else { return };
    let text = sanitize_line(&status.text);
    // Wrapped onto up to three rows, the last one right above the prompt.
    let mut rows = wrap(&text, usize::from(area.width.saturating_sub(1)));
    rows.truncate(MAX_COMPLAINT_ROWS.min(usize::from(area.y)));
    let buf = frame.buffer_mut();
    let top = area.y - rows.len() as u16;
    for (y, row) in (top..).zip(rows) {
        let line = Rect::new(area.x, y, area.width, 1);
        buf.set_style(line, theme.status_error);
        buf.set_stringn(line.x, y, format!(" {row}"), usize::from(line.width), theme.status_error);
    }
}

const MAX_COMPLAINT_ROWS: usize = 3;

/// A one-line editor: the text scrolls so the cursor stays visible; the terminal cursor
/// is placed on it.
fn prompt(frame: &mut Frame, area: Rect, label: &str, input: &Input, theme: &Theme) {
    let text = sanitize_line(input.text()).into_owned();
    let before: String = text.chars().take(input.cursor()).collect();
    let room = usize::from(area.width).saturating_sub(label.width() + 1).max(1);
    let mut skip = 0;
    while before.chars().skip(skip).collect::<String>().width() >= room {
        skip += 1;
    }
    let shown: String = text.chars().skip(skip).collect();
    let line = Line::from(vec![Span::styled(label.to_string(), theme.status_keys), Span::styled(shown, theme.status)]);
    frame.buffer_mut().set_line(area.x, area.y, &line, area.width);
    let cursor_x = area.x as usize + label.width() + before.chars().skip(skip).collect::<String>().width();
    let x = (cursor_x as u16).min(area.x + area.width.saturating_sub(1));
    frame.set_cursor_position(Position::new(x, area.y));
}

/// The keys that matter now, most useful first: a narrow status line shows only the first
/// few, and in a narrow window the way back to the list must be among them.
fn hints(app: &App) -> &'static [&'static str] {
    match (&app.mode, app.focus) {
        (Mode::ConfirmDelete { .. }, _) => &["y delete", "n keep"],
        (Mode::Help, _) => &["any key closes help"],
        (Mode::Search(_), _) | (Mode::Rename { .. }, _) => &[],
        (Mode::Normal, _) if app.search.is_some() => {
            &["n/N next/prev hit", "j/k move", "Enter read", "Esc list", "? help"]
        }
        // Nothing to move to, rename or delete yet: only what can be done.
        (Mode::Normal, _) if app.sidebar.total == 0 => &["u undo", "? help", "q quit"],
        (Mode::Normal, Focus::Sidebar) => {
            &["j/k move", "Enter open", "/ search", "r rename", "d delete", "u undo", "? help", "q quit"]
        }
        (Mode::Normal, Focus::Conversation) => {
            &["j/k scroll", "Tab list", "J/K message", "Space fold", "t tools", "y copy", "e export", "? help"]
        }
    }
}

/// As many whole hints as fit in `room` cells: a cut hint would name a key without its use.
fn fitting(hints: &[&str], room: usize) -> String {
    let mut shown = String::new();
    for hint in hints {
        let separator = if shown.is_empty() { "" } else { " · " };
        if shown.width() + separator.width() + hint.width() > room {
            break;
        }
        shown.push_str(separator);
        shown.push_str(hint);
    }
    shown
}
