//! The whole frame, from the state: a pure function of `&App`.

use chrono::FixedOffset;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::conversation::cell_width;
use super::fit::truncate;
use super::{conversation, popup, sidebar, status};
use crate::content::sanitize_line;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::theme::Theme;

/// Draws everything. `offset` is the time zone message times are shown in.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, offset: FixedOffset) {
    let panes = app.panes();
    let area = frame.area();
    if let Some(area) = panes.sidebar {
        sidebar::draw(frame.buffer_mut(), area, app, theme);
    }
    if let Some(area) = panes.conversation {
        draw_conversation(frame, area, app, theme, offset, panes.sidebar.is_some());
    }
    status::draw(frame, panes.status, app, theme);
    let main = Rect::new(0, 0, area.width, area.height.saturating_sub(1));
    match &app.mode {
        Mode::Help => popup::help(frame.buffer_mut(), main, theme),
        Mode::ConfirmDelete { title, .. } => popup::confirm_delete(frame.buffer_mut(), main, title, theme),
        // An empty store welcomes; a list narrowed to nothing says so in the sidebar instead.
        _ if app.sidebar.total == 0 && app.search.is_none() && *app.sidebar.shown() == Default::default() => {
            popup::welcome(frame.buffer_mut(), main, theme, app.store_option.as_deref())
        }
        _ => {}
    }
}

fn draw_conversation(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, offset: FixedOffset, divider: bool) {
    let buf = frame.buffer_mut();
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Conversation;
    let header_style = if focused { theme.pane_header_focused } else { theme.pane_header };
    buf.set_style(Rect::new(area.x, area.y, area.width, 1), header_style);
    if divider {
        for y in area.y + 1..area.y + area.height {
            buf.set_string(area.x, y, "│", theme.divider);
        }
    }
    let Some(body) = app.panes().conversation_body() else { return };
    let Some((session, state)) = &app.open else {
        buf.set_stringn(area.x + 1, area.y, "No session open", usize::from(area.width), header_style);
        return;
    };
    let title = format!(" {}", sanitize_line(&session.title));
    let facts = [
        Some(crate::time::relative(session.updated_at, app.now)),
        Some(format!("{} events", session.event_count)),
        Some(sanitize_line(crate::agents::display_name(&session.source)).into_owned()),
        app.open_short_id.as_deref().map(|id| sanitize_line(id).into_owned()),
        app.open_usage.as_deref().map(|usage| sanitize_line(usage).into_owned()),
    ];
    let (title, meta) = fit_header(&title, &facts, usize::from(area.width));
    let header = Line::from(vec![
        Span::styled(title, header_style),
        Span::styled(meta, header_style.patch(theme.pane_header_meta)),
    ]);
    buf.set_line(area.x, area.y, &header, area.width);
    let now = app.now.with_timezone(&offset);
    conversation::render(buf, body, state, theme, now);
}

/// Which facts go first when the header is too narrow for all: the id (the longest, and in
/// `recall list` too), then the count, then the tokens, then the time; the source stays longest. Indexes into
/// the facts as shown.
const FACTS_DROPPED_FIRST: [usize; 5] = [3, 1, 4, 0, 2];
/// The title keeps at least this many cells before a fact gives way to it.
const MIN_TITLE_CELLS: usize = 24;

/// The pane header: the title, cut with an ellipsis to leave room for the facts, and as many
/// whole facts as fit beside a title of `MIN_TITLE_CELLS`, dropped in a chosen order.
fn fit_header(title: &str, facts: &[Option<String>], width: usize) -> (String, String) {
    let title_width = cell_width(title);
    for dropped in 0..=FACTS_DROPPED_FIRST.len() {
        let kept: Vec<&str> = (0..facts.len())
            .filter(|index| !FACTS_DROPPED_FIRST[..dropped].contains(index))
            .filter_map(|index| facts[index].as_deref())
            .collect();
        let meta = if kept.is_empty() { String::new() } else { format!("  {}", kept.join(" · ")) };
        let room = width.saturating_sub(cell_width(&meta));
        if title_width <= room || (room >= MIN_TITLE_CELLS && !kept.is_empty()) {
            return (truncate(title, room), meta);
        }
    }
    (truncate(title, width), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Vec<Option<String>> {
        ["9d ago", "14 events", "Codex", "01a22f08-1ace"].iter().map(|fact| Some(fact.to_string())).collect()
    }

    #[test]
    fn a_narrow_header_cuts_the_title_and_drops_facts_in_order() {
        let title = " Summarize this project: list the files and read the README.";
        let header = |width| {
            let (title, meta) = fit_header(title, &facts(), width);
            format!("{title}{meta}")
        };
        assert_eq!(header(120), format!("{title}  9d ago · 14 events · Codex · 01a22f08-1ace"));
        assert_eq!(header(80), " Summarize this project: list the f…  9d ago · 14 events · Codex · 01a22f08-1ace");
        assert_eq!(header(60), " Summarize this project: list t…  9d ago · 14 events · Codex");
        assert_eq!(header(50), " Summarize this project: list the…  9d ago · Codex");
        assert_eq!(header(40), " Summarize this project…  9d ago · Codex");
        assert_eq!(header(25), " Summarize this project:…");
        assert_eq!(fit_header(" Short", &facts(), 40).0, " Short", "a short title is never cut");
    }

    #[test]
    fn the_tokens_give_way_after_the_id_and_the_count() {
        let title = " Summarize this project";
        let mut facts = facts();
        facts.push(Some("9k in · 300 out · gpt-5-codex".to_string()));
        let header = |width| {
            let (title, meta) = fit_header(title, &facts, width);
            format!("{title}{meta}")
        };
        assert_eq!(
            header(120),
            " Summarize this project  9d ago · 14 events · Codex · 01a22f08-1ace · 9k in · 300 out · gpt-5-codex"
        );
        assert_eq!(header(90), " Summarize this project  9d ago · 14 events · Codex · 9k in · 300 out · gpt-5-codex");
        assert_eq!(header(75), " Summarize this project  9d ago · Codex · 9k in · 300 out · gpt-5-codex");
        assert_eq!(header(60), " Summarize this project  9d ago · Codex");
    }
}
