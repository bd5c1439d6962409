//! What is drawn over the panes: help, the delete question, and the welcome of an empty store.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::content::sanitize_line;
use crate::tui::keymap::HELP;
use crate::tui::theme::Theme;

/// A box of at most `width` x `height` in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
}

fn framed(buf: &mut Buffer, area: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    clear_wide_left_edge(buf, area);
    let block = Block::default().borders(Borders::ALL).border_style(theme.popup_border).title(title.to_string());
    Paragraph::new(lines).block(block).style(theme.popup).wrap(Wrap { trim: false }).render(area, buf);
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

pub fn help(buf: &mut Buffer, area: Rect, theme: &Theme) {
    let key_width = HELP.iter().map(|(keys, _)| keys.chars().count()).max().unwrap_or(0);
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.help_key),
                Span::styled(what.to_string(), theme.popup),
            ])
        })
        .collect();
    let height = lines.len() as u16 + 2;
    framed(buf, centered(area, 72, height), " Keys ", lines, theme);
}

pub fn confirm_delete(buf: &mut Buffer, area: Rect, title: &str, theme: &Theme) {
    let lines = vec![
        Line::from(Span::styled(format!("Delete '{}'?", sanitize_line(title)), theme.popup)),
        Line::from(Span::styled("It goes to the trash: u brings it back.", theme.dim)),
        Line::from(vec![
            Span::styled("y", theme.help_key),
            Span::raw(" delete   "),
            Span::styled("n", theme.help_key),
            Span::raw(" keep"),
        ]),
    ];
    framed(buf, centered(area, 56, 5), " Delete ", lines, theme);
}

/// The empty store: say how to fill it.
pub fn welcome(buf: &mut Buffer, area: Rect, theme: &Theme) {
    let command = |text: &str| Line::from(Span::styled(format!("  {text}"), theme.help_key));
    let lines = vec![
        Line::from(Span::styled("Welcome to recall", theme.heading)),
        Line::from(""),
        Line::from("This store has no conversations yet. Bring some in:"),
        Line::from(""),
        command("recall import --auto"),
        Line::from("    finds Claude Code, Codex, llm, dasshh, elia and oterm history here"),
        command("recall import PATH"),
        Line::from("    imports one store, transcript file or folder"),
        command("echo '{\"role\":\"user\",\"content\":\"hi\"}' | recall log --new 'First'"),
        Line::from("    logs a session from a script or an agent"),
        Line::from(""),
        Line::from("Or look around first: recall --demo"),
        Line::from(""),
        Line::from(Span::styled("q quits · ? keys", theme.dim)),
    ];
    framed(buf, centered(area, 76, lines.len() as u16 + 2), " recall ", lines, theme);
}
