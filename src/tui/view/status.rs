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
            let hints = hints(app);
            // The way to every other key is never crowded out, by a message or by other keys.
            let help_room = hints.iter().find(|hint| **hint == HELP).map_or(0, |help| help.width() + 1);
            let mut spans = Vec::new();
            if let Some(status) = &app.status {
                let style = if status.is_error { theme.status_error } else { theme.status_message };
                let room = width.saturating_sub(help_room).max(width.min(MIN_MESSAGE_CELLS));
                let text = truncate(&format!(" {} ", sanitize_line(&status.text)), room);
                spans.push(Span::styled(text, style));
            }
            let used: usize = spans.iter().map(|span| span.content.width()).sum();
            let keys = fitting(&hints, width.saturating_sub(used + 1));
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

const HELP: &str = "? help";
/// A message is cut to leave room for `? help`, but never to fewer cells than this.
const MIN_MESSAGE_CELLS: usize = 12;
/// What a read-only store refuses: not offered there.
const CHANGES: [&str; 3] = ["r rename", "d delete", "u undo"];

/// The keys that matter now, most useful first: a narrow status line shows only the first
/// few, and in a narrow window the way back to the list must be among them. Only keys that
/// work are offered.
fn hints(app: &App) -> Vec<&'static str> {
    let all = all_hints(app);
    all.iter().copied().filter(|hint| !(app.read_only && CHANGES.contains(hint))).collect()
}

fn all_hints(app: &App) -> &'static [&'static str] {
    match (&app.mode, app.focus) {
        (Mode::ConfirmDelete { .. }, _) => &["y delete", "n keep"],
        (Mode::ConfirmResume { .. }, _) => &["y run it here", "n cancel"],
        (Mode::ChooseExport, _) => &["m Markdown", "h HTML (secrets redacted)", "j JSON", "Esc cancel"],
        (Mode::Help, _) => &["any key closes help"],
        (Mode::Search(_), _) | (Mode::Rename { .. }, _) => &[],
        (Mode::Normal, _) if app.search.is_some() => {
            &["n/N next/prev hit", "j/k move", "Enter read", "Esc list", "? help"]
        }
        (Mode::Normal, _) if app.sidebar.total == 0 && app.sidebar.shown().query.is_some() => {
            &["Esc all sessions", "/ filter", "? help", "q quit"]
        }
        (Mode::Normal, _) if app.sidebar.total == 0 && app.sidebar.shown().scope.is_some() => {
            &["s all sessions", "? help", "q quit"]
        }
        // Nothing to move to, rename or delete yet: only what can be done.
        (Mode::Normal, _) if app.sidebar.total == 0 => &["u undo", "? help", "q quit"],
        (Mode::Normal, Focus::Sidebar) if app.sidebar.shown().query.is_some() => {
            &["j/k move", "Enter open", "Esc all sessions", "/ filter", "r rename", "d delete", "? help", "q quit"]
        }
        (Mode::Normal, Focus::Sidebar) if app.sidebar.row(app.sidebar.selected).is_some_and(|row| row.nested > 0) => {
            &["j/k move", "Enter open", "Space subagents", "/ search", "r rename", "d delete", "? help", "q quit"]
        }
        (Mode::Normal, Focus::Sidebar) => {
            &["j/k move", "Enter open", "/ search", "r rename", "d delete", "u undo", "? help", "q quit"]
        }
        (Mode::Normal, Focus::Conversation) => &[
            "j/k scroll",
            "Tab list",
            "J/K message",
            "Space fold",
            "t tools",
            "T reasoning",
            "y copy",
            "e export",
            "? help",
        ],
    }
}

/// As many whole hints as fit in `room` cells, in order, `? help` last to go: a cut hint
/// would name a key without its use. When some are left out, `…` says so.
fn fitting(hints: &[&str], room: usize) -> String {
    let all = hints.join(" · ");
    if all.width() <= room {
        return all;
    }
    let help = hints.contains(&HELP);
    let tail = if help { format!("… · {HELP}") } else { "…".to_owned() };
    let mut shown: Vec<&str> = Vec::new();
    for hint in hints.iter().filter(|hint| **hint != HELP) {
        let mut trial = shown.clone();
        trial.push(hint);
        trial.push(&tail);
        if trial.join(" · ").width() > room {
            break;
        }
        shown.push(hint);
    }
    shown.push(&tail);
    let line = shown.join(" · ");
    if line.width() <= room {
        line
    } else if help && HELP.width() <= room {
        HELP.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 4] = ["j/k scroll", "Tab list", "y copy", HELP];

    #[test]
    fn all_hints_when_they_fit() {
        assert_eq!(fitting(&KEYS, 80), "j/k scroll · Tab list · y copy · ? help");
    }

    #[test]
    fn help_is_the_last_to_go_and_a_cut_says_so() {
        assert_eq!(fitting(&KEYS, 38), "j/k scroll · Tab list · … · ? help");
        assert_eq!(fitting(&KEYS, 25), "j/k scroll · … · ? help");
        assert_eq!(fitting(&KEYS, 12), "… · ? help");
        assert_eq!(fitting(&KEYS, 7), "? help");
        assert_eq!(fitting(&KEYS, 5), "");
        assert_eq!(fitting(&["y delete", "n keep"], 12), "y delete · …");
    }
}
