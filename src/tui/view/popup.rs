//! What is drawn over the panes: help, the delete question, and the welcome of an empty store.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};

use unicode_width::UnicodeWidthStr;

use super::fit::{truncate, wrap};
use crate::content::sanitize_line;
use crate::tui::keymap::HELP;
use crate::tui::theme::Theme;

/// Columns a box's border and its one-cell padding take, both sides together.
const FRAME_COLUMNS: u16 = 4;
/// Rows a box's border takes.
const FRAME_ROWS: u16 = 2;

const HELP_WIDTH: u16 = 72;
const DELETE_WIDTH: u16 = 56;
const WELCOME_WIDTH: u16 = 78;

/// A box of at most `width` x `height` in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

/// Cells a line may take inside a box of at most `max_width` in `area`.
fn inner_width(area: Rect, max_width: u16) -> usize {
    usize::from(max_width.min(area.width).saturating_sub(FRAME_COLUMNS))
}

/// Lines that fit inside a box in `area`.
fn inner_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(FRAME_ROWS))
}

/// A box as tall as `lines`, each of which the caller fitted to one row of `inner_width`:
/// the height is then exact, and nothing wraps out of sight below the border.
fn framed(buf: &mut Buffer, area: Rect, max_width: u16, title: &str, lines: Vec<Line>, theme: &Theme) {
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(FRAME_ROWS);
    let area = centered(area, max_width, height);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    clear_wide_left_edge(buf, area);
    let block =
        Block::bordered().border_style(theme.popup_border).title(title.to_string()).padding(Padding::horizontal(1));
    Paragraph::new(lines).block(block).style(theme.popup).render(area, buf);
}

/// A wide character just left of the box would hide the box's left border: the terminal
/// draws it over the next cell, and the buffer's diff skips that cell. Blank it.
fn clear_wide_left_edge(buf: &mut Buffer, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else { return };
    for y in area.y..area.bottom() {
        if let Some(cell) = buf.cell_mut((x, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// One key per row, descriptions cut to the box; rows that do not fit are counted.
pub fn help(buf: &mut Buffer, area: Rect, theme: &Theme) {
    let inner = inner_width(area, HELP_WIDTH);
    let rows = inner_rows(area);
    let key_width = HELP.iter().map(|(keys, _)| keys.width()).max().unwrap_or(0);
    let mut lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            let keys = truncate(&format!("{keys:<key_width$}  "), inner);
            let room = inner.saturating_sub(keys.width());
            Line::from(vec![Span::styled(keys, theme.help_key), Span::styled(truncate(what, room), theme.popup)])
        })
        .collect();
    if lines.len() > rows && rows > 1 {
        let shown = rows - 1;
        let more = format!("… {} more: a taller window shows all", lines.len() - shown);
        lines.truncate(shown);
        lines.push(Line::styled(truncate(&more, inner), theme.dim));
    }
    framed(buf, area, HELP_WIDTH, " Keys ", lines, theme);
}

/// The question, what deleting means, and the answer keys, which always show.
pub fn confirm_delete(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) {
    let inner = inner_width(area, DELETE_WIDTH);
    let title = truncate(&sanitize_line(title), (2 * inner).saturating_sub(12));
    let mut question: Vec<Line> =
        wrap(&format!("Delete '{title}'?"), inner).into_iter().map(|row| Line::styled(row, theme.popup)).collect();
    let note: Vec<Line> = wrap("It goes to the trash: u brings it back.", inner)
        .into_iter()
        .map(|row| Line::styled(row, theme.dim))
        .collect();
    let keys = Line::from(vec![
        Span::styled("y", theme.help_key),
        Span::raw(" delete   "),
        Span::styled("n", theme.help_key),
        Span::raw(" keep"),
    ]);
    let rows = inner_rows(area);
    let mut lines = Vec::new();
    if question.len() + note.len() < rows {
        lines.extend(question);
        lines.extend(note);
    } else {
        question.truncate(rows.saturating_sub(1).max(1));
        lines.extend(question);
    }
    lines.push(keys);
    framed(buf, area, DELETE_WIDTH, " Delete ", lines, theme);
}

/// A piece of the welcome text.
enum Welcome {
    Heading(&'static str),
    Text(&'static str),
    /// A command to type, shown whole or cut, never wrapped.
    Command(&'static str),
    /// What the command above does, indented under it.
    Note(&'static str),
    Keys(&'static str),
    Blank,
}

const WELCOME: &[Welcome] = &[
    Welcome::Heading("Welcome to recall"),
    Welcome::Blank,
    Welcome::Text("This store has no conversations yet. Bring some in:"),
    Welcome::Blank,
    Welcome::Command("recall import --auto"),
    Welcome::Note("finds Claude Code, Codex, llm, dasshh, elia and oterm history here"),
    Welcome::Command("recall import PATH"),
    Welcome::Note("imports one store, transcript file or folder"),
    Welcome::Command("echo '{\"role\":\"user\",\"content\":\"hi\"}' | recall log --new 'First'"),
    Welcome::Note("logs a session from a script or an agent"),
    Welcome::Blank,
    Welcome::Text("Or look around first: recall --demo"),
    Welcome::Blank,
    Welcome::Keys("q quits · ? keys"),
];

/// The same, for a window too small for the whole of it.
const WELCOME_SHORT: &[Welcome] = &[
    Welcome::Heading("Welcome to recall"),
    Welcome::Text("No conversations yet. Bring some in:"),
    Welcome::Command("recall import --auto"),
    Welcome::Command("recall import PATH"),
    Welcome::Text("Or look around: recall --demo"),
    Welcome::Keys("q quits · ? keys"),
];

/// The empty store: say how to fill it. `store_option` (`--db PATH`) goes into the commands
/// when they would fill another store without it.
pub fn welcome(buf: &mut Buffer, area: Rect, theme: &Theme, store_option: Option<&str>) {
    let inner = inner_width(area, WELCOME_WIDTH);
    let full = welcome_lines(WELCOME, inner, theme, store_option);
    let lines =
        if full.len() <= inner_rows(area) { full } else { welcome_lines(WELCOME_SHORT, inner, theme, store_option) };
    framed(buf, area, WELCOME_WIDTH, " recall ", lines, theme);
}

fn welcome_lines(pieces: &[Welcome], inner: usize, theme: &Theme, store_option: Option<&str>) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for piece in pieces {
        match piece {
            Welcome::Heading(text) => lines.push(Line::styled(truncate(text, inner), theme.heading)),
            Welcome::Text(text) => lines.extend(wrap(text, inner).into_iter().map(Line::from)),
            Welcome::Command(text) => {
                let command = match store_option {
                    Some(option) => text.replace("recall ", &format!("recall {option} ")),
                    None => text.to_string(),
                };
                lines.push(Line::styled(truncate(&format!("  {command}"), inner), theme.help_key));
            }
            Welcome::Note(text) => {
                let rows = wrap(text, inner.saturating_sub(4).max(1));
                lines.extend(rows.into_iter().map(|row| Line::from(format!("    {row}"))));
            }
            Welcome::Keys(text) => lines.push(Line::styled(truncate(text, inner), theme.dim)),
            Welcome::Blank => lines.push(Line::default()),
        }
    }
    lines
}
