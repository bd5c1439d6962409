//! The session list, or the hits of a search.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::conversation::cell_width;
use super::fit::{truncate, truncate_spans};
use crate::content::sanitize_line;
use crate::tui::app::{App, Focus, Search};
use crate::tui::layout::{SIDEBAR_ITEM_ROWS, body};
use crate::tui::theme::Theme;

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Sidebar;
    let capacity = usize::from(body(area).height / SIDEBAR_ITEM_ROWS).max(1);
    let header = match &app.search {
        Some(search) => {
            let (hits, sessions) = (search.total(), search.sessions.len());
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            let spread =
                if sessions > 0 { format!(" in {sessions} session{}", plural(sessions)) } else { String::new() };
            let hits = if sessions == 0 { 0 } else { hits };
            let searching = if app.pending_search.is_some() { " …" } else { "" };
            let so_far = if search.incomplete { " so far" } else { "" };
            format!(" Search: {hits} hit{}{spread}{so_far}{searching}", plural(hits))
        }
        None if app.pending_search.is_some() => " Searching…".to_string(),
        None => format!(" Sessions {}{}", super::fit::thousands(app.sidebar.sessions), app.sidebar.shown().label()),
    };
    let header_style = if focused { theme.pane_header_focused } else { theme.pane_header };
    buf.set_style(Rect::new(area.x, area.y, area.width, 1), header_style);
    // A long filter is cut with an ellipsis, so the header never claims to say all of it.
    buf.set_stringn(area.x, area.y, truncate(&header, usize::from(area.width)), usize::from(area.width), header_style);
    let list = body(area);
    match &app.search {
        Some(search) => draw_hits(buf, list, search, capacity, focused, theme),
        None => {
            for (slot, (index, row)) in app.sidebar.visible(capacity).enumerate() {
                let session = row.session;
                let when = crate::time::relative(session.updated_at, app.now);
                let width = usize::from(list.width.saturating_sub(1));
                let indent = NESTED_INDENT * row.depth;
                let meta = if row.depth == 0 {
                    let source = sanitize_line(crate::agents::display_name(&session.source));
                    let project = session.project().map(sanitize_line);
                    item_meta(&when, session.event_count, &source, project.as_deref(), width)
                } else {
                    // Agent and project are the parent's, on the rows above.
                    truncate(&format!("{when} · {} ev", session.event_count), width.saturating_sub(indent))
                };
                let badge = match (row.nested, row.unfolded) {
                    (0, _) => None,
                    (count, false) => Some(format!(" ▸{count}")),
                    (count, true) => Some(format!(" ▾{count}")),
                };
                let item =
                    Item { title: sanitize_line(&session.title).into_owned(), meta: Line::from(meta), badge, indent };
                draw_item(buf, list, slot, item, index == app.sidebar.selected, focused, theme);
            }
            if app.sidebar.total == 0 {
                let narrowed = *app.sidebar.shown() != Default::default();
                buf.set_stringn(
                    list.x + 1,
                    list.y,
                    if narrowed { "No sessions match" } else { "No sessions yet" },
                    usize::from(list.width.saturating_sub(1)),
                    theme.dim,
                );
            }
        }
    }
}

/// One entry per session found, best first: its title, then how many hits and the best one.
fn draw_hits(buf: &mut Buffer, area: Rect, search: &Search, capacity: usize, focused: bool, theme: &Theme) {
    let top = search.selected - search.selected % capacity;
    for (slot, index) in (top..search.sessions.len().min(top + capacity)).enumerate() {
        let hits = &search.sessions[index];
        let count = match hits.hits {
            0 => String::new(),
            1 => "1 hit ".to_string(),
            n => format!("{n} hits "),
        };
        // A title hit's snippet is the title itself, already on the row above.
        let spans = match hits.best_seq {
            None => vec![Span::styled("the title matches", theme.dim)],
            Some(seq) => {
                let mut spans = vec![Span::styled(format!("{count}#{seq} "), theme.dim)];
                spans.extend(highlighted(&sanitize_line(&hits.snippet), &search.terms, theme.dim, theme.search_match));
                spans
            }
        };
        let spans = truncate_spans(spans, usize::from(area.width.saturating_sub(1)));
        let item =
            Item { title: sanitize_line(&hits.title).into_owned(), meta: Line::from(spans), badge: None, indent: 0 };
        draw_item(buf, area, slot, item, index == search.selected, focused, theme);
    }
    if search.sessions.is_empty() {
        let text = if search.incomplete { "No matches so far" } else { "No matches" };
        buf.set_stringn(area.x + 1, area.y, text, usize::from(area.width.saturating_sub(1)), theme.dim);
    }
}

