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
        _ if app.sidebar.total == 0 && app.search.is_none() => popup::welcome(frame.buffer_mut(), main, theme),
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
        crate::time::relative(session.updated_at, app.now),
        format!("{} events", session.event_count),
        sanitize_line(crate::agents::display_name(&session.source)).into_owned(),
    ];
    // The title first; then as many whole facts as still fit, never half of one.
    let width = usize::from(area.width);
    let meta = (0..=facts.len())
        .rev()
        .map(|n| if n == 0 { String::new() } else { format!("  {}", facts[..n].join(" · ")) })
        .find(|meta| cell_width(&title) + cell_width(meta) <= width)
        .unwrap_or_default();
    let header = Line::from(vec![
        Span::styled(truncate(&title, width), header_style),
        Span::styled(meta, header_style.patch(theme.pane_header_meta)),
    ]);
    buf.set_line(area.x, area.y, &header, area.width);
    let now = app.now.with_timezone(&offset);
    conversation::render(buf, body, state, theme, now);
}
