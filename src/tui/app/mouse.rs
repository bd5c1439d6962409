//! The mouse: the wheel scrolls the pane under the pointer, a click selects a session or a
//! message.

use anyhow::Result;

use super::{App, Backend, Focus};

/// Rows or sessions one wheel notch moves.
const WHEEL_STEP: usize = 3;

impl App {
    pub(super) fn wheel(&mut self, backend: &dyn Backend, column: u16, row: u16, down: bool) -> Result<()> {
        let panes = self.panes();
        let step = if down { WHEEL_STEP as i64 } else { -(WHEEL_STEP as i64) };
        if panes.sidebar.is_some_and(|area| contains(area, column, row)) {
            return self.move_selection(backend, step);
        }
        if down {
            self.conversation(backend, |c, s| c.scroll_down(s, WHEEL_STEP))
        } else {
            self.conversation(backend, |c, s| c.scroll_up(s, WHEEL_STEP))
        }
    }

    pub(super) fn click(&mut self, backend: &dyn Backend, column: u16, row: u16) -> Result<()> {
        let panes = self.panes();
        if let Some(area) = panes.sidebar.filter(|area| contains(*area, column, row)) {
            let body = crate::tui::layout::body(area);
            if row < body.y {
                return Ok(());
            }
            let item = usize::from((row - body.y) / crate::tui::layout::SIDEBAR_ITEM_ROWS);
            self.focus = Focus::Sidebar;
            let index = match &self.search {
                Some(search) => search.selected.saturating_sub(search.selected % panes.sidebar_capacity()) + item,
                None => self.sidebar.top + item,
            };
            let (current, count) = match &self.search {
                Some(search) => (search.selected, search.sessions.len()),
                None => (self.sidebar.selected, self.sidebar.total),
            };
            // Below the last item is empty space, not the last item.
            if index >= count {
                return Ok(());
            }
            return self.move_selection(backend, index as i64 - current as i64);
        }
        if let Some(body) = panes.conversation_body().filter(|area| contains(*area, column, row)) {
            self.focus = Focus::Conversation;
            let at = row - body.y;
            self.conversation(backend, |c, s| c.select_at_row(s, at))?;
        }
        Ok(())
    }
}

fn contains(area: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    column >= area.x && column < area.x + area.width && row >= area.y && row < area.y + area.height
}