/// A session's second row in `width` cells: when, how many events, which agent, in which
/// project. Too narrow for all, the project is cut to what is left (an ellipsis says so),
/// then left out, then the count goes and the project gets what that frees; whatever is cut
/// after that ends in an ellipsis too.
fn item_meta(when: &str, events: i64, source: &str, project: Option<&str>, width: usize) -> String {
    let project_part = project.map(|project| format!(" · {project}")).unwrap_or_default();
    let full = format!("{when} · {events} ev · {source}{project_part}");
    if cell_width(&full) <= width {
        return full;
    }
    let counted = format!("{when} · {events} ev · {source}");
    let short = format!("{when} · {source}");
    for base in [&counted, &short] {
        let room = width.saturating_sub(cell_width(base) + 3);
        // A few letters of a project name still tell projects apart; fewer do not.
        if let Some(project) = project.filter(|_| room >= MIN_PROJECT_CELLS) {
            return format!("{base} · {}", truncate(project, room));
        }
        if cell_width(base) <= width {
            return base.clone();
        }
    }
    truncate(&format!("{short}{project_part}"), width)
}

/// The fewest cells a cut project name is shown in.
const MIN_PROJECT_CELLS: usize = 4;

/// Cells a nested session is indented by, per level.
const NESTED_INDENT: usize = 2;

/// A list entry as drawn: a title row, then a row of what it is.
struct Item<'a> {
    title: String,
    meta: Line<'a>,
    /// Said at the end of the title row: how many subagents are folded under it (▸) or listed after it (▾).
    badge: Option<String>,
    /// Cells before the title and meta: a nested session's depth, its title behind "└ ".
    indent: usize,
}

fn draw_item(buf: &mut Buffer, area: Rect, slot: usize, item: Item, selected: bool, focused: bool, theme: &Theme) {
    let y = area.y + (slot as u16) * SIDEBAR_ITEM_ROWS;
    if y >= area.y + area.height {
        return;
    }
    let style = match (selected, focused) {
        (true, true) => theme.sidebar_selected_focused,
        (true, false) => theme.sidebar_selected,
        _ => theme.sidebar_title,
    };
    let width = usize::from(area.width);
    let title_row = Rect::new(area.x, y, area.width, 1);
    buf.set_style(title_row, style);
    let marker = if selected { "▌" } else { " " };
    let branch = match item.indent {
        0 => String::new(),
        indent => format!("{}└ ", " ".repeat(indent.saturating_sub(NESTED_INDENT))),
    };
    let badge = item.badge.unwrap_or_default();
    let room = width.saturating_sub(1 + cell_width(&branch) + cell_width(&badge));
    let title = truncate(&item.title, room);
    let gap = " ".repeat(room.saturating_sub(cell_width(&title)));
    let badge_style = if selected { style } else { theme.sidebar_meta };
    let mut spans =
        vec![Span::styled(marker, style), Span::styled(branch, theme.sidebar_meta), Span::styled(title, style)];
    if !badge.is_empty() && room > 0 {
        spans.extend([Span::styled(gap, style), Span::styled(badge, badge_style)]);
    }
    buf.set_line(area.x, y, &Line::from(spans), width as u16);
    if y + 1 < area.y + area.height {
        let mut meta = item.meta;
        meta.spans.insert(0, Span::raw(" ".repeat(1 + item.indent)));
        // On a selected row the meta line shares the selection's colours, so it stays legible.
        let meta_style = if selected { style } else { theme.sidebar_meta };
        if selected {
            buf.set_style(Rect::new(area.x, y + 1, area.width, 1), style);
        }
        buf.set_line(area.x, y + 1, &meta.patch_style(meta_style), area.width);
    }
}

/// `text` split into spans, the words that start with a search term in `hit`.
pub fn highlighted<'a>(text: &str, terms: &[String], normal: Style, hit: Style) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(|ch: char| ch.is_alphanumeric()) {
        plain.push_str(&rest[..start]);
        let word_end = rest[start..].find(|ch: char| !ch.is_alphanumeric()).map_or(rest.len(), |end| start + end);
        let word = &rest[start..word_end];
        let lower = word.to_lowercase();
        if terms.iter().any(|term| lower.starts_with(term.as_str())) {
            if !plain.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut plain), normal));
            }
            spans.push(Span::styled(word.to_string(), hit));
        } else {
            plain.push_str(word);
        }
        rest = &rest[word_end..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        spans.push(Span::styled(plain, normal));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_count_goes_before_the_agent_is_cut() {
        assert_eq!(item_meta("9d ago", 10, "Claude Code", None, 40), "9d ago · 10 ev · Claude Code");
        assert_eq!(item_meta("9d ago", 10, "Claude Code", None, 27), "9d ago · Claude Code");
        assert_eq!(item_meta("9d ago", 10, "Claude Code", None, 15), "9d ago · Claud…");
    }

    #[test]
    fn the_project_follows_the_agent_and_is_cut_before_the_count() {
        let meta = |width| item_meta("9d ago", 10, "Codex", Some("recall-website"), width);
        assert_eq!(meta(47), "9d ago · 10 ev · Codex · recall-website");
        assert_eq!(meta(38), "9d ago · 10 ev · Codex · recall-websi…", "the project is cut first");
        assert_eq!(meta(27), "9d ago · 10 ev · Codex", "then left out");
        assert_eq!(meta(21), "9d ago · Codex · rec…", "without the count, four cells of it still fit");
        assert_eq!(meta(19), "9d ago · Codex", "too few cells for it: left out again");
        assert_eq!(meta(10), "9d ago ·…");
        assert_eq!(item_meta("now", 2, "Pi", Some("日本語"), 22), "now · 2 ev · Pi · 日…", "cut by cells, not bytes");
    }
}
